"""The checks of one meeting that span several fields, shared by the loader and the spreadsheet import.

`fields.check_record` checks each field alone; these check the fields against
each other and against the rest of the data. Each problem names the field it
is best shown on, so the import can point at a spreadsheet column while the
loader points at the record's line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection
from typing import Any

from bulletin.data.model import THEMATIC_KINDS, Cell
from bulletin.data.problems import quoted


def meeting_problems(m: dict[str, Any], year: int, outlines: Collection[str], as_of: dt.date) -> list[tuple[str, str]]:
    """(field name, Vietnamese message) for every cross-field problem of a checked meeting record.

    `m` is what `fields.check_record` returned for MEETING_FIELDS; `year` the
    year of the file it belongs in.
    """
    found: list[tuple[str, str]] = []
    day = m["date"]  # formatted only in a message: strftime for every meeting cost more than the check
    if day.year != year:
        found.append(("date", f"ngày {day:%d/%m/%Y} không thuộc năm {year} của tệp"))
    if day > as_of:
        found.append(("date", f"ngày {day:%d/%m/%Y} sau ngày tính số liệu {as_of:%d/%m/%Y}"))
    if m["kind"] in THEMATIC_KINDS and not m["topic"]:
        found.append(("topic", f"sinh hoạt '{quoted(m['kind'])}' cần trường `topic` (đề cương chuyên đề)"))
    if m["topic"] and m["topic"] not in outlines:
        hint = suggest(m["topic"], outlines)
        found.append(("topic", f"không có đề cương '{quoted(m['topic'])}' trong thư mục topics/ {hint}".rstrip()))
    if m["present"] + m["excused"] + m["exempt"] > m["members"]:
        found.append(
            (
                "present",
                f"dự họp ({quoted(m['present'])}) + vắng có lý do ({quoted(m['excused'])}) "
                f"+ miễn sinh hoạt ({quoted(m['exempt'])}) "
                f"lớn hơn số đảng viên ({quoted(m['members'])})",
            )
        )
    if m["speakers"] > m["present"]:
        found.append(("speakers", f"số phát biểu ({quoted(m['speakers'])}) lớn hơn số dự họp ({quoted(m['present'])})"))
    return found


def suggest(ref: str, outlines: Collection[str]) -> str:
    """'(có phải 'x'?)' for the outline reference closest to a mistyped one, or ''."""
    close = difflib.get_close_matches(ref, list(outlines), n=1, cutoff=0.6)
    return f"(có phải '{close[0]}'?)" if close else ""


def outside_life(cell: Cell, day: dt.date) -> str | None:
    """Why a meeting on `day` cannot have happened (before `founded`, after `dissolved`), or None."""
    if cell.founded and day < cell.founded:
        return f"ngày {day:%d/%m/%Y} trước ngày thành lập chi bộ ({cell.founded:%d/%m/%Y}, trường `founded`)"
    if cell.dissolved and day > cell.dissolved:
        return f"ngày {day:%d/%m/%Y} sau ngày giải thể chi bộ ({cell.dissolved:%d/%m/%Y}, trường `dissolved`)"
    return None

"""Turning the rows of a filled template into meetings: validate every row, then plan what to append where.

Each row goes through the build's own checks (`fields.check_record`, then
`meeting_checks.meeting_problems`), so a file the import accepts is one the
build accepts. Problems are reported by row and column heading; nothing is
written unless the whole file is clean.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin.data import fields
from bulletin.data.meeting_checks import meeting_problems, outside_life
from bulletin.data.model import MEETING_FIELDS, Dataset, Meeting, Source
from bulletin.data.problems import Problems
from bulletin.data.references import joint_problem
from bulletin.data.yamlmarks import MarkedDict
from bulletin.entry.columns import BY_KEY, PREFILLED, blank, to_record_value
from bulletin.entry.sheets import Sheet, SheetProblem
from bulletin.entry.yamltext import Appended, CannotAppend, append, entry_lines, header, meeting_values

_ORDER = [f.name for f in MEETING_FIELDS]


@dataclass(frozen=True)
class Row:
    number: int
    meeting: Meeting


@dataclass
class Plan:
    sheet: str | None
    added: list[Row] = field(default_factory=list)
    recorded: list[Row] = field(default_factory=list)  # "đã có": equal to a meeting already in the data
    unreported: list[tuple[int, str]] = field(default_factory=list)  # (row, cell id): left empty
    problems: list[SheetProblem] = field(default_factory=list)
    conflicts: list[SheetProblem] = field(default_factory=list)
    files: dict[Path, Appended] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.problems and not self.conflicts


def _month_of(sheet: Sheet) -> tuple[int, int] | None:
    """The month the file is for: the template says it; a file that does not (a CSV) is for the month most
    of its dates fall in, so a stray date from another month or year stands out."""
    if sheet.month:
        year, month = sheet.month.split("-")
        return int(year), int(month)
    counts: Counter[tuple[int, int]] = Counter()
    for _, values in sheet.rows:
        text = to_record_value(BY_KEY["date"].field, values.get("date")) if "date" in values else None  # type: ignore[arg-type]
        with contextlib.suppress(TypeError, ValueError):
            day = dt.date.fromisoformat(str(text))
            counts[(day.year, day.month)] += 1
    if not counts:
        return None
    return max(counts, key=lambda ym: (counts[ym], ym))


def plan(sheet: Sheet, data: Dataset, as_of: dt.date, meetings_dir: Path) -> Plan:
    result = Plan(sheet.name, problems=list(sheet.problems))
    seen: dict[tuple[str, dt.date], int] = {}
    month = _month_of(sheet)
    for number, values in sheet.rows:
        meeting = _row(sheet.name, number, values, data, as_of, result, month)
        if meeting is None:
            continue
        twin = seen.setdefault((meeting.cell_id, meeting.date), number)
        if twin != number:
            result.problems.append(
                SheetProblem(sheet.name, number, BY_KEY["date"].heading, f"trùng chi bộ và ngày họp với dòng {twin}")
            )
            continue
        same_day = [
            dataclasses.replace(m, source=Source("")) for m in data.meetings_of(meeting.cell_id) if m.date == meeting.date
        ]
        if meeting in same_day:
            result.recorded.append(Row(number, meeting))
        elif same_day:
            old = next(m for m in data.meetings_of(meeting.cell_id) if m.date == meeting.date)
            result.conflicts.append(
                SheetProblem(
                    sheet.name,
                    number,
                    None,
                    f"khác với cuộc sinh hoạt ngày {meeting.date:%d/%m/%Y} đã ghi ở {old.source.path}:{old.source.line} "
                    f"({_differences(old, meeting)}); không ghi đè, hãy sửa bằng tay nếu cần",
                )
            )
        else:
            result.added.append(Row(number, meeting))
    _joint(result, data)
    if result.clean:
        _files(result, data, meetings_dir)
    return result


def _row(
    sheet: str | None,
    number: int,
    values: dict[str, Any],
    data: Dataset,
    as_of: dt.date,
    result: Plan,
    month: tuple[int, int] | None,
) -> Meeting | None:
    cell_id = "" if blank(values.get("cell")) else str(values["cell"]).strip()
    if all(blank(v) for k, v in values.items() if k not in PREFILLED):
        if cell_id:
            result.unreported.append((number, cell_id))
        return None

    def problem(key: str | None, message: str) -> None:
        result.problems.append(SheetProblem(sheet, number, BY_KEY[key].heading if key else None, message))

    cell = data.cells.get(cell_id)
    if not cell_id:
        problem("cell", "chưa điền mã chi bộ")
    elif cell is None:
        close = difflib.get_close_matches(cell_id, list(data.cells), n=1, cutoff=0.6)
        problem("cell", f"không có chi bộ '{cell_id}'" + (f" (có phải '{close[0]}'?)" if close else ""))
    elif not cell.active and cell.dissolved is None:
        # Dissolved at an unknown date: no meeting can be placed in its life (a dated one is
        # checked against `dissolved` below, as the data files are).
        problem("cell", f"chi bộ '{cell_id}' đã thôi hoạt động (không ghi ngày giải thể, trường `dissolved`)")
    # The row as a record: each field's "line" is its position, so every problem names its column.
    record = MarkedDict()
    record.line, record.duplicates = 0, []
    record.key_lines = {name: i + 1 for i, name in enumerate(_ORDER)}
    for f in MEETING_FIELDS:
        if f.name in values and not blank(values[f.name]):
            record[f.name] = to_record_value(f, values[f.name])
    found = Problems()
    checked = fields.check_record(record, MEETING_FIELDS, "", found, line=0, what="cuộc sinh hoạt")
    for p in found:
        name = _ORDER[p.line - 1] if p.line else None
        problem(name, _for_sheet(name, p.message))
    if checked is None:
        return None
    cross = meeting_problems(checked, checked["date"].year, data.outlines, as_of)
    day = checked["date"]
    if month is not None and (day.year, day.month) != month:
        # 20/10/2024 in the October 2026 file, or 10/05/2026 that Excel read month-first (5 October).
        cross.append(
            ("date", f"ngày {day:%d/%m/%Y} không thuộc tháng {month[1]}/{month[0]} của biểu mẫu (ghi ngày/tháng/năm, ví dụ "
             f"05/{month[1]:02d}/{month[0]})")
        )  # fmt: skip
    outside = outside_life(cell, checked["date"]) if cell is not None else None
    if outside:
        cross.append(("date", outside))
    for name, message in cross:
        problem(name, message)
    if cross or cell is None or (not cell.active and cell.dissolved is None):
        return None
    return Meeting(cell_id=cell_id, **checked)


def _joint(result: Plan, data: Dataset) -> None:
    """The build's joint-meeting check, against the data as it would be after this batch: a joint
    meeting whose partner has no record of it would be written, then stop the site building."""
    rows = [r for r in result.added if r.meeting.joint_with]
    if not rows:
        return
    after = dict(data.meetings)
    for r in result.added:
        after[r.meeting.cell_id] = [*after.get(r.meeting.cell_id, []), r.meeting]
    view = dataclasses.replace(data, meetings=after)
    heading = BY_KEY["joint_with"].heading
    for r in rows:
        for partner in r.meeting.joint_with:
            message = joint_problem(view, r.meeting, partner)
            if message:
                message = message.removeprefix("`joint_with`: ")
                if "chưa ghi" in message:
                    message += " hoặc thêm dòng của chi bộ đó vào biểu mẫu"
                result.problems.append(SheetProblem(result.sheet, r.number, heading, message))


def _for_sheet(name: str | None, message: str) -> str:
    """A field problem worded for a column: the column is named already."""
    if name and "thiếu trường bắt buộc" in message:
        return "chưa điền (bắt buộc)"
    prefix = f"`{name}` "
    return message[len(prefix) :] if name and message.startswith(prefix) else message


def _differences(old: Meeting, new: Meeting) -> str:
    changed = [
        f"{BY_KEY[f.name].heading}: {_shown(getattr(old, f.name))} → {_shown(getattr(new, f.name))}"
        for f in MEETING_FIELDS
        if getattr(old, f.name) != getattr(new, f.name)
    ]
    return "; ".join(changed)


def _shown(value: Any) -> str:
    if value is None or value == ():
        return "trống"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _files(result: Plan, data: Dataset, meetings_dir: Path) -> None:
    """Group the new meetings by year file and append each group, in date order."""
    groups: dict[Path, list[Row]] = defaultdict(list)
    for row in result.added:
        groups[meetings_dir / row.meeting.cell_id / f"{row.meeting.date.year}.yml"].append(row)
    for path, rows in sorted(groups.items()):
        rows.sort(key=lambda r: r.meeting.date)
        old = path.read_bytes() if path.exists() else None
        cell = data.cells[rows[0].meeting.cell_id]
        entries = [entry_lines(meeting_values(r.meeting)) for r in rows]
        try:
            result.files[path] = append(old, entries, header(cell.name, rows[0].meeting.date.year))
        except CannotAppend as e:
            where = f"meetings/{cell.id}/{path.name}"
            result.problems.append(SheetProblem(result.sheet, rows[0].number, None, f"tệp {where}: {e}"))

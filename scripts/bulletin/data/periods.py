"""Fields that hold periods: a cell's supervisors over time, and when it may meet online.

`supervisor: nguyen-van-a` (one member, always) or a list as assignments change:

    supervisor:
      - member: nguyen-van-a
        to: 2026-03-31
      - member: tran-thi-b
        from: 2026-04-01

`online_allowed: true` (always), or a list of `- from: … to: …` periods.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from bulletin.data.model import Assignment, Period
from bulletin.data.problems import quoted
from bulletin.data.yamlmarks import MarkedDict

_ASSIGNMENT_KEYS = ("member", "from", "to")
_PERIOD_KEYS = ("from", "to")


def _date(value: Any, key: str) -> tuple[dt.date | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, f"`{key}` phải là một ngày dạng YYYY-MM-DD, đang là '{quoted(value)}'"


def _period(item: MarkedDict, keys: tuple[str, ...]) -> tuple[Period | None, str | None]:
    for key in item:
        if key not in keys:
            return None, f"khoảng thời gian có trường lạ `{quoted(key)}` (được dùng: {', '.join(keys)})"
    start, error = _date(item.get("from"), "from")
    if error:
        return None, error
    end, error = _date(item.get("to"), "to")
    if error:
        return None, error
    if start and end and start > end:
        return None, f"`from` ({start:%d/%m/%Y}) sau `to` ({end:%d/%m/%Y})"
    return Period(start, end), None


def _overlap(periods: list[Period]) -> bool:
    low = dt.date.min
    high = dt.date.max
    spans = sorted(((p.start or low), (p.end or high)) for p in periods)
    return any(b[0] <= a[1] for a, b in pairwise(spans))


def convert_assignments(value: Any) -> tuple[tuple[Assignment, ...] | None, str | None]:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return ((Assignment(text),), None) if text else (None, "không được để trống")
    if not isinstance(value, list) or not value:
        return None, "phải là mã cấp ủy viên, hoặc danh sách `- member: <mã>` kèm `from`/`to`"
    out = []
    for index, item in enumerate(value):
        line = value.line_of(index) if hasattr(value, "line_of") else 0
        if not isinstance(item, MarkedDict):
            return None, f"mỗi mục phải có dạng `member: <mã>` (kèm `from`, `to` nếu cần), có mục đang là {quoted(item)}"
        member = item.get("member")
        if not isinstance(member, str) or not member.strip():
            return None, f"mục ở dòng {line} thiếu `member` (mã cấp ủy viên)"
        period, error = _period(item, _ASSIGNMENT_KEYS)
        if error or period is None:
            return None, f"mục ở dòng {line}: {error}"
        out.append(Assignment(member.strip(), period, line))
    clash = _first_overlap(out)
    if clash:
        a, b = clash
        return None, (
            f"mục ở dòng {b.line} ('{b.member[:40]}', {_span(b.period)}) trùng thời gian với mục ở dòng {a.line} "
            f"('{a.member[:40]}', {_span(a.period)}): mỗi lúc chỉ một cấp ủy viên phụ trách; "
            "ghi `to` cho người trước và `from` cho người sau, không chồng nhau"
        )
    return tuple(out), None


def _span(p: Period) -> str:
    start = f"{p.start:%d/%m/%Y}" if p.start else "không ghi ngày đầu"
    end = f"{p.end:%d/%m/%Y}" if p.end else "chưa kết thúc"
    return f"{start} – {end}"


def _first_overlap(assignments: list[Assignment]) -> tuple[Assignment, Assignment] | None:
    """The first two assignments whose periods share a day (open ends reach as far as they can)."""
    ordered = sorted(assignments, key=lambda a: (a.period.start or dt.date.min, a.line))
    reach: Assignment | None = None  # the earlier assignment ending last
    for a in ordered:
        if reach is not None and (a.period.start or dt.date.min) <= (reach.period.end or dt.date.max):
            return reach, a
        if reach is None or (a.period.end or dt.date.max) > (reach.period.end or dt.date.max):
            reach = a
    return None


def convert_periods(value: Any) -> tuple[tuple[Period, ...] | None, str | None]:
    if isinstance(value, bool):
        return ((Period(),) if value else ()), None
    if not isinstance(value, list):
        return None, "phải là true, false hoặc danh sách `- from: YYYY-MM-DD` (kèm `to` nếu có)"
    out = []
    for item in value:
        if not isinstance(item, MarkedDict):
            return None, f"mỗi khoảng thời gian phải có dạng `from: …` / `to: …`, có mục đang là {quoted(item)}"
        period, error = _period(item, _PERIOD_KEYS)
        if error or period is None:
            return None, error
        out.append(period)
    if _overlap(out):
        return None, "các khoảng thời gian chồng lên nhau"
    return tuple(out), None

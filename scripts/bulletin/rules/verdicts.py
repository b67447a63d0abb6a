"""The rules of Hướng dẫn 12-HD/BTCTW, judged per cell and year.

Which rule applies to which meeting (see the domain notes):
- a regular meeting every month: a thuong-ky or ket-hop meeting counts;
- a thematic meeting every quarter: a chuyen-de or ket-hop meeting counts;
- attendance and speakers: over all the year's meetings, bat-thuong included;
- 90–120 minutes: each thuong-ky, chuyen-de and ket-hop meeting;
- held by the deadline day: each month's first regular meeting.
Months and quarters are judged once they have ended by the as-of date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from bulletin.data.model import REGULAR_KINDS, THEMATIC_KINDS, TIMED_KINDS, Cell, Dataset, Meeting
from bulletin.data.settings import Rules, Settings
from bulletin.rules.quality import online_reasons
from bulletin.text import vi


@dataclass(frozen=True, slots=True)
class CellYear:
    cell_id: str
    year: int
    meetings: int
    regular_months: tuple[int, ...]  # months with a regular meeting
    thematic_quarters: tuple[int, ...]  # quarters with a thematic meeting
    months_due: int  # months judged so far (12 for a past year)
    quarters_due: int
    late_months: tuple[int, ...]  # months whose first regular meeting was after the deadline
    attendance_pct: float | None
    speakers_pct: float | None
    reasons: tuple[str, ...]

    @property
    def compliant(self) -> bool:
        return not self.reasons

    @property
    def months_held_due(self) -> int:
        """Months due that had their regular meeting (the current month may be held early too)."""
        return self.months_due - len(self.missing_months)

    @property
    def quarters_held_due(self) -> int:
        return self.quarters_due - len(self.missing_quarters)

    @property
    def missing_months(self) -> tuple[int, ...]:
        return tuple(m for m in range(1, self.months_due + 1) if m not in self.regular_months)

    @property
    def missing_quarters(self) -> tuple[int, ...]:
        return tuple(q for q in range(1, self.quarters_due + 1) if q not in self.thematic_quarters)


def months_due(year: int, as_of: dt.date) -> int:
    """How many months of `year` have ended by the as-of date (a month's last day ends it)."""
    if year < as_of.year:
        return 12
    if year > as_of.year:
        return 0
    last_day = (as_of + dt.timedelta(days=1)).month != as_of.month
    return as_of.month if last_day else as_of.month - 1


def meeting_breaches(m: Meeting, rules: Rules, first_regular: bool) -> list[str]:
    """The per-meeting rules a meeting breaks, in words for its row and the year's reasons."""
    found = []
    if m.kind in TIMED_KINDS and not rules.duration_min <= m.duration <= rules.duration_max:
        found.append(
            f"Sinh hoạt ngày {vi.date(m.date)} kéo dài {m.duration} phút (yêu cầu {rules.duration_min}–{rules.duration_max} phút)"
        )
    if first_regular and m.date.day > rules.deadline_day:
        found.append(
            f"Sinh hoạt thường kỳ tháng {m.date.month} muộn: ngày {vi.date(m.date)} "
            f"(yêu cầu trước hoặc vào ngày {rules.deadline_day})"
        )
    return found


def first_regular_meetings(meetings: list[Meeting]) -> set[int]:
    """ids of each month's first regular meeting (the one the deadline rule judges)."""
    firsts: dict[tuple[int, int], Meeting] = {}
    for m in sorted(meetings, key=lambda m: m.date):
        if m.kind in REGULAR_KINDS:
            firsts.setdefault((m.date.year, m.date.month), m)
    return {id(m) for m in firsts.values()}


def judge_year(cell_id: str, year: int, meetings: list[Meeting], settings: Settings) -> CellYear:
    rules = settings.rules
    held = [m for m in meetings if m.date.year == year]
    due = months_due(year, settings.as_of)
    regular = sorted({m.date.month for m in held if m.kind in REGULAR_KINDS})
    thematic = sorted({(m.date.month - 1) // 3 + 1 for m in held if m.kind in THEMATIC_KINDS})
    attendance = vi.pct(sum(m.present for m in held), sum(m.expected for m in held))
    speakers = vi.pct(sum(m.speakers for m in held), sum(m.present for m in held))

    reasons = [f"Chưa sinh hoạt thường kỳ tháng {mo}" for mo in range(1, due + 1) if mo not in regular]
    reasons += [f"{vi.quarter(q)} chưa sinh hoạt chuyên đề" for q in range(1, due // 3 + 1) if q not in thematic]
    if attendance is not None and attendance < rules.attendance_min:
        reasons.append(f"Tỷ lệ dự họp {vi.percent(attendance)} (yêu cầu ≥ {vi.threshold(rules.attendance_min)}%)")
    if speakers is not None and speakers < rules.speakers_min:
        reasons.append(f"Tỷ lệ phát biểu {vi.percent(speakers)} (yêu cầu ≥ {vi.threshold(rules.speakers_min)}%)")
    firsts = first_regular_meetings(held)
    late = []
    for m in held:
        breaches = meeting_breaches(m, rules, id(m) in firsts)
        reasons += breaches
        if id(m) in firsts and m.date.day > rules.deadline_day:
            late.append(m.date.month)
    return CellYear(
        cell_id=cell_id,
        year=year,
        meetings=len(held),
        regular_months=tuple(regular),
        thematic_quarters=tuple(thematic),
        months_due=due,
        quarters_due=due // 3,
        late_months=tuple(late),
        attendance_pct=attendance,
        speakers_pct=speakers,
        reasons=tuple(reasons),
    )


def judged_years(cell: Cell, meetings: list[Meeting], as_of: dt.date) -> list[int]:
    """The years a cell is judged on: from its first meeting to the as-of year (or, if
    dissolved, its last meeting), so a gap year with no meetings is judged too."""
    years = [m.date.year for m in meetings]
    first = min(years, default=as_of.year)
    last = as_of.year if cell.active else max(years, default=first - 1)
    return list(range(first, last + 1))


def judge(data: Dataset, settings: Settings) -> dict[str, list[CellYear]]:
    """Every cell's years, oldest first. With committee.yml, an online meeting of a cell not
    designated for it is a reason too (rules/quality.py)."""
    result = {}
    for cell_id, cell in data.cells.items():
        meetings = data.meetings_of(cell_id)
        years = [judge_year(cell_id, y, meetings, settings) for y in judged_years(cell, meetings, settings.as_of)]
        if data.committee is not None:
            years = [
                replace(cy, reasons=cy.reasons + tuple(online_reasons(cell, [m for m in meetings if m.date.year == cy.year])))
                for cy in years
            ]
        result[cell_id] = years
    return result

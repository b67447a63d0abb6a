"""One quarter's figures for the whole organisation: the overview's quarter table and the
quarterly report (báo cáo) are both rendered from `quarter_figures`, so they cannot disagree.

- due: a cell-month is due when the month has ended by the as-of date and the cell is expected to
  meet in it (`monthly.Calendar`); held when the cell had a regular meeting that month;
- thematic: cells due in the quarter (due in every month of it) with a chuyen-de or ket-hop meeting;
- attendance and speakers: over every meeting of the quarter, as the year's figures;
- duration: thuong-ky, chuyen-de and ket-hop meetings within the bounds of the guidance in force
  on their date (`verdicts.meeting_breaches`: HD 12 before 28/10/2025, HD 42 from then);
- supervision: visits (lượt) and cells visited (`supervision.py`), when committee.yml exists;
- score: the mean of the quarter's scored meetings (`quality.py`);
- falling short: each due cell with a month missed, no thematic meeting, attendance below target
  or a meeting outside the duration bounds in the quarter, with those reasons (the duration
  reasons are the cell page's own words).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bulletin.data.model import REGULAR_KINDS, THEMATIC_KINDS, TIMED_KINDS, Dataset, Meeting
from bulletin.data.settings import Settings
from bulletin.rules.due import last_day
from bulletin.rules.monthly import Calendar
from bulletin.rules.quality import score_average
from bulletin.rules.supervision import Supervision
from bulletin.rules.verdicts import duration_breach, in_force
from bulletin.text import vi


@dataclass(frozen=True)
class Shortfall:
    cell_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class QuarterFigures:
    year: int
    quarter: int
    ended: bool
    cells_due: int = 0  # cells due in every month of the quarter
    months_held: int = 0  # cell-months held, of those due
    months_due: int = 0
    thematic_cells: int = 0  # cells due with a thematic meeting
    thematic_meetings: int = 0
    meetings: int = 0
    present: int = 0
    expected: int = 0
    speakers: int = 0
    timed: int = 0
    timed_ok: int = 0
    visits: int | None = None  # None: supervision not tracked (no committee.yml)
    cells_visited: int | None = None
    score_avg: float | None = None
    scored: int = 0
    guidance: tuple[str, ...] = ()  # the rule sets on duration in force in the quarter ("HD 12", "HD 42")
    short: tuple[Shortfall, ...] = ()

    @property
    def label(self) -> str:
        return f"quý {vi.QUARTERS[self.quarter - 1]} năm {self.year}"

    @property
    def months_pct(self) -> float | None:
        return vi.pct(self.months_held, self.months_due)

    @property
    def thematic_pct(self) -> float | None:
        return vi.pct(self.thematic_cells, self.cells_due)

    @property
    def attendance_pct(self) -> float | None:
        return vi.pct(self.present, self.expected)

    @property
    def speakers_pct(self) -> float | None:
        return vi.pct(self.speakers, self.present)

    @property
    def duration_pct(self) -> float | None:
        return vi.pct(self.timed_ok, self.timed)

    @property
    def visited_pct(self) -> float | None:
        return None if self.cells_visited is None else vi.pct(self.cells_visited, self.cells_due)


def quarter_end(year: int, quarter: int) -> dt.date:
    return last_day(year, 3 * quarter)


def ended_quarters(years: list[int], as_of: dt.date) -> list[tuple[int, int]]:
    """Every quarter of `years` that has ended by the as-of date, oldest first."""
    return [(y, q) for y in sorted(years) for q in range(1, 5) if quarter_end(y, q) <= as_of]


def quarter_figures(
    data: Dataset,
    settings: Settings,
    year: int,
    quarter: int,
    calendar: Calendar | None = None,
    supervision: Supervision | None = None,
    order: dict[str, int] | None = None,
) -> QuarterFigures:
    """`order`: each cell's place in Vietnamese order of names (computed once per build by the caller)."""
    as_of = settings.as_of
    rules = settings.rules
    calendar = calendar or Calendar(data, as_of)
    supervision = supervision or Supervision(data)
    months = range(3 * quarter - 2, 3 * quarter + 1)
    ended_months = [mo for mo in months if last_day(year, mo) <= as_of]
    held = [m for mo in months for m in calendar.by_month.get((year, mo), []) if m.date <= as_of]
    by_cell: dict[str, list[Meeting]] = {}
    for m in held:
        by_cell.setdefault(m.cell_id, []).append(m)

    # Judged once per meeting (by id: the cell's reasons and the quarter's count both need it).
    off_time = {id(m): b for m in held if (b := duration_breach(m, rules)) is not None}
    months_held = months_due = cells_due = thematic_cells = 0
    short = []
    for cell_id in data.cells:
        mine = by_cell.get(cell_id, [])
        owes = {mo: calendar.expected_to_meet(cell_id, year, mo) for mo in months}
        due = bool(ended_months) and all(owes.values())  # due in every month of the quarter
        has_thematic = any(m.kind in THEMATIC_KINDS for m in mine)
        cells_due += due
        thematic_cells += due and has_thematic
        regular = {m.date.month for m in mine if m.kind in REGULAR_KINDS}
        missing = []
        for mo in ended_months:
            if owes[mo]:
                months_due += 1
                if mo in regular:
                    months_held += 1
                else:
                    missing.append(mo)
        reasons = [f"Không sinh hoạt thường kỳ tháng {mo}" for mo in missing]
        if due and len(ended_months) == 3 and not has_thematic:
            reasons.append(f"{vi.quarter(quarter)} không sinh hoạt chuyên đề")
        att = vi.pct(sum(m.present for m in mine), sum(m.expected for m in mine))
        if att is not None and att < rules.attendance_min:
            reasons.append(f"Tỷ lệ dự họp {vi.percent(att)} (chỉ tiêu ≥ {vi.threshold(rules.attendance_min)}%)")
        reasons += [off_time[id(m)].text for m in mine if id(m) in off_time]
        if reasons:
            short.append(Shortfall(cell_id, tuple(reasons)))
    if order is None:
        order = {c: i for i, c in enumerate(sorted(data.cells, key=lambda c: vi.sort_key(data.cells[c].name)))}
    short.sort(key=lambda s: (-len(s.reasons), order[s.cell_id]))

    timed = [m for m in held if m.kind in TIMED_KINDS]
    thematic = [m for m in held if m.kind in THEMATIC_KINDS]
    visits = visited = None
    if supervision.enabled:
        visits = sum(supervision.month_visits(year, mo, as_of) for mo in months)
        last = ended_months[-1] if ended_months else None
        if last is not None:
            visited, _, _ = supervision.quarter_share(calendar, year, quarter, last_month=months[-1], cutoff=as_of)
    return QuarterFigures(
        year=year,
        quarter=quarter,
        ended=len(ended_months) == 3,
        cells_due=cells_due,
        months_held=months_held,
        months_due=months_due,
        thematic_cells=thematic_cells,
        thematic_meetings=len(thematic),
        meetings=len(held),
        present=sum(m.present for m in held),
        expected=sum(m.expected for m in held),
        speakers=sum(m.speakers for m in held),
        timed=len(timed),
        timed_ok=sum(1 for m in timed if id(m) not in off_time),
        guidance=tuple(rs.short for rs in in_force(rules, dt.date(year, months[0], 1), last_day(year, months[-1]))),
        visits=visits,
        cells_visited=visited,
        score_avg=score_average(held),
        scored=sum(1 for m in held if m.score is not None),
        short=tuple(short),
    )

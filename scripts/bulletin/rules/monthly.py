"""The month's figures that a bulletin issue reports: how the organisation's cells met in one month.

An issue of month M reports month M-1, compared with the same month a year before.
The formulas are those of `rules.verdicts`, over one month instead of one year:
- cells expected to meet: those that existed on every day of the month (`rules.due`, the calendar
  the verdicts use), so a cell founded or dissolved in the month, or dissolved before it, is
  never reported as "not meeting";
- a cell met when it held a regular meeting (thuong-ky or ket-hop) that month;
- attendance = Σpresent / Σ(members − exempt) and speakers = Σspeakers / Σpresent over every
  meeting of the month, all kinds, as percentages with one decimal rounded half up (`vi.pct`);
- thematic meetings: chuyen-de and ket-hop meetings, with the outlines they were held on.

Two decisions (documented in the README):
- a month that has not ended by the as-of date (its last day ends it, as in `rules.due`)
  is `partial`: its figures count the meetings recorded so far and are labelled provisional,
  its cells "not yet met" may still meet, and it is compared with the same days of the month a
  year before (to 23/11/2025 for a month seen on 23/11/2026); a month not begun is `future`;
- a month with no meeting recorded by any cell is `no-data`: no figures and no list of cells
  that "did not meet" (a whole organisation with no record is data not entered yet, not
  45 failures to print in a bulletin).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from bulletin.data.model import REGULAR_KINDS, THEMATIC_KINDS, Dataset, Meeting
from bulletin.data.settings import Settings
from bulletin.rules.due import DueCalendar, last_day
from bulletin.text import vi

Status = Literal["complete", "partial", "future", "no-data"]


@dataclass(frozen=True)
class TopicUse:
    ref: str  # "theme/id"
    meetings: int
    cells: int


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    status: Status
    cells_expected: int = 0
    cells_met: int = 0
    not_met: tuple[str, ...] = ()  # cell ids expected but without a regular meeting, by name
    meetings: int = 0  # every kind
    present: int = 0
    expected_attendance: int = 0  # Σ(members − exempt)
    speakers: int = 0
    attendance_pct: float | None = None
    speakers_pct: float | None = None
    thematic_meetings: int = 0
    thematic_cells: int = 0
    topics: tuple[TopicUse, ...] = ()  # most held first
    cutoff: dt.date | None = None  # meetings counted up to this day

    @property
    def has_figures(self) -> bool:
        return self.status in ("complete", "partial")

    @property
    def met_pct(self) -> float | None:
        return vi.pct(self.cells_met, self.cells_expected)


@dataclass(frozen=True)
class IssueFigures:
    """What an issue reports: the month before it, and that month a year earlier."""

    current: MonthFigures
    year_before: MonthFigures
    as_of: dt.date


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def month_status(year: int, month: int, as_of: dt.date) -> Status:
    if as_of < dt.date(year, month, 1):
        return "future"
    return "complete" if as_of >= last_day(year, month) else "partial"


class Calendar:
    """The meetings of each month, indexed once per build (every issue asks about two months, and
    scanning all meetings for each would grow with issues × meetings), and the due calendar."""

    def __init__(self, data: Dataset, as_of: dt.date, due: DueCalendar | None = None) -> None:
        self.by_month: dict[tuple[int, int], list[Meeting]] = {}
        for ms in data.meetings.values():
            for m in ms:
                self.by_month.setdefault((m.date.year, m.date.month), []).append(m)
        self.due = due or DueCalendar(data, as_of)

    def expected_to_meet(self, cell_id: str, year: int, month: int) -> bool:
        """The cell owes this month's regular meeting: it existed on every day of the month."""
        return self.due.owes_month(cell_id, year, month)


def month_figures(
    data: Dataset,
    settings: Settings,
    year: int,
    month: int,
    cutoff: dt.date | None = None,
    calendar: Calendar | None = None,
) -> MonthFigures:
    """The month's figures counting meetings up to `cutoff` (default: the as-of date)."""
    as_of = settings.as_of
    cutoff = cutoff or as_of
    status = month_status(year, month, cutoff)
    if status == "future":
        return MonthFigures(year, month, status, cutoff=cutoff)
    calendar = calendar or Calendar(data, as_of)
    held = [m for m in calendar.by_month.get((year, month), []) if m.date <= cutoff]
    if not held:
        return MonthFigures(year, month, "no-data", cutoff=cutoff)
    expected = [cid for cid in data.cells if calendar.expected_to_meet(cid, year, month)]
    regular = {m.cell_id for m in held if m.kind in REGULAR_KINDS}
    thematic = [m for m in held if m.kind in THEMATIC_KINDS]
    uses: Counter[str] = Counter(m.topic for m in thematic if m.topic)
    cells_on: dict[str, set[str]] = {}
    for m in thematic:
        if m.topic:
            cells_on.setdefault(m.topic, set()).add(m.cell_id)
    topics = sorted(
        (TopicUse(ref, uses[ref], len(cells_on[ref])) for ref in uses),
        key=lambda t: (-t.meetings, vi.sort_key(data.outlines[t.ref].title if t.ref in data.outlines else t.ref)),
    )
    not_met = sorted((c for c in expected if c not in regular), key=lambda c: vi.sort_key(data.cells[c].name))
    present = sum(m.present for m in held)
    exp_att = sum(m.expected for m in held)
    speakers = sum(m.speakers for m in held)
    return MonthFigures(
        year=year,
        month=month,
        status=status,
        cells_expected=len(expected),
        cells_met=sum(1 for c in expected if c in regular),
        not_met=tuple(not_met),
        meetings=len(held),
        present=present,
        expected_attendance=exp_att,
        speakers=speakers,
        attendance_pct=vi.pct(present, exp_att),
        speakers_pct=vi.pct(speakers, present),
        thematic_meetings=len(thematic),
        thematic_cells=len({m.cell_id for m in thematic}),
        topics=tuple(topics),
        cutoff=cutoff,
    )


def issue_figures(data: Dataset, settings: Settings, year: int, month: int, calendar: Calendar | None = None) -> IssueFigures:
    """The figures an issue of `year`-`month` reports."""
    calendar = calendar or Calendar(data, settings.as_of)
    y, m = previous_month(year, month)
    current = month_figures(data, settings, y, m, calendar=calendar)
    # A provisional month is compared with the same days a year before, not with a whole month.
    before = _year_earlier(settings.as_of) if current.status == "partial" else None
    return IssueFigures(current, month_figures(data, settings, y - 1, m, before, calendar), settings.as_of)


def _year_earlier(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=min(day.day, last_day(day.year - 1, day.month).day))

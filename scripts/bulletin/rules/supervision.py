"""Supervision (cấp ủy viên phụ trách dự sinh hoạt): who attended which cell's meetings.

A visit (lượt) is one committee member, assigned to the cell on the meeting's date (`supervisor`,
with its periods), listed among that meeting's `guests` by id. A member attending a cell they do
not follow is a guest, not a supervision visit. Nothing here exists without committee.yml.

Which cells are due in a quarter comes from the month calendar the bulletin figures use
(`monthly.Calendar.expected_to_meet`): a cell is due in a quarter when it is expected to meet in
every month of it counted so far.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from bulletin.data.model import Dataset, Meeting
from bulletin.rules.monthly import Calendar
from bulletin.text import vi


@dataclass(frozen=True, slots=True)
class Visit:
    member: str
    cell_id: str
    date: dt.date


class Supervision:
    """Every visit, indexed once per build."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.enabled = data.committee is not None
        self.visits: list[Visit] = []
        self.by_cell_month: dict[tuple[str, int, int], list[Visit]] = defaultdict(list)
        if not self.enabled:
            return
        for cell_id, meetings in data.meetings.items():
            cell = data.cells[cell_id]
            for m in meetings:
                for member in visits_at(m, cell.supervisors_on(m.date)):
                    v = Visit(member, cell_id, m.date)
                    self.visits.append(v)
                    self.by_cell_month[(cell_id, m.date.year, m.date.month)].append(v)

    def month_visits(self, year: int, month: int, cutoff: dt.date | None = None) -> int:
        """Visits (lượt) in one month, counting meetings up to `cutoff`."""
        return sum(
            1 for v in self.visits if (v.date.year, v.date.month) == (year, month) and (cutoff is None or v.date <= cutoff)
        )

    def visited(self, cell_id: str, year: int, months: range | list[int], cutoff: dt.date | None = None) -> bool:
        return any(cutoff is None or v.date <= cutoff for mo in months for v in self.by_cell_month.get((cell_id, year, mo), ()))

    def member_attended(self, member: str, cell_id: str, year: int, month: int) -> bool:
        return any(v.member == member for v in self.by_cell_month.get((cell_id, year, month), ()))

    def quarter_share(
        self, calendar: Calendar, year: int, quarter: int, last_month: int | None = None, cutoff: dt.date | None = None
    ) -> tuple[int, int, list[str]]:
        """(cells visited, cells due, the due cells not visited) in a quarter, up to `last_month` of it."""
        first = 3 * quarter - 2
        months = range(first, (last_month or first + 2) + 1)
        due = [c for c in self.data.cells if all(calendar.expected_to_meet(c, year, mo) for mo in months)]
        not_visited = [c for c in due if not self.visited(c, year, months, cutoff)]
        return len(due) - len(not_visited), len(due), not_visited

    def never_visited(self, calendar: Calendar, year: int, last_month: int, cutoff: dt.date | None = None) -> list[str]:
        """Cells expected to meet this year (in some month up to `last_month`) with no visit at all."""
        months = range(1, last_month + 1)
        expected = [c for c in self.data.cells if any(calendar.expected_to_meet(c, year, mo) for mo in months)]
        return [c for c in expected if not self.visited(c, year, months, cutoff)]


def visits_at(m: Meeting, assigned: tuple[str, ...]) -> list[str]:
    """The assigned members among a meeting's guests (each counted once)."""
    return sorted(set(m.guests) & set(assigned))


@dataclass(frozen=True)
class MonthSupervision:
    """What a month's figures add about supervision: visits in the month, cells visited in its
    quarter so far, and the cells not visited at all this year so far."""

    year: int
    month: int
    visits: int
    quarter_visited: int
    quarter_due: int
    never_visited: tuple[str, ...]

    @property
    def quarter_pct(self) -> float | None:
        return vi.pct(self.quarter_visited, self.quarter_due)


def month_supervision(sup: Supervision, calendar: Calendar, year: int, month: int, cutoff: dt.date) -> MonthSupervision:
    quarter = (month - 1) // 3 + 1
    visited, due, _ = sup.quarter_share(calendar, year, quarter, last_month=month, cutoff=cutoff)
    return MonthSupervision(
        year=year,
        month=month,
        visits=sup.month_visits(year, month, cutoff),
        quarter_visited=visited,
        quarter_due=due,
        never_visited=tuple(sup.never_visited(calendar, year, month, cutoff)),
    )

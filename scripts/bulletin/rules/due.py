"""The one calendar of what a cell owes: which months and quarters are due, and which years are judged.

Every page, figure, export and bulletin asks this module, so they cannot disagree.

A month (or quarter) is **due** when the cell existed on every day of it and it has ended by the
as-of date (its last day ends it). The cell's life runs from `start` to `end`, both inclusive:
- `start`: its `founded` date; without one, 1 January of the year of its first meeting (the records
  begin there), or of the as-of year if it has none;
- `end`: its `dissolved` date; for `active: false` without a date, the last day of the month of
  its last meeting (the month it was last seen; it is not blamed for any later one); None while
  it exists.
So a cell founded on 10/06/2025 owes July onwards and the third quarter onwards; one dissolved on
20/05/2025 owes January to April and the first quarter.

Usage: `Lifetime.of(cell, meetings)` once per cell, then `due_months(life, year, as_of)`; or
`DueCalendar(data, as_of)` for a whole dataset (`calendar.due_months(cell_id, year)`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from bulletin.data.model import Cell, Dataset, Meeting


@functools.lru_cache(maxsize=4096)
def last_day(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


@dataclass(frozen=True, slots=True)
class Lifetime:
    """The days a cell existed, as far as the records tell: `start` to `end`, both inclusive."""

    start: dt.date | None  # None: no founding date and no meeting (judged from the as-of year)
    end: dt.date | None  # None: still exists

    @classmethod
    def of(cls, c: Cell, meetings: Sequence[Meeting]) -> Lifetime:
        first = min((m.date for m in meetings), default=None)
        start = c.founded or (dt.date(first.year, 1, 1) if first else None)
        if c.dissolved:
            end: dt.date | None = c.dissolved
        elif not c.active:
            # Dissolved at an unknown date: taken to exist to the end of the month of its last
            # meeting (that month is judged, later ones are not); with no meeting, never judged.
            last = max((m.date for m in meetings), default=None)
            end = last_day(last.year, last.month) if last else dt.date.min
        else:
            end = None
        return cls(start, end)

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """Did the cell exist on every day from `first` to `last`?"""
        return (self.start is None or self.start <= first) and (self.end is None or last <= self.end)

    def covers_month(self, year: int, month: int) -> bool:
        return self.covers(dt.date(year, month, 1), last_day(year, month))

    def exists_on(self, day: dt.date) -> bool:
        return self.covers(day, day)


def months_ended(year: int, as_of: dt.date) -> int:
    """How many months of `year` have ended by the as-of date (a month's last day ends it)."""
    if year < as_of.year:
        return 12
    if year > as_of.year:
        return 0
    return as_of.month if as_of == last_day(as_of.year, as_of.month) else as_of.month - 1


def owed_months(life: Lifetime, year: int) -> tuple[int, ...]:
    """The months of `year` the cell existed for in full, ended or not (1–12, ascending)."""
    return _owed(life.start, life.end, year)


@functools.lru_cache(maxsize=8192)
def _owed(start: dt.date | None, end: dt.date | None, year: int) -> tuple[int, ...]:
    # Cached: a build asks this for every cell-year, and most cells share their lifetimes.
    life = Lifetime(start, end)
    return tuple(mo for mo in range(1, 13) if life.covers_month(year, mo))


def due_months(life: Lifetime, year: int, as_of: dt.date) -> tuple[int, ...]:
    """The months of `year` the cell owes a regular meeting for (1–12, ascending)."""
    ended = months_ended(year, as_of)
    return tuple(mo for mo in owed_months(life, year) if mo <= ended)


def whole_quarters(months: tuple[int, ...]) -> tuple[int, ...]:
    """The quarters all three of whose months are in `months`."""
    have = set(months)
    return tuple(q for q in range(1, 5) if {3 * q - 2, 3 * q - 1, 3 * q} <= have)


def due_quarters(life: Lifetime, year: int, as_of: dt.date) -> tuple[int, ...]:
    """The quarters of `year` the cell owes a thematic meeting for (1–4): all three months due."""
    return whole_quarters(due_months(life, year, as_of))


def judged_years(life: Lifetime, as_of: dt.date) -> list[int]:
    """The years a cell is judged on: from its start to its end (or the as-of year), so a gap year
    with no meetings is judged too. A year may have no month due yet (founded in December)."""
    first, last = _judged_span(life, as_of)
    return list(range(first, last + 1))


def _judged_span(life: Lifetime, as_of: dt.date) -> tuple[int, int]:
    """The first and last of `judged_years`."""
    last = min(life.end, as_of).year if life.end else as_of.year
    first = life.start.year if life.start else last
    return first, last


class DueCalendar:
    """Every cell's lifetime, computed once per build."""

    def __init__(self, data: Dataset, as_of: dt.date) -> None:
        self.as_of = as_of
        self.lives = {cid: Lifetime.of(cell, data.meetings_of(cid)) for cid, cell in data.cells.items()}

    def due_months(self, cell_id: str, year: int) -> tuple[int, ...]:
        return due_months(self.lives[cell_id], year, self.as_of)

    def due_quarters(self, cell_id: str, year: int) -> tuple[int, ...]:
        return due_quarters(self.lives[cell_id], year, self.as_of)

    def judged_years(self, cell_id: str) -> list[int]:
        return judged_years(self.lives[cell_id], self.as_of)

    def owes_month(self, cell_id: str, year: int, month: int) -> bool:
        """Is a regular meeting owed for this month once it ends (the cell existed all of it)?
        A bulletin lists a month in progress with the cells that owe it."""
        life = self.lives[cell_id]
        # Asked for every cell and month of every figure: the span and the cached owed months
        # answer it without building a list of years or two dates a call.
        first, last = _judged_span(life, self.as_of)
        return first <= year <= last and month in owed_months(life, year)

"""Figures beyond one cell-year's verdict: per month (the cell page's chart) and per
organisation and year (the overview's comparison). Plain data, no HTML."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bulletin.data.model import Meeting
from bulletin.rules.verdicts import CellYear
from bulletin.text import vi


@dataclass(frozen=True)
class MonthFigures:
    """All of one month's meetings (every kind, as the year's figures count them)."""

    month: int
    meetings: int
    present: int
    expected: int
    speakers: int

    @property
    def attendance_pct(self) -> float | None:
        return vi.pct(self.present, self.expected)

    @property
    def speakers_pct(self) -> float | None:
        return vi.pct(self.speakers, self.present)


def month_figures(meetings: Iterable[Meeting]) -> list[MonthFigures]:
    """Twelve entries, January first; a month without meetings has zero counts (and None rates)."""
    sums = {mo: [0, 0, 0, 0] for mo in range(1, 13)}
    for m in meetings:
        s = sums[m.date.month]
        s[0] += 1
        s[1] += m.present
        s[2] += m.expected
        s[3] += m.speakers
    return [MonthFigures(mo, *s) for mo, s in sums.items()]


@dataclass(frozen=True)
class OrgYear:
    """The organisation's figures for one year, summed over the cells judged that year."""

    year: int
    cells: int = 0
    compliant: int = 0
    members: int = 0
    months_held: int = 0
    months_due: int = 0
    quarters_held: int = 0
    quarters_due: int = 0
    present: int = 0
    expected: int = 0
    speakers: int = 0

    @property
    def compliant_pct(self) -> float | None:
        return vi.pct(self.compliant, self.cells)

    @property
    def months_pct(self) -> float | None:
        return vi.pct(self.months_held, self.months_due)

    @property
    def quarters_pct(self) -> float | None:
        return vi.pct(self.quarters_held, self.quarters_due)

    @property
    def attendance_pct(self) -> float | None:
        return vi.pct(self.present, self.expected)

    @property
    def speakers_pct(self) -> float | None:
        return vi.pct(self.speakers, self.present)


def org_year(year: int, entries: Iterable[tuple[CellYear, list[Meeting], int]]) -> OrgYear:
    """`entries`: each judged cell's year, its meetings that year, and its current member count.

    Members are counted at each cell's last meeting of the year (the count editors
    recorded then), or the cell's current count if it held none: a past year is
    compared with the membership it had, not today's.
    """
    entries = list(entries)
    return OrgYear(
        year=year,
        cells=len(entries),
        compliant=sum(cy.compliant for cy, _, _ in entries),
        members=sum(max(held, key=lambda m: m.date).members if held else now for _, held, now in entries),
        months_held=sum(cy.months_held_due for cy, _, _ in entries),
        months_due=sum(cy.months_due for cy, _, _ in entries),
        quarters_held=sum(cy.quarters_held_due for cy, _, _ in entries),
        quarters_due=sum(cy.quarters_due for cy, _, _ in entries),
        # The rates over the meetings the verdicts judge (due months), as each cell's are.
        present=sum(cy.present for cy, _, _ in entries),
        expected=sum(cy.expected for cy, _, _ in entries),
        speakers=sum(cy.speakers for cy, _, _ in entries),
    )


def short_since(years: list[CellYear], year: int) -> int | None:
    """The first year of the unbroken run of non-compliant years that ends at `year`
    (None if `year` itself is compliant or not judged)."""
    by_year = {cy.year: cy for cy in years}
    if year not in by_year or by_year[year].compliant:
        return None
    first = year
    while first - 1 in by_year and not by_year[first - 1].compliant:
        first -= 1
    return first

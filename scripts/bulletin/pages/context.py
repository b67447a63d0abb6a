"""Everything pages share, computed once per build (never once per page)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from bulletin.data.model import CELL_KINDS, Cell, Dataset, Issue, Meeting
from bulletin.data.settings import Settings
from bulletin.pages import links
from bulletin.rules.due import DueCalendar
from bulletin.rules.monthly import Calendar, IssueFigures, issue_figures
from bulletin.rules.quality import score_average
from bulletin.rules.quarterly import QuarterFigures, quarter_figures
from bulletin.rules.summary import OrgYear, org_year
from bulletin.rules.supervision import MonthSupervision, Supervision, month_supervision
from bulletin.rules.verdicts import CellYear, JudgeMemo, judge
from bulletin.text import vi
from bulletin.text.markdown import EditorMarkdown

NO_PARENT = "Chi bộ cơ sở trực thuộc Đảng bộ Khối"


@dataclass
class Context:
    data: Dataset
    settings: Settings
    # Outline and bulletin bodies on their pages; notes (and the print edition) show no images.
    markdown: EditorMarkdown = field(default_factory=EditorMarkdown)
    notes: EditorMarkdown = field(default_factory=lambda: EditorMarkdown(images=False))
    # Kept by `mkdocs serve` across rebuilds: only the cells whose inputs changed are judged again.
    memo: JudgeMemo | None = None

    @cached_property
    def due(self) -> DueCalendar:
        """The one calendar of what is due, shared by verdicts, figures and bulletins."""
        return DueCalendar(self.data, self.settings.as_of)

    @cached_property
    def judged(self) -> dict[str, list[CellYear]]:
        return judge(self.data, self.settings, self.due, self.memo)

    @cached_property
    def topic_uses(self) -> dict[str, list[Meeting]]:
        """Meetings held on each outline, newest first."""
        uses: dict[str, list[Meeting]] = defaultdict(list)
        for meetings in self.data.meetings.values():
            for m in meetings:
                if m.topic:
                    uses[m.topic].append(m)
        for ms in uses.values():
            ms.sort(key=lambda m: m.date, reverse=True)
        return uses

    @cached_property
    def topic_issues(self) -> dict[str, list[Issue]]:
        featured: dict[str, list[Issue]] = defaultdict(list)
        for issue in reversed(self.data.issues):
            for ref in issue.topics:
                featured[ref].append(issue)
        return featured

    @cached_property
    def issue_figures(self) -> dict[str, IssueFigures]:
        """Each issue's month figures, by issue key: shared by its page and its print edition."""
        return {i.key: issue_figures(self.data, self.settings, i.year, i.month, self.calendar) for i in self.data.issues}

    @cached_property
    def calendar(self) -> Calendar:
        return Calendar(self.data, self.settings.as_of, self.due)

    @cached_property
    def supervision(self) -> Supervision:
        return Supervision(self.data)

    @cached_property
    def issue_supervision(self) -> dict[str, tuple[MonthSupervision, MonthSupervision]]:
        """Each issue's supervision figures (its month and that month a year before); empty
        without committee.yml."""
        if not self.supervision.enabled:
            return {}
        out = {}
        for key, fig in self.issue_figures.items():
            c, b = fig.current, fig.year_before
            if not c.has_figures:
                continue
            y, mo = c.year, c.month
            now = month_supervision(self.supervision, self.calendar, y, mo, c.cutoff or self.settings.as_of)
            before = month_supervision(self.supervision, self.calendar, b.year, b.month, b.cutoff or self.settings.as_of)
            out[key] = (now, before)
        return out

    def quarter(self, year: int, quarter: int) -> QuarterFigures:
        """One quarter's figures, shared by the overview and the quarterly report."""
        key = (year, quarter)
        if key not in self._quarters:
            self._quarters[key] = quarter_figures(
                self.data, self.settings, year, quarter, self.calendar, self.supervision, self._order
            )
        return self._quarters[key]

    @cached_property
    def _order(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.cells_sorted)}

    @cached_property
    def _quarters(self) -> dict[tuple[int, int], QuarterFigures]:
        return {}

    @cached_property
    def _joint(self) -> dict[tuple[str, object, object], set[str]]:
        """Joint meetings both ways: a partner's page links back even when only one cell wrote
        `joint_with` (each keeps its own record; the validator has checked the partner's)."""
        out: dict[tuple[str, object, object], set[str]] = defaultdict(set)
        for cell_id, meetings in self.data.meetings.items():
            for m in meetings:
                for partner in m.joint_with:
                    if partner in self.data.cells and partner != cell_id:
                        out[(cell_id, m.date, m.topic)].add(partner)
                        out[(partner, m.date, m.topic)].add(cell_id)
        return out

    def joint_partners(self, m: Meeting) -> list[str]:
        return sorted(self._joint.get((m.cell_id, m.date, m.topic), ()), key=lambda c: vi.sort_key(self.data.cells[c].name))

    def score_avg(self, cell_id: str, year: int) -> float | None:
        return score_average(self.held(cell_id, year))

    def member_name(self, member: str) -> str:
        """A committee member's name and role, or the free text written where no committee.yml exists."""
        committee = self.data.committee or {}
        who = committee.get(member)
        return f"{who.name} ({who.role})" if who else member

    def supervisor_on(self, cell: Cell, day: dt.date | None = None) -> str:
        """Who follows the cell on `day` (the as-of date by default): plain names, for tables and
        workbooks; the cell page shows every assignment with its period."""
        when = day or self.settings.as_of
        names = [a.member for a in cell.supervisor if a.period.covers(when)]
        committee = self.data.committee or {}
        return ", ".join(committee[m].name if m in committee else m for m in names)

    @cached_property
    def cells_sorted(self) -> list[str]:
        return sorted(self.data.cells, key=lambda c: vi.sort_key(self.data.cells[c].name))

    @property
    def latest_year(self) -> int:
        return self.years[0] if self.years else self.settings.as_of.year

    @cached_property
    def years(self) -> list[int]:
        """Every year some cell is judged on, newest first."""
        return sorted({cy.year for cys in self.judged.values() for cy in cys}, reverse=True)

    @cached_property
    def by_year(self) -> dict[int, list[tuple[Cell, CellYear]]]:
        """The cells judged each year, in Vietnamese order of their names."""
        out: dict[int, list[tuple[Cell, CellYear]]] = defaultdict(list)
        for cell_id in self.cells_sorted:
            for cy in self.judged[cell_id]:
                out[cy.year].append((self.data.cells[cell_id], cy))
        return out

    @cached_property
    def _cell_years(self) -> dict[tuple[str, int], CellYear]:
        return {(cy.cell_id, cy.year): cy for cys in self.judged.values() for cy in cys}

    def cell_year(self, cell_id: str, year: int) -> CellYear | None:
        return self._cell_years.get((cell_id, year))

    @cached_property
    def _held(self) -> dict[tuple[str, int], list[Meeting]]:
        out: dict[tuple[str, int], list[Meeting]] = defaultdict(list)
        for cell_id, meetings in self.data.meetings.items():
            for m in meetings:
                out[(cell_id, m.date.year)].append(m)
        return out

    def held(self, cell_id: str, year: int) -> list[Meeting]:
        """A cell's meetings in one year, by date."""
        return self._held.get((cell_id, year), [])

    @cached_property
    def org_years(self) -> dict[int, OrgYear]:
        return {
            year: org_year(year, ((cy, self.held(cell.id, year), cell.members) for cell, cy in entries))
            for year, entries in self.by_year.items()
        }

    @cached_property
    def rank(self) -> dict[str, int]:
        """Vietnamese order of every name a table sorts by (cells, parents, kinds): the sort keys
        the browser compares as plain numbers."""
        names = {c.name for c in self.data.cells.values()} | {self.parent_name(c) for c in self.data.cells.values()}
        names |= set(CELL_KINDS.values())
        return {name: i for i, name in enumerate(sorted(names, key=vi.sort_key))}

    @staticmethod
    def parent_name(cell: Cell) -> str:
        return cell.parent or NO_PARENT

    @cached_property
    def parents(self) -> list[str]:
        """The groups of the cells index: cells directly under the committee, then each đảng bộ cơ sở."""
        names = {self.parent_name(c) for c in self.data.cells.values()}
        return sorted(names, key=lambda p: (p != NO_PARENT, vi.sort_key(p)))

    @cached_property
    def _parent_index(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.parents)}

    def parent_anchor(self, cell: Cell) -> str:
        """The id of the cell's group in the cells index (its breadcrumb points there)."""
        return f"nhom-{self._parent_index[self.parent_name(cell)]}"

    def filter_attrs(self, cell: Cell) -> dict[str, str]:
        """What the browser's filters match a cell's row on."""
        return {
            "data-kind": cell.kind,
            "data-parent": self.parent_name(cell),
            "data-name": vi.ascii_fold(cell.name).lower(),
        }

    @cached_property
    def filter_options(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The kinds and parents that exist, each in Vietnamese order."""
        kinds = sorted({c.kind for c in self.data.cells.values()}, key=lambda k: vi.sort_key(CELL_KINDS[k]))
        parents = sorted({self.parent_name(c) for c in self.data.cells.values()}, key=vi.sort_key)
        return [(k, CELL_KINDS[k]) for k in kinds], [(p, p) for p in parents]

    @cached_property
    def shared_inputs(self) -> bytes:
        """What any generated page may read beside its own records (pages/cells.inputs_key)."""
        outlines = [(ref, o.title, o.theme) for ref, o in sorted(self.data.outlines.items())]
        # Other cells' names and parents (breadcrumbs, joint meetings' partners), the committee
        # (supervisors' names, visits) and the ratings (shown beside each year's verdict).
        cells = [(c.id, c.name, c.parent) for c in self.data.cells.values()]
        ratings = sorted(self.data.ratings.items())
        return repr((self.settings, self.data.organization, outlines, cells, self.data.committee, ratings)).encode("utf-8")

    def url(self, from_doc: str, to_doc: str, anchor: str = "") -> str:
        return links.relative(from_doc, to_doc, self.settings.use_directory_urls, anchor)

    def theme_name(self, theme: str) -> str:
        return self.settings.themes.get(theme, theme)

"""Everything pages share, computed once per build (never once per page)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .. import links, vi
from ..model import Dataset, Issue, Meeting
from ..monthly import IssueFigures, issue_figures
from ..rules import CellYear, judge
from ..safe_md import NotesRenderer
from ..settings import Settings


@dataclass
class Context:
    data: Dataset
    settings: Settings
    notes: NotesRenderer = field(default_factory=NotesRenderer)

    @cached_property
    def judged(self) -> dict[str, list[CellYear]]:
        return judge(self.data, self.settings)

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
        return {i.key: issue_figures(self.data, self.settings, i.year, i.month) for i in self.data.issues}

    @cached_property
    def cells_sorted(self) -> list[str]:
        return sorted(self.data.cells, key=lambda c: vi.sort_key(self.data.cells[c].name))

    @property
    def latest_year(self) -> int:
        years = {cy.year for cys in self.judged.values() for cy in cys}
        return max(years, default=self.settings.as_of.year)

    def url(self, from_doc: str, to_doc: str, anchor: str = "") -> str:
        return links.relative(from_doc, to_doc, self.settings.use_directory_urls, anchor)

    def theme_name(self, theme: str) -> str:
        return self.settings.themes.get(theme, theme)

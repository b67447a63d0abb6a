"""Which outlines to suggest for a month: the new issue's preselection and the home page's list.

The featured outlines are preselected, `count` of them (default 2), by this rule:
1. only outlines not featured in any issue of the same year (if too few remain, the ones
   featured longest ago fill the gap, and their comment says so);
2. themes take turns: the theme featured longest ago (never featured first) gives the first
   outline, the next theme the second, before any theme gives a second one;
3. within a theme, the outline held in fewest meetings over the twelve months before the issue
   (what cells have not yet worked on), then the newest outline (`year`), then by title.
Each choice is written with its reason as a YAML comment, so the editor can judge and change it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from bulletin.data.model import Dataset, Outline
from bulletin.text import vi


@dataclass(frozen=True)
class Choice:
    ref: str
    reason: str


def _last_featured(data: Dataset, before: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """Outline ref -> (year, month) of the latest issue before `before` that featured it."""
    last: dict[str, tuple[int, int]] = {}
    for issue in data.issues:
        if (issue.year, issue.month) < before:
            for ref in issue.topics:
                last[ref] = max(last.get(ref, (0, 0)), (issue.year, issue.month))
    return last


def _recent_uses(data: Dataset, year: int, month: int) -> Counter[str]:
    start = dt.date(year - 1, month, 1)
    end = dt.date(year, month, 1)
    return Counter(m.topic for ms in data.meetings.values() for m in ms if m.topic and start <= m.date < end)


def choose_topics(data: Dataset, year: int, month: int, count: int = 2) -> list[Choice]:
    last = _last_featured(data, (year, month))
    uses = _recent_uses(data, year, month)
    this_year = {ref for ref, (y, _) in last.items() if y == year}

    def rank(o: Outline) -> tuple[object, ...]:
        return (uses[o.ref], -(o.year or 0), vi.sort_key(o.title))

    fresh = [o for o in data.outlines.values() if o.ref not in this_year]
    theme_last: dict[str, tuple[int, int]] = {}
    for ref, when in last.items():
        theme = ref.split("/", 1)[0]
        theme_last[theme] = max(theme_last.get(theme, (0, 0)), when)
    by_theme: dict[str, list[Outline]] = {}
    for o in sorted(fresh, key=rank):
        by_theme.setdefault(o.theme, []).append(o)
    themes = sorted(by_theme, key=lambda t: (theme_last.get(t, (0, 0)), t))
    chosen: list[Choice] = []
    while len(chosen) < count and any(by_theme.values()):
        for theme in themes:
            if by_theme[theme] and len(chosen) < count:
                o = by_theme[theme].pop(0)
                chosen.append(Choice(o.ref, f"chưa giới thiệu năm {year}; {uses[o.ref]} cuộc sinh hoạt trong 12 tháng qua"))
    if len(chosen) < count:  # every outline was featured this year: the longest ago first
        taken = {c.ref for c in chosen}
        older = sorted((r for r in this_year if r not in taken and r in data.outlines), key=lambda r: (last[r], r))
        for ref in older[: count - len(chosen)]:
            y, m = last[ref]
            chosen.append(Choice(ref, f"mọi đề cương đã giới thiệu năm {year}; đề cương này từ {vi.month(y, m)}"))
    return chosen

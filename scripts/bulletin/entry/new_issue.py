"""`bulletin new-issue YYYY-MM`: start next month's issue from a template.

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

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bulletin.data.model import Dataset, Outline
from bulletin.data.problems import InvalidData
from bulletin.data.settings import Settings
from bulletin.rules.monthly import previous_month
from bulletin.text import vi
from bulletin.text.argparse_vi import number

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


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


def issue_number(data: Dataset, settings: Settings, year: int, month: int) -> int:
    if settings.numbering == "sequence":
        earlier = [i for i in data.issues if i.year == year and i.month < month]
        return max((i.number or 0 for i in earlier), default=0) + 1 if earlier else 1
    return month


def template(data: Dataset, settings: Settings, year: int, month: int, number: int, topics: list[Choice]) -> str:
    py, pm = previous_month(year, month)
    quarter = (month - 1) // 3 + 1
    lines = [
        "---",
        f'title: "{data.organization.bulletin_title} tháng {month}/{year}"',
        f"date: {year:04d}-{month:02d}-01  # ngày phát hành: sửa cho đúng",
        f"number: {number}",
        "# Đề cương giới thiệu, chọn sẵn bởi `bulletin new-issue` (chủ đề lâu chưa giới thiệu trước;",
        "# đề cương chưa giới thiệu trong năm, ít chi bộ sinh hoạt nhất trong 12 tháng qua). Sửa tùy ý.",
        f"# Số liệu sinh hoạt {vi.month(py, pm)} do chương trình tự tính khi xây dựng trang: không cần gõ.",
        "topics:" if topics else "topics: []",
        *(f"  - {c.ref}  # {c.reason}" for c in topics),
        "---",
        "",
        f"Lời mở đầu: một, hai câu nêu trọng tâm sinh hoạt tháng {month}. Đoạn này hiện trong danh sách các số "
        "bản tin và trong nguồn tin.",
        "",
        f"## Định hướng sinh hoạt chi bộ tháng {month}",
        "",
        f"- Sinh hoạt thường kỳ chậm nhất ngày {settings.rules.deadline_day}/{month}: ...",
        f"- Sinh hoạt chuyên đề {vi.quarter(quarter)}: ...",
        "",
        "## Tin hoạt động",
        "",
        "- ...",
        "",
        "## Gương điển hình",
        "",
        "...",
        "",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from bulletin.data.load import load
    from bulletin.mkdocs.project import open_project

    match = MONTH.match(args.month)
    if not match:
        print(f"'{args.month}': cần tháng dạng YYYY-MM, ví dụ 2026-12", file=sys.stderr)
        return 2
    year, month = int(match[1]), int(match[2])
    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    target = layout.content / "bulletin" / f"{year:04d}-{month:02d}.md"
    if target.exists():
        print(f"{layout.rel(target)} đã có: không ghi đè một số bản tin đã viết.", file=sys.stderr)
        return 1
    try:
        data = load(layout, settings)
    except InvalidData as e:
        print(e, file=sys.stderr)
        return 1
    topics = choose_topics(data, year, month, args.topics)
    number = args.number or issue_number(data, settings, year, month)
    target.parent.mkdir(parents=True, exist_ok=True)
    with Path(target).open("x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
        f.write(template(data, settings, year, month, number, topics))
    print(f"Đã tạo {layout.rel(target)} (số {number}).")
    for c in topics:
        print(f"  đề cương: {c.ref} ({c.reason})")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("new-issue", help="tạo số bản tin content/bulletin/YYYY-MM.md từ mẫu (không bao giờ ghi đè)")
    p.add_argument("month", metavar="YYYY-MM", help="tháng của số bản tin, ví dụ 2026-12")
    p.add_argument("--topics", type=number, default=2, metavar="SỐ", help="số đề cương chọn sẵn (mặc định: %(default)s)")
    p.add_argument(
        "--number", type=number, metavar="SỐ", help="số thứ tự của bản tin (mặc định: theo mục numbering trong mkdocs.yml)"
    )
    p.set_defaults(run=run)

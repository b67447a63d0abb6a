"""`bulletin new-issue YYYY-MM`: start next month's issue from a template.

The featured outlines are preselected by `rules.suggest.choose_topics` (its docstring gives
the rule); each choice is written with its reason as a YAML comment.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bulletin.data.model import Dataset
from bulletin.data.problems import InvalidData
from bulletin.data.settings import Settings
from bulletin.rules.monthly import previous_month
from bulletin.rules.suggest import Choice, choose_topics
from bulletin.text import vi
from bulletin.text.argparse_vi import number

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


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
    from bulletin.data.lock import DataBusy, writing
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
        # A writer: the number is chosen from the issues on disk, so no other writer may add one meanwhile.
        with writing(layout.root):
            data = load(layout, settings)
            topics = choose_topics(data, year, month, args.topics)
            number = args.number or issue_number(data, settings, year, month)
            target.parent.mkdir(parents=True, exist_ok=True)
            with Path(target).open("x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
                f.write(template(data, settings, year, month, number, topics))
    except (InvalidData, DataBusy) as e:
        print(e, file=sys.stderr)
        return 1
    except FileExistsError:
        print(f"{layout.rel(target)} đã có: không ghi đè một số bản tin đã viết.", file=sys.stderr)
        return 1
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

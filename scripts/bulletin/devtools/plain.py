"""What a user without us would write by hand: the bench's plain-table baseline (b2).

The same organisation as plain Markdown: a page per cell with one Markdown table of meetings per
year (no raw HTML), a table per year of cells × months on the overview, index pages linking the
cells, outlines and issues as they are. The nav lists only the index pages, search is on.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from bulletin.data.load import Layout, load
from bulletin.data.model import MEETING_KINDS, REGULAR_KINDS, Dataset
from bulletin.data.settings import Settings
from bulletin.text import vi

MKDOCS_YML = """\
site_name: Plain MkDocs + Material, tables by hand
docs_dir: docs
site_dir: site
theme: {name: material, language: vi, font: false, features: [navigation.tabs, navigation.indexes]}
plugins: [search]
markdown_extensions: [attr_list, toc, admonition, pymdownx.details, pymdownx.superfences, sane_lists, tables]
nav:
  - Trang chủ: index.md
  - Tổng hợp: tong-hop/index.md
  - Chi bộ: chi-bo/index.md
  - Chuyên đề: chuyen-de/index.md
  - Bản tin: ban-tin/index.md
"""


HEADS = [
    "Ngày",
    "Hình thức",
    "Chuyên đề",
    "Dự họp",
    "Vắng",
    "Thời gian",
    "Phát biểu",
    "Trực tuyến",
    "Cấp ủy dự",
    "Điểm",
    "Ghi chú",
]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def cell_page(data: Dataset, cell_id: str) -> str:
    cell = data.cells[cell_id]
    out = [
        f"# {cell.name}\n",
        f"- Trực thuộc: {cell.parent or '–'}",
        f"- Bí thư chi bộ: {cell.secretary}",
        f"- Cấp ủy viên phụ trách: {', '.join(a.member for a in cell.supervisor) or '–'}",
        f"- Số đảng viên: {cell.members}\n",
    ]
    meetings = data.meetings.get(cell_id, [])
    for year in sorted({m.date.year for m in meetings}, reverse=True):
        held = sorted((m for m in meetings if m.date.year == year), key=lambda m: m.date, reverse=True)
        out.append(f"## Năm {year}\n")
        rows = [
            [
                vi.date(m.date),
                MEETING_KINDS[m.kind],
                data.outlines[m.topic].title if m.topic in data.outlines else "–",
                f"{m.present}/{m.members}",
                m.excused,
                f"{m.duration} phút",
                m.speakers,
                "có" if m.online else "",
                ", ".join(m.guests),
                m.score if m.score is not None else "",
                m.notes or "",
            ]
            for m in held
        ]
        out.append(_table(HEADS, rows))
    return "\n".join(out)


def overview_page(data: Dataset, year: int) -> str:
    rows = []
    for cell in data.cells.values():
        held = [m for m in data.meetings.get(cell.id, []) if m.date.year == year]
        months = {m.date.month for m in held if m.kind in REGULAR_KINDS}
        rows.append([f"[{cell.name}](../../chi-bo/{cell.id}.md)"] + ["✓" if mo in months else "✗" for mo in range(1, 13)])
    return f"# Tổng hợp năm {year}\n\n" + _table(["Chi bộ"] + [f"T{mo}" for mo in range(1, 13)], rows)


def write(exported: Path, layout: Layout, settings: Settings, out: Path) -> int:
    """`exported` is `bulletin export`'s docs folder (outlines, issues, hand-written pages);
    its generated cell and overview pages are replaced by hand-written-style Markdown."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(exported, out / "docs")
    docs = out / "docs"
    shutil.rmtree(docs / "chi-bo")
    shutil.rmtree(docs / "tong-hop")
    (docs / "chi-bo").mkdir()
    (docs / "tong-hop").mkdir()
    data = load(layout, settings)
    for cell_id in data.cells:
        (docs / "chi-bo" / f"{cell_id}.md").write_text(cell_page(data, cell_id), encoding="utf-8")
    links = "\n".join(f"- [{c.name}]({c.id}.md)" for c in data.cells.values())
    (docs / "chi-bo" / "index.md").write_text(f"# Chi bộ\n\n{links}\n", encoding="utf-8")
    years = sorted({m.date.year for ms in data.meetings.values() for m in ms})
    for year in years:
        (docs / "tong-hop" / str(year)).mkdir()
        (docs / "tong-hop" / str(year) / "index.md").write_text(overview_page(data, year), encoding="utf-8")
    index = "\n".join(f"- [Năm {y}]({y}/index.md)" for y in years)
    (docs / "tong-hop" / "index.md").write_text(f"# Tổng hợp\n\n{index}\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return sum(1 for _ in docs.rglob("*.md"))

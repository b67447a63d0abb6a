"""The cells index (chi-bo/): cells grouped by the đảng bộ cơ sở above them, then by kind.

This page, the overview and search are how hundreds of cells are reached; the
side navigation never lists them. One raw HTML block, so the browser's filter
(bulletin-tables.js) can hide whole groups that no longer match.
"""

from __future__ import annotations

from collections import defaultdict

from bulletin.data.model import CELL_KINDS, Cell
from bulletin.pages import links
from bulletin.pages.cells import status_badge
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, link, unseen
from bulletin.pages.sortable import Col, Row, filter_bar, sortable_table
from bulletin.text import vi

INDEX = links.CELLS_INDEX


def cells_index(ctx: Context) -> str:
    year = ctx.latest_year
    groups: dict[str, dict[str, list[Cell]]] = defaultdict(lambda: defaultdict(list))
    for cell_id in ctx.cells_sorted:
        cell = ctx.data.cells[cell_id]
        groups[ctx.parent_name(cell)][cell.kind].append(cell)
    parents = [p for p in ctx.parents if p in groups]
    short = sum(1 for _, cy in ctx.by_year.get(year, []) if not cy.compliant)
    out = [
        front_matter("Chi bộ", hide=("navigation", "toc")),  # a data page: the width for its table
        "# Các chi bộ\n",
        f"<p>{vi.number(len(ctx.data.cells))} chi bộ trong {len(parents)} nhóm; năm {year}: "
        f"{vi.number(short)} chi bộ chưa đạt "
        f"({link(ctx.url(INDEX, 'tong-hop/index.md', 'chua-dat'), 'xem lý do trong trang Tổng hợp')}).</p>\n",
    ]
    jump = "".join(
        f'<li><a href="#nhom-{i}">{esc(p)}</a> ({sum(len(c) for c in groups[p].values())})</li>' for i, p in enumerate(parents)
    )
    kinds, parent_opts = ctx.filter_options
    html = [f'<ul class="bt-jump">{jump}</ul>', filter_bar("bt-index", kinds, parent_opts, "chi bộ"), '<div id="bt-index">']
    cols = [
        Col("Chi bộ", "num"),
        Col("Đảng viên", "num"),
        Col("Bí thư"),
        Col(f"Năm {year}", "num"),
    ]
    for i, parent in enumerate(parents):
        html.append(f'<section class="bt-group"><h2 id="nhom-{i}">{esc(parent)}</h2>')
        for kind in sorted(groups[parent], key=lambda k: vi.sort_key(CELL_KINDS[k])):
            rows = [_row(ctx, cell, year) for cell in groups[parent][kind]]
            html.append(f'<h3 class="bt-kind">{esc(CELL_KINDS[kind])} ({len(rows)})</h3>')
            caption = unseen(f"{CELL_KINDS[kind]}: {parent}")
            html.append(sortable_table(f"bt-cells-{i}-{kind}", cols, rows, cls="bt-cells", caption=caption))
        html.append("</section>")
    html.append("</div>")
    out.append("".join(html) + "\n")
    return "\n".join(out)


def _row(ctx: Context, cell: Cell, year: int) -> Row:
    cy = ctx.cell_year(cell.id, year)
    name = link(ctx.url(INDEX, links.cell_doc(cell.id)), esc(cell.name))
    if not cell.active:
        name += " <small>(đã giải thể)</small>"
    state = -1 if cy is None else (0 if cy.compliant else len(cy.reasons))
    return Row(
        cells=[
            (name, ctx.rank[cell.name]),
            (vi.number(cell.members), cell.members),
            (esc(cell.secretary), None),
            (status_badge(cy) if cy is not None or cell.active else '<span class="bt-badge bt-gone">Đã giải thể</span>', state),
        ],
        attrs=ctx.filter_attrs(cell),
    )

"""The committee members who follow cells: cap-uy/ (an index) and cap-uy/<id>/ (one per member).

A member's page: the cells assigned (with periods), for each month of the year whether the
member attended each cell's meeting, and the assigned cells not visited this quarter. Only
generated with content/committee.yml; members are not in the navigation (the index lists them).
"""

from __future__ import annotations

import datetime as dt

from bulletin.data.model import Cell, Member, Period
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, link, md_text, table
from bulletin.rules.due import last_day
from bulletin.text import vi


def _covers_month(period: Period, year: int, month: int) -> bool:
    first, last = dt.date(year, month, 1), last_day(year, month)
    return (period.start is None or period.start <= last) and (period.end is None or first <= period.end)


def assigned_cells(ctx: Context, member: str, year: int) -> list[Cell]:
    """Cells the member follows at some time in `year`, in Vietnamese order."""
    out = []
    for cell_id in ctx.cells_sorted:
        cell = ctx.data.cells[cell_id]
        if any(a.member == member and any(_covers_month(a.period, year, mo) for mo in range(1, 13)) for a in cell.supervisor):
            out.append(cell)
    return out


def _period_text(period: Period) -> str:
    if period.start is None and period.end is None:
        return "thường xuyên"
    start = f"từ {vi.date(period.start)}" if period.start else ""
    end = f"đến {vi.date(period.end)}" if period.end else ""
    return " ".join(p for p in (start, end) if p)


def _current_quarter(as_of: dt.date) -> tuple[int, int]:
    return as_of.year, (as_of.month - 1) // 3 + 1


def not_visited_this_quarter(ctx: Context, member: str) -> list[Cell]:
    year, q = _current_quarter(ctx.settings.as_of)
    months = [mo for mo in range(3 * q - 2, 3 * q + 1) if dt.date(year, mo, 1) <= ctx.settings.as_of]
    out = []
    for cell in assigned_cells(ctx, member, year):
        ok = any(a.member == member and any(_covers_month(a.period, year, mo) for mo in months) for a in cell.supervisor)
        if ok and not any(ctx.supervision.member_attended(member, cell.id, year, mo) for mo in months):
            out.append(cell)
    return out


def _mark(ctx: Context, member: str, cell: Cell, year: int, month: int) -> str:
    as_of = ctx.settings.as_of
    if dt.date(year, month, 1) > as_of:
        return ""
    if not any(a.member == member and _covers_month(a.period, year, month) for a in cell.supervisor):
        return '<span title="Không phụ trách trong tháng này">·</span>'
    if ctx.supervision.member_attended(member, cell.id, year, month):
        return f'<span class="bt-ok" title="Đã dự sinh hoạt tháng {month}">✓<span class="bt-sr"> dự</span></span>'
    if any(m.date.month == month for m in ctx.held(cell.id, year)):
        return f'<span class="bt-bad" title="Chi bộ họp tháng {month}, không dự">✗<span class="bt-sr"> không dự</span></span>'
    return f'<span title="Chi bộ chưa ghi cuộc họp tháng {month}">○<span class="bt-sr"> chi bộ chưa họp</span></span>'


def member_page(ctx: Context, member: Member) -> str:
    doc = links.member_doc(member.id)
    year = ctx.settings.as_of.year
    cells = assigned_cells(ctx, member.id, year)
    out = [
        front_matter(member.name, hide=("navigation",), description=f"Cấp ủy viên phụ trách: {member.name}"),
        f"# {md_text(member.name)}\n",
        f"<p>{esc(member.role)} · {link(ctx.url(doc, links.MEMBERS_INDEX), 'Danh sách cấp ủy viên phụ trách')}</p>\n",
        f"\n## Chi bộ được phân công năm {year} ({len(cells)}) {{ #chi-bo }}\n",
    ]
    rows = []
    for cell in cells:
        periods = "; ".join(_period_text(a.period) for a in cell.supervisor if a.member == member.id)
        rows.append([link(ctx.url(doc, links.cell_doc(cell.id)), esc(cell.name)), esc(ctx.parent_name(cell)), esc(periods)])
    out.append(
        table(["Chi bộ", "Trực thuộc", "Thời gian phụ trách"], rows, cls="bt-member-cells")
        if rows
        else "<p>Chưa được phân công chi bộ nào.</p>"
    )
    out.append(f"\n\n## Dự sinh hoạt từng tháng năm {year} {{ #theo-thang }}\n")
    out.append(
        "<p><small>✓ đã dự; ✗ chi bộ có họp nhưng không dự; ○ chi bộ chưa ghi cuộc họp; · không phụ trách tháng đó.</small></p>"
    )
    grid = []
    for cell in cells:
        visits = sum(1 for mo in range(1, 13) if ctx.supervision.member_attended(member.id, cell.id, year, mo))
        grid.append(
            [link(ctx.url(doc, links.cell_doc(cell.id)), esc(cell.name))]
            + [_mark(ctx, member.id, cell, year, mo) for mo in range(1, 13)]
            + [vi.number(visits)]
        )
    out.append(table(["Chi bộ", *[f"T{mo}" for mo in range(1, 13)], "Số lượt"], grid, cls="bt-member-grid") if grid else "")
    y, q = _current_quarter(ctx.settings.as_of)
    missing = not_visited_this_quarter(ctx, member.id)
    out.append(f"\n\n## Chi bộ chưa đến dự trong {('quý ' + vi.QUARTERS[(q) - 1])} năm {y} ({len(missing)}) {{ #chua-du }}\n")
    if missing:
        items = "".join(f"<li>{link(ctx.url(doc, links.cell_doc(c.id)), esc(c.name))}</li>" for c in missing)
        out.append(f"<ul>{items}</ul>")
    else:
        out.append('<p class="bt-ok">✓ Đã dự sinh hoạt ở mọi chi bộ được phân công trong quý.</p>')
    return "\n".join(out) + "\n"


def members_index(ctx: Context) -> str:
    doc = links.MEMBERS_INDEX
    year = ctx.settings.as_of.year
    _, q = _current_quarter(ctx.settings.as_of)
    committee = ctx.data.committee or {}
    rows = []
    for member in sorted(committee.values(), key=lambda m: vi.sort_key(m.name)):
        cells = assigned_cells(ctx, member.id, year)
        visits = sum(1 for v in ctx.supervision.visits if v.member == member.id and v.date.year == year)
        rows.append(
            [
                link(ctx.url(doc, links.member_doc(member.id)), esc(member.name)),
                esc(member.role),
                vi.number(len(cells)),
                vi.number(visits),
                vi.number(len(not_visited_this_quarter(ctx, member.id))),
            ]
        )
    return (
        "\n".join(
            [
                front_matter("Cấp ủy viên phụ trách chi bộ", hide=("navigation",)),
                "# Cấp ủy viên phụ trách chi bộ\n",
                f"<p>Cấp ủy viên được phân công theo dõi, dự sinh hoạt chi bộ (theo content/committee.yml). "
                f"Số lượt dự năm {year} tính đến ngày {vi.date(ctx.settings.as_of)}; một lượt là một cấp ủy viên "
                f"dự một cuộc sinh hoạt của chi bộ mình phụ trách.</p>\n",
                table(
                    [
                        "Cấp ủy viên",
                        "Chức vụ",
                        f"Chi bộ phụ trách năm {year}",
                        f"Số lượt dự năm {year}",
                        f"Chưa đến dự {('quý ' + vi.QUARTERS[(q) - 1])}",
                    ],
                    rows,
                    cls="bt-members",
                ),
            ]
        )
        + "\n"
    )

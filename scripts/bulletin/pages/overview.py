"""The committee's overview: tong-hop/ (the newest year) and tong-hop/<YYYY>/ (every year).

What the office and UBKT read before a committee meeting: the organisation's
figures against last year's, the cells that fall short (worst first, since
when, why), and the cells × months grid.
"""

from __future__ import annotations

from collections.abc import Callable

from bulletin.data.model import Cell
from bulletin.data.settings import TARGETS_SOURCE
from bulletin.pages import links, overview_sections
from bulletin.pages.cells import status_badge, year_title
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, link, table, unseen
from bulletin.pages.sortable import Col, Row, SortKey, filter_bar, period_key, sortable_table
from bulletin.pages.strips import legend_html, month_marks, quarter_marks, status_html
from bulletin.pages.this_month import not_met_table, summary, this_month
from bulletin.rules.due import months_ended
from bulletin.rules.summary import OrgYear, short_since
from bulletin.rules.verdicts import SEVERITY_NOTE, CellYear, severity
from bulletin.text import vi

DOC = links.OVERVIEW
CSV = "tong-hop/chi-bo.csv"
JSON = "tong-hop/chi-bo.json"
# Rows of the cells × months grid one page holds: beyond it the grid is split into pages, so no
# page grows with the organisation (1,000 cells on one page were 3.6 MB: an old phone stalls).
GRID_PAGE = 200


# Sorting a month's column: not met first, then the month in progress, late, not yet due, held.
SORT_ORDER = {"missed": 0, "open": 1, "late": 2, "pending": 3, "held": 4, "none": 5}
# The grid's months and quarters, as its filter names them (the marks' order: months, then quarters).
PERIODS = [(f"m{mo}", f"Tháng {mo}") for mo in range(1, 13)] + [(f"q{q}", f"Quý {vi.QUARTERS[q - 1]}") for q in range(1, 5)]


def year_doc(year: int) -> str:
    return f"tong-hop/{year}/index.md"


def grid_doc(year: int, part: int) -> str:
    return f"tong-hop/{year}/theo-thang-{part}/index.md"


def grid_parts(entries: list[tuple[Cell, CellYear]]) -> list[list[tuple[Cell, CellYear]]]:
    """The grid's rows page by page, in the Vietnamese order of the cells' names."""
    return [entries[i : i + GRID_PAGE] for i in range(0, len(entries), GRID_PAGE)] or [[]]


def overview(ctx: Context, year: int | None = None, doc: str = DOC) -> str:
    """The overview of `year` (default: the newest) written at `doc`."""
    year = year or ctx.latest_year
    entries = ctx.by_year.get(year, [])
    short = [(cell, cy) for cell, cy in entries if not cy.compliant]
    title = f"Tổng hợp sinh hoạt chi bộ năm {year}"
    duplicate = doc != DOC and year == ctx.latest_year  # tong-hop/ already holds it: keep search to one copy
    out = [
        front_matter(
            f"Tổng hợp năm {year}",
            hide=("navigation", "toc"),
            exclude_from_search=duplicate,
            section=DOC,
            crumbs=[("Tổng hợp", ctx.url(doc, DOC)), (str(year), "")] if doc != DOC else (),
        ),
        f"# {title}\n",
        _years_nav(ctx, doc, year),
        f"<p>{_as_of_note(ctx, year)}</p>\n",
        f'<p class="bt-downloads">{_xlsx_button(ctx, doc, year)} '
        f"<small>Cho phần mềm khác (dữ liệu máy đọc, mọi năm): "
        f"{link(ctx.url(doc, CSV), 'chi-bo.csv')} · {link(ctx.url(doc, JSON), 'chi-bo.json')}</small></p>\n",
    ]
    verdict = "bt-bad" if short else "bt-ok"
    symbol = "✗" if short else "✓"
    out.append(
        f'<p class="bt-headline {verdict}"><span aria-hidden="true">{symbol}</span> '
        f"<strong>{vi.number(len(short))}/{vi.number(len(entries))} chi bộ chưa đạt</strong> "
        f'{esc(year_title(ctx, year).lower())} · <a href="#chua-dat">xem danh sách và lý do</a></p>\n'
    )
    out.append("\n## Chỉ tiêu toàn Đảng bộ { #chi-tieu }\n")
    out.append(figures_table(ctx, year) + "\n")
    out.append(f"\n## Chi bộ chưa đạt ({len(short)}) {{ #chua-dat }}\n")
    out.append(short_list(ctx, doc, year, short) + "\n")
    if year == ctx.settings.as_of.year:
        tm = this_month(ctx)
        out.append(f"\n## Tháng {tm.month}/{tm.year}: chi bộ chưa sinh hoạt ({len(tm.not_met)}) {{ #thang-nay }}\n")
        out.append(f"<p>{summary(ctx, tm)}</p>\n" + not_met_table(ctx, doc, tm) + "\n")
    out.append(overview_sections.sections(ctx, doc, year))
    out.append("\n## Từng chi bộ theo tháng { #theo-thang }\n")
    parts = grid_parts(entries)
    if len(parts) == 1:
        out.append(grid(ctx, doc, year, entries) + "\n")
    else:
        out.append(_parts_list(ctx, doc, year, parts) + "\n")
    return "\n".join(out)


def _xlsx_button(ctx: Context, doc: str, year: int) -> str:
    return link(ctx.url(doc, links.overview_xlsx(year)), f"Tải bảng tổng hợp năm {year} (Excel, .xlsx)", cls="md-button")


def _part_label(part: list[tuple[Cell, CellYear]]) -> str:
    return f"{part[0][0].name} – {part[-1][0].name} ({vi.number(len(part))} chi bộ)"


def _parts_list(ctx: Context, doc: str, year: int, parts: list[list[tuple[Cell, CellYear]]], current: int = 0) -> str:
    items = []
    for k, part in enumerate(parts, start=1):
        label = esc(_part_label(part))
        if k == current:
            items.append(f'<li><strong aria-current="page">Trang {k}: {label}</strong></li>')
        else:
            items.append(f"<li>{link(ctx.url(doc, grid_doc(year, k)), f'Trang {k}: {label}')}</li>")
    intro = f"Bảng tháng của {vi.number(sum(len(p) for p in parts))} chi bộ được chia thành {len(parts)} trang, theo tên chi bộ:"
    return f'<nav class="bt-grid-parts" aria-label="Các trang bảng theo tháng"><p>{intro}</p><ol>{"".join(items)}</ol></nav>'


def grid_pages(ctx: Context, year: int) -> list[tuple[str, str]]:
    """The grid's own pages when it is split (none when it fits on the year's page)."""
    parts = grid_parts(ctx.by_year.get(year, []))
    if len(parts) == 1:
        return []
    pages = []
    for k, part in enumerate(parts, start=1):
        doc = grid_doc(year, k)
        title = f"Tổng hợp năm {year}: từng chi bộ theo tháng, trang {k}/{len(parts)}"
        back = link(ctx.url(doc, year_doc(year)), f"Tổng hợp năm {year}")
        out = [
            # Marks and names only: each cell is found by search through its own page's entry.
            front_matter(title, hide=("navigation", "toc"), exclude_from_search=True),
            f"# {esc(title)}\n",
            f"<p>← {back} · {esc(_part_label(part))}. Bộ lọc và sắp xếp áp dụng cho các chi bộ của trang này.</p>\n",
            _parts_list(ctx, doc, year, parts, current=k) + "\n",
            grid(ctx, doc, year, part) + "\n",
        ]
        pages.append((doc, "\n".join(out)))
    return pages


def _as_of_note(ctx: Context, year: int) -> str:
    as_of = ctx.settings.as_of
    ended = months_ended(year, as_of)  # the due calendar: a month's last day ends it
    if year != as_of.year or ended == 12:
        return f"Số liệu cả năm {year}."
    if ended == as_of.month:
        return f"Số liệu tính đến hết ngày {vi.date(as_of)}: tháng {as_of.month} đã kết thúc và được tính."
    return (
        f"Số liệu tính đến ngày {vi.date(as_of)}: tháng {as_of.month} chưa kết thúc nên chưa bị tính là thiếu, "
        f"nhưng cuộc họp đã ghi nhận vẫn được tính."
    )


def _years_nav(ctx: Context, doc: str, year: int) -> str:
    items = []
    for y in ctx.years:
        if y == year:
            items.append(f'<strong aria-current="page">{y}</strong>')
        else:
            items.append(link(ctx.url(doc, year_doc(y)), str(y)))
    return f'<nav class="bt-years" aria-label="Chọn năm">Năm: {" · ".join(items)}</nav>\n'


def _change(now: float | int | None, before: float | int | None, unit: str) -> str:
    if now is None or before is None:
        return "–"
    diff = round(now - before, 1)
    if diff == 0:
        return "= không đổi"
    amount = vi.number(abs(diff), 0 if isinstance(diff, int) else 1) + unit
    return f"▲ tăng {amount}" if diff > 0 else f"▼ giảm {amount}"


def figures_table(ctx: Context, year: int) -> str:
    r = ctx.settings.rules
    now = ctx.org_years.get(year, OrgYear(year))
    before = ctx.org_years.get(year - 1)
    pct = " điểm phần trăm"  # a difference of two percentages

    def row(
        label: str, get: Callable[[OrgYear], float | None], fmt: Callable[[float | None], str], unit: str, need: str
    ) -> list[str]:
        a = get(now)
        b = get(before) if before else None
        return [label, fmt(a), fmt(b) if before else "–", _change(a, b, unit), need]

    count = vi.number
    target = TARGETS_SOURCE
    rows = [
        row("Số chi bộ", lambda o: o.cells, count, "", ""),
        row("Số đảng viên", lambda o: o.members, count, "", ""),
        row("Chi bộ đạt mọi yêu cầu", lambda o: o.compliant_pct, vi.percent, pct, "100% chi bộ"),
        row("Tháng đã qua có sinh hoạt thường kỳ", lambda o: o.months_pct, vi.percent, pct, "mỗi tháng"),
        row("Quý đã qua có sinh hoạt chuyên đề", lambda o: o.quarters_pct, vi.percent, pct, "mỗi quý"),
        row("Tỷ lệ dự họp", lambda o: o.attendance_pct, vi.percent, pct, f"≥ {vi.threshold(r.attendance_min)}% ({target})"),
        row("Tỷ lệ phát biểu", lambda o: o.speakers_pct, vi.percent, pct, f"≥ {vi.threshold(r.speakers_min)}% ({target})"),
    ]
    previous = f"Năm {year - 1}" if before else "Năm trước"
    headers = ["Chỉ tiêu", year_title(ctx, year), previous, "So với năm trước", "Yêu cầu"]
    return table(headers, rows, cls="bt-orgfig", caption=unseen(f"Chỉ tiêu toàn Đảng bộ năm {year}"))


def _cell_link(ctx: Context, doc: str, cell_id: str, name: str, year: int) -> str:
    return link(ctx.url(doc, links.cell_doc(cell_id), f"nam-{year}"), esc(name))


def short_list(ctx: Context, doc: str, year: int, short: list[tuple[Cell, CellYear]]) -> str:
    if not short:
        return '<p class="bt-ok">✓ Mọi chi bộ đều đạt.</p>'
    ordered = sorted(short, key=lambda e: (severity(e[1]), ctx.rank[e[0].name]))
    cols = [
        Col("#", "num", title="Thứ tự theo mức độ: tháng, quý không sinh hoạt; rồi tỷ lệ; rồi thời lượng, muộn"),
        Col("Chi bộ", "num"),
        Col("Trực thuộc", "num"),
        Col("Số điểm chưa đạt", "num"),
        Col("Tháng thiếu", "num", title="Số tháng đã qua không sinh hoạt thường kỳ"),
        Col("Dự họp", "num"),
        Col("Chưa đạt từ", "num"),
        Col("Lý do"),
    ]
    rows = []
    for i, (cell, cy) in enumerate(ordered, start=1):
        since = short_since(ctx.judged[cell.id], year) or year
        streak = year - since + 1
        since_text = f"năm {since}" + (f" ({streak} năm liền)" if streak > 1 else "")
        reasons = "<ul>" + "".join(f"<li>{esc(r)}</li>" for r in cy.reasons) + "</ul>"
        rows.append(
            Row(
                cells=[
                    (str(i), i),
                    (_cell_link(ctx, doc, cell.id, cell.name, year), ctx.rank[cell.name]),
                    (esc(ctx.parent_name(cell)), ctx.rank[ctx.parent_name(cell)]),
                    (status_badge(cy), len(cy.reasons)),
                    (vi.number(len(cy.missing_months)), len(cy.missing_months)),
                    (vi.percent(cy.attendance_pct), cy.attendance_pct),
                    (esc(since_text), since),
                    (reasons, None),
                ],
                attrs={**ctx.filter_attrs(cell), "class": "bt-short"},
            )
        )
    kinds, parents = ctx.filter_options
    note = f'<p class="bt-order-note"><small>{esc(SEVERITY_NOTE)}</small></p>'
    return (
        note
        + filter_bar("bt-short", kinds, parents, "chi bộ")
        + sortable_table("bt-short", cols, rows, cls="bt-shortlist", caption=unseen(f"Chi bộ chưa đạt năm {year}"))
    )


def grid(ctx: Context, doc: str, year: int, entries: list[tuple[Cell, CellYear]]) -> str:
    """Cells × months: the committee's working view. Every mark is a symbol and a word for screen
    readers; one legend above says what the symbols mean (a sentence per mark, as the cell pages'
    strips have, would make a 1,000-cell grid megabytes long), the column header the month."""
    cols = [Col("Chi bộ", "num", cls="bt-g-name")]
    # A month or quarter sorts the cells that have not met first (SORT_ORDER).
    cols += [Col(f"T{mo}", "num", cls="bt-g", title=f"Tháng {mo}: sinh hoạt thường kỳ") for mo in range(1, 13)]
    cols += [Col(vi.QUARTERS[q - 1], "num", cls="bt-g bt-g-q", title=f"Quý {vi.QUARTERS[q - 1]}: chuyên đề") for q in range(1, 5)]
    cols += [Col("Dự họp", "num"), Col("Phát biểu", "num"), Col("Kết quả", "num")]
    rows = []
    for cell, cy in entries:
        rows.append(_grid_row(ctx, doc, cell, cy))
    kinds, parents = ctx.filter_options
    legend = legend_html(ctx.settings.rules.deadline_day)
    note = "<p><small>T1–T12: sinh hoạt thường kỳ từng tháng; I–IV: sinh hoạt chuyên đề từng quý.</small></p>"
    return (
        legend
        + note
        + filter_bar("bt-grid", kinds, parents, "chi bộ", PERIODS)
        + sortable_table("bt-grid", cols, rows, cls="bt-grid", caption=unseen(f"Từng chi bộ theo tháng, năm {year}"))
    )


def _grid_row(ctx: Context, doc: str, cell: Cell, cy: CellYear) -> Row:
    held = ctx.held(cy.cell_id, cy.year)
    statuses = [m.status for m in month_marks(cy, held, ctx.settings) + quarter_marks(cy, held, ctx.settings)]
    name = cell.name
    cells: list[tuple[str, SortKey]] = [(_cell_link(ctx, doc, cy.cell_id, name, cy.year), ctx.rank[name])]
    cells += [(f'<span class="bt-m-{s.key}">{status_html(s)}</span>', SORT_ORDER[s.key]) for s in statuses]
    cells += [
        (vi.percent(cy.attendance_pct), cy.attendance_pct),
        (vi.percent(cy.speakers_pct), cy.speakers_pct),
        (status_badge(cy), len(cy.reasons)),
    ]
    attrs = ctx.filter_attrs(cell)
    attrs |= {period_key(p): s.key for (p, _), s in zip(PERIODS, statuses, strict=True)}
    if not cy.compliant:
        attrs["class"] = "bt-short"
    return Row(cells=cells, attrs=attrs)

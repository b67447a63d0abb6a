"""A cell's page (chi-bo/<id>/): the year at a glance, what is still owed, every meeting.

The newest judged year is open; earlier years are collapsed in <details> (opened
by the browser for print and when a link targets them, see bulletin-tables.js).
"""

from __future__ import annotations

import hashlib

from bulletin.data.model import CELL_KINDS, TIMED_KINDS, Cell, Meeting
from bulletin.pages import links
from bulletin.pages.chart import chart_svg
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, md_text, table
from bulletin.pages.meetings import breaches_by_meeting, meetings_table
from bulletin.pages.strips import legend_html, month_marks, owed, quarter_marks, strip_html
from bulletin.rules.summary import month_figures
from bulletin.rules.verdicts import CellYear
from bulletin.text import vi


def status_badge(cy: CellYear | None) -> str:
    if cy is None:
        return '<span class="bt-badge bt-none">– Chưa có số liệu</span>'
    if cy.compliant:
        return '<span class="bt-badge bt-ok">✓ Đạt</span>'
    return f'<span class="bt-badge bt-bad">✗ Chưa đạt ({len(cy.reasons)})</span>'


def year_title(ctx: Context, year: int) -> str:
    so_far = year == ctx.settings.as_of.year
    return f"Năm {year}" + (f" (đến {vi.date(ctx.settings.as_of)})" if so_far else "")


def inputs_key(ctx: Context, cell: Cell) -> str:
    """A hash of everything `cell_page` reads: the cell, its meetings and judged years, and what
    every page shares (settings, outline titles). Equal keys mean an equal page, so a rebuild can
    keep the page it already has."""
    h = hashlib.blake2b(ctx.shared_inputs, digest_size=16)
    for part in (cell, ctx.data.meetings.get(cell.id, []), ctx.judged[cell.id]):
        h.update(repr(part).encode("utf-8"))
    return h.hexdigest()


def cell_page(ctx: Context, cell: Cell) -> str:
    doc = links.cell_doc(cell.id)
    years = ctx.judged[cell.id]
    out = [
        # Kept out of Material's indexer: search.cell_entries writes this page's entry (its profile).
        front_matter(cell.name, hide=("navigation",), exclude_from_search=True, description=f"Sinh hoạt chi bộ: {cell.name}"),
        f"# {md_text(cell.name)}\n",
        _profile(ctx, cell),
    ]
    if not years:
        out.append("\n*Chưa có số liệu sinh hoạt.*\n")
        return "\n".join(out) + "\n"
    newest, earlier = years[-1], list(reversed(years[:-1]))
    out.append(f"\n## {year_title(ctx, newest.year)} {{ #nam-{newest.year} }}\n")
    out.append(year_block(ctx, doc, newest) + "\n")
    if earlier:
        out.append("\n## Các năm trước { #cac-nam-truoc }\n")
        for cy in earlier:
            out.append(
                f'<details class="bt-year" id="nam-{cy.year}"><summary><strong>Năm {cy.year}</strong> '
                f"{status_badge(cy)}</summary>{year_block(ctx, doc, cy)}</details>\n"
            )
    return "\n".join(out) + "\n"


def year_block(ctx: Context, doc: str, cy: CellYear) -> str:
    """Everything about one cell-year, as one raw HTML block."""
    held = ctx.held(cy.cell_id, cy.year)
    months = month_marks(cy, held, ctx.settings)
    quarters = quarter_marks(cy, held, ctx.settings)
    breaches = breaches_by_meeting(ctx, held)
    out = [f'<div class="bt-yearblock" data-year="{cy.year}">']
    out.append(f'<p class="bt-verdict">{status_badge(cy)} {esc(_verdict(cy))}</p>')
    out.append(strip_html(months, "Sinh hoạt thường kỳ từng tháng", "bt-months"))
    out.append(strip_html(quarters, "Sinh hoạt chuyên đề từng quý", "bt-quarters"))
    out.append(legend_html(ctx.settings.rules.deadline_day))
    todo = owed(cy, months, quarters, ctx.settings)
    if todo:
        items = "".join(f"<li>{esc(t)}</li>" for t in todo)
        out.append(
            f'<div class="bt-owed"><p><strong>Còn phải thực hiện đến hết năm {cy.year}:</strong></p><ul>{items}</ul></div>'
        )
    if cy.reasons:
        items = "".join(f"<li>{esc(reason)}</li>" for reason in cy.reasons)
        out.append(f'<div class="bt-reasons"><p><strong>Chưa đạt vì:</strong></p><ul>{items}</ul></div>')
    out.append(figures_table(ctx, cy, held, breaches))
    if held:
        out.append(chart_svg(cy.year, month_figures(held), ctx.settings.rules))
    out.append(f"<h3>Các cuộc sinh hoạt năm {cy.year} ({len(held)})</h3>")
    out.append(meetings_table(ctx, doc, held, breaches))
    out.append("</div>")
    return "".join(out)


def _verdict(cy: CellYear) -> str:
    if cy.compliant:
        return f"Đạt mọi yêu cầu ({cy.months_due} tháng đã qua)." if cy.months_due else "Chưa có tháng nào kết thúc."
    return f"{len(cy.reasons)} điểm chưa đạt."


def _profile(ctx: Context, cell: Cell) -> str:
    rows = [
        ("Loại hình", esc(CELL_KINDS[cell.kind])),
        ("Trực thuộc", esc(ctx.parent_name(cell))),
        ("Bí thư chi bộ", esc(cell.secretary)),
        ("Cấp ủy viên phụ trách", esc(cell.supervisor or "–")),
        ("Số đảng viên", vi.number(cell.members)),
        ("Tình trạng", "Đang hoạt động" if cell.active else "Đã giải thể (giữ lịch sử sinh hoạt)"),
    ]
    # The spaces between cells keep words apart in the search index ("Bí thư chi bộ Nguyễn Văn A",
    # not "chi bộNguyễn"): Material's indexer joins the text of adjacent elements as it is.
    body = "".join(f'<tr><th scope="row">{k}</th> <td>{v}</td></tr>\n' for k, v in rows)
    return f'<div class="bt-table"><table class="bt-profile"><tbody>{body}</tbody></table></div>\n'


def figures_table(ctx: Context, cy: CellYear, held: list[Meeting], breaches: dict[int, list[str]]) -> str:
    """The year's figure against each rule, its threshold beside it."""
    r = ctx.settings.rules
    timed = [m for m in held if m.kind in TIMED_KINDS]
    off_time = sum(1 for m in timed if not r.duration_min <= m.duration <= r.duration_max)
    rows = [
        [
            "Sinh hoạt thường kỳ",
            f"{cy.months_held_due}/{cy.months_due} tháng đã qua",
            "mỗi tháng một lần",
            _mark(not cy.missing_months),
        ],
        [
            "Sinh hoạt chuyên đề",
            f"{cy.quarters_held_due}/{cy.quarters_due} quý đã qua",
            "mỗi quý ít nhất một lần",
            _mark(not cy.missing_quarters),
        ],
        [
            "Tỷ lệ dự họp",
            vi.percent(cy.attendance_pct),
            f"≥ {vi.threshold(r.attendance_min)}% số phải dự",
            _mark(cy.attendance_pct is None or cy.attendance_pct >= r.attendance_min),
        ],
        [
            "Tỷ lệ phát biểu",
            vi.percent(cy.speakers_pct),
            f"≥ {vi.threshold(r.speakers_min)}% số dự họp",
            _mark(cy.speakers_pct is None or cy.speakers_pct >= r.speakers_min),
        ],
        [
            "Họp đúng hạn",
            f"{len(cy.late_months)} tháng họp muộn",
            f"trước hoặc vào ngày {r.deadline_day} hằng tháng",
            _mark(not cy.late_months),
        ],
        [
            "Thời gian sinh hoạt",
            f"{off_time}/{len(timed)} cuộc ngoài khung",
            f"{r.duration_min}–{r.duration_max} phút",
            _mark(not off_time),
        ],
        ["Số cuộc sinh hoạt", vi.number(cy.meetings), "", f"{sum(1 for b in breaches.values() if b)} cuộc có vi phạm"],
    ]
    return table(["Tiêu chí", "Kết quả", "Yêu cầu", "Đánh giá"], rows, cls="bt-figures")


def _mark(ok: bool) -> str:
    return '<span class="bt-ok">✓ đạt</span>' if ok else '<span class="bt-bad">✗ chưa đạt</span>'

"""A cell's page (chi-bo/<id>/): the year at a glance, what is still owed, every meeting.

The newest judged year is open; earlier years are collapsed in <details> (opened
by the browser for print and when a link targets them, see bulletin-tables.js).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from bulletin.data.model import CELL_KINDS, RATING_LEVELS, Cell, Meeting, Period
from bulletin.data.settings import TARGETS_SOURCE, Rules, RuleSet, minutes_text
from bulletin.pages import links
from bulletin.pages.chart import chart_svg
from bulletin.pages.context import Context
from bulletin.pages.html import SCROLLS, esc, front_matter, link, md_text, table, unseen
from bulletin.pages.meetings import breaches_by_meeting, meetings_table
from bulletin.pages.strips import legend_html, month_marks, owed, quarter_marks, strip_html
from bulletin.rules.quality import band
from bulletin.rules.summary import month_figures
from bulletin.rules.verdicts import CellYear, kind_words
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
    years = ctx.judged[cell.id]

    def records() -> str:
        return hashlib.blake2b(repr((ctx.data.meetings_of(cell.id), years)).encode("utf-8"), digest_size=16).hexdigest()

    h = hashlib.blake2b(ctx.shared_inputs, digest_size=16)
    h.update(repr(cell).encode("utf-8"))
    # The records' part is the costly one (every meeting's repr): kept while the judged years are.
    h.update((ctx.memo.digest(cell.id, years, records) if ctx.memo is not None else records()).encode("ascii"))
    return h.hexdigest()


def cell_page(ctx: Context, cell: Cell) -> str:
    doc = links.cell_doc(cell.id)
    cells_index_doc = links.CELLS_INDEX
    years = ctx.judged[cell.id]
    out = [
        # Kept out of Material's indexer: search.cell_entries writes this page's entry (its profile).
        front_matter(
            cell.name,
            hide=("navigation", "toc"),  # a data page: its tables get the whole width
            exclude_from_search=True,
            description=f"Sinh hoạt chi bộ: {cell.name}",
            section=cells_index_doc,
            crumbs=[
                ("Chi bộ", ctx.url(doc, cells_index_doc)),
                (ctx.parent_name(cell), ctx.url(doc, cells_index_doc, ctx.parent_anchor(cell))),
                (cell.name, ""),
            ],
        ),
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
    breaches = breaches_by_meeting(ctx, held, cy.due_months)
    out = [f'<div class="bt-yearblock" data-year="{cy.year}">']
    out.append(f'<p class="bt-verdict">{status_badge(cy)} {esc(_verdict(cy))}</p>')
    out.append(quality_line(ctx, cy))
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
        out.append(f'<div class="bt-reasons"><p><strong>Chưa bảo đảm yêu cầu:</strong></p><ul>{items}</ul></div>')
    out.append(figures_table(ctx, cy, held, breaches))
    if held:
        out.append(chart_svg(cy.year, month_figures(held), ctx.settings.rules))
    out.append(f"<h3>Các cuộc sinh hoạt năm {cy.year} ({len(held)})</h3>")
    out.append(meetings_table(ctx, doc, held, breaches))
    out.append("</div>")
    return "".join(out)


def _verdict(cy: CellYear) -> str:
    if cy.compliant:
        return f"Đạt mọi yêu cầu ({cy.months_due} tháng đã qua)." if cy.months_due else "Chưa có tháng nào phải tính."
    return f"{len(cy.reasons)} điểm chưa bảo đảm yêu cầu."


def _status(cell: Cell, as_of: dt.date) -> str:
    """The cell's state at the as-of date; a date still to come is said as such."""
    if cell.founded and cell.founded > as_of:
        return f"Chưa thành lập (sẽ thành lập ngày {vi.date(cell.founded)})"
    founded = f"thành lập ngày {vi.date(cell.founded)}" if cell.founded else ""
    if cell.dissolved and not cell.active:
        gone = f"Đã giải thể ngày {vi.date(cell.dissolved)}"
    elif cell.dissolved:
        gone = f"Đang hoạt động (sẽ giải thể ngày {vi.date(cell.dissolved)})"
    else:
        gone = "Đang hoạt động" if cell.active else "Đã giải thể"
    text = gone + (f", {founded}" if founded else "")
    return text + (" (giữ lịch sử sinh hoạt)" if not cell.active else "")


def _profile(ctx: Context, cell: Cell) -> str:
    rows = [
        ("Loại hình", esc(CELL_KINDS[cell.kind])),
        ("Trực thuộc", esc(ctx.parent_name(cell))),
        ("Bí thư chi bộ", esc(cell.secretary)),
        ("Cấp ủy viên phụ trách", _supervisors(ctx, cell)),
        ("Số đảng viên", vi.number(cell.members)),
        ("Tình trạng", esc(_status(cell, ctx.settings.as_of))),
    ]
    if cell.online_allowed:
        rows.append(("Sinh hoạt trực tuyến", esc(_online_text(cell))))
    # The spaces between cells keep words apart in the search index ("Bí thư chi bộ Nguyễn Văn A",
    # not "chi bộNguyễn"): Material's indexer joins the text of adjacent elements as it is.
    body = "".join(f'<tr><th scope="row">{k}</th> <td>{v}</td></tr>\n' for k, v in rows)
    caption = f"<caption>{unseen('Thông tin chi bộ')}</caption>"
    return f'<div class="bt-table" {SCROLLS}><table class="bt-profile">{caption}<tbody>{body}</tbody></table></div>\n'


def _period(p: Period) -> str:
    if p.start is None and p.end is None:
        return ""
    return " ".join(x for x in (f"từ {vi.date(p.start)}" if p.start else "", f"đến {vi.date(p.end)}" if p.end else "") if x)


def _supervisors(ctx: Context, cell: Cell) -> str:
    """Who follows the cell (and when); a member links to their page where committee.yml exists."""
    if not cell.supervisor:
        return "–"
    doc = links.cell_doc(cell.id)
    parts = []
    for a in cell.supervisor:
        who = esc(ctx.member_name(a.member))
        if ctx.data.committee and a.member in ctx.data.committee:
            who = link(ctx.url(doc, links.member_doc(a.member)), who)
        when = _period(a.period)
        parts.append(who + (f" ({esc(when)})" if when else ""))
    return "<br>".join(parts)


def _online_text(cell: Cell) -> str:
    spans = [_period(p) for p in cell.online_allowed]
    return "được cấp ủy cho phép" + ("" if all(not s for s in spans) else ": " + "; ".join(s for s in spans if s))


def quality_line(ctx: Context, cy: CellYear) -> str:
    """The committee's rating, the average score and its band, and supervision visits, for one year."""
    parts = []
    rating = ctx.data.ratings.get((cy.cell_id, cy.year))
    if rating:
        parts.append(f"Xếp loại năm {cy.year}: <strong>{esc(RATING_LEVELS[rating.level])}</strong>")
    avg = ctx.score_avg(cy.cell_id, cy.year)
    if avg is not None:
        parts.append(f"Điểm chất lượng bình quân: {vi.number(avg)} ({esc(band(avg, ctx.settings) or '')})")
    if ctx.supervision.enabled:
        visits = sum(1 for v in ctx.supervision.visits if v.cell_id == cy.cell_id and v.date.year == cy.year)
        parts.append(f"Cấp ủy viên phụ trách dự: {vi.number(visits)} lượt")
    return f'<p class="bt-quality-line">{" · ".join(parts)}</p>' if parts else ""


def figures_table(ctx: Context, cy: CellYear, held: list[Meeting], breaches: dict[int, list[str]]) -> str:
    """The year's figure against each rule, its threshold and where the threshold comes from."""
    r = ctx.settings.rules
    marked = sum(1 for b in breaches.values() if b)
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
            "Tỷ lệ dự họp cả năm",
            esc(vi.ratio_pct(cy.present, cy.expected, r.attendance_min)),
            f"≥ {vi.threshold(r.attendance_min)}% số phải dự ({TARGETS_SOURCE})",
            _mark(not cy.attendance_short),
        ],
        [
            "Tỷ lệ phát biểu cả năm",
            esc(vi.ratio_pct(cy.speakers, cy.present, r.speakers_min)),
            f"≥ {vi.threshold(r.speakers_min)}% số dự họp ({TARGETS_SOURCE})",
            _mark(not cy.speakers_short),
        ],
        [
            "Họp đúng hạn",
            f"{len(cy.late_months)} tháng họp muộn",
            f"chậm nhất ngày {r.deadline_day} hằng tháng ({TARGETS_SOURCE})",
            _mark(not cy.late_months),
        ],
        [
            "Thời gian sinh hoạt",
            f"{cy.off_time}/{cy.timed} buổi chưa bảo đảm",
            esc(duration_rules(r, cy.year)),
            _mark(not cy.off_time),
        ],
        [
            "Số cuộc sinh hoạt",
            vi.number(cy.meetings) + (f" (trong đó {cy.meetings_not_due} buổi ở tháng chưa tính)" if cy.meetings_not_due else ""),
            "chỉ tính các buổi trong những tháng đã đến hạn đánh giá",
            f"{marked} buổi chưa bảo đảm yêu cầu" + (": " + esc("; ".join(cy.marks)) if cy.marks else ""),
        ],
    ]
    caption = unseen(f"Kết quả năm {cy.year} theo từng tiêu chí")
    return table(["Tiêu chí", "Kết quả", "Yêu cầu", "Đánh giá"], rows, cls="bt-figures", caption=caption)


def duration_rules(rules: Rules, year: int) -> str:
    """The duration rules in force during `year`, each with its source and dates:
    'HD 12: 90–120 phút (đến 27/10/2025); HD 42: tối thiểu 90 phút, kết hợp tối thiểu 120 phút (từ 28/10/2025)'."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ordered = sorted(rules.rule_sets, key=lambda rs: rs.start)
    parts = []
    for i, rs in enumerate(ordered):
        until = ordered[i + 1].start - dt.timedelta(days=1) if i + 1 < len(ordered) else None
        if rs.start > last or (until is not None and until < first):
            continue
        parts.append(f"{rs.short}: {rule_set_minutes(rs)}" + _span(rs.start, until, first, last))
    return "; ".join(parts) or "không áp dụng"


def rule_set_minutes(rs: RuleSet) -> str:
    """'90–120 phút' when every kind shares the bounds, else each kind: 'thường kỳ tối thiểu 90 phút, ...'."""
    bounds = {(lo, hi) for _, lo, hi in rs.minutes}
    if len(bounds) == 1:
        return minutes_text(*next(iter(bounds)))
    return ", ".join(f"{kind_words(k)} {minutes_text(lo, hi)}" for k, lo, hi in rs.minutes)


def _span(start: dt.date, until: dt.date | None, first: dt.date, last: dt.date) -> str:
    if start > first and until is not None and until < last:
        return f" (từ {vi.date(start)} đến {vi.date(until)})"
    if start > first:
        return f" (từ {vi.date(start)})"
    if until is not None and until < last:
        return f" (đến {vi.date(until)})"
    return ""


def _mark(ok: bool) -> str:
    return '<span class="bt-ok">✓ đạt</span>' if ok else '<span class="bt-bad">✗ chưa đạt</span>'

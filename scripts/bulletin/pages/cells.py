"""A cell's page (chi-bo/<id>/) and the cells index (chi-bo/)."""

from __future__ import annotations

from collections import defaultdict

from .. import links, vi
from ..model import CELL_KINDS, MEETING_KINDS, Cell, Meeting
from ..rules import CellYear, first_regular_meetings, meeting_breaches
from .context import Context
from .html import esc, front_matter, link, md_text, table

INDEX = "chi-bo/index.md"
NO_PARENT = "Chi bộ cơ sở trực thuộc Đảng bộ Khối"


def status_badge(cy: CellYear | None) -> str:
    if cy is None:
        return '<span class="bt-badge bt-none">– Chưa có số liệu</span>'
    if cy.compliant:
        return '<span class="bt-badge bt-ok">✓ Đạt</span>'
    return f'<span class="bt-badge bt-bad">✗ Chưa đạt ({len(cy.reasons)})</span>'


def cell_page(ctx: Context, cell: Cell) -> str:
    doc = links.cell_doc(cell.id)
    years = ctx.judged[cell.id]
    out = [front_matter(cell.name, description=f"Sinh hoạt chi bộ: {cell.name}"), f"# {md_text(cell.name)}\n"]
    out.append(_profile(ctx, cell))
    if not years:
        out.append("\n*Chưa có số liệu sinh hoạt.*\n")
    meetings = ctx.data.meetings_of(cell.id)
    firsts = first_regular_meetings(meetings)
    for cy in reversed(years):
        so_far = cy.year == ctx.settings.as_of.year
        suffix = f" (đến {vi.date(ctx.settings.as_of)})" if so_far else ""
        out.append(f"\n## Năm {cy.year}{suffix} {{ #nam-{cy.year} }}\n")
        out.append(_figures(ctx, cy))
        held = [m for m in meetings if m.date.year == cy.year]
        out.append(_meetings_table(ctx, doc, held, firsts))
    return "\n".join(out) + "\n"


def _profile(ctx: Context, cell: Cell) -> str:
    rows = [
        ("Loại hình", esc(CELL_KINDS[cell.kind])),
        ("Trực thuộc", esc(cell.parent or NO_PARENT)),
        ("Bí thư chi bộ", esc(cell.secretary)),
        ("Cấp ủy viên phụ trách", esc(cell.supervisor or "–")),
        ("Số đảng viên", vi.number(cell.members)),
        ("Tình trạng", "Đang hoạt động" if cell.active else "Đã giải thể (giữ lịch sử sinh hoạt)"),
    ]
    # The spaces between cells keep words apart in the search index ("Bí thư chi bộ Nguyễn Văn A",
    # not "chi bộNguyễn"): Material's indexer joins the text of adjacent elements as it is.
    body = "".join(f'<tr><th scope="row">{k}</th> <td>{v}</td></tr>\n' for k, v in rows)
    return f'<div class="bt-table"><table class="bt-profile"><tbody>{body}</tbody></table></div>\n'


def _figures(ctx: Context, cy: CellYear) -> str:
    r = ctx.settings.rules
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
            f"≥ {vi.threshold(r.attendance_min)}%",
            _mark(cy.attendance_pct is None or cy.attendance_pct >= r.attendance_min),
        ],
        [
            "Tỷ lệ phát biểu",
            vi.percent(cy.speakers_pct),
            f"≥ {vi.threshold(r.speakers_min)}% số dự họp",
            _mark(cy.speakers_pct is None or cy.speakers_pct >= r.speakers_min),
        ],
        ["Số cuộc sinh hoạt", vi.number(cy.meetings), "", ""],
    ]
    out = [f"<p>{status_badge(cy)}</p>", table(["Tiêu chí", "Kết quả", "Yêu cầu", ""], rows, cls="bt-figures")]
    if cy.reasons:
        items = "".join(f"<li>{esc(reason)}</li>" for reason in cy.reasons)
        out.append(f'<div class="bt-reasons"><p><strong>Chưa đạt vì:</strong></p><ul>{items}</ul></div>')
    return "\n".join(out) + "\n"


def _mark(ok: bool) -> str:
    return '<span class="bt-ok">✓ đạt</span>' if ok else '<span class="bt-bad">✗ chưa đạt</span>'


def _meetings_table(ctx: Context, doc: str, held: list[Meeting], firsts: set[int]) -> str:
    if not held:
        return "<p><em>Không có cuộc sinh hoạt nào được ghi nhận.</em></p>\n"
    rows, attrs = [], []
    for m in sorted(held, key=lambda m: m.date, reverse=True):
        breaches = meeting_breaches(m, ctx.settings.rules, id(m) in firsts)
        topic = "–"
        if m.topic and m.topic in ctx.data.outlines:
            topic = link(ctx.url(doc, links.outline_doc(m.topic)), esc(ctx.data.outlines[m.topic].title))
        notes = ctx.notes(m.notes) if m.notes else ""
        if breaches:
            notes = "".join(f'<p class="bt-bad">⚠ {esc(b)}</p>' for b in breaches) + notes
        rows.append(
            [
                vi.date(m.date),
                esc(MEETING_KINDS[m.kind]),
                topic,
                f"{m.present}/{m.expected}",
                str(m.excused),
                f"{m.duration} phút",
                str(m.speakers),
                "có" if m.online else "",
                "<br>".join(esc(g) for g in m.guests),
                vi.number(m.score, 1 if isinstance(m.score, float) else 0) if m.score is not None else "",
                notes,
            ]
        )
        attrs.append('class="bt-breach"' if breaches else "")
    headers = [
        "Ngày",
        "Hình thức",
        "Chuyên đề",
        "Dự họp",
        "Vắng có lý do",
        "Thời gian",
        "Phát biểu",
        "Trực tuyến",
        "Cấp ủy dự",
        "Điểm",
        "Ghi chú",
    ]
    return table(headers, rows, cls="bt-meetings", row_attrs=attrs) + "\n"


def cells_index(ctx: Context) -> str:
    """Cells grouped by the đảng bộ cơ sở above them: how hundreds of cells are reached
    without listing them all in every page's navigation."""
    groups: dict[str, list[Cell]] = defaultdict(list)
    for cell_id in ctx.cells_sorted:
        cell = ctx.data.cells[cell_id]
        groups[cell.parent or NO_PARENT].append(cell)
    year = ctx.latest_year
    out = [front_matter("Chi bộ"), "# Các chi bộ\n", f"<p>{len(ctx.data.cells)} chi bộ. Kết quả năm {year}.</p>\n"]
    for parent in sorted(groups, key=lambda p: (p != NO_PARENT, vi.sort_key(p))):
        out.append(f"\n## {md_text(parent)}\n")
        rows = []
        for cell in groups[parent]:
            cy = next((c for c in ctx.judged[cell.id] if c.year == year), None)
            name = link(ctx.url(INDEX, links.cell_doc(cell.id)), esc(cell.name))
            if not cell.active:
                name += " <small>(đã giải thể)</small>"
            rows.append([name, esc(CELL_KINDS[cell.kind]), vi.number(cell.members), esc(cell.secretary), status_badge(cy)])
        out.append(table(["Chi bộ", "Loại hình", "Đảng viên", "Bí thư", f"Năm {year}"], rows, cls="bt-cells") + "\n")
    return "\n".join(out)

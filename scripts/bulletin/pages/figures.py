"""The month's figures of an issue as HTML: one renderer for the issue's page and its print edition.

Links are made by the caller's `href(doc)`: relative URLs on the site, absolute ones (or none)
in the PDF, where a relative link would point nowhere.
"""

from __future__ import annotations

from collections.abc import Callable

from bulletin.data.model import Dataset
from bulletin.pages import links
from bulletin.pages.html import esc, link, table, unseen
from bulletin.rules.monthly import IssueFigures, MonthFigures
from bulletin.rules.supervision import MonthSupervision
from bulletin.text import vi

Href = Callable[[str], str | None]


def heading(fig: IssueFigures) -> str:
    c = fig.current
    return f"Số liệu sinh hoạt {vi.month(c.year, c.month)}"


def _a(href: Href, doc: str, text: str) -> str:
    url = href(doc)
    return link(url, text) if url else text


def _diff(now: float | int | None, before: float | int | None, unit: str) -> str:
    if now is None or before is None:
        return "–"
    delta = now - before
    if abs(delta) < 0.05:
        return "không đổi"
    sign = "+" if delta > 0 else "−"
    shown = vi.number(abs(delta), 1) if unit == "điểm phần trăm" else vi.number(int(abs(delta)))
    return f"{sign}{shown} {unit}".rstrip()


def _share(pct: float | None, num: int, den: int) -> str:
    return f"{vi.percent(pct)}<br><small>{vi.number(num)}/{vi.number(den)}</small>"


def _column(f: MonthFigures) -> list[str]:
    if not f.has_figures:
        return ["–"] * 5
    return [
        _share(f.met_pct, f.cells_met, f.cells_expected),
        vi.number(f.meetings),
        _share(f.attendance_pct, f.present, f.expected_attendance),
        _share(f.speakers_pct, f.speakers, f.present),
        f"{vi.number(f.thematic_meetings)} cuộc<br><small>{vi.number(f.thematic_cells)} chi bộ</small>",
    ]


def _header(f: MonthFigures) -> str:
    label = vi.month(f.year, f.month).capitalize()
    if f.status == "partial" and f.cutoff:
        label += f"<br><small>đến ngày {f.cutoff.day}/{f.cutoff.month}</small>"
    return label


def _changes(now: MonthFigures, before: MonthFigures) -> list[str]:
    if not (now.has_figures and before.has_figures):
        return ["–"] * 5
    return [
        _diff(now.met_pct, before.met_pct, "điểm phần trăm"),
        _diff(now.meetings, before.meetings, "cuộc"),
        _diff(now.attendance_pct, before.attendance_pct, "điểm phần trăm"),
        _diff(now.speakers_pct, before.speakers_pct, "điểm phần trăm"),
        _diff(now.thematic_meetings, before.thematic_meetings, "cuộc"),
    ]


LABELS = (
    "Chi bộ sinh hoạt thường kỳ",
    "Số cuộc sinh hoạt",
    "Tỷ lệ dự họp",
    "Tỷ lệ phát biểu",
    "Sinh hoạt chuyên đề",
)
FORMULAS = (
    "Chi bộ sinh hoạt thường kỳ: số chi bộ có sinh hoạt thường kỳ (hoặc kết hợp chuyên đề) / số chi bộ phải sinh hoạt. "
    "Tỷ lệ dự họp: số dự họp / số đảng viên phải dự (trừ miễn sinh hoạt); tỷ lệ phát biểu: số phát biểu / số dự họp; "
    "tính trên mọi cuộc sinh hoạt trong tháng."
)


def status_note(fig: IssueFigures) -> str:
    c, b = fig.current, fig.year_before
    notes = []
    if c.status == "partial":
        notes.append(
            f"Số liệu tạm tính đến ngày {vi.date(fig.as_of)}: {vi.month(c.year, c.month)} chưa kết thúc, "
            "các chi bộ còn có thể sinh hoạt và báo cáo."
        )
    elif c.status == "future":
        notes.append(f"{vi.month(c.year, c.month).capitalize()} chưa bắt đầu; số liệu có khi tháng kết thúc.")
    elif c.status == "no-data":
        notes.append(f"Chưa có số liệu sinh hoạt {vi.month(c.year, c.month)}.")
    if c.has_figures and not b.has_figures:
        notes.append(f"Chưa có số liệu {vi.month(b.year, b.month)} để so sánh.")
    return "".join(f'<p class="bt-figures-note">{esc(n)}</p>' for n in notes)


def _supervision_rows(sup: tuple[MonthSupervision, MonthSupervision], before_has: bool) -> list[list[str]]:
    """Visits by assigned committee members in the month (lượt), and the share of cells visited in
    the month's quarter so far; present only with committee.yml."""
    s, p = sup

    def share(x: MonthSupervision) -> str:
        return _share(x.quarter_pct, x.quarter_visited, x.quarter_due)

    return [
        [
            "Lượt cấp ủy viên phụ trách dự",
            vi.number(s.visits),
            vi.number(p.visits) if before_has else "–",
            _diff(s.visits, p.visits, "lượt") if before_has else "–",
        ],
        [
            f"Chi bộ được cấp ủy viên dự trong {('quý ' + vi.QUARTERS[((s.month - 1) // 3 + 1) - 1])}",
            share(s),
            share(p) if before_has else "–",
            _diff(s.quarter_pct, p.quarter_pct, "điểm phần trăm") if before_has else "–",
        ],
    ]


def figures_html(
    fig: IssueFigures, data: Dataset, href: Href, supervision: tuple[MonthSupervision, MonthSupervision] | None = None
) -> str:
    """The comparison table, the outlines held and the cells that did not meet (HTML, escaped)."""
    c, b = fig.current, fig.year_before
    out = [status_note(fig)]
    if not c.has_figures:
        return "".join(out)
    now, before = _column(c), _column(b)
    rows = [[label, now[i], before[i], change] for i, (label, change) in enumerate(zip(LABELS, _changes(c, b), strict=True))]
    if supervision:
        rows += _supervision_rows(supervision, b.has_figures)
    headers = ["Chỉ tiêu", _header(c), _header(b), "Tăng/giảm"]
    caption = unseen(f"Số liệu {vi.month(c.year, c.month)} so với cùng kỳ năm trước")
    out.append(table(headers, rows, cls="bt-month", caption=caption))
    out.append(f'<p class="bt-formulas"><small>{esc(FORMULAS)}</small></p>')
    if c.topics:
        items = []
        for use in c.topics:
            outline = data.outlines.get(use.ref)
            title = esc(outline.title) if outline else esc(use.ref)
            items.append(f"<li>{_a(href, links.outline_doc(use.ref), title)}: {use.meetings} cuộc, {use.cells} chi bộ</li>")
        out.append(f'<p><strong>Chuyên đề được sinh hoạt:</strong></p><ul class="bt-month-topics">{"".join(items)}</ul>')
    else:
        out.append("<p><strong>Chuyên đề được sinh hoạt:</strong> không có cuộc sinh hoạt chuyên đề nào.</p>")
    when = f" (đến ngày {vi.date(fig.as_of)})" if c.status == "partial" else ""
    if c.not_met:
        cells = ", ".join(_a(href, links.cell_doc(cid), esc(data.cells[cid].name)) for cid in c.not_met)
        out.append(
            f'<p class="bt-not-met"><strong>Chi bộ chưa sinh hoạt thường kỳ{esc(when)} ({len(c.not_met)}):</strong> {cells}</p>'
        )
    else:
        out.append(f"<p><strong>Tất cả {c.cells_expected} chi bộ đã sinh hoạt thường kỳ{esc(when)}.</strong></p>")
    if supervision:
        never = sorted(supervision[0].never_visited, key=lambda cid: vi.sort_key(data.cells[cid].name))
        if never:
            cells = ", ".join(_a(href, links.cell_doc(cid), esc(data.cells[cid].name)) for cid in never)
            out.append(
                f'<p class="bt-never"><strong>Chi bộ chưa có cấp ủy viên phụ trách dự từ đầu năm {c.year} '
                f"({len(never)}):</strong> {cells}</p>"
            )
        else:
            out.append(f"<p><strong>Chi bộ nào cũng đã có cấp ủy viên phụ trách dự từ đầu năm {c.year}.</strong></p>")
    return "".join(out)

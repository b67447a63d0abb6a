"""The quarterly report (báo cáo tình hình sinh hoạt chi bộ quý …) the office sends to the Ban
Thường vụ, drafted from the same figures as the overview, as .docx and PDF.

Its form follows Vietnamese party documents (thể thức văn bản của Đảng): the superior body and
the issuing committee at the top left with the number line "Số    -BC/…", "ĐẢNG CỘNG SẢN VIỆT NAM"
at the top right with place and date, the title "BÁO CÁO" and its subject, then the body, the
recipients and the signature block. Number and day are left blank: the office fills them in when
it signs.

One content model (`Report`) is written twice: by python-docx with the outlines' page and styles
(`docx_style`: A4, Times New Roman, office margins), and as HTML that WeasyPrint lays out as the
PDF (the renderer of the print edition). LibreOffice is not needed to build the site.

The figures come from `Context.quarter` (rules/quarterly.py) and are printed by
`pages.quarter_rows`, exactly as the overview's quarter table prints them.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bulletin.data.settings import minutes_text
from bulletin.outputs import docx_style
from bulletin.outputs.print_edition import check, render_cached
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.html import esc
from bulletin.pages.quarter_rows import quarter_rows
from bulletin.rules.quarterly import QuarterFigures, ended_quarters
from bulletin.rules.verdicts import kind_words
from bulletin.text import vi

BLANK_LINES = 4  # dotted lines left for the office's assessment and proposals
DOTS = "." * 100


@dataclass
class Report:
    superior: str
    committee: str
    number: str
    national: str
    motto: str
    place_date: str
    title: str
    subject: str
    quarter: str
    year_before: str
    rows: list[tuple[str, str, str]]  # label, this quarter, same quarter a year before
    comparisons: list[str]
    short: list[tuple[str, tuple[str, ...]]]  # cell name, reasons
    duration_note: str
    recipients: list[str] = field(default_factory=list)
    months_due: int = 0  # cell-months due in the quarter: none, and no cell can be said to meet anything

    @property
    def short_text(self) -> str:
        """What section II says when no cell falls short."""
        if not self.months_due:
            return "Trong quý, không có chi bộ nào phải sinh hoạt."
        return "Trong quý, mọi chi bộ đều đạt yêu cầu."


def _change(label: str, now: float | None, before: float | None, unit: str) -> str | None:
    if now is None or before is None:
        return None
    diff = round(now - before, 1)
    if diff == 0:
        return f"{label} không đổi so với cùng kỳ ({vi.number(now)}{unit})"
    word = "tăng" if diff > 0 else "giảm"
    points = "điểm phần trăm" if unit == "%" else "điểm"
    return f"{label} {vi.number(now)}{unit}, {word} {vi.number(abs(diff))} {points} so với cùng kỳ"


def build_report(ctx: Context, year: int, quarter: int) -> Report:
    org = ctx.data.organization
    now = ctx.quarter(year, quarter)
    before = ctx.quarter(year - 1, quarter)
    rows_now = quarter_rows(now, ctx.settings)
    rows_before = dict(quarter_rows(before, ctx.settings)) if _has_data(before) else {}
    rows = [(label, value, rows_before.get(label, "–")) for label, value in rows_now]
    comparisons = []
    if _has_data(before):
        for text in (
            _change("Tỷ lệ sinh hoạt thường kỳ", now.months_pct, before.months_pct, "%"),
            _change("Tỷ lệ chi bộ sinh hoạt chuyên đề", now.thematic_pct, before.thematic_pct, "%"),
            _change("Tỷ lệ dự họp", now.attendance_pct, before.attendance_pct, "%"),
            _change("Tỷ lệ phát biểu", now.speakers_pct, before.speakers_pct, "%"),
            _change("Điểm chất lượng bình quân", now.score_avg, before.score_avg, ""),
        ):
            if text:
                comparisons.append(text)
        comparisons.append(
            f"Số chi bộ chưa đạt yêu cầu: {vi.number(len(now.short))} (cùng kỳ năm {year - 1}: {vi.number(len(before.short))})"
        )
    else:
        comparisons.append(f"Chưa có số liệu {before.label} để so sánh")  # each line gets its full stop when written
    committee = org.committee or org.name
    return Report(
        superior=_clip(org.superior or "").upper(),
        committee=_clip(committee).upper(),
        number=f"Số        -BC/{org.abbreviation}",
        national="ĐẢNG CỘNG SẢN VIỆT NAM",
        motto="",
        place_date=f"{_clip(org.place or '………', 60)}, ngày     tháng     năm {ctx.settings.as_of.year}",
        title="BÁO CÁO",
        subject=f"Tình hình sinh hoạt chi bộ {now.label}",
        quarter=f"{vi.quarter(quarter)}/{year}",
        year_before=f"{vi.quarter(quarter)}/{year - 1}",
        rows=rows,
        comparisons=comparisons,
        short=[(_clip(ctx.data.cells[s.cell_id].name), s.reasons) for s in now.short],
        duration_note=duration_note(ctx, now),
        recipients=["Ban Thường vụ (để báo cáo),", "Ủy ban Kiểm tra (để biết),", "Lưu Văn phòng."],
        months_due=now.months_due,
    )


def _clip(text: str, limit: int = 300) -> str:
    """Names as the report prints them: a real name is far shorter; a runaway one (a pasted
    document, a hostile file) must not make a 1 MB unbreakable line for the PDF's layout."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def duration_note(ctx: Context, q: QuarterFigures) -> str:
    """Which guidance each meeting's duration was judged by: the one in force on its date."""
    rules = ctx.settings.rules
    parts = []
    for rs in rules.rule_sets:
        if rs.short in q.guidance:
            bounds = "; ".join(f"{kind_words(kind)} {minutes_text(low, high)}" for kind, low, high in rs.minutes)
            parts.append(f"{rs.title} (từ ngày {vi.date(rs.start)}: {bounds})")
    guidance = "; ".join(parts) if parts else "quy định đang áp dụng"
    return (
        f"Thời gian mỗi cuộc sinh hoạt được đối chiếu với văn bản có hiệu lực vào ngày họp: {guidance}. "
        "Tỷ lệ dự họp, phát biểu tính trên mọi cuộc sinh hoạt trong quý."
    )


def _has_data(q: QuarterFigures) -> bool:
    return q.meetings > 0


# -- Word ---------------------------------------------------------------------


class _Paragraphs:
    """Body paragraphs of one document. A report has hundreds of paragraphs in a few shapes (the
    short list's lines all look alike), and python-docx spends most of a report's time building
    each paragraph's properties element by element: the first paragraph of a shape is built by
    python-docx, the next ones are copies of its XML with their own text, the same bytes."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._shapes: dict[tuple[object, ...], CT_P] = {}

    def add(
        self,
        text: str = "",
        bold: bool = False,
        italic: bool = False,
        size: int | None = None,
        align: str = "left",
        underline: bool = False,
        space_after: int = 6,
        keep_with_next: bool | None = None,  # None: not set on the paragraph (False is written as such)
    ) -> None:
        shape = (bool(text), bold, italic, size, align, underline, space_after, keep_with_next)
        p = self._doc.add_paragraph()
        if (proto := self._shapes.get(shape)) is not None:
            p._p.extend(list(copy.deepcopy(proto)))
            if text:
                _set_text(p, text)
            return
        p.alignment = ALIGN[align]
        p.paragraph_format.space_after = Pt(space_after)
        if keep_with_next is not None:
            p.paragraph_format.keep_with_next = keep_with_next
        if text:
            run = p.add_run(text)
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = Pt(size)
        proto = copy.deepcopy(p._p)
        for r in proto.r_lst:
            r.clear_content()  # the properties stay, the text is each paragraph's own
        self._shapes[shape] = proto


def _set_text(p: Paragraph, text: str) -> None:
    """The text of a copied paragraph's run, as `Run.text` writes it: one <w:t> for text without
    tabs or line breaks (python-docx writes those as elements of their own, char by char)."""
    r = p._p.r_lst[0]
    if "\t" in text or "\r" in text or "\n" in text:
        Run(r, p).text = text
    else:
        r.add_t(text)


ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _cell_para(
    cell: object, text: str, bold: bool = False, italic: bool = False, size: int = 13, underline: bool = False
) -> None:
    p = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)


def _no_borders(table: object) -> None:
    borders = "".join(f'<w:{b} w:val="nil"/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    tbl_pr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))


def to_docx(report: Report) -> bytes:
    doc = docx_style.new_document()
    head = doc.add_table(rows=1, cols=2)
    _no_borders(head)
    left, right = head.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    if report.superior:
        _cell_para(left, report.superior, size=13)
    _cell_para(left, report.committee, bold=True, size=13)
    _cell_para(left, "*", size=13)
    _cell_para(left, report.number, size=13)
    _cell_para(right, report.national, bold=True, size=14, underline=True)
    _cell_para(right, "")
    _cell_para(right, report.place_date, italic=True, size=13)
    para = _Paragraphs(doc)
    para.add("", space_after=6)
    para.add(report.title, bold=True, size=15, align="center", space_after=0)
    para.add(report.subject, bold=True, align="center", space_after=0)
    para.add("-----", align="center", space_after=12)

    doc.add_heading("I. KẾT QUẢ SINH HOẠT CHI BỘ TRONG QUÝ", level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("Chỉ tiêu", report.quarter, f"Cùng kỳ ({report.year_before})"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for label, now, before in report.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (label, now, before), strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
    table.autofit = False  # LibreOffice and Word keep the widths only with autofit off and every cell set
    for i, width in enumerate((Mm(85), Mm(40), Mm(40))):
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width
    para.add(report.duration_note, italic=True, size=12, align="justify")

    doc.add_heading("II. CHI BỘ CHƯA ĐẠT YÊU CẦU", level=1)
    if not report.short:
        para.add(report.short_text, align="justify")
    for i, (name, reasons) in enumerate(report.short, start=1):
        para.add(f"{i}. {name}: {'; '.join(r[0].lower() + r[1:] for r in reasons)}.", align="justify", space_after=3)

    doc.add_heading("III. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC", level=1)
    for text in report.comparisons:
        para.add(f"- {text}.", align="justify", space_after=3)

    for heading in ("IV. ĐÁNH GIÁ CHUNG", "V. ĐỀ XUẤT, KIẾN NGHỊ"):
        doc.add_heading(heading, level=1)
        for _ in range(BLANK_LINES):
            # Section V runs on into the signature: a page break never leaves the signature alone.
            para.add(DOTS, space_after=3, keep_with_next=heading.startswith("V."))

    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    foot.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    left, right = foot.rows[0].cells
    p = left.paragraphs[0]
    run = p.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for item in report.recipients:
        lp = left.add_paragraph()
        lp.paragraph_format.space_after = Pt(0)
        lp.add_run(f"- {item}").font.size = Pt(11)
    _cell_para(right, "VĂN PHÒNG", bold=True, size=14)
    _cell_para(right, "(ký, ghi rõ họ tên)", italic=True, size=13)
    out = io.BytesIO()
    doc.save(out)
    return docx_style.reproducible(out.getvalue())


# -- HTML for the PDF ----------------------------------------------------------------


def _stylesheet() -> str:
    return resources.files("bulletin").joinpath("print/report.css").read_text(encoding="utf-8")


def to_html(report: Report) -> str:
    rows = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>" for a, b, c in report.rows)
    short = (
        "<ol>"
        + "".join(f"<li>{esc(n)}: {esc('; '.join(r[0].lower() + r[1:] for r in rs))}.</li>" for n, rs in report.short)
        + "</ol>"
        if report.short
        else f"<p>{esc(report.short_text)}</p>"
    )
    comparisons = "".join(f"<p>- {esc(t)}.</p>" for t in report.comparisons)
    blank = "".join(f'<p class="dots">{DOTS}</p>' for _ in range(BLANK_LINES))
    recipients = "".join(f"<li>- {esc(r)}</li>" for r in report.recipients)
    superior = f"<p>{esc(report.superior)}</p>" if report.superior else ""
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{esc(report.title)} {esc(report.subject)}</title><style>{_stylesheet()}</style></head><body>"
        '<table class="head"><tr>'
        f'<td class="org">{superior}<p><strong>{esc(report.committee)}</strong></p><p>*</p><p>{esc(report.number)}</p></td>'
        f'<td class="nat"><p><strong><u>{esc(report.national)}</u></strong></p><p>&nbsp;</p>'
        f"<p><em>{esc(report.place_date)}</em></p></td>"
        "</tr></table>"
        f'<h1>{esc(report.title)}<br>{esc(report.subject)}</h1><p class="rule">-----</p>'
        "<h2>I. KẾT QUẢ SINH HOẠT CHI BỘ TRONG QUÝ</h2>"
        f'<table class="figures"><thead><tr><th>Chỉ tiêu</th><th>{esc(report.quarter)}</th>'
        f"<th>Cùng kỳ ({esc(report.year_before)})</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="note">{esc(report.duration_note)}</p>'
        f"<h2>II. CHI BỘ CHƯA ĐẠT YÊU CẦU</h2>{short}"
        f"<h2>III. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC</h2>{comparisons}"
        f'<h2>IV. ĐÁNH GIÁ CHUNG</h2>{blank}<div class="closing"><h2>V. ĐỀ XUẤT, KIẾN NGHỊ</h2>{blank}'
        f'<table class="foot"><tr><td><p><strong><em>Nơi nhận:</em></strong></p><ul>{recipients}</ul></td>'
        '<td class="sign"><p><strong>VĂN PHÒNG</strong></p><p><em>(ký, ghi rõ họ tên)</em></p></td></tr></table></div>'
        "</body></html>"
    )


def report_files(ctx: Context, year: int, quarter: int, pdf: bool = True) -> dict[str, bytes]:
    """The report of one quarter by published path: .docx, and the PDF unless `pdf` is off.
    PDFs are kept in the print edition's cache under the hash of their HTML."""
    return _reports(ctx, [(year, quarter)], pdf)


def all_reports(ctx: Context, workers: int | None = None) -> dict[str, bytes]:
    """A report for every ended quarter of every year with data (linked from the overview);
    PDFs only with the print edition on (they need WeasyPrint's pango)."""
    pdf = ctx.settings.print_edition and ctx.settings.report_pdf
    if pdf:
        check()
    return _reports(ctx, ended_quarters(ctx.years, ctx.settings.as_of), pdf, workers)


def _reports(ctx: Context, quarters: Iterable[tuple[int, int]], pdf: bool, workers: int | None = None) -> dict[str, bytes]:
    # The PDFs of all the quarters are rendered together: on every core, the cached ones skipped.
    reports = [(year, quarter, build_report(ctx, year, quarter)) for year, quarter in quarters]
    htmls = {links.report_file(y, q, "pdf"): to_html(r) for y, q, r in reports} if pdf else {}
    pdfs = render_cached(htmls, ctx.settings.cache_dir, "Báo cáo quý PDF", "báo cáo", workers) if htmls else {}
    out: dict[str, bytes] = {}
    for year, quarter, report in reports:
        out[links.report_file(year, quarter, "docx")] = to_docx(report)
        if (path := links.report_file(year, quarter, "pdf")) in pdfs:
            out[path] = pdfs[path]
    return out

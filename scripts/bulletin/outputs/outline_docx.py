"""An outline (đề cương) as a Word document, built with the site so a cell secretary can download it.

The body goes through the site's one path for editor Markdown (`text.markdown`: Python-Markdown,
then nh3's allow-list), and the clean HTML's element tree is walked: headings become Word heading
styles, lists become real Word lists, strong/em become bold/italic. Raw HTML in an outline stays
visible text, as on the page; links keep their words only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from bulletin.data.model import Organization, Outline
from bulletin.outputs.docx_style import FONT, Lists, new_document, number_paragraph, reproducible, set_fonts
from bulletin.text import vi
from bulletin.text.markdown import EditorMarkdown

Element = Any  # an lxml element of the clean HTML (the ElementTree API)
_HEADING = re.compile(r"h([1-6])")
_BLOCKS = {"p", "ul", "ol", "blockquote", "pre", "hr", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "details"}


class MarkdownTree:
    """One renderer per build; the tree of each outline's clean HTML."""

    def __init__(self) -> None:
        self._md = EditorMarkdown(images=False)

    def __call__(self, text: str) -> Element:
        return self._md.tree(text)


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lists = Lists(doc)

    def add(self, style: str = "", text: str = "") -> Paragraph:
        """A paragraph in a style named by its id ("Heading1", "ListParagraph").

        Set by id: python-docx's `style=` scans every style of the document for each
        paragraph (to find the default one), which was most of the build's cost."""
        para = self.doc.add_paragraph(text)
        if style:
            para._p.get_or_add_pPr().style = style
        return para

    def blocks(self, parent: Element, depth: int = 0) -> None:
        for el in parent:
            self.block(el, depth)

    def block(self, el: Element, depth: int) -> None:
        tag = el.tag
        if m := _HEADING.fullmatch(tag):
            # The body's `##` sections are the document's first level (the title is above them).
            level = max(1, min(4, int(m[1]) - 1))
            self.inline(self.add(f"Heading{level}"), el)
        elif tag == "p":
            self.paragraph(el)
        elif tag in ("ul", "ol"):
            self.list(el, ordered=tag == "ol", level=depth)
        elif tag == "blockquote":
            for child in el:
                para = self.paragraph(child) if child.tag == "p" else None
                if para is not None:
                    para.paragraph_format.left_indent = Cm(1)
                    for run in para.runs:
                        run.italic = True
                else:
                    self.block(child, depth)
        elif tag == "pre":
            para = self.doc.add_paragraph()
            run = para.add_run("".join(el.itertext()).rstrip("\n"))
            set_fonts(run._r.get_or_add_rPr(), "Courier New")
            run.font.size = Pt(11)
        elif tag == "hr":
            self.doc.add_paragraph("* * *").alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:  # anything else keeps its words
            self.blocks(el, depth) if len(el) else self.inline(self.doc.add_paragraph(), el)

    def paragraph(self, el: Element) -> Paragraph:
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.first_line_indent = Cm(1)
        self.inline(para, el)
        return para

    def list(self, el: Element, ordered: bool, level: int) -> None:
        level = min(level, 2)
        num_id = self.lists.new(ordered, level)
        for li in el.findall("li"):
            para = self.add("ListParagraph")
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            number_paragraph(para, num_id, level)
            # A loose item wraps its text in <p>: the first paragraph carries the number,
            # the next ones continue it, nested lists go one level deeper.
            first = True
            if li.text and li.text.strip():
                self._runs(para, li.text)
            for child in li:
                if child.tag in ("ul", "ol"):
                    self.list(child, ordered=child.tag == "ol", level=level + 1)
                    first = False
                elif child.tag == "p":
                    target = para if first else self.add("ListParagraph")
                    if not first:
                        target.paragraph_format.left_indent = Cm(1 * (level + 1))
                    self.inline(target, child)
                    first = False
                elif child.tag in _BLOCKS:
                    self.block(child, level + 1)
                else:
                    self.element(para, child, bold=False, italic=False)
                    first = False
                if child.tail and child.tail.strip():
                    self._runs(para, child.tail)

    def inline(self, para: Paragraph, el: Element, bold: bool = False, italic: bool = False) -> None:
        if el.text:
            self._runs(para, el.text, bold, italic)
        for child in el:
            self.element(para, child, bold, italic)
            if child.tail:
                self._runs(para, child.tail, bold, italic)

    def element(self, para: Paragraph, el: Element, bold: bool, italic: bool) -> None:
        if el.tag == "br":
            para.add_run().add_break()
        elif el.tag == "code":
            run = para.add_run(el.text or "")
            set_fonts(run._r.get_or_add_rPr(), "Courier New")
        else:
            self.inline(para, el, bold or el.tag in ("strong", "b"), italic or el.tag in ("em", "i"))

    def _runs(self, para: Paragraph, text: str, bold: bool = False, italic: bool = False) -> None:
        text = text.replace("\n", " ")
        if not text:
            return
        run = para.add_run(text)
        run.bold = bold or None
        run.italic = italic or None


def build(outline: Outline, organization: Organization, theme_name: str, tree: MarkdownTree | None = None) -> bytes:
    """The outline as .docx bytes: the organisation, title, theme, facts, cited documents, then the body."""
    doc = new_document()
    props = doc.core_properties
    props.title, props.subject, props.author = outline.title[:255], theme_name[:255], organization.name[:255]
    props.keywords = ", ".join(outline.tags)[:255]  # the format's limit for these fields
    props.language, props.last_modified_by, props.comments = "vi-VN", organization.name[:255], (outline.summary or "")[:255]
    # Stamped with the outline's year, not the build's time, so a rebuild changes nothing.
    props.created = props.modified = dt.datetime(outline.year or 2000, 1, 1)
    props.revision = 1

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    org = head.add_run(organization.name.upper())
    org.font.size = Pt(13)
    kind = doc.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.add_run("ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ").bold = True
    doc.add_paragraph(outline.title, style="Title")
    facts = []
    if outline.year:
        facts.append(f"Năm {outline.year}")
    if outline.duration:
        facts.append(f"Thời gian gợi ý: {vi.number(outline.duration)} phút")
    for line in (f"Chủ đề: {theme_name}", " · ".join(facts)):
        if line:
            meta = doc.add_paragraph()
            meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
            meta.paragraph_format.space_after = Pt(0)
            meta.add_run(line).italic = True
    if outline.summary:
        summary = doc.add_paragraph()
        summary.paragraph_format.space_before = Pt(8)
        summary.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        summary.add_run(outline.summary).italic = True

    writer = _Writer(doc)
    if outline.references:
        writer.add("Heading1", "Văn bản trích dẫn")
        num_id = writer.lists.new(ordered=False, level=0)
        for ref in outline.references:
            para = writer.add("ListParagraph", ref)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            number_paragraph(para, num_id, 0)
    writer.blocks((tree or MarkdownTree())(outline.body))

    out = io.BytesIO()
    doc.save(out)
    return reproducible(out.getvalue())


__all__ = ["FONT", "MarkdownTree", "build"]

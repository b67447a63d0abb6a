"""The look of a generated Word document: A4, the margins and font of Vietnamese office papers, lists.

Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) are set on A4 with margins of
20–25 mm top and bottom, 30–35 mm left, 15–20 mm right, in Times New Roman 13–14 pt. The font is
named for every script slot (ascii, hAnsi, eastAsia, cs) and the template's theme fonts are
removed, since Word otherwise substitutes a theme font for some runs of Vietnamese text.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable, Mapping

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADING_PT = {1: 14, 2: 14, 3: 14, 4: 14}  # office papers set headings by weight, not size
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
INDENT_TWIPS = 567  # 1 cm per list level
HANGING_TWIPS = 397  # room for "10." in 14 pt
BULLETS = ("-", "+", "•")  # the marks Vietnamese office papers use, level by level
ORDERED = (("decimal", "%1."), ("lowerLetter", "%2)"), ("decimal", "%3."))


def set_fonts(rpr: BaseOxmlElement, font: str = FONT) -> None:
    """Name `font` for all four script slots of a run-properties element; drop theme fonts."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


def _rpr(style: BaseStyle) -> CT_RPr:
    rpr: CT_RPr = style.element.get_or_add_rPr()  # python-docx generates this method at import
    return rpr


def new_document() -> Document:
    """A blank document with the page, fonts and styles of every generated outline."""
    return docx.Document(io.BytesIO(_template()))


@functools.cache
def _template() -> bytes:
    """Set up once per process: python-docx's own template is 0.8 MB of XML that every
    document would parse and compress again (most of the cost of a build)."""
    doc = docx.Document()
    _prune(doc)
    setup(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _prune(doc: Document) -> None:
    """Drop what an outline never uses: the Word 2010 duplicate of the styles, python-docx's
    preview picture, its custom XML, and the 140 table styles."""
    for rels, kinds in ((doc.part.package.rels, ("thumbnail",)), (doc.part.rels, ("stylesWithEffects", "customXml"))):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in kinds:
                del rels[rid]
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.remove(style)


def setup(doc: Document) -> None:
    """Page, fonts, paragraph and heading styles."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults)
    lang = defaults.find(qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), "vi-VN")

    for rpr in styles.iter(qn("w:rPr")):  # the template's styles name theme fonts
        if (rfonts := rpr.find(qn("w:rFonts"))) is not None and any(rfonts.get(qn(a)) for a in _THEME_ATTRS):
            set_fonts(rpr)

    normal = doc.styles["Normal"]
    set_fonts(_rpr(normal))
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15

    for level, size in HEADING_PT.items():
        style = doc.styles[f"Heading {level}"]
        set_fonts(_rpr(style))
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = level >= 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True  # never a heading alone at the foot of a page

    for name in ("Title", "Subtitle", "List Paragraph", "Footer", "Quote"):
        style = doc.styles[name]
        set_fonts(_rpr(style))
        style.font.color.rgb = RGBColor(0, 0, 0)
    title = doc.styles["Title"]
    title.font.size, title.font.bold = Pt(16), True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    # The template draws a coloured rule under Title; an office paper has none.
    ppr = title.element.find(qn("w:pPr"))
    if ppr is not None and (border := ppr.find(qn("w:pBdr"))) is not None:
        ppr.remove(border)
    doc.styles["List Paragraph"].paragraph_format.space_after = Pt(3)
    _page_number_footer(doc)


def _page_number_footer(doc: Document) -> None:
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.style = doc.styles["Footer"]
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
    )
    footer._p.append(field)


class Lists:
    """Real Word lists: one abstract definition for numbered and one for bulleted lists,
    and a fresh numbering instance per list so every list starts again at 1."""

    def __init__(self, doc: Document) -> None:
        self._numbering = doc.part.numbering_part.element
        existing = [int(a.get(qn("w:abstractNumId"))) for a in self._numbering.findall(qn("w:abstractNum"))]
        first = max(existing, default=-1) + 1
        self._ordered = self._define(first, ordered=True)
        self._bullet = self._define(first + 1, ordered=False)

    def _define(self, abstract_id: int, ordered: bool) -> int:
        levels = []
        for ilvl in range(3):
            fmt, text = ORDERED[ilvl] if ordered else ("bullet", BULLETS[ilvl])
            left = INDENT_TWIPS * (ilvl + 1)
            levels.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="{HANGING_TWIPS}"/></w:pPr>'
                f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/></w:rPr></w:lvl>'
            )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
        )
        # The schema wants every abstractNum before the first num.
        nums = self._numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self._numbering.append(abstract)
        return abstract_id

    def new(self, ordered: bool, level: int) -> int:
        """A numbering instance for one list, restarting at 1 on its level."""
        num = self._numbering.add_num(self._ordered if ordered else self._bullet)
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
        return int(num.numId)


def number_paragraph(paragraph: Paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def reproducible(data: bytes, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same document gives the same bytes: zip entries stamped with a fixed date, in order;
    `rewrite` mends members that carry the clock (openpyxl stamps the save time into core.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if rewrite and info.filename in rewrite:
                body = rewrite[info.filename](body)
            dst.writestr(fixed, body)
    return out.getvalue()

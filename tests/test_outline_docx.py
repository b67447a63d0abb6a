"""Every outline becomes a Word document a cell secretary can open and edit: read back with python-docx."""

from __future__ import annotations

import io
import re
import time
import unicodedata

import docx
import pytest
from docx.oxml.ns import qn

from bulletin.data.load import Layout, load
from bulletin.data.model import Dataset, Organization, Outline
from bulletin.data.settings import Settings
from bulletin.outputs import outline_docx
from crafted import ROOT

FONT = "Times New Roman"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(Layout(root=ROOT, content=ROOT / "content", topics=ROOT / "topics"), Settings())


def build(outline: Outline, data: Dataset) -> docx.document.Document:
    theme = Settings().themes.get(outline.theme, outline.theme)
    return docx.Document(io.BytesIO(outline_docx.build(outline, data.organization, theme)))


def numbering(d: docx.document.Document, para: object) -> tuple[int, int, str] | None:
    """(numId, level, format) of a list paragraph, or None."""
    ppr = para._p.pPr  # type: ignore[attr-defined]
    if ppr is None or ppr.numPr is None:
        return None
    num_id, level = ppr.numPr.numId.val, ppr.numPr.ilvl.val
    root = d.part.numbering_part.element
    num = next(n for n in root.findall(qn("w:num")) if n.numId == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in root.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(x for x in abstract.findall(qn("w:lvl")) if x.get(qn("w:ilvl")) == str(level))
    return num_id, level, lvl.find(qn("w:numFmt")).get(qn("w:val"))


def plain(markdown_line: str) -> str:
    return re.sub(r"[*_`]", "", markdown_line).strip()


def test_the_sample_has_a_real_library(sample: Dataset) -> None:
    themes = {o.theme for o in sample.outlines.values()}
    assert themes == {"ho-chi-minh", "dan-van-kheo", "phong-chong-tham-nhung"}
    for theme in themes:
        assert sum(o.theme == theme for o in sample.outlines.values()) >= 4


def test_every_outline_reads_back_with_its_structure_intact(sample: Dataset) -> None:
    for outline in sample.outlines.values():
        d = build(outline, sample)
        paras = d.paragraphs
        by_style: dict[str, list[str]] = {}
        for p in paras:
            by_style.setdefault(p.style.name, []).append(p.text)
        body = outline.body.splitlines()

        assert by_style["Title"] == [outline.title]
        texts = [p.text for p in paras]
        assert sample.organization.name.upper() in texts and "ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ" in texts
        assert any(t.startswith("Chủ đề: ") for t in texts)
        # Headings: `##` sections are Heading 1, `###` subsections Heading 2, word for word.
        assert by_style["Heading 1"] == ["Văn bản trích dẫn"] * bool(outline.references) + [
            plain(line[3:]) for line in body if line.startswith("## ")
        ]
        assert by_style.get("Heading 2", []) == [plain(line[4:]) for line in body if line.startswith("### ")]
        # Lists: every item of the Markdown is one numbered or bulleted Word list paragraph.
        items = [line.strip() for line in body if re.match(r"\s*(\d+\.|[-*]) ", line)]
        listed = [(p, numbering(d, p)) for p in paras if numbering(d, p)]
        assert len(listed) == len(items) + len(outline.references)
        formats = {n[2] for _, n in listed}  # type: ignore[index]
        assert formats <= {"decimal", "bullet"} and ("decimal" in formats) == any(re.match(r"\d+\. ", i) for i in items)
        for (p, _), item in zip(listed[len(outline.references) :], items, strict=True):
            # (an item may go on over several lines of Markdown: its first line starts the paragraph)
            assert p.text.startswith(plain(re.sub(r"^(\d+\.|[-*]) ", "", item))), outline.ref
        # Bold stays bold.
        bold = {r.text for p in paras for r in p.runs if r.bold}
        for strong in re.findall(r"\*\*(.+?)\*\*", outline.body):
            assert strong in bold, (outline.ref, strong)
        # Vietnamese text intact: composed (NFC), as in the source.
        for t in texts:
            assert unicodedata.is_normalized("NFC", t)
        assert d.core_properties.title == outline.title


def test_each_numbered_list_starts_again_at_one(sample: Dataset) -> None:
    outline = sample.outlines["ho-chi-minh/hoc-tap-chi-thi-05-va-ket-luan-01"]
    d = build(outline, sample)
    numbered = [numbering(d, p) for p in d.paragraphs if (n := numbering(d, p)) and n[2] == "decimal"]
    lists = sorted({n[0] for n in numbered})  # type: ignore[index]
    assert len(lists) == 3  # I. purpose, III. questions, IV. tasks: three lists, not one long one
    root = d.part.numbering_part.element
    for num in root.findall(qn("w:num")):
        if num.numId in lists:
            assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_page_is_a4_with_office_margins_and_times_new_roman_everywhere(sample: Dataset) -> None:
    d = build(next(iter(sample.outlines.values())), sample)
    s = d.sections[0]
    mm = [round(x.mm) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)]
    assert mm == [210, 297, 20, 20, 30, 15]  # A4; top, bottom, left, right as office papers have them
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = defaults.find(qn("w:rFonts"))
    # Named for every script slot, so Word does not fall back to another font for some runs.
    assert [rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    # No style may name a theme font instead (the template's headings did).
    for element in styles.iter(qn("w:rFonts")):
        assert not any(a.endswith("Theme") or a.endswith("theme") for a in element.attrib), element.attrib
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "List Paragraph"):
        assert d.styles[name].font.name == FONT
    assert d.styles["Normal"].font.size.pt == 14
    assert d.styles["Heading 1"].paragraph_format.keep_with_next
    assert "PAGE" in d.sections[0].footer._element.xml  # page numbers


def test_any_markdown_an_editor_writes_comes_through(tmp_path: object) -> None:
    body = (
        "## I. Mở đầu\n\nChữ *nghiêng*, **đậm**, `mã` và &amp; ký hiệu; <script>alert(1)</script> là chữ.\n\n"
        "1. Việc một\n\n    Đoạn thứ hai của việc một.\n\n    - ý a\n    - ý b\n\n2. Việc hai\n\n"
        "> Dân vận khéo thì việc gì cũng thành công.\n\n#### Mục nhỏ\n\nHết.\n"
    )
    outline = Outline(theme="dan-van-kheo", id="x", title="Thử", body=body, year=2026, duration=90, tags=("a",))
    d = docx.Document(io.BytesIO(outline_docx.build(outline, Organization(name="Đảng bộ Thử"), "Dân vận khéo")))
    texts = [p.text for p in d.paragraphs]
    line = next(p for p in d.paragraphs if p.text.startswith("Chữ "))
    assert line.text == "Chữ nghiêng, đậm, mã và & ký hiệu; <script>alert(1)</script> là chữ."
    assert [r.text for r in line.runs if r.italic] == ["nghiêng"] and [r.text for r in line.runs if r.bold] == ["đậm"]
    assert "Đoạn thứ hai của việc một." in texts
    levels = [(p.text, numbering(d, p)[1:]) for p in d.paragraphs if numbering(d, p)]  # type: ignore[index]
    assert levels == [("Việc một", (0, "decimal")), ("ý a", (1, "bullet")), ("ý b", (1, "bullet")), ("Việc hai", (0, "decimal"))]
    assert "Dân vận khéo thì việc gì cũng thành công." in texts
    assert next(p for p in d.paragraphs if p.text == "Mục nhỏ").style.name == "Heading 3"
    assert "Năm 2026 · Thời gian gợi ý: 90 phút" in texts


def test_documents_are_reproducible_and_cheap(sample: Dataset) -> None:
    outlines = list(sample.outlines.values())
    tree = outline_docx.MarkdownTree()
    first = [outline_docx.build(o, sample.organization, o.theme, tree) for o in outlines]
    start = time.process_time()
    again = [outline_docx.build(o, sample.organization, o.theme, tree) for o in outlines]
    per_outline = (time.process_time() - start) / len(outlines)
    assert first == again  # a rebuild changes no byte, so a site sync copies nothing new
    print(f"docx: {per_outline * 1000:.1f} ms of CPU per outline ({len(outlines)} outlines)")
    assert per_outline < 0.1  # about 20 ms of CPU here; python-docx's style lookup once made it 70

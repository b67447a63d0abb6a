"""The overview's downloads (the quarterly report's .docx, the year's .xlsx) are made the cheap way
but read exactly as python-docx and openpyxl would have written them the plain way."""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
import pytest
from docx.shared import Pt

from bulletin.outputs import docx_style, report
from bulletin.outputs.site import generate
from crafted import Org, full_year

# Texts a name or a reason may carry: tabs and line breaks become elements of their own in Word,
# spaces at either end need xml:space, and an empty text makes a paragraph without a run.
TEXTS = ["1. Chi bộ A: thiếu tháng 3.", "  lề hai bên  ", "cột\tcột", "dòng\ndòng\r\nba", "", "\t", "x" * 500]
SHAPES: list[dict[str, Any]] = [
    {"align": "justify", "space_after": 3},
    {"bold": True, "size": 15, "align": "center", "space_after": 0},
    {"italic": True, "size": 12, "align": "justify"},
    {"underline": True, "align": "right"},
    {"space_after": 3, "keep_with_next": True},
    {"space_after": 3, "keep_with_next": False},  # written as keepNext="0", as python-docx writes False
]


def _plain(doc: Any, text: str, **shape: Any) -> None:
    """One paragraph through python-docx's own API, property by property."""
    p = doc.add_paragraph()
    p.alignment = report.ALIGN[shape.get("align", "left")]
    p.paragraph_format.space_after = Pt(shape.get("space_after", 6))
    if shape.get("keep_with_next") is not None:
        p.paragraph_format.keep_with_next = shape["keep_with_next"]
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = shape.get("bold", False), shape.get("italic", False), shape.get("underline", False)
        if shape.get("size"):
            run.font.size = Pt(shape["size"])


def _body(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return docx_style.reproducible(out.getvalue())


def test_copied_paragraph_shapes_are_the_paragraphs_python_docx_writes() -> None:
    fast, plain = docx_style.new_document(), docx_style.new_document()
    paragraphs = report._Paragraphs(fast)
    for shape in SHAPES:
        for text in TEXTS * 2:  # the first of a shape is built, the rest copied
            paragraphs.add(text, **shape)
            _plain(plain, text, **shape)
    assert _body(fast) == _body(plain)
    texts = [p.text for p in docx.Document(io.BytesIO(_body(fast))).paragraphs]
    assert texts[: len(TEXTS)] == [t.replace("\r\n", "\n\n").replace("\r", "\n") for t in TEXTS]


@pytest.fixture
def tricky(tmp_path: Any) -> Org:
    org = Org(tmp_path)
    for cell_id, name in [("a", '=HYPERLINK("http://evil.example","bấm")'), ("b", "#N/A"), ("c", "+1 Chi bộ"), ("d", "=1+1")]:
        org.cell(cell_id, name=name, secretary="=SUM(A1:A9)")
        org.meetings(cell_id, 2024, full_year(2024))
    return org


def test_every_text_of_the_year_workbook_stays_text(tricky: Org) -> None:
    files = generate(tricky.load(), tricky.settings)
    ws = openpyxl.load_workbook(io.BytesIO(files["tong-hop/tong-hop-2024.xlsx"])).worksheets[0]
    names = {row[1].value: row[1].data_type for row in ws.iter_rows(min_row=2)}
    assert names == {'=HYPERLINK("http://evil.example","bấm")': "s", "#N/A": "s", "+1 Chi bộ": "s", "=1+1": "s"}
    assert {row[4].value for row in ws.iter_rows(min_row=2)} == {"=SUM(A1:A9)"}
    header = [c.value for c in ws[1]]
    rates = [row[header.index("Tỷ lệ dự họp (%)")] for row in ws.iter_rows(min_row=2)]
    assert all(isinstance(c.value, (int, float)) and c.data_type == "n" and c.number_format == "0.0" for c in rates)

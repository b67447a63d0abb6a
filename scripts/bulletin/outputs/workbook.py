"""The overview of one year as an Excel workbook (tong-hop/tong-hop-<YYYY>.xlsx), for the office clerk.

Made for a Vietnamese-locale Excel or LibreOffice, where the CSV opens in one column: Vietnamese
headers, "Đạt"/"Chưa đạt", percentages and counts as numbers (formatted, never text), one column
per month and per quarter with the mark in words, the header row and the name column frozen, and
filters on every column. Every text cell is written as a string, never as a formula, whatever an
editor typed into a name ("=HYPERLINK(...)" stays text). The CSV and JSON remain, for programs.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from bulletin.data.model import CELL_KINDS
from bulletin.outputs.docx_style import reproducible
from bulletin.pages.context import Context
from bulletin.pages.strips import month_marks, quarter_marks
from bulletin.text import vi

WORDS = {
    "held": "Đã họp",
    "late": "Họp muộn",
    "missed": "Không họp",
    "open": "Chưa họp (tháng này)",
    "pending": "Chưa đến",
    "none": "Không tính",  # before the cell was founded, after it was dissolved
}
Q_WORDS = {"held": "Đã có", "missed": "Thiếu", "open": "Chưa có (quý này)", "pending": "Chưa đến", "none": "Không tính"}
HEADERS = (
    ["STT", "Chi bộ", "Trực thuộc", "Loại hình", "Bí thư", "Cấp ủy viên phụ trách", "Số đảng viên", "Kết quả"]
    + [f"T{mo}" for mo in range(1, 13)]
    + [f"Quý {q}" for q in vi.QUARTERS]
    + ["Số cuộc sinh hoạt", "Tỷ lệ dự họp (%)", "Tỷ lệ phát biểu (%)", "Lý do chưa đạt"]
)
WIDTHS = {
    "STT": 5,
    "Chi bộ": 34,
    "Trực thuộc": 30,
    "Loại hình": 16,
    "Bí thư": 20,
    "Cấp ủy viên phụ trách": 20,
    "Lý do chưa đạt": 60,
}
PERCENT = "0.0"


def year_workbook(ctx: Context, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"Năm {year}"
    _header(ws)
    for i, (cell, cy) in enumerate(ctx.by_year.get(year, []), start=1):
        held = ctx.held(cell.id, year)
        months = [WORDS[m.status.key] for m in month_marks(cy, held, ctx.settings)]
        quarters = [Q_WORDS[m.status.key] for m in quarter_marks(cy, held, ctx.settings)]
        values: list[Any] = [
            i,
            cell.name,
            ctx.parent_name(cell),
            CELL_KINDS[cell.kind],
            cell.secretary,
            ctx.supervisor_on(cell, min(ctx.settings.as_of, dt.date(year, 12, 31))),
            cell.members,
            "Đạt" if cy.compliant else "Chưa đạt",
            *months,
            *quarters,
            cy.meetings,
            cy.attendance_pct,
            cy.speakers_pct,
            "; ".join(cy.reasons),
        ]
        _row(ws, i + 1, values)
    last = get_column_letter(len(HEADERS))
    ws.freeze_panes = "C2"  # the header row and the cells' names stay in view
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
    _print_setup(ws)
    _notes(wb, ctx, year)
    # Reproducible bytes: the workbook's dates are the as-of date, not the build's clock.
    stamp = dt.datetime.combine(ctx.settings.as_of, dt.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "bulletin"
    out = io.BytesIO()
    wb.save(out)
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def core(xml: bytes) -> bytes:  # openpyxl writes the save time here, whatever the properties say
        start = xml.find(b"<dcterms:modified")
        begin = xml.find(b">", start) + 1
        end = xml.find(b"<", begin)
        return xml if start < 0 else xml[:begin] + when + xml[end:]

    return reproducible(out.getvalue(), {"docProps/core.xml": core})


def _print_setup(ws: Worksheet) -> None:
    """The clerk prints the year on A4: landscape, every column on one page wide, as many pages
    tall as the rows need, the header row repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


def _header(ws: Worksheet) -> None:
    fill = PatternFill("solid", fgColor="EEEEEE")
    for col, title in enumerate(HEADERS, start=1):
        c = ws.cell(row=1, column=col)
        _text(c, title)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(title, 12 if title.startswith(("T", "Quý")) else 14)


def _row(ws: Worksheet, row: int, values: list[Any]) -> None:
    for col, value in enumerate(values, start=1):
        c = ws.cell(row=row, column=col)
        if isinstance(value, str):
            _text(c, value)
        else:
            c.value = value  # a number (or None: an empty cell, not a zero)
            if "%" in HEADERS[col - 1]:
                c.number_format = PERCENT


def _text(c: Any, value: str) -> None:
    """A string cell, even when it starts with '=' (openpyxl would store a formula)."""
    c.value = value
    c.data_type = "s"


def _notes(wb: Workbook, ctx: Context, year: int) -> None:
    ws = wb.create_sheet("Ghi chú")
    as_of = ctx.settings.as_of
    lines = [
        f"Tổng hợp sinh hoạt chi bộ năm {year}: {ctx.data.organization.name}",
        f"Số liệu tính đến ngày {vi.date(as_of)}." if year == as_of.year else f"Số liệu cả năm {year}.",
        "T1–T12: sinh hoạt thường kỳ từng tháng; Quý I–IV: sinh hoạt chuyên đề từng quý.",
        "Tỷ lệ dự họp = tổng số dự họp / tổng số đảng viên phải dự (trừ miễn sinh hoạt), cả năm.",
        "Tỷ lệ phát biểu = tổng số phát biểu / tổng số dự họp, cả năm.",
    ]
    for i, line in enumerate(lines, start=1):
        _text(ws.cell(row=i, column=1), line)
    ws.column_dimensions["A"].width = 100

"""The monthly data-entry spreadsheet sent to the cells: one row per active cell, a column per meeting field.

Written with openpyxl, checked to open in Excel and LibreOffice Calc: drop-down
lists come from a hidden sheet (a list typed into the validation itself is
limited to 255 characters, too short for the outlines), numbers are bounded,
dates are held to the month, and the prefilled columns are locked (sheet
protection without a password: it guards against slips, not against people).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from bulletin.data.model import MEETING_KINDS, Cell, Dataset
from bulletin.entry.columns import BY_KEY, COLUMNS, FIRST_ROW, GUIDE, LISTS, MONTH_NAME, NO, SHEET, YES, Column
from bulletin.text import vi
from bulletin.text.cells import inert, risky

SPARE_ROWS = 15  # for a cell's second meeting of the month: pick its id in a spare row
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_RED = "B71C1C"
_HEAD = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor=_RED)
_HINT = Font(italic=True, color="595959", size=9)
_HINT_FILL = PatternFill("solid", fgColor="FFF3E0")
_LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)


def active_cells(data: Dataset) -> list[Cell]:
    """The cells expected to report, in Vietnamese alphabetical order of their names."""
    return sorted((c for c in data.cells.values() if c.active), key=lambda c: vi.sort_key(c.name))


def month_range(month: str) -> tuple[dt.date, dt.date]:
    year, mo = (int(part) for part in month.split("-"))
    return dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1])


def _put(cell: XlCell | MergedCell, value: str | int | float | dt.date | None) -> XlCell | MergedCell:
    """Write a value; text is always text: never a formula, whatever an editor typed into a name or a title.

    openpyxl stores any string starting with '=' as a formula; the type is set back to string,
    and text a spreadsheet could take for a formula gets Excel's quote prefix (the cell's "'"),
    so it is shown and kept as typed, never evaluated."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if risky(value):
            cell.quotePrefix = True
    return cell


def _serial(day: dt.date) -> str:
    return str((day - _EXCEL_EPOCH).days)


def write_xlsx(data: Dataset, month: str, out: Path) -> int:
    """Write the template for `month` (YYYY-MM); return the number of cell rows."""
    cells = active_cells(data)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook starts with one worksheet
    ws.title = SHEET
    lists = _lists_sheet(wb, data, cells)
    last = FIRST_ROW + len(cells) + SPARE_ROWS - 1
    _headings(ws)
    for row, cell in enumerate(cells, start=FIRST_ROW):
        _row(ws, row, last_prefilled=True, values={"cell": cell.id, "cell_name": cell.name, "members": cell.members})
    id_col = BY_KEY["cell"].letter
    for row in range(FIRST_ROW + len(cells), last + 1):
        name = f'=IFERROR(VLOOKUP({id_col}{row},{LISTS}!$E$1:$F${max(len(cells), 1)},2,FALSE),"")'
        _row(ws, row, last_prefilled=False, values={})
        ws.cell(row=row, column=COLUMNS.index(BY_KEY["cell_name"]) + 1).value = name  # our one formula: the name look-up
    _validations(ws, lists, month, len(cells), last)
    ws.freeze_panes = f"{BY_KEY['date'].letter}{FIRST_ROW}"
    ws.print_title_rows = f"1:{FIRST_ROW - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True
    # Still allowed under protection: resizing, and selecting the locked cells.
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False
    _guide(wb.create_sheet(GUIDE), data, month, len(cells))
    # The month the file is for, read back by the import (dates outside it are refused).
    wb.defined_names[MONTH_NAME] = DefinedName(MONTH_NAME, attr_text=f'"{month}"')
    wb.move_sheet(LISTS, offset=2)
    wb.active = 0
    wb.save(out)
    return len(cells)


def _headings(ws: Worksheet) -> None:
    for index, col in enumerate(COLUMNS, start=1):
        head = _put(ws.cell(row=1, column=index), col.heading)
        head.font, head.fill, head.border = _HEAD, _HEAD_FILL, _BOX
        head.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        hint = _put(ws.cell(row=2, column=index), col.hint)
        hint.font, hint.fill, hint.border, hint.alignment = _HINT, _HINT_FILL, _BOX, _WRAP_TOP
        ws.column_dimensions[col.letter].width = col.width
    ws.row_dimensions[1].height = 32
    ws.row_dimensions[2].height = 48


def _row(ws: Worksheet, row: int, last_prefilled: bool, values: dict[str, str | int]) -> None:
    for index, col in enumerate(COLUMNS, start=1):
        cell = _put(ws.cell(row=row, column=index), values.get(col.key))
        cell.border = _BOX
        cell.alignment = _WRAP_TOP
        locked = col.key == "cell_name" or (col.key == "cell" and last_prefilled)
        if locked:
            cell.fill = _LOCKED_FILL
        else:
            cell.protection = _OPEN
        if col.field is not None and col.field.type == "date":
            cell.number_format = "DD/MM/YYYY"
        elif col.field is not None and col.field.type in ("str", "markdown", "list[str]", "enum"):
            cell.number_format = "@"  # text: "1/2" stays as typed, not a date


def _lists_sheet(wb: Workbook, data: Dataset, cells: list[Cell]) -> dict[str, str]:
    """The hidden sheet of drop-down values; returns each list's range formula."""
    ws = wb.create_sheet(LISTS)
    columns = {
        "A": list(MEETING_KINDS.values()),
        "B": [YES, NO],
        "C": sorted(data.outlines),
        "D": [data.outlines[ref].title for ref in sorted(data.outlines)],
        "E": [c.id for c in cells],
        "F": [c.name for c in cells],
    }
    for letter, values in columns.items():
        for row, value in enumerate(values, start=1):
            _put(ws[f"{letter}{row}"], value)
    ws.sheet_state = "hidden"

    def span(letter: str) -> str:
        return f"{LISTS}!${letter}$1:${letter}${max(len(columns[letter]), 1)}"

    return {"kind": span("A"), "bool": span("B"), "topic": span("C"), "cell": span("E")}


def _dv(
    ws: Worksheet,
    col: Column,
    first: int,
    last: int,
    message: str,
    type: Literal["list", "date", "whole", "decimal"],  # openpyxl's name
    formula1: str,
    formula2: str | None = None,
    operator: Literal["between"] | None = None,
) -> None:
    dv = DataValidation(
        type=type,
        formula1=formula1,
        formula2=formula2,
        operator=operator,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
    )
    dv.errorTitle = col.heading
    dv.error = message
    dv.promptTitle = col.heading[:32]
    dv.prompt = col.hint[:255]
    dv.add(f"{col.letter}{first}:{col.letter}{last}")
    ws.add_data_validation(dv)


def _validations(ws: Worksheet, lists: dict[str, str], month: str, cells: int, last: int) -> None:
    first, end = month_range(month)
    first_row = FIRST_ROW
    for col in COLUMNS:
        f = col.field
        if col.key == "cell" and cells:
            _dv(ws, col, first_row + cells, last, "Chọn mã chi bộ trong danh sách.", type="list", formula1=lists["cell"])
        if f is None:
            continue
        if f.type == "enum":
            _dv(ws, col, first_row, last, "Chọn một hình thức trong danh sách.", type="list", formula1=lists["kind"])
        elif f.name == "topic":
            _dv(ws, col, first_row, last, "Chọn mã đề cương trong danh sách.", type="list", formula1=lists["topic"])
        elif f.type == "bool":
            _dv(ws, col, first_row, last, f"Chọn {YES} hoặc {NO}.", type="list", formula1=lists["bool"])
        elif f.type == "date":
            shown = f"Ngày phải trong tháng {first.month}/{first.year} ({vi.date(first)} – {vi.date(end)})."
            _dv(ws, col, first_row, last, shown, type="date", operator="between", formula1=_serial(first), formula2=_serial(end))
        elif f.type in ("int", "number"):
            low, high, words = _bounds(f.name, f.minimum, f.maximum, first_row)
            _dv(
                ws,
                col,
                first_row,
                last,
                f"Nhập {'số nguyên' if f.type == 'int' else 'số'} {words}.",
                type="whole" if f.type == "int" else "decimal",
                operator="between",
                formula1=low,
                formula2=high,
            )


def _bounds(name: str, minimum: int | None, maximum: int | None, row: int) -> tuple[str, str, str]:
    """Validation bounds; a count of members is bounded by the row's member count (relative reference)."""
    low = str(minimum or 0)
    members, present = BY_KEY["members"].letter, BY_KEY["present"].letter
    if name in ("present", "exempt", "excused"):
        return low, f"{members}{row}", f"từ {low} đến số đảng viên của chi bộ"
    if name == "speakers":
        return low, f"{present}{row}", f"từ {low} đến số dự họp"
    high = str(maximum if maximum is not None else 5000)  # no cell has more members than this
    return low, high, f"từ {low} đến {high}"


def _guide(ws: Worksheet, data: Dataset, month: str, cells: int) -> None:
    first, _ = month_range(month)
    lines: list[tuple[str, ...]] = [
        (f"BIỂU MẪU BÁO CÁO SINH HOẠT CHI BỘ THÁNG {first.month}/{first.year}",),
        (data.organization.name,),
        (),
        ("Cách điền",),
        (f"1. Trang '{SHEET}' có sẵn {cells} dòng, mỗi chi bộ một dòng. Mã, tên chi bộ (nền xám) điền sẵn, không sửa.",),
        ("2. Mỗi dòng ghi một cuộc sinh hoạt trong tháng. Dòng thứ hai dưới tiêu đề là gợi ý cho từng cột.",),
        ("3. Chi bộ chưa sinh hoạt hoặc chưa báo cáo: để trống cả dòng (trừ cột số đảng viên điền sẵn).",),
        ("4. Chi bộ có hai cuộc sinh hoạt trong tháng: dùng các dòng trống cuối bảng, chọn mã chi bộ, điền cả số đảng viên.",),
        ("5. Cột Hình thức, Đề cương, Trực tuyến: bấm vào ô và chọn trong danh sách.",),
        ("6. Số đảng viên điền sẵn theo hồ sơ; sửa nếu lúc họp khác. Số dự họp, vắng, miễn không vượt số đảng viên.",),
        ("7. Lưu tệp dạng .xlsx (hoặc CSV UTF-8) và gửi lại Văn phòng Đảng ủy Khối; không đổi tên, thứ tự cột.",),
        (),
        ("Hình thức sinh hoạt",),
        *((label,) for label in MEETING_KINDS.values()),
        (),
        ("Đề cương chuyên đề", "Tên đề cương"),
        *((ref, data.outlines[ref].title) for ref in sorted(data.outlines)),
    ]
    _write_lines(ws, lines)
    ws.column_dimensions["A"].width = max([54, *(len(ref) + 4 for ref in data.outlines)])
    ws.column_dimensions["B"].width = 110
    for row, values in enumerate(lines, start=1):
        if len(values) == 1:  # a sentence: across both columns, wrapped
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row=row, column=1).alignment = ws.cell(row=row, column=2).alignment = _WRAP_TOP
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    headings = {"Cách điền", "Hình thức sinh hoạt", "Đề cương chuyên đề"}
    ws["A1"].font = Font(bold=True, color=_RED, size=13)
    for pair in ws.iter_rows(min_col=1, max_col=2):
        if pair[0].value in headings:
            for cell in pair:
                cell.font = Font(bold=True)


def _write_lines(ws: Worksheet, lines: Iterable[tuple[str, ...]]) -> None:
    for row, values in enumerate(lines, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws.cell(row=row, column=col), value)


def write_csv(data: Dataset, month: str, out: Path) -> int:
    """The same template as CSV: UTF-8 with BOM, so Excel shows Vietnamese; headings and hints on rows 1-2."""
    cells = active_cells(data)
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.heading for c in COLUMNS])
        writer.writerow([c.hint for c in COLUMNS])
        for cell in cells:
            values = {"cell": cell.id, "cell_name": cell.name, "members": cell.members}
            writer.writerow([inert(values.get(c.key, "")) for c in COLUMNS])  # OWASP: a name is never a formula
    return len(cells)

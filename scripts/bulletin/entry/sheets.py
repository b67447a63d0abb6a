"""Reading a filled template (.xlsx or .csv) into rows keyed by column, each with its sheet and row number.

Columns are found by their headings, not their positions, so a clerk who moved
a column still gets a correct import; rows are numbered as the spreadsheet
program shows them.

A spreadsheet is a hostile file like any other. Before anything is parsed the
file's size, and for .xlsx the zip's entries and their decompressed size (a zip
bomb), are bounded; the sheet is then streamed (openpyxl's read-only parser,
never its declared dimension, which can claim XFD1048576 in a 5 KB file), and
data beyond MAX_ROWS rows or MAX_COLUMNS columns is refused, not skipped. What
the clerk cannot see is refused too: a hidden (or very hidden) data sheet,
hidden rows or columns holding data; each problem names the sheet, the row and
the column.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin.data.files import UnreadableFile, read_text
from bulletin.entry.columns import COLUMNS, ID_HINT, LISTS, MONTH_NAME, SHEET, Column, blank, column_for
from bulletin.text import vi

MAX_BYTES = 10_000_000  # the file as sent: a month's template for a thousand cells is a few hundred KB
MAX_UNZIPPED = 60_000_000  # every entry of the .xlsx, decompressed
MAX_ENTRIES = 500
MAX_ROWS = 20_000  # rows with data, headings included
MAX_COLUMNS = 60  # the template has len(COLUMNS)
_MONTH = re.compile(r'^"?(\d{4}-(?:0[1-9]|1[0-2]))"?$')


@dataclass(frozen=True)
class SheetProblem:
    sheet: str | None  # None for a CSV file
    row: int
    heading: str | None  # the column's heading, or None for the whole row or file
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}" if self.row else "Tệp"
        return f"{where}, cột '{self.heading}': {self.message}" if self.heading else f"{where}: {self.message}"


@dataclass
class Sheet:
    name: str | None
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, values by column key)
    problems: list[SheetProblem] = field(default_factory=list)
    month: str | None = None  # "YYYY-MM": the template's month, when the file says it


class UnreadableSheet(Exception):
    """The file cannot be read at all (not a spreadsheet, damaged, wrong encoding)."""


def read(path: Path) -> Sheet:
    if not path.is_file():
        raise UnreadableSheet(f"{path}: không có tệp này (kiểm tra tên và thư mục)")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise UnreadableSheet(f"{path.name}: chỉ nhận tệp .xlsx hoặc .csv (tệp .xls cũ: mở và lưu lại dạng .xlsx)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableSheet(
            f"{path.name}: tệp quá lớn ({vi.number(size)} byte, tối đa {vi.number(MAX_BYTES)}); biểu mẫu tháng chỉ vài trăm KB"
        )
    return _xlsx(path) if suffix in (".xlsx", ".xlsm") else _csv(path)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            entries = z.infolist()
    except (zipfile.BadZipFile, OSError):
        raise UnreadableSheet(f"{path.name}: không phải tệp Excel .xlsx (hoặc tệp bị hỏng)") from None
    unzipped = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES or unzipped > MAX_UNZIPPED:
        raise UnreadableSheet(
            f"{path.name}: tệp Excel bất thường ({len(entries)} phần, {vi.number(unzipped)} byte khi giải nén; tối đa "
            f"{MAX_ENTRIES} phần, {vi.number(MAX_UNZIPPED)} byte); không đọc. Hãy dùng biểu mẫu do `bulletin template` tạo ra."
        )


def _hidden(attrs: dict[str, str], size: str) -> bool:
    """A row or column the clerk does not see: hidden, or zero high or wide."""
    if attrs.get("hidden") in ("1", "true"):
        return True
    try:
        return float(attrs.get(size, "1")) == 0
    except ValueError:
        return False


def _xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # openpyxl takes a moment to import; only this command needs it

    _check_zip(path)
    try:
        # Read-only: the sheet is streamed, never loaded whole; formulas as their last computed value.
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds (zipfile, KeyError, XML errors) for a damaged file
        raise UnreadableSheet(f"{path.name}: không đọc được tệp Excel ({type(e).__name__})") from None
    try:
        return _workbook(path, wb)
    except UnreadableSheet:
        raise
    except Exception as e:  # a damaged sheet part found while streaming
        raise UnreadableSheet(f"{path.name}: không đọc được tệp Excel ({type(e).__name__})") from None
    finally:
        wb.close()


def _workbook(path: Path, wb: Any) -> Sheet:
    if SHEET in wb.sheetnames:
        ws = wb[SHEET]
    else:
        data_sheets = [w for w in wb.worksheets if w.title != LISTS]
        if not data_sheets:
            raise UnreadableSheet(f"{path.name}: không có trang tính nào để đọc")
        ws = data_sheets[0]
    if ws.sheet_state != "visible":
        return _refused(
            ws.title,
            f"trang tính '{ws.title}' đang bị ẩn: người điền không nhìn thấy nó. Hiện trang tính ra "
            "(chuột phải vào tên trang tính → Hiện), kiểm tra rồi lưu và nhập lại",
        )
    table, problems = _stream(ws)
    sheet = _table(ws.title, table, first_problems=problems)
    sheet.month = _template_month(wb)
    return sheet


def _refused(name: str, message: str) -> Sheet:
    sheet = Sheet(name)
    sheet.problems.append(SheetProblem(name, 0, None, message))
    return sheet


def _template_month(wb: Any) -> str | None:
    defined = wb.defined_names.get(MONTH_NAME)
    m = _MONTH.match(str(defined.attr_text).strip()) if defined is not None else None
    return m[1] if m else None


def _stream(ws: Any) -> tuple[list[list[Any]], list[SheetProblem]]:
    """The sheet's rows as values, streamed with openpyxl's parser: present rows only, bounded."""
    from openpyxl.worksheet._reader import WorkSheetParser

    problems: list[SheetProblem] = []
    table: list[list[Any]] = []
    headings: dict[int, str] = {}
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src, ws._shared_strings, data_only=True, epoch=ws.parent.epoch, date_formats=ws.parent._date_formats,
            timedelta_formats=ws.parent._timedelta_formats,
        )  # fmt: skip
        for number, cells in parser.parse():
            filled = [(c["column"], c["value"]) for c in cells if not blank(c["value"])]
            if not filled:
                continue
            if number > MAX_ROWS or filled[-1][0] > MAX_COLUMNS or max(col for col, _ in filled) > MAX_COLUMNS:
                far = max(col for col, _ in filled)
                problems.append(
                    SheetProblem(
                        ws.title,
                        number,
                        None,
                        f"có dữ liệu ở ô {_letter(min(far, 16384))}{number}, ngoài vùng của biểu mẫu "
                        f"(tối đa {vi.number(MAX_ROWS)} dòng, {MAX_COLUMNS} cột); xóa các ô đó rồi nhập lại",
                    )
                )
                return [], problems
            while len(table) < number - 1:
                table.append([])
            row: list[Any] = [None] * max(col for col, _ in filled)
            for col, value in filled:
                row[col - 1] = value
            table.append(row)
            if number == 1:
                headings = {col: str(value).strip() for col, value in filled}
            if _hidden(parser.row_dimensions.get(str(number), {}), "ht"):
                problems.append(
                    SheetProblem(
                        ws.title, number, None, "dòng này đang bị ẩn nhưng có dữ liệu; hiện dòng ra, kiểm tra rồi nhập lại"
                    )
                )
            for col, _ in filled:
                if _column_hidden(parser.column_dimensions, col):
                    heading = headings.get(col)
                    where = f"'{heading}' ({_letter(col)})" if heading else _letter(col)
                    problems.append(
                        SheetProblem(
                            ws.title, number, None, f"cột {where} đang bị ẩn nhưng có dữ liệu; hiện cột ra, kiểm tra rồi nhập lại"
                        )
                    )
    return table, problems


def _column_hidden(dimensions: dict[str, dict[str, str]], col: int) -> bool:
    for attrs in dimensions.values():
        try:
            low, high = int(attrs.get("min", 0)), int(attrs.get("max", 0))
        except ValueError:
            continue
        if low <= col <= high and _hidden(attrs, "width"):
            return True
    return False


def _csv(path: Path) -> Sheet:
    try:
        text = read_text(path)  # UTF-8 with or without BOM; a legacy code page is refused, not garbled
    except UnreadableFile as e:
        raise UnreadableSheet(f"{path.name}: {e}") from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if any(not blank(v) for v in row[MAX_COLUMNS:]) or (number > MAX_ROWS and any(not blank(v) for v in row)):
                limits = f"tối đa {vi.number(MAX_ROWS)} dòng, {MAX_COLUMNS} cột"
                raise UnreadableSheet(f"{path.name}: dòng {number} có dữ liệu ngoài vùng của biểu mẫu ({limits})")
            if number <= MAX_ROWS:  # blank lines after the last row: read, not kept
                rows.append(row[:MAX_COLUMNS])
    except csv.Error as e:
        raise UnreadableSheet(f"{path.name}: tệp CSV hỏng ({e})") from None
    return _table(None, rows)


def _table(name: str | None, table: list[list[Any]], first_problems: list[SheetProblem] | None = None) -> Sheet:
    sheet = Sheet(name, problems=list(first_problems or []))
    if sheet.problems and not table:
        return sheet
    if not table:
        sheet.problems.append(SheetProblem(name, 0, None, "tệp trống"))
        return sheet
    header = table[0]
    columns: dict[int, Column] = {}
    for index, heading in enumerate(header):
        if blank(heading):
            continue
        col = column_for(heading)
        if col is None:
            sheet.problems.append(SheetProblem(name, 1, str(heading).strip(), "cột không có trong biểu mẫu"))
        elif col in columns.values():
            sheet.problems.append(SheetProblem(name, 1, col.heading, "cột bị lặp lại"))
        else:
            columns[index] = col
    needed = [c for c in COLUMNS if c.key == "cell" or (c.field is not None and c.field.required)]
    for col in needed:
        if col not in columns.values():
            sheet.problems.append(SheetProblem(name, 1, col.heading, "thiếu cột này trong dòng tiêu đề"))
    if sheet.problems:
        return sheet
    for number, raw in enumerate(table[1:], start=2):
        values = {col.key: raw[i] for i, col in columns.items() if i < len(raw)}
        if number == 2 and str(values.get("cell") or "").strip() == ID_HINT:
            continue  # the hint row
        if all(blank(v) for v in values.values()):
            continue
        sheet.rows.append((number, values))
    return sheet

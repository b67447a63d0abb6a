"""Reading a filled template (.xlsx or .csv) into rows keyed by column, each with its sheet and row number.

Columns are found by their headings, not their positions, so a clerk who moved
or hid a column still gets a correct import; rows are numbered as the
spreadsheet program shows them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin.data.files import UnreadableFile, read_text
from bulletin.entry.columns import COLUMNS, ID_HINT, SHEET, Column, blank, column_for


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


class UnreadableSheet(Exception):
    """The file cannot be read at all (not a spreadsheet, damaged, wrong encoding)."""


def read(path: Path) -> Sheet:
    if not path.is_file():
        raise UnreadableSheet(f"{path}: không có tệp này (kiểm tra tên và thư mục)")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix in (".csv", ".txt"):
        return _csv(path)
    raise UnreadableSheet(f"{path.name}: chỉ nhận tệp .xlsx hoặc .csv (tệp .xls cũ: mở và lưu lại dạng .xlsx)")


def _xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # openpyxl takes a moment to import; only this command needs it

    try:
        wb = load_workbook(path, data_only=True)  # formulas (the name look-up) as their last computed value
    except Exception as e:  # openpyxl raises many kinds (zipfile, KeyError, XML errors) for a damaged file
        raise UnreadableSheet(f"{path.name}: không đọc được tệp Excel ({type(e).__name__})") from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    table = [list(row) for row in ws.iter_rows(values_only=True)]
    return _table(ws.title, table)


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
    return _table(None, [list(row) for row in csv.reader(io.StringIO(text), dialect)])


def _table(name: str | None, table: list[list[Any]]) -> Sheet:
    sheet = Sheet(name)
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

"""The columns of the monthly data-entry spreadsheet, derived from `model.MEETING_FIELDS`.

The template writer and the importer both use these, so a heading, a hint or a
value a drop-down offers cannot differ between what is sent out and what is read
back. Sheet values (what openpyxl or csv give) become the YAML-like values
`fields.check_record` validates: the spreadsheet is one more way to write a record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bulletin.data.model import MEETING_FIELDS, MEETING_KINDS, THEMATIC_KINDS, Field

SHEET = "Sinh hoạt"  # the data sheet
LISTS = "DanhMuc"  # the hidden sheet holding the drop-down lists (ASCII: it appears in formulas)
GUIDE = "Hướng dẫn"
MONTH_NAME = "ThangBieuMau"  # a defined name holding the template's month, "YYYY-MM"
FIRST_ROW = 3  # row 1: headings, row 2: hints
ID_HINT = "Điền sẵn, không sửa"
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    key: str  # "cell", "cell_name" or a meeting field's name
    heading: str  # Vietnamese, row 1
    hint: str  # Vietnamese, row 2
    width: int  # characters
    field: Field | None = None

    @property
    def letter(self) -> str:
        return _letter(COLUMNS.index(self))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _hint(f: Field) -> str:
    if f.name == "joint_with":
        return (
            "Mã chi bộ cùng họp, mỗi chi bộ một dòng (Alt+Enter) hoặc ngăn bằng dấu chấm phẩy; chi bộ đó cũng phải "
            "ghi cuộc họp cùng ngày, cùng đề cương; có thể bỏ trống"
        )
    if f.name == "topic":
        needed = ", ".join(MEETING_KINDS[k].lower() for k in MEETING_KINDS if k in THEMATIC_KINDS)
        return f"Chọn mã đề cương trong danh sách; bắt buộc với sinh hoạt {needed}"
    kind = {
        "date": "Ngày/tháng/năm, trong tháng của biểu mẫu",
        "enum": "Chọn trong danh sách",
        "bool": f"Chọn {YES} hoặc {NO}",
        "list[str]": "Mỗi người một dòng (Alt+Enter) hoặc ngăn bằng dấu chấm phẩy",
        "str": "Chữ",
        "markdown": "Chữ",
    }.get(f.type)
    if kind is None:  # int, number
        word = "Số nguyên" if f.type == "int" else "Số"
        if f.minimum is not None and f.maximum is not None:
            kind = f"{word} từ {f.minimum} đến {f.maximum}"
        elif f.minimum is not None:
            kind = f"{word} từ {f.minimum} trở lên"
        else:
            kind = word
    if f.required:
        return f"{kind}; bắt buộc"
    if f.default in (None, (), ""):
        return f"{kind}; có thể bỏ trống"
    shown = {False: NO, True: YES}.get(f.default, f.default) if isinstance(f.default, bool) else f.default
    return f"{kind}; bỏ trống là {shown}"


_WIDTHS = {"date": 13, "enum": 26, "str": 34, "markdown": 40, "list[str]": 34, "bool": 11}

COLUMNS: tuple[Column, ...] = (
    Column("cell", "Mã chi bộ", ID_HINT, 30),
    Column("cell_name", "Tên chi bộ", ID_HINT, 44),
    *(Column(f.name, f.heading, _hint(f), max(_WIDTHS.get(f.type, 12), len(f.heading) + 3), f) for f in MEETING_FIELDS),
)
BY_KEY = {c.key: c for c in COLUMNS}
PREFILLED = frozenset({"cell", "cell_name", "members"})  # written by the template; not a sign the row was filled


def column_for(heading: Any) -> Column | None:
    """The column a heading names: its Vietnamese heading or the YAML field name, any case."""
    if not isinstance(heading, str):
        return None
    wanted = heading.strip().casefold()
    for c in COLUMNS:
        if wanted in (c.heading.casefold(), c.key.casefold()):
            return c
    return None


def kind_label(code: str) -> str:
    return MEETING_KINDS[code]


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_INT = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_TRUE = {"có", "co", "x", "true", "1", "yes"}
_FALSE = {"không", "khong", "false", "0", "no"}


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_record_value(f: Field, value: Any) -> Any:
    """A sheet value as the YAML value it stands for; anything unrecognised is passed on for check_record to refuse."""
    if isinstance(value, str):
        value = value.strip()
    if f.type == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and (m := _DMY.match(value)):
            return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
        return value
    if f.type == "enum":
        if isinstance(value, str):
            for code, label in MEETING_KINDS.items() if f.name == "kind" else ():
                if value.casefold() in (code, label.casefold()):
                    return code
        return value
    if f.type == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT.match(value):
            return int(re.split(r"[.,]", value)[0])
        return value
    if f.type == "number":
        if isinstance(value, str) and _NUMBER.match(value):
            number = float(value.replace(",", "."))
            return int(number) if number.is_integer() else number
        return value
    if f.type == "bool":
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.casefold() in _TRUE | _FALSE:
            return value.casefold() in _TRUE
        return value
    if f.type == "list[str]" and isinstance(value, str):
        return [item.strip() for item in re.split(r"[\n;]", value) if item.strip()]
    return value

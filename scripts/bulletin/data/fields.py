"""Checking one record (a YAML mapping) against its field specs from `model.py`."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence
from typing import Any

from bulletin.data.model import Field
from bulletin.data.periods import convert_assignments, convert_periods
from bulletin.data.problems import Problems, quoted
from bulletin.data.yamlmarks import MarkedDict, MarkedList
from bulletin.text import vi
from bulletin.text.nesting import refused

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_TYPE_WORDS = {
    "str": "một đoạn chữ",
    "markdown": "một đoạn chữ",
    "int": "một số nguyên",
    "number": "một số",
    "bool": "true hoặc false",
    "date": "một ngày dạng YYYY-MM-DD",
    "list[str]": "một danh sách các dòng chữ",
    "enum": "một giá trị trong danh sách",
    "assignments": "mã cấp ủy viên hoặc danh sách có thời hạn",
    "periods": "true/false hoặc danh sách khoảng thời gian",
}


def check_record(
    data: Any,
    spec: Sequence[Field],
    path: str,
    problems: Problems,
    line: int = 1,
    what: str = "bản ghi",
) -> dict[str, Any] | None:
    """Return the record's values (defaults filled in), or None if it is unusable.

    Every problem found is added to `problems`; the caller gets None when any
    field of this record was wrong, so no half-valid record reaches the pages.
    """
    if not isinstance(data, MarkedDict):
        problems.add(path, getattr(data, "line", line), f"{what} phải là các cặp 'trường: giá trị'")
        return None
    before = len(problems)
    known = {f.name: f for f in spec}
    for key, key_line in data.duplicates:
        problems.add(path, key_line, f"trường `{quoted(key)}` được ghi hai lần")
    for key in data:
        if key not in known:
            problems.add(path, data.line_of(key), _unknown(key, known))
    values: dict[str, Any] = {}
    for f in spec:
        if f.name not in data or data[f.name] is None:
            if f.required:
                problems.add(path, data.line_of(f.name), f"{what} thiếu trường bắt buộc `{f.name}` ({f.doc})")
            else:
                values[f.name] = f.default
            continue
        value, error = _convert(f, data[f.name])
        if error:
            problems.add(path, data.line_of(f.name), f"`{f.name}` {error}")
        elif f.type == "markdown" and (deep := refused(value)) is not None:
            # A block (`notes: |`) starts on the line after its key; its lines follow one for one.
            line_no = data.line_of(f.name) + (deep.line if "\n" in value else 0)
            problems.add(path, line_no, f"`{f.name}` (dòng {deep.line} của nội dung): {deep.message()}")
        else:
            values[f.name] = value
    return values if len(problems) == before else None


# Fields that would name who was absent. The site publishes counts only (present, excused,
# exempt); a list of absentees is personal data the bulletin must not carry, so such a
# field is refused with the reason, not just as unknown.
_ABSENTEE_WORDS = ("absent", "absence", "absentee", "missing", "vang", "khongdu", "khongthamdu", "nghihop")
_NO_NAMES = (
    "trang chỉ công bố số lượng (dự họp `present`, vắng có lý do `excused`, miễn sinh hoạt `exempt`), "
    "không bao giờ ghi tên người vắng mặt"
)
_COUNTS = frozenset({"members", "present", "speakers", "excused", "exempt"})


def _names_absentees(key: Any) -> bool:
    folded = re.sub(r"[^a-z]", "", vi.ascii_fold(str(key)[:60]).lower())
    return any(word in folded for word in _ABSENTEE_WORDS)


def _unknown(key: Any, known: dict[str, Field]) -> str:
    name = quoted(key)  # a key can be anything, 100,000 characters long included
    if _names_absentees(key):
        hint = ". Hãy ghi số người vào `excused` và bỏ danh sách tên" if "excused" in known else ""
        return f"trường `{name}` không được dùng: {_NO_NAMES}{hint}"
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f" (có phải `{close[0]}`?)" if close else ""
    allowed = ", ".join(known)
    return f"trường `{name}` không có trong định dạng{hint}; các trường được dùng: {allowed}"


def _shown(value: Any) -> str:
    return f"'{quoted(value)}'" if isinstance(value, str) else quoted(value)


def _wrong(f: Field, value: Any) -> str:
    return f"phải là {_TYPE_WORDS[f.type]}, nhưng đang là {_shown(value)}"


def _convert(f: Field, value: Any) -> tuple[Any, str | None]:
    # The message is built only on failure: formatting it for every valid value cost a tenth of
    # a large validation.
    if f.type in ("str", "markdown"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, _wrong(f, value)
        text = str(value).strip()
        if not text:
            return None, "không được để trống"
        return text, None
    if f.type == "enum":
        if not isinstance(value, str) or value not in f.choices:
            return None, f"phải là một trong: {', '.join(f.choices)}; đang là {_shown(value)}"
        return value, None
    if f.type in ("int", "number"):
        if f.name in _COUNTS and isinstance(value, list):
            return None, f"là số người (một số nguyên), không phải danh sách tên: {_NO_NAMES}"
        ok = isinstance(value, int) or (f.type == "number" and isinstance(value, float))
        if isinstance(value, bool) or not ok or (isinstance(value, float) and not math.isfinite(value)):
            return None, _wrong(f, value)  # .nan would pass every comparison below
        if f.minimum is not None and value < f.minimum:
            return None, f"phải từ {f.minimum} trở lên, đang là {_shown(value)}"
        if f.maximum is not None and value > f.maximum:
            return None, f"không được lớn hơn {f.maximum}, đang là {_shown(value)}"
        return value, None
    if f.type == "bool":
        return (value, None) if isinstance(value, bool) else (None, _wrong(f, value))
    if f.type == "date":
        if not isinstance(value, str) or not _DATE.match(value.strip()):
            return None, _wrong(f, value)
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            return None, f"không phải một ngày có thật: {_shown(value)}"
    if f.type == "list[str]":
        if isinstance(value, str):
            value = MarkedList([value])  # one item written without the dash
        if not isinstance(value, list):
            return None, _wrong(f, value)
        items = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                return None, f"mỗi mục phải là một dòng chữ, có mục đang là {_shown(item)}"
            items.append(str(item).strip())
        return tuple(items), None
    if f.type == "assignments":
        return convert_assignments(value)
    if f.type == "periods":
        return convert_periods(value)
    raise AssertionError(f.type)

"""Checking one record (a YAML mapping) against its field specs from `model.py`."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    plan = _plan(spec)
    if not data.duplicates and plan.known.keys() >= data.keys():
        values = _usual(data, plan)
        if values is not None:
            return values
    return _checked(data, plan, path, problems, what)


def _usual(data: MarkedDict, plan: _Plan) -> dict[str, Any] | None:
    """The values of a record with no problem (the usual case), or None to look for the problems.

    Visits only the fields written (a meeting writes 8 of its 19); the defaults come from a
    template in the fields' order, so the dict is the one `_checked` would return.
    """
    values = plan.template.copy()
    steps = plan.steps
    for name, raw in data.items():
        _, f, convert, required, _, markdown = steps[name]
        if raw is None:
            if required:
                return None
            continue
        value, error = convert(f, raw)
        if error or (markdown and refused(value) is not None):
            return None
        values[name] = value
    return values if plan.required <= data.keys() else None


def _checked(data: MarkedDict, plan: _Plan, path: str, problems: Problems, what: str) -> dict[str, Any] | None:
    before = len(problems)
    known = plan.known
    for key, key_line in data.duplicates:
        problems.add(path, key_line, f"trường `{quoted(key)}` được ghi hai lần")
    if not known.keys() >= data.keys():
        for key in data:
            if key not in known:
                problems.add(path, data.line_of(key), _unknown(key, known))
    values: dict[str, Any] = {}
    get = data.get
    for name, f, convert, required, default, markdown in plan.steps.values():
        raw = get(name)
        if raw is None:  # absent, or written with no value
            if required:
                problems.add(path, data.line_of(name), f"{what} thiếu trường bắt buộc `{name}` ({f.doc})")
            else:
                values[name] = default
            continue
        value, error = convert(f, raw)
        if error:
            problems.add(path, data.line_of(name), f"`{name}` {error}")
        elif markdown and (deep := refused(value)) is not None:
            # A block (`notes: |`) starts on the line after its key; its lines follow one for one.
            line_no = data.line_of(name) + (deep.line if "\n" in value else 0)
            problems.add(path, line_no, f"`{name}` (dòng {deep.line} của nội dung): {deep.message()}")
        else:
            values[name] = value
    return values if len(problems) == before else None


Converter = Callable[[Field, Any], tuple[Any, "str | None"]]
# For each field: its name, itself, its converter, whether required, its default, whether Markdown.
Step = tuple[str, Field, Converter, bool, Any, bool]


@dataclass(frozen=True)
class _Plan:
    """A spec worked out once (71,000 meetings share one): reading a frozen dataclass's
    attributes for 19 fields of every record added up."""

    spec: Sequence[Field]
    known: dict[str, Field]
    steps: dict[str, Step]  # in the fields' order
    template: dict[str, Any]  # every field in order: the default, or None where a value is required
    required: frozenset[str]


_PLANS: dict[int, _Plan] = {}


def _plan(spec: Sequence[Field]) -> _Plan:
    plan = _PLANS.get(id(spec))
    if plan is None or plan.spec is not spec:
        plan = _Plan(
            spec=spec,
            known={f.name: f for f in spec},
            steps={f.name: (f.name, f, _CONVERTERS[f.type], f.required, f.default, f.type == "markdown") for f in spec},
            template={f.name: None if f.required else f.default for f in spec},
            required=frozenset(f.name for f in spec if f.required),
        )
        if len(_PLANS) > 32:  # the model has a handful of specs; a caller's throwaway list must not pile up
            _PLANS.clear()
        _PLANS[id(spec)] = plan
    return plan


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


# One converter per field type. A message is built only on failure: formatting it for every
# valid value cost a tenth of a large validation.


def _text(f: Field, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, _wrong(f, value)
    text = str(value).strip()
    if not text:
        return None, "không được để trống"
    return text, None


def _enum(f: Field, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or value not in f.choices:
        return None, f"phải là một trong: {', '.join(f.choices)}; đang là {_shown(value)}"
    return value, None


def _number(f: Field, value: Any) -> tuple[Any, str | None]:
    if type(value) is int and (f.minimum is None or value >= f.minimum) and (f.maximum is None or value <= f.maximum):
        return value, None  # the usual case, answered before the checks below
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


def _bool(f: Field, value: Any) -> tuple[Any, str | None]:
    return (value, None) if isinstance(value, bool) else (None, _wrong(f, value))


_DAYS: dict[str, dt.date] = {}  # the days already read: 70,000 meetings fall on a few thousand


def _date(f: Field, value: Any) -> tuple[Any, str | None]:
    day = _DAYS.get(value) if type(value) is str else None
    if day is not None:
        return day, None
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return None, _wrong(f, value)
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None, f"không phải một ngày có thật: {_shown(value)}"
    if type(value) is str and len(_DAYS) < 20_000:
        _DAYS[value] = day
    return day, None


def _lines(f: Field, value: Any) -> tuple[Any, str | None]:
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


_CONVERTERS: dict[str, Converter] = {
    "str": _text,
    "markdown": _text,
    "enum": _enum,
    "int": _number,
    "number": _number,
    "bool": _bool,
    "date": _date,
    "list[str]": _lines,
    "assignments": lambda f, value: convert_assignments(value),
    "periods": lambda f, value: convert_periods(value),
}

"""MkDocs' own messages (a bad mkdocs.yml, an aborted build) told in Vietnamese, once.

MkDocs logs each configuration problem in English and then raises a bare "Aborted with a
configuration error!". The commands catch those log records instead of letting them through, and
say the same in Vietnamese: the option's path in mkdocs.yml, then what is wrong with it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import yaml

TYPES = {
    "int": "số nguyên",
    "float": "số",
    "str": "chữ",
    "bool": "true hoặc false",
    "dict": "các mục khóa: giá trị",
    "list": "danh sách",
}
TYPES["NoneType"] = "để trống"

_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
RULES: list[_Rule] = [
    (re.compile(r"^Config value '([^']+)'[:.] "), r"mục '\1': "),
    (re.compile(r"Plugin '([^']+)' option '([^']+)': "), r"plugin '\1', mục '\2': "),
    (re.compile(r"Sub-option '([^']+)': "), r"mục '\1': "),
    (
        re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>"),
        lambda m: f"cần {TYPES.get(m[1], m[1])}, không phải {TYPES.get(m[2], m[2])}",
    ),
    (re.compile(r"Expected one of: \((.*)\) but received: (.*)$"), r"chỉ nhận một trong: \1; không nhận \2"),
    (re.compile(r"Unrecognised configuration name: (.*)$"), r"không có mục tên '\1' (gõ sai tên?)"),
    (re.compile(r"The path '([^']*)' isn't an existing directory\."), r"không có thư mục '\1'"),
    (re.compile(r"The path '([^']*)' isn't an existing file\."), r"không có tệp '\1'"),
    (re.compile(r'The "([^"]+)" plugin is not installed'), r'chưa cài plugin "\1" (hoặc gõ sai tên)'),
    (re.compile(r"Required configuration not provided\."), "bắt buộc phải có"),
    (re.compile(r"Unrecognised theme name: '([^']+)'\..*$"), r"không có giao diện (theme) '\1'"),
    # Python's own words when YAML reads an impossible date (as_of: 2026-13-01)
    (re.compile(r"^month must be in 1\.\.12$"), "ngày không hợp lệ: tháng phải từ 1 đến 12"),
    (re.compile(r"^day is out of range for month$"), "ngày không hợp lệ: tháng đó không có ngày này"),
]


def config_message(text: str) -> str:
    """One MkDocs configuration message in Vietnamese (the parts it does not know stay as they are)."""
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def yaml_problem(error: BaseException | None) -> str | None:
    """A YAML syntax error in mkdocs.yml: its line and what to check."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return None
    mark = error.problem_mark or error.context_mark
    where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
    if isinstance(error, yaml.constructor.ConstructorError) and error.problem and not error.context:
        return f"{where}{error.problem}"  # a value YAML read but cannot be (`yamldates`: 2025-13-01)
    return f"{where}lỗi cú pháp YAML ({error.problem or error.context}); kiểm tra thụt lề, dấu hai chấm, dấu nháy"


def build_abort(text: str) -> str:
    """MkDocs' last words when a build stops, in Vietnamese."""
    if m := re.match(r"Aborted with (\d+) warnings in strict mode!", text):
        return f"Dừng vì có {m[1]} cảnh báo (chế độ strict: mọi cảnh báo đều phải sửa)."
    if text.startswith("Aborted with a BuildError"):
        return "Dừng vì lỗi khi xây dựng trang."
    return config_message(text)


class _Collect(logging.Filter):
    """Keeps the records of a logger at or above a level instead of letting them be printed."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= self.level:
            self.records.append(record)
            return False
        return True


@contextmanager
def collected(logger: str, level: int = logging.WARNING) -> Iterator[list[logging.LogRecord]]:
    """Inside the block, records of `logger` (that exact logger) at `level` or above are kept in the
    list it yields instead of reaching the console."""
    collect = _Collect(level)
    log = logging.getLogger(logger)
    log.addFilter(collect)
    try:
        yield collect.records
    finally:
        log.removeFilter(collect)

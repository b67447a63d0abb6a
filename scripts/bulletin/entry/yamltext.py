"""Appending meetings to a year file as text, leaving every existing byte as it was.

Why text and not a round-trip YAML library: appending never touches what is
already there, so comments, blank lines, quoting, key order and line endings
stay byte for byte, which a round-trip dumper (ruamel.yaml) only approximates
(it re-indents and re-flows some constructs). The price is that the appended
text must be right for the file: it is rendered in the files' own style (the
sample's: '- date:' then two-space keys, strings as JSON double-quoted
scalars, which YAML reads as they are), indented like the file's existing
items, and the result is parsed again and compared, item by item, with what
was meant. A file this cannot append to safely (a flow list '[...]', say) is
refused with a message instead of being rewritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bulletin.data.files import UnreadableFile
from bulletin.data.model import MEETING_FIELDS, Meeting
from bulletin.data.yamlmarks import MarkedList, YamlError, parse

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/meetings.schema.json\n"
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9/-]*$")  # ids and outline refs: no quoting needed
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CannotAppend(Exception):
    """The file's form leaves no safe place to append; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Appended:
    data: bytes  # the whole new file
    first_lines: list[int]  # 1-based line of each appended entry's '- date:'


def header(cell_name: str, year: int) -> str:
    """The first lines of a new year file, as the sample files have them."""
    return f"{SCHEMA_LINE}# {cell_name}: sinh hoạt năm {year}\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and not _ISO_DAY.match(text) and text not in ("true", "false", "null", "yes", "no", "on", "off"):
        return text
    return json.dumps(text, ensure_ascii=False)


def entry_lines(values: dict[str, Any], comments: dict[str, str] | None = None) -> list[str]:
    """One meeting as YAML lines, fields in the model's order, defaults left out.

    A value of None writes an empty field ('present:'), for a stub the editor fills in;
    `comments` adds a '# ...' after a field.
    """
    comments = comments or {}
    lines: list[str] = []
    for f in MEETING_FIELDS:
        if f.name not in values:
            continue
        value = values[f.name]
        if f.name != "date" and not f.required and value == f.default and f.name not in comments:
            continue
        note = f"   # {comments[f.name]}" if f.name in comments else ""
        if value is None:
            lines.append(f"  {f.name}:{note}")
        elif f.type == "list[str]":
            lines.append(f"  {f.name}:{note}")
            lines.extend(f"    - {json.dumps(item, ensure_ascii=False)}" for item in value)
        elif f.type == "date":
            lines.append(f"  {f.name}: {value.isoformat()}{note}")
        else:
            lines.append(f"  {f.name}: {_scalar(value)}{note}")
    lines[0] = "- " + lines[0][2:]
    return lines


def meeting_values(m: Meeting) -> dict[str, Any]:
    return {f.name: getattr(m, f.name) for f in MEETING_FIELDS}


def append(old: bytes | None, entries: list[list[str]], new_header: str) -> Appended:
    """The file with `entries` appended; `old` is None for a new file (which gets `new_header`)."""
    base = old if old is not None else new_header.encode("utf-8")
    try:
        text = base.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CannotAppend("tệp không phải mã UTF-8") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    before = _items(text)
    indent = _indent(text, before)
    pieces: list[str] = []
    if base and not base.endswith(b"\n"):
        pieces.append(newline)  # finish the last line; everything before it stays as it was
    first_lines: list[int] = []
    line = text.count("\n") + (1 if pieces else 0) + 1
    if text.endswith("\r"):
        raise CannotAppend("tệp dùng kiểu xuống dòng cũ (CR)")
    for entry in entries:
        first_lines.append(line)
        pieces.extend(indent + part + newline for part in entry)
        line += len(entry)
    data = base + "".join(pieces).encode("utf-8")
    refused = CannotAppend("không thêm được vào cuối tệp mà vẫn giữ nguyên nội dung cũ (tệp có dạng đặc biệt, ví dụ '[...]')")
    try:
        after = _items(data.decode("utf-8-sig"))
    except CannotAppend:
        raise refused from None
    # What a reader now sees: the old items unchanged, then exactly the new ones.
    expected_new = [_items("\n".join(entry) + "\n") for entry in entries]
    if after[: len(before)] != before or after[len(before) :] != [item for new in expected_new for item in new]:
        raise CannotAppend(
            "không thêm được vào cuối tệp mà giữ nguyên nội dung cũ (tệp có dạng đặc biệt, ví dụ danh sách '[...]')"
        )
    return Appended(data, first_lines)


def _items(text: str) -> list[Any]:
    try:
        items = parse(text.replace("\r\n", "\n"))
    except (YamlError, UnreadableFile) as e:
        raise CannotAppend(f"tệp đang có lỗi YAML ở dòng {e.line}; sửa trước khi thêm") from None
    if items is None:
        return []
    if not isinstance(items, MarkedList):
        raise CannotAppend("tệp sinh hoạt phải là một danh sách, mỗi cuộc họp bắt đầu bằng '- date: ...'")
    return [dict(item) if isinstance(item, dict) else item for item in items]


def _indent(text: str, items: list[Any]) -> str:
    """The indentation of the file's existing list items ('' for a new or empty file)."""
    if not items:
        return ""
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") or stripped == "-":
            return line[: len(line) - len(stripped)]
    return ""

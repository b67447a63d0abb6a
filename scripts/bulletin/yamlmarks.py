"""YAML parsing that keeps line numbers, so every error can name its line.

PyYAML's composer gives each node a start mark; we keep the marks on the
containers we build (scalars cannot carry attributes, so a mapping records
the line of each of its keys, a list the line of each item).
"""

from __future__ import annotations

from typing import Any

import yaml


class MarkedDict(dict[Any, Any]):
    line: int = 1
    key_lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list[Any]):
    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise YamlError(line, "khóa (tên trường) không hợp lệ") from None
        if key in result:
            result.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates are validated by us, with the field's line: PyYAML would raise a
    # bare ValueError on "2024-02-30" and lose the position.
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; raise YamlError with a 1-based line in the file.

    `first_line` is where `text` starts in its file (front matter starts on line 2).
    """
    # Leading blank lines shift every mark to the line it has in the file.
    text = "\n" * (first_line - 1) + text
    try:
        data = yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise YamlError(mark.line + 1 if mark else first_line, _describe(e)) from None
    except Exception as e:  # untrusted text: PyYAML's constructors raise IndexError,
        # ValueError, RecursionError... on hostile input (`!!int` with no value, 5,000-digit numbers,
        # 50,000 nested brackets); each is the editor's file being unreadable, never a crash.
        raise YamlError(first_line, f"không đọc được YAML ({type(e).__name__})") from None
    return data


def _describe(e: yaml.MarkedYAMLError) -> str:
    detail = e.problem or e.context or "cú pháp không hợp lệ"
    if len(detail) > 120:  # PyYAML quotes the offending token, which can be any length
        detail = detail[:117] + "..."
    return f"lỗi cú pháp YAML: {detail} (kiểm tra thụt lề, dấu hai chấm, dấu nháy)"

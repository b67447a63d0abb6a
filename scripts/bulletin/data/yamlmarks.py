"""YAML parsing that keeps line numbers, so every error can name its line.

PyYAML's composer gives each node a start mark; we keep the marks on the
containers we build (yamlnodes). Files of the common shape are read by yamlfast,
which gives the same result several times faster; everything else, and every error, is PyYAML's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from bulletin.data.yamlfast import GIVE_UP, LineReader
from bulletin.data.yamlnodes import MarkedDict as MarkedDict
from bulletin.data.yamlnodes import MarkedList as MarkedList


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


# libyaml parses several times faster and keeps the marks; PyYAML's wheels ship it. Its composer
# recurses in C, though: a deeply nested file would overflow the C stack and kill the process, so
# deep text goes to the pure-Python loader, whose RecursionError is an ordinary, reported problem.
if TYPE_CHECKING:
    from yaml import CSafeLoader as _Fast
else:  # a PyYAML built without libyaml has no CSafeLoader
    _Fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FAST_DEPTH = 64  # the editors' files nest 3 or 4 levels
_BRACKETS = re.compile(r"[\[\]{}]")
# The leading run of a line: indentation and the block indicators that open a level on it
# (`- `, `? `, `: `; `- ? - ? a` nests as deep as its length). One character class, no
# backtracking; a `:` or `-` not followed by a space is counted too, which only over-counts.
_LEADING = re.compile(r"^[ ?:-]+", re.M)


class _Loader(_Fast):
    pass


class _SafeLoader(yaml.SafeLoader):
    pass


def _nesting_bound(text: str) -> int:
    """An upper bound on the nesting depth: open brackets plus the longest leading run of
    indentation and block indicators (a flow collection can open inside the deepest block).

    It over-counts (brackets in quotes, comments), which only costs speed, never safety.
    """
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):  # the scan itself is in C
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    leading = max(map(len, _LEADING.findall(text)), default=0)
    return deepest + leading


def _mapping(loader: Any, node: yaml.MappingNode) -> MarkedDict:
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


def _sequence(loader: Any, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _timestamp_as_text(loader: Any, node: yaml.ScalarNode) -> str:
    # Dates are validated by us, with the field's line: PyYAML would raise a
    # bare ValueError on "2024-02-30" and lose the position.
    return str(loader.construct_scalar(node))


for _cls in (_Loader, _SafeLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _pyyaml_value(text: str) -> Any:
    """What PyYAML makes of a plain scalar written as a mapping's value."""
    data = yaml.load(f"k: {text}", Loader=_Loader)
    if not isinstance(data, MarkedDict) or list(data) != ["k"]:
        raise ValueError(text)
    return data["k"]


LINE_READER = LineReader(_Loader.yaml_implicit_resolvers, _pyyaml_value)


def parse(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; raise YamlError with a 1-based line in the file.

    `first_line` is where `text` starts in its file (front matter starts on line 2).
    """
    data = LINE_READER.parse(text, first_line)
    return parse_with_pyyaml(text, first_line) if data is GIVE_UP else data


def parse_with_pyyaml(text: str, first_line: int = 1) -> Any:
    """`parse` without the fast reader: what it must always agree with."""
    # Leading blank lines shift every mark to the line it has in the file.
    text = "\n" * (first_line - 1) + text
    try:
        loader = _Loader if _nesting_bound(text) <= MAX_FAST_DEPTH else _SafeLoader
        data = yaml.load(text, Loader=loader)
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

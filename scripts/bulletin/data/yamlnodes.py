"""The containers a parsed YAML file is made of: mappings and lists that remember their lines.

Scalars cannot carry attributes, so a mapping records the line of each of its keys, a list
the line of each item. Both YAML readers (yamlmarks: PyYAML; yamlfast: the common shape
read line by line) build exactly these.
"""

from __future__ import annotations

from typing import Any


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

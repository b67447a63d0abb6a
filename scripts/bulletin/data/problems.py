"""Problems found in the editors' files, collected so a run reports all of them at once."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Any

QUOTE_LIMIT = 60  # characters of an editor's value a message repeats


class _Brief(reprlib.Repr):
    """repr() of a value in a message, cut short: a YAML bomb (aliases of aliases) expands to
    10^9 items, and a full repr of it would take minutes and gigabytes."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict, self.maxset = 2, 4, 4, 4
        self.maxstring, self.maxlong, self.maxother = QUOTE_LIMIT, 40, QUOTE_LIMIT

    repr_MarkedList = reprlib.Repr.repr_list  # noqa: N815 - reprlib dispatches on the type's name
    repr_MarkedDict = reprlib.Repr.repr_dict  # noqa: N815


_BRIEF = _Brief()


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A value an editor wrote, as a message repeats it: at most `limit` characters, cut with "…".

    Every message that quotes a value goes through here, so a 200-digit number, a 1 MB string or
    an expanded YAML bomb never makes a message longer than a line."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bool, int, float)) or value is None:
        try:
            text = str(value)
        except ValueError:  # an int past Python's 4,300-digit str() limit
            text = "(một số quá dài)"
    else:
        text = _BRIEF.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project (the folder of mkdocs.yml)
    line: int
    message: str  # Vietnamese, for an office clerk

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Problems(list[Problem]):
    def add(self, path: str, line: int, message: str) -> None:
        self.append(Problem(path, line, message))

    def report(self) -> str:
        head = f"Có {len(self)} lỗi trong dữ liệu, cần sửa trước khi xây dựng trang:"
        return "\n".join([head, *(f"  {p}" for p in sorted(self))])


class InvalidData(Exception):
    """Raised with every problem of a run; its message is the full report."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.report())
        self.problems = problems

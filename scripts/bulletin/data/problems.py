"""Problems found in the editors' files, collected so a run reports all of them at once."""

from __future__ import annotations

from dataclasses import dataclass


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

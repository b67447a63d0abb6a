"""How deep editor Markdown nests, judged line by line before any parser sees it.

Python-Markdown recurses once per nested list, quote or indented block, and its cost grows with
the square of the depth (200 nested list levels: 2 s; 300: a RecursionError). So the loader refuses
text nested deeper than the format allows, naming the line where the too-deep nesting starts.

The count is an upper bound of what Markdown can nest on a line: every four columns of indentation
(a tab is four; the blanks right after a marker are part of it), every `>` and every list marker
(`-`, `*`, `+`, `1.`, `1)`) before the line's words count one level, whether or not Markdown
would nest there (in a code block, say). Over-counting only costs an editor a message; under-counting would cost the build.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LIST_LEVELS = 8  # list markers and indentation steps on one line
MAX_LEVELS = 20  # the same plus quotes (`>`)
# Python-Markdown's inline patterns cost more than linear time on one long line (`*_` repeated
# over 100 KB: 10 s). A real paragraph is a few thousand characters; a whole outline tens of KB.
MAX_LINE = 10_000  # characters on one line
MAX_TEXT = 200_000  # characters in one body


@dataclass(frozen=True)
class Nesting:
    line: int  # 1-based, in the text given
    lists: int
    levels: int

    def message(self) -> str:
        if self.lists > MAX_LIST_LEVELS:
            return (
                f"danh sách lồng nhau quá sâu ({self.lists} cấp, tối đa {MAX_LIST_LEVELS}; "
                "mỗi dấu đầu dòng hoặc mỗi 4 dấu cách thụt lề tính một cấp)"
            )
        return (
            f"nội dung lồng nhau quá sâu ({self.levels} cấp danh sách và trích dẫn '>', tối đa {MAX_LEVELS}; "
            "mỗi dấu '>', mỗi dấu đầu dòng hoặc mỗi 4 dấu cách thụt lề tính một cấp)"
        )


@dataclass(frozen=True)
class TooLong:
    line: int  # 1-based, in the text given
    length: int
    whole: bool  # the whole text, not one line

    def message(self) -> str:
        if self.whole:
            return f"nội dung quá dài ({self.length} ký tự, tối đa {MAX_TEXT}); hãy tách thành nhiều tệp"
        return f"dòng quá dài ({self.length} ký tự, tối đa {MAX_LINE}); hãy xuống dòng giữa các đoạn"


def too_long(text: str) -> TooLong | None:
    """The first line longer than the format allows (or the whole text, if it is too big), or None."""
    if len(text) > MAX_TEXT:
        return TooLong(1, len(text), True)
    for number, line in enumerate(normalise(text).split("\n"), start=1):
        if len(line) > MAX_LINE:
            return TooLong(number, len(line), False)
    return None


def refused(text: str) -> TooLong | Nesting | None:
    """Why the loader refuses a Markdown body (too long, then too deep), or None."""
    return too_long(text) or too_deep(text)


def _thematic_break(rest: str) -> bool:
    """`- - -`, `***`, `_ _ _`: a rule, not lists."""
    marks = rest.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)


def _after_blanks(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t":
        i += 1
    return i


def line_depth(line: str) -> tuple[int, int]:
    """(list levels, all levels) a line can open, by one pass over its start."""
    columns = markers = quotes = 0
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == " ":
            columns += 1
        elif c == "\t":
            columns += 4 - columns % 4
        elif c == ">":
            quotes += 1
            if i + 1 < n and line[i + 1] == " ":  # `> ` is one marker, as Markdown reads it
                i += 1
        elif c in "-*+" and (i + 1 == n or line[i + 1] in " \t"):
            if _thematic_break(line[i:]):
                break
            markers += 1
            i = _after_blanks(line, i + 1) - 1  # the blanks after a marker belong to it
        elif c.isdigit():
            j = i
            while j < n and line[j].isdigit():  # any number of digits, as Markdown reads them
                j += 1
            if j < n and line[j] in ".)" and (j + 1 == n or line[j + 1] in " \t"):
                markers += 1
                i = _after_blanks(line, j + 1) - 1
            else:
                break
        else:
            break
        i += 1
    lists = markers + columns // 4
    return lists, lists + quotes


def normalise(text: str) -> str:
    """Line ends as Python-Markdown reads them: `\r\n` and a lone `\r` both end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def too_deep(text: str) -> Nesting | None:
    """The first line nested deeper than the format allows, or None."""
    for number, line in enumerate(normalise(text).split("\n"), start=1):
        lists, levels = line_depth(line)
        if lists > MAX_LIST_LEVELS or levels > MAX_LEVELS:
            return Nesting(number, lists, levels)
    return None

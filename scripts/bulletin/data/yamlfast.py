"""A reader for the one shape nearly every data file has, line by line; anything else goes to PyYAML.

PyYAML builds a token, an event, a node and an object per scalar (even with libyaml), which
made reading the files most of a cold `bulletin validate`. Nearly every data file is a list of
flat records (a meetings file) or one flat record (a cell), written as the template writes them:

    # a comment
    - date: 2024-03-05
      kind: thuong-ky
      notes: "Ghi chú"   # a comment
      guests:
        - tran-van-hung

This module reads exactly that shape and returns what PyYAML would (the same MarkedDict and
MarkedList, the same lines, values and types). It gives up, returning GIVE_UP, on anything
else, however harmless: a tab, a `\\r`, an unusual character, a line that starts as a document
marker or directive (`---`, `...`, `%`, whatever follows: `... : x` is an error), an anchor,
alias or tag, a flow collection, a block or multi-line scalar, an indentless or nested list,
any other indentation, a quoted key or one starting with `.`, an escape, a first key without
a value, a key that is not a string. Then PyYAML reads the file, so every error (its message
and line) is still PyYAML's.

Plain scalars are typed as PyYAML types them: a text that none of its implicit resolvers
(bool, int, float, null, timestamp...) matches is a string as written; any other is handed to
PyYAML once and its answer remembered (`24`, `2024-03-05`, `yes` repeat across files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Final

from bulletin.data.yamlnodes import MarkedDict, MarkedList

GIVE_UP: Final = object()

# PyYAML's reader refuses non-printable characters; YAML also breaks lines at \r, \x85, \u2028
# and \u2029, and gives \t and \ufeff meanings of their own. One of them anywhere: PyYAML reads.
# One character class, so the search is linear.
_UNUSUAL = re.compile("[^\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Characters no plain scalar of ours contains (a key ends at the first `:`).
_NOT_PLAIN = re.compile(r"[:#\[\]{}]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# A line PyYAML may read as a document marker (`---`, `...`) or a directive (`%`), whatever
# follows: only at the margin, found by one anchored character class, so the search is linear.
_MARKER = re.compile(r"^(?:---|\.\.\.|%)", re.M)
# Key starts YAML treats specially besides the indicators: `.` (`...`, `.inf`, `.nan`).
_KEY_START = _INDICATORS | {"."}
_LONGEST_KEY = 200  # PyYAML refuses a simple key over 1,024 characters: stay far from the edge
_MEMO_TEXT = 80  # texts and lines remembered: `  members: 24`, `2024-03-05` (not notes)
_MEMO_SIZE = 20_000
_NO_VALUE = object()  # `key:` with nothing after it (a list may follow)
_BLANK, _PAIR, _ITEM, _RECORD = range(4)  # kinds of line
_SCALARS = (str, int, float, bool, type(None))

Resolvers = dict[Any, list[tuple[str, re.Pattern[str]]]]


class _GiveUp(Exception):
    pass


class LineReader:
    """Reads the common shape; `pyyaml_value(text)` is what PyYAML makes of `k: <text>`."""

    def __init__(self, resolvers: Resolvers, pyyaml_value: Callable[[str], Any]) -> None:
        self._resolvers = resolvers
        self._wildcard = resolvers.get(None, [])
        self._pyyaml_value = pyyaml_value
        self._memo: dict[str, Any] = {}
        self._lines: dict[str, tuple[int, int, Any, Any]] = {}

    def fresh(self) -> LineReader:
        """The same reader with nothing remembered."""
        return LineReader(self._resolvers, self._pyyaml_value)

    def parse(self, text: str, first_line: int = 1) -> Any:
        """The document, or GIVE_UP when it is not of the common shape."""
        if _UNUSUAL.search(text) is not None or _MARKER.search(text) is not None:
            return GIVE_UP
        try:
            return self._read(text.split("\n"), first_line)
        except _GiveUp:
            return GIVE_UP

    def _read(self, lines: list[str], first_line: int) -> Any:
        first = _first_content(lines)
        if first is None:
            return None  # empty, or only comments: PyYAML reads no document
        seq = lines[first].startswith("- ")
        root: MarkedDict | MarkedList
        record = _mapping(first + first_line)  # where keys go: the top mapping, or the list's current item
        if seq:
            root = MarkedList()
            root.item_lines = []
            key_indent, item_indent = 2, 4
        else:
            root = record
            key_indent, item_indent = 0, 2
        root.line = first + first_line
        pending: str | None = None  # a key written without a value, whose list may follow
        pending_line = 0
        items: MarkedList | None = None
        memo, no_value = self._lines, _NO_VALUE
        key_lines = record.key_lines
        for number, line in enumerate(lines, first_line):
            kind, indent, key, value = memo.get(line) or self._line(line)
            if kind == _PAIR and indent == key_indent:
                if pending is not None:
                    _store(record, pending, items, pending_line)
                    pending = items = None
                if value is no_value:
                    pending, pending_line = key, number
                elif key in record:
                    _store(record, key, value, number)
                else:
                    record[key] = value
                    key_lines[key] = number
            elif kind == _BLANK:
                continue
            elif kind == _ITEM and indent == item_indent and pending is not None:
                if items is None:
                    items = MarkedList()
                    items.line = number
                    items.item_lines = []
                items.append(value)
                items.item_lines.append(number)
            elif kind == _RECORD and seq:  # `- key: value` at the margin
                if pending is not None:
                    _store(record, pending, items, pending_line)
                    pending = items = None
                record = _mapping(number)
                key_lines = record.key_lines
                assert isinstance(root, MarkedList)
                root.append(record)
                root.item_lines.append(number)
                _store(record, key, value, number)
            else:
                raise _GiveUp
        if pending is not None:
            _store(record, pending, items, pending_line)
        return root

    def _line(self, line: str) -> tuple[int, int, Any, Any]:
        """What one line is, whatever its context: (kind, indent, key, value); remembered, as
        lines repeat across files."""
        got: tuple[int, int, Any, Any]
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if not body or body[0] == "#":
            got = (_BLANK, 0, None, None)
        elif body.startswith("- "):
            if body[2:3] in ("", " "):
                raise _GiveUp  # `-` alone, or its value further right
            if not indent:
                key, value = self._pair(body[2:])
                if value is _NO_VALUE:
                    raise _GiveUp  # `- guests:` would need the list's indentation guessed
                got = (_RECORD, 0, key, value)
            else:
                value = self._scalar(body[1:])
                if value is _NO_VALUE:
                    raise _GiveUp
                got = (_ITEM, indent, None, value)
        else:
            key, value = self._pair(body)
            got = (_PAIR, indent, key, value)
        if len(line) <= _MEMO_TEXT:
            if len(self._lines) >= _MEMO_SIZE:
                self._lines.clear()
            self._lines[line] = got
        return got

    def _pair(self, body: str) -> tuple[str, Any]:
        """`key: value`, `key:` (then _NO_VALUE), or `key: # comment` (the same)."""
        colon = body.find(":")
        if colon < 1 or colon > _LONGEST_KEY:
            raise _GiveUp
        rest = body[colon + 1 :]
        if rest and rest[0] != " ":
            raise _GiveUp
        return self._key(body[:colon].rstrip(" ")), self._scalar(rest)

    def _key(self, text: str) -> str:
        if not text or text[0] in _KEY_START or _NOT_PLAIN.search(text) is not None or text in ("<<", "="):
            raise _GiveUp  # `<<` merges and `=` is a value key in PyYAML's mappings
        key = self._plain(text)
        if type(key) is not str:
            raise _GiveUp  # `1:`, `yes:`, `~:` are not names of fields
        return key

    def _scalar(self, rest: str) -> Any:
        """The value after `key:` or `-`: `rest` is empty or starts with a space."""
        text = rest.strip(" ")
        if not text or text[0] == "#":
            return _NO_VALUE
        quote = text[0]
        if quote == '"' or quote == "'":
            end = text.find(quote, 1)
            if end < 0:
                raise _GiveUp  # continued on the next line
            tail = text[end + 1 :]
            if tail and (tail[0] != " " or tail.lstrip(" ")[0] != "#"):
                raise _GiveUp  # `'it''s'`, `"a" b`
            inner = text[1:end]
            if quote == '"' and "\\" in inner:
                raise _GiveUp
            return inner
        if quote in _INDICATORS:
            raise _GiveUp
        hash_at = text.find("#")
        if hash_at > 0:
            if text[hash_at - 1] != " ":
                raise _GiveUp  # `a#b` is one scalar in YAML
            text = text[:hash_at].rstrip(" ")
        if _NOT_PLAIN.search(text) is not None:
            raise _GiveUp
        return self._plain(text)

    def _plain(self, text: str) -> Any:
        """A plain scalar typed as PyYAML's resolvers type it."""
        memo = self._memo
        value = memo.get(text, _NO_VALUE)  # one lookup: another thread may clear the memo meanwhile
        if value is not _NO_VALUE:
            return value
        rules = self._resolvers.get(text[0], [])
        if not any(rx.match(text) for _, rx in (*rules, *self._wildcard)):
            value = text
        else:
            try:
                value = self._pyyaml_value(text)
            except Exception:  # a 5,000-digit number: PyYAML reads the file and says so
                raise _GiveUp from None
            if not isinstance(value, _SCALARS):
                raise _GiveUp
        if len(text) <= _MEMO_TEXT:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[text] = value
        return value


def _first_content(lines: Iterable[str]) -> int | None:
    """The index of the first line that is neither blank nor a comment; it must start at the margin."""
    for index, line in enumerate(lines):
        body = line.lstrip(" ")
        if body and body[0] != "#":
            if line[0] == " ":
                raise _GiveUp
            return index
    return None


def _mapping(line: int) -> MarkedDict:
    record = MarkedDict()
    record.line = line
    record.key_lines = {}
    record.duplicates = []
    return record


def _store(record: MarkedDict, key: str, value: Any, line: int) -> None:
    if key in record:
        record.duplicates.append((key, line))
    record[key] = value
    record.key_lines[key] = line

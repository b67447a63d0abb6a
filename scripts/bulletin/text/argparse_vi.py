"""argparse in Vietnamese: "cách dùng:", "tùy chọn", its error messages, for the office staff who run
the commands.

argparse looks its own words up through gettext at the moment it needs them (building a parser,
formatting help, reporting an error), by the module-level names `_` and `ngettext`. `vietnamese()`
swaps those for the length of a block: the command line is parsed inside it and nothing else is.
Words missing from the table (a newer Python's) stay English rather than fail.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

# msgid (as written in Python 3.11 to 3.13's argparse) -> Vietnamese
WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "subcommands": "lệnh",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid choice: %(value)r, maximum cost is %(max)s": "không có lựa chọn %(value)r",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần %(type)s)",  # see `number`
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (chọn một trong: %(choices)s)",
    "argument '%(argument_name)s' is deprecated": "tham số '%(argument_name)s' đã cũ",
    "command '%(parser_name)s' is deprecated": "lệnh '%(parser_name)s' đã cũ",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
PLURALS = {"expected %s argument": "cần %s giá trị"}


def _gettext(message: str) -> str:
    return WORDS.get(message, message)


def number(text: str) -> int:
    """`type=number` for a whole-number option: argparse names the type by its function's name
    in "invalid … value", untranslated, so the function carries a Vietnamese one."""
    return int(text)


number.__name__ = "số nguyên"


def _ngettext(singular: str, plural: str, n: int) -> str:
    return PLURALS.get(singular, singular if n == 1 else plural)


@contextmanager
def vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside this block."""
    names = vars(argparse)  # the module's globals, where argparse looks its words up
    saved = {"_": names["_"], "ngettext": names["ngettext"]}
    names.update(_=_gettext, ngettext=_ngettext)
    try:
        yield
    finally:
        names.update(saved)

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

# Dates a bulletin can be about: anything outside is a slip of the keyboard (0000-01, 20266-01).
FIRST_YEAR, LAST_YEAR = 1900, 2100


def count(text: str) -> int:
    """`type=count` for how many of something: a whole number, never negative."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"giá trị '{text}' không hợp lệ (cần số nguyên)") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}': cần một số không âm (0, 1, 2, ...)")
    return value


def _year(text: str, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}': năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")


def month(text: str) -> str:
    """`type=month` for a YYYY-MM argument: returns it as written, once it names a real month."""
    import re

    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"tháng '{text}' không hợp lệ: ghi dạng YYYY-MM, ví dụ 2026-11")
    year, mo = int(match[1]), int(match[2])
    _year(text, year)
    if not 1 <= mo <= 12:
        raise argparse.ArgumentTypeError(f"'{text}': tháng {mo} không có (tháng từ 01 đến 12)")
    return f"{year:04d}-{mo:02d}"


def day(text: str) -> str:
    """`type=day` for a YYYY-MM-DD argument: returns it in ISO form, once it names a real day."""
    import datetime as dt
    import re

    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không hợp lệ: ghi dạng YYYY-MM-DD, ví dụ 2026-11-05")
    _year(text, int(match[1]))
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không có trên lịch") from None


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

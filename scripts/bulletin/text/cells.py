"""Text bound for a spreadsheet cell, made inert: a value a spreadsheet would run as a formula is quoted.

OWASP's advice for CSV injection: a field starting with `=`, `+`, `-`, `@`, a tab or
a carriage return is prefixed with a single quote, so Excel and LibreOffice show it
as text instead of evaluating `=HYPERLINK(…)` or `=cmd|…`. Full-width forms (＝ ＋ － ＠),
which some spreadsheet programs also accept, and a leading line feed count too.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def risky(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    return text.startswith(TRIGGERS)


def inert(value: object) -> object:
    """A text value that can never be a formula; anything else (numbers, dates, None) unchanged."""
    if isinstance(value, str) and risky(value):
        return "'" + value
    return value

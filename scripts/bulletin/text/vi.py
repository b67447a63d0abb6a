"""Vietnamese formats: numbers, dates, quarters, sort order, ASCII ids."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction

QUARTERS = ("I", "II", "III", "IV")

# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_BASE_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_BASE_ORDER)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def pct(num: int, den: int) -> float | None:
    """100 × num / den to one decimal, rounded half up (as people round), or None if den is 0."""
    if den <= 0:
        return None
    # Decimal division is exact to 28 digits, so a true x.x5 rounds up, unlike float round().
    return float((Decimal(100 * num) / Decimal(den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def ratio_pct(num: int, den: int, minimum: float | None = None) -> str:
    """num/den as a percentage for a reader: one decimal rounded half up, except that the figure
    shown never contradicts the exact comparison with `minimum`: 89.95% is '89,95%', not '90,0%',
    beside '≥ 90%'; 89.64% beside '≥ 89,62%' is '89,64%', not '89,6%'."""
    shown = pct(num, den)
    if shown is None:
        return "–"
    if minimum is None:
        return percent(shown)
    decimals, value = exact_pct(num, den, minimum)
    return number(value, decimals) + "%"


def exact_pct(num: int, den: int, minimum: float, fewest: int = 1) -> tuple[int, float]:
    """(decimals, value): 100 × num / den with the fewest decimals (at least `fewest`) whose
    comparison with `minimum` agrees with the exact one, rounded half up."""
    short = below(num, den, minimum)
    exact = Decimal(100 * num) / Decimal(den)
    limit = Decimal(str(minimum))
    for decimals in range(fewest, 9):
        value = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if (value < limit) == short:
            return decimals, float(value)
    # 89.9999999996 under 90: rounded towards its side of the threshold at the last decimal.
    return 9, float(exact.quantize(Decimal(1).scaleb(-9), rounding=ROUND_DOWN if short else ROUND_UP))


def below(num: int, den: int, minimum: float) -> bool:
    """Is 100 × num / den under `minimum`, compared exactly (never on a rounded figure)?"""
    if den <= 0:
        return False
    # In whole numbers: 100·num/den < p/q  ⇔  100·num·q < p·den (Fraction objects cost 10× more).
    p, q = _exact(minimum)
    return 100 * num * q < p * den


@functools.lru_cache(maxsize=64)
def _exact(value: float) -> tuple[int, int]:
    """89.5 as 179/2: the decimal the editor wrote, not the binary float."""
    f = Fraction(str(value))
    return f.numerator, f.denominator


def number(value: float | int | None, decimals: int = 1) -> str:
    """71.4 -> '71,4'; 1234 -> '1.234'."""
    if value is None:
        return "–"
    if isinstance(value, int) or decimals == 0:
        return f"{round(value):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(value: float | None) -> str:
    return "–" if value is None else number(value) + "%"


def threshold(value: float) -> str:
    """90.0 -> '90'; 89.5 -> '89,5'; 89.96 -> '89,96': every decimal the editor wrote, so a
    threshold never shows rounded (89.96 is not '90,0')."""
    text = format(Decimal(str(value)).normalize(), "f")
    whole, _, decimals = text.partition(".")
    return number(int(whole), 0) + ("," + decimals if decimals else "")


def date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime costs 5× more, and depends on the locale


def month(year: int, month: int) -> str:
    return f"tháng {month}/{year}"


def quarter(q: int) -> str:
    return f"Quý {QUARTERS[q - 1]}"


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Collation key: letters by the Vietnamese alphabet, then tones, then the text.

    'Đ' sorts after 'D' (Python puts it after 'Z'); 'Ấp' sorts with 'A'.
    """
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _TONES:
            tones.append(_TONES[ch])
        elif ch in _SHAPES and base:
            # a breve, circumflex or horn makes another letter of the alphabet: o + ^ = ô
            letters[-1] = _RANK.get(unicodedata.normalize("NFC", base + ch), letters[-1])
        elif not unicodedata.combining(ch):
            base = ch
            letters.append(_RANK.get(ch, -1 if ch.isspace() else 100 + ord(ch)))
            tones.append(0)
    return tuple(letters), tuple(tones), text


def ascii_fold(text: str) -> str:
    """'Đảng ủy Khối' -> 'Dang uy Khoi': fold đ before stripping marks (NFD keeps đ whole)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: 'Định hướng sinh hoạt' -> 'dinh-huong-sinh-hoat'.

    The default slugify drops Đ outright (it has no decomposition), giving '#inh-huong-...'.
    """
    words = re.sub(r"[^a-z0-9\s-]", "", ascii_fold(value).lower())
    return re.sub(rf"[{re.escape(separator)}\s-]+", separator, words).strip(separator)

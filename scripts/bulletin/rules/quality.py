"""Meeting quality: the average score (chấm điểm chất lượng sinh hoạt) of a cell-year and its band,
and the online meetings held by cells the committee did not designate.

A cell-year's average is the mean of its scored meetings (meetings without `score` are left out),
one decimal, rounded half up like every percentage of the site. Bands come from the settings
(highest first): the first band whose minimum the average reaches names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from bulletin.data.model import Cell, Meeting
from bulletin.data.settings import Settings
from bulletin.text import vi


def average(scores: Iterable[float]) -> float | None:
    values = [Decimal(str(s)) for s in scores]
    if not values:
        return None
    mean = sum(values, Decimal(0)) / len(values)
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def score_average(meetings: Iterable[Meeting]) -> float | None:
    return average(m.score for m in meetings if m.score is not None)


def band(avg: float | None, settings: Settings) -> str | None:
    if avg is None:
        return None
    for minimum, label in settings.score_bands:
        if avg >= minimum:
            return label
    return settings.score_below


def band_labels(settings: Settings) -> list[str]:
    return [label for _, label in settings.score_bands] + [settings.score_below]


def online_reasons(cell: Cell, meetings: Iterable[Meeting], year: int) -> tuple[str, ...]:
    """Online meetings in `year` of a cell not designated for them on that day (reasons on its page)."""
    return tuple(
        f"Sinh hoạt trực tuyến ngày {vi.date(m.date)} khi chi bộ chưa được cấp ủy cho phép sinh hoạt trực tuyến"
        for m in meetings
        if m.online and m.date.year == year and not cell.online_allowed_on(m.date)
    )

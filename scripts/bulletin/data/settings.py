"""What a build is judged against: the committee's targets, the rule sets by date, the themes, the as-of date.

Plain data, so the core runs without MkDocs; `config.py` fills it from mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.data.model import DEFAULT_THEMES

# Where the committee's own targets come from, said wherever one is shown: attendance, speakers
# and the deadline day are figures from local practice (Kiên Lương's report on HD 12; a speech
# asking that meetings fall in the month's first 15 days), not the text of HD 12 or HD 42.
TARGETS_SOURCE = "chỉ tiêu của Đảng ủy"


@dataclass(frozen=True)
class RuleSet:
    """A guidance (or a committee's own rule) on how long meetings last, in force from `start`
    until the next set starts. `minutes` holds (kind, at least, at most or None) for each meeting
    kind the set times; a kind it does not name is not timed."""

    short: str  # in reasons: "HD 42: tối thiểu 120 phút"
    title: str  # in full on the guide and the home page
    start: dt.date
    minutes: tuple[tuple[str, int, int | None], ...]

    def bounds(self, kind: str) -> tuple[int, int | None] | None:
        return self._by_kind.get(kind)

    @functools.cached_property
    def _by_kind(self) -> dict[str, tuple[int, int | None]]:
        return {k: (low, high) for k, low, high in self.minutes}


def minutes_text(low: int, high: int | None) -> str:
    """'90–120 phút' or 'tối thiểu 120 phút'."""
    return f"{low}–{high} phút" if high is not None else f"tối thiểu {low} phút"


HD_12 = RuleSet(
    short="HD 12",
    title="Hướng dẫn số 12-HD/BTCTW ngày 6/7/2018 của Ban Tổ chức Trung ương",
    start=dt.date(2018, 7, 6),
    minutes=(("thuong-ky", 90, 120), ("chuyen-de", 90, 120), ("ket-hop", 90, 120)),
)
HD_42 = RuleSet(
    short="HD 42",
    title="Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương (thực hiện Chỉ thị 50-CT/TW)",
    start=dt.date(2025, 10, 28),
    minutes=(("thuong-ky", 90, None), ("chuyen-de", 90, None), ("ket-hop", 120, None)),
)
DEFAULT_RULE_SETS = (HD_12, HD_42)


@dataclass(frozen=True)
class Rules:
    """The committee's targets (`TARGETS_SOURCE`) and the rule sets on duration, by start date."""

    attendance_min: float = 90.0  # % of (members - exempt), over the year
    speakers_min: float = 30.0  # % of those present, over the year
    deadline_day: int = 15  # the month's first regular meeting is held by (chậm nhất) this day
    rule_sets: tuple[RuleSet, ...] = DEFAULT_RULE_SETS

    def __post_init__(self) -> None:
        # Kept in start order: `rule_set_on` runs for every meeting of every build.
        object.__setattr__(self, "rule_sets", tuple(sorted(self.rule_sets, key=lambda r: r.start)))

    def rule_set_on(self, day: dt.date) -> RuleSet | None:
        """The set in force on `day`: the latest to start on or before it (None before the first)."""
        for rs in reversed(self.rule_sets):
            if rs.start <= day:
                return rs
        return None


# The committee's bands for the average meeting score (chấm điểm chất lượng sinh hoạt), highest
# first: an average of at least the first number gets the first label, and so on; below the
# last, BAND_BELOW. Hà Tĩnh's Quy định 1193-QĐ/TU scores meetings the same way (seed 001).
DEFAULT_SCORE_BANDS: tuple[tuple[float, str], ...] = ((90.0, "Tốt"), (70.0, "Đạt"))
BAND_BELOW = "Chưa đạt"


@dataclass(frozen=True)
class Settings:
    rules: Rules = field(default_factory=Rules)
    themes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_THEMES))
    as_of: dt.date = field(default_factory=dt.date.today)
    use_directory_urls: bool = True
    site_url: str | None = None  # absolute links in the feed and the PDFs; relative ones without it
    print_edition: bool = True  # a PDF of every issue (WeasyPrint; needs pango, see pdf.py)
    numbering: str = "month"  # an issue's number: its month, or "sequence" (the year's last + 1)
    tags_index: bool = False  # Material's tags plugin is on: outline tags get an index page
    # The quarterly reports' PDFs (WeasyPrint, about half a second each): the MkDocs adapter turns
    # them on with the print edition; plain-core callers (tests, `export`) get the .docx only.
    report_pdf: bool = False
    score_bands: tuple[tuple[float, str], ...] = DEFAULT_SCORE_BANDS
    score_below: str = BAND_BELOW
    cache_dir: Path | None = None  # where costly outputs (the PDFs) are kept by content hash; None: no cache

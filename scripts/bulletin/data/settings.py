"""What a build is judged against: the rules' thresholds, the themes, the as-of date.

Plain data, so the core runs without MkDocs; `config.py` fills it from mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.data.model import DEFAULT_THEMES


@dataclass(frozen=True)
class Rules:
    """Defaults from Hướng dẫn 12-HD/BTCTW ngày 6/7/2018 (see shared domain notes)."""

    attendance_min: float = 90.0  # % of (members - exempt)
    speakers_min: float = 30.0  # % of those present
    duration_min: int = 90  # minutes, for thuong-ky, chuyen-de and ket-hop
    duration_max: int = 120
    deadline_day: int = 15  # the month's first regular meeting is held by this day


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

"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config machinery."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.load import ID, Layout
from bulletin.data.model import DEFAULT_THEMES
from bulletin.data.settings import BAND_BELOW, DEFAULT_SCORE_BANDS, Rules, Settings


class _AsOf(c.BaseConfigOption[dt.date | None]):
    """The date rules are judged at; unset means today. Pin it for reproducible builds."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise base.ValidationError(f"as_of must be a date YYYY-MM-DD, not {value!r}") from None


class RulesConfig(base.Config):
    attendance_min = c.Type((int, float), default=90)
    speakers_min = c.Type((int, float), default=30)
    duration_min = c.Type(int, default=90)
    duration_max = c.Type(int, default=120)
    deadline_day = c.Type(int, default=15)

    def post_validation(self) -> tuple[list[Any], list[Any]]:  # type: ignore[override]
        errors = []
        if not 0 <= self.attendance_min <= 100 or not 0 <= self.speakers_min <= 100:
            errors.append(("rules", base.ValidationError("percentages must be between 0 and 100")))
        if not 0 < self.duration_min <= self.duration_max:
            errors.append(("rules", base.ValidationError("need 0 < duration_min <= duration_max")))
        if not 1 <= self.deadline_day <= 31:
            errors.append(("rules", base.ValidationError("deadline_day must be a day of the month, 1 to 31")))
        return errors, []


class _Themes(c.Type[dict]):
    def run_validation(self, value: object) -> dict[str, str]:
        themes = super().run_validation(value)
        for key, name in themes.items():
            if not isinstance(key, str) or not ID.match(key) or not isinstance(name, str) or not name.strip():
                raise base.ValidationError(f"themes: '{key}' needs a lowercase ASCII id and a Vietnamese name")
        return themes


class _ScoreBands(c.Type[dict]):
    """`score_bands: {Tốt: 90, Đạt: 70}`: a label per minimum average score; below the lowest,
    `score_below`."""

    def run_validation(self, value: object) -> dict[str, float]:
        bands = super().run_validation(value)
        for label, minimum in bands.items():
            ok_number = isinstance(minimum, (int, float)) and not isinstance(minimum, bool) and 0 <= minimum <= 100
            if not isinstance(label, str) or not label.strip() or not ok_number:
                raise base.ValidationError(f"score_bands: '{label}' needs a name and a minimum score from 0 to 100")
        return bands


class BulletinConfig(base.Config):
    topics_dir = c.Type(str, default="topics")
    as_of = _AsOf()
    themes = _Themes(dict, default=dict(DEFAULT_THEMES))
    rules = c.SubConfig(RulesConfig)
    # A PDF of every issue (ban-tin/ban-tin-<YYYY>-<MM>.pdf), rendered by WeasyPrint; false builds
    # the site without it (and without links to it) on a machine that lacks pango.
    print_edition = c.Type(bool, default=True)
    # An issue's number for `bulletin new-issue`: its month, or the year's last number + 1.
    numbering = c.Choice(("month", "sequence"), default="month")
    # Bands of a cell-year's average meeting score (chấm điểm chất lượng sinh hoạt), the committee's.
    score_bands = _ScoreBands(dict, default={label: minimum for minimum, label in DEFAULT_SCORE_BANDS})
    score_below = c.Type(str, default=BAND_BELOW)


def layout_of(options: BulletinConfig, config: MkDocsConfig) -> Layout:
    """Every path relative to the config file, so `-f other/mkdocs.yml` builds other data."""
    root = Path(config.config_file_path or ".").resolve().parent
    return Layout(root=root, content=Path(config.docs_dir), topics=root / options.topics_dir)


def settings_of(options: BulletinConfig, config: MkDocsConfig) -> Settings:
    r = options.rules
    return Settings(
        rules=Rules(
            attendance_min=float(r.attendance_min),
            speakers_min=float(r.speakers_min),
            duration_min=r.duration_min,
            duration_max=r.duration_max,
            deadline_day=r.deadline_day,
        ),
        themes=dict(options.themes),
        as_of=options.as_of or dt.date.today(),
        use_directory_urls=config.use_directory_urls,
        site_url=config.site_url or None,
        print_edition=options.print_edition,
        numbering=options.numbering,
        report_pdf=options.print_edition,
        score_bands=tuple(sorted(((float(m), str(label)) for label, m in options.score_bands.items()), reverse=True)),
        score_below=options.score_below,
        tags_index=any(name in config.plugins for name in ("material/tags", "tags")),
        # Beside mkdocs.yml (git-ignored), so `mkdocs serve` and the next build reuse the PDFs.
        cache_dir=layout_of(options, config).root / ".cache" / "bulletin",
    )

"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config machinery."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.load import ID, Layout
from bulletin.data.model import DEFAULT_THEMES
from bulletin.data.settings import Rules, Settings


class _AsOf(base.BaseConfigOption[dt.date | None]):
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

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs calls no hook on a Config after its options: check the ranges here.
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        if not 0 <= self.attendance_min <= 100:
            failed.append(("attendance_min", base.ValidationError("tỷ lệ phải từ 0 đến 100")))
        if not 0 <= self.speakers_min <= 100:
            failed.append(("speakers_min", base.ValidationError("tỷ lệ phải từ 0 đến 100")))
        if not 0 < self.duration_min <= self.duration_max:
            failed.append(("duration_min", base.ValidationError("cần 0 < duration_min ≤ duration_max (phút)")))
        if not 1 <= self.deadline_day <= 31:
            failed.append(("deadline_day", base.ValidationError("phải là một ngày trong tháng, từ 1 đến 31")))
        return failed, warnings


class _Themes(c.Type[dict[str, str]]):
    def run_validation(self, value: object) -> dict[str, str]:
        themes = super().run_validation(value)
        for key, name in themes.items():
            if not isinstance(key, str) or not ID.match(key) or not isinstance(name, str) or not name.strip():
                raise base.ValidationError(f"themes: '{key}' needs a lowercase ASCII id and a Vietnamese name")
        return themes


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
        tags_index=any(name in config.plugins for name in ("material/tags", "tags")),
        # Beside mkdocs.yml (git-ignored), so `mkdocs serve` and the next build reuse the PDFs.
        cache_dir=layout_of(options, config).root / ".cache" / "bulletin",
    )

"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config machinery."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.load import ID, Layout
from bulletin.data.model import DEFAULT_THEMES, TIMED_KINDS
from bulletin.data.settings import BAND_BELOW, DEFAULT_RULE_SETS, DEFAULT_SCORE_BANDS, Rules, RuleSet, Settings


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
            raise base.ValidationError(f"cần một ngày dạng YYYY-MM-DD, không phải {value!r}") from None


class _Date(base.BaseConfigOption[dt.date]):
    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise base.ValidationError(f"phải là một ngày YYYY-MM-DD, đang là {value!r}") from None


class _Minutes(base.BaseConfigOption[tuple[tuple[str, int, int | None], ...]]):
    """{kind: {min: 90, max: 120}}: `max` may be left out (no upper bound)."""

    def run_validation(self, value: object) -> tuple[tuple[str, int, int | None], ...]:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError("minutes phải ghi thời gian của từng hình thức: {thuong-ky: {min: N, max: N}, ...}")
        out = []
        for kind, bounds in value.items():
            if kind not in TIMED_KINDS:
                timed = ", ".join(sorted(TIMED_KINDS))
                raise base.ValidationError(f"minutes: '{kind}' không phải hình thức được tính thời gian ({timed})")
            if not isinstance(bounds, dict) or set(bounds) - {"min", "max"} or "min" not in bounds:
                raise base.ValidationError(f"minutes: {kind} cần {{min: N}} hoặc {{min: N, max: N}}")
            low, high = bounds["min"], bounds.get("max")
            ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (low, high) if x is not None)
            if not ints or low <= 0 or (high is not None and high < low):
                raise base.ValidationError(f"minutes: {kind} cần số phút nguyên, 0 < min ≤ max")
            out.append((kind, low, high))
        return tuple(out)


class RuleSetConfig(base.Config):
    """A committee's own rule set (a later guidance, a provincial rule), in force from `start`."""

    short = c.Type(str)  # how reasons cite it: "QĐ 10"
    title = c.Type(str)  # in full, on the home page and the guide
    start = _Date()
    minutes = _Minutes()

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        return refuse_unknown_names(self, *super().validate())


class RulesConfig(base.Config):
    attendance_min = c.Type((int, float), default=90)
    speakers_min = c.Type((int, float), default=30)
    deadline_day = c.Type(int, default=15)
    # Added to HD 12 (from 6/7/2018) and HD 42 (from 28/10/2025); each meeting is judged by the
    # set with the latest start on or before its date.
    rule_sets = c.ListOfItems(c.SubConfig(RuleSetConfig), default=[])
    duration_min = c.Deprecated(message="rules.duration_min đã được thay bằng bộ quy định theo ngày (rules.rule_sets)")
    duration_max = c.Deprecated(message="rules.duration_max đã được thay bằng bộ quy định theo ngày (rules.rule_sets)")

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs calls no hook on a Config after its options: check the ranges here.
        failed, warnings = refuse_unknown_names(self, *super().validate())
        if failed:
            return failed, warnings
        if not 0 <= self.attendance_min <= 100:
            failed.append(("attendance_min", base.ValidationError("tỷ lệ phải từ 0 đến 100")))
        if not 0 <= self.speakers_min <= 100:
            failed.append(("speakers_min", base.ValidationError("tỷ lệ phải từ 0 đến 100")))
        if not 1 <= self.deadline_day <= 31:
            failed.append(("deadline_day", base.ValidationError("phải là một ngày trong tháng, từ 1 đến 31")))
        starts = [rs.start for rs in DEFAULT_RULE_SETS] + [rs.start for rs in self.rule_sets]
        if len(set(starts)) != len(starts):
            failed.append(
                (
                    "rule_sets",
                    base.ValidationError("mỗi bộ quy định phải bắt đầu vào một ngày riêng; đang có hai bộ cùng một ngày"),
                )
            )
        return failed, warnings


def refuse_unknown_names(
    config: base.Config, failed: ConfigErrors, warnings: ConfigWarnings
) -> tuple[ConfigErrors, ConfigWarnings]:
    """MkDocs only warns about an option it does not know; a mistyped threshold (`attendance_mn`)
    would then be silently replaced by the default. Refuse it, as the data files refuse unknown keys."""
    known = config._schema_keys
    unknown = sorted(set(config.keys()) - known)
    for key in unknown:
        guess = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f" (có phải '{guess[0]}'?)" if guess else f" (các mục: {', '.join(sorted(known))})"
        failed.append((key, base.ValidationError(f"không có mục tên '{key}'{hint}")))
    return failed, [(key, warning) for key, warning in warnings if key not in unknown]


class _Themes(c.Type[dict[str, str]]):
    def run_validation(self, value: object) -> dict[str, str]:
        themes = super().run_validation(value)
        for key, name in themes.items():
            if not isinstance(key, str) or not ID.match(key) or not isinstance(name, str) or not name.strip():
                raise base.ValidationError(f"chủ đề '{key}' cần mã viết thường không dấu (a-z, 0-9, -) và một tên tiếng Việt")
        return themes


class _ScoreBands(c.Type[dict]):  # type: ignore[type-arg]
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
    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        return refuse_unknown_names(self, *super().validate())

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


def rules_of(r: RulesConfig) -> Rules:
    """The committee's targets, and its own rule sets after the built-in HD 12 and HD 42."""
    return Rules(
        attendance_min=float(r.attendance_min),
        speakers_min=float(r.speakers_min),
        deadline_day=r.deadline_day,
        rule_sets=DEFAULT_RULE_SETS + tuple(RuleSet(rs.short, rs.title, rs.start, rs.minutes) for rs in r.rule_sets),
    )


def settings_of(options: BulletinConfig, config: MkDocsConfig) -> Settings:
    r = options.rules
    return Settings(
        rules=rules_of(r),
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

"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config machinery."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.load import ID, Layout
from bulletin.data.model import DEFAULT_THEMES, TIMED_KINDS
from bulletin.data.settings import BAND_BELOW, DEFAULT_RULE_SETS, DEFAULT_SCORE_BANDS, Rules, RuleSet, Settings
from bulletin.text import vi


def _as_date(value: object) -> dt.date | None:
    """A date YAML read (2025-10-28) or a string in that form; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


class _AsOf(base.BaseConfigOption[dt.date | None]):
    """The date rules are judged at; unset means today. Pin it for reproducible builds."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None or value == "":
            return None
        day = _as_date(value)
        if day is None:
            raise base.ValidationError(
                f"as_of (ngày tính số liệu, hoặc biến môi trường BULLETIN_AS_OF) phải là một ngày có thật "
                f"dạng YYYY-MM-DD, ví dụ 2025-10-31; đang là {value!r}"
            )
        return day


RULES_KEYS = ("attendance_min", "speakers_min", "deadline_day", "rule_sets")
RULE_SET_KEYS = ("short", "title", "start", "minutes")
_DEPRECATED = ("duration_min", "duration_max")
MAX_MINUTES = 24 * 60  # a bound past a whole day is a typo, not a rule


def _unknown(key: object, known: tuple[str, ...], where: str) -> base.ValidationError:
    """Worded as `refuse_unknown_names` words it, with where the key was found."""
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    hint = f" (có phải '{close[0]}'?)" if close else f" (các mục: {', '.join(known)})"
    return base.ValidationError(f"{where}: không có mục tên '{key}'{hint}")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class _Rules(base.BaseConfigOption[Rules]):
    """`rules:` — the committee's targets and its own rule sets, checked with messages in
    Vietnamese that name the option, the rule set (by `short` or position) and a close key."""

    def run_validation(self, value: object) -> Rules:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise base.ValidationError("rules phải là một nhóm mục (attendance_min, speakers_min, deadline_day, rule_sets)")
        for key in value:
            if key in _DEPRECATED:
                self.warnings.append(f"rules.{key} đã được thay bằng bộ quy định theo ngày (rules.rule_sets)")
            elif key not in RULES_KEYS:
                raise _unknown(key, RULES_KEYS, "rules")
        attendance = self._percent(value, "attendance_min", 90, "tỷ lệ dự họp tối thiểu")
        speakers = self._percent(value, "speakers_min", 30, "tỷ lệ phát biểu tối thiểu")
        day = value.get("deadline_day", 15)
        if not (isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 31):
            raise base.ValidationError(
                f"rules.deadline_day (hạn họp hằng tháng) phải là một ngày trong tháng, số nguyên từ 1 đến 31; đang là {day!r}"
            )
        sets = rule_sets_of(value.get("rule_sets"))
        return Rules(float(attendance), float(speakers), day, DEFAULT_RULE_SETS + sets)

    @staticmethod
    def _percent(value: dict[str, Any], key: str, default: float, what: str) -> float:
        pct = value.get(key, default)
        if not _is_number(pct) or not 0 <= pct <= 100:
            raise base.ValidationError(f"rules.{key} ({what}) phải là một số từ 0 đến 100 (phần trăm); đang là {pct!r}")
        return float(pct)


def rule_sets_of(value: object) -> tuple[RuleSet, ...]:
    """The committee's own sets, each checked; then no two sets (built-in ones included) may share
    a start date or a short name."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise base.ValidationError("rules.rule_sets phải là một danh sách, mỗi bộ quy định bắt đầu bằng `- short: ...`")
    sets = tuple(_rule_set(item, i) for i, item in enumerate(value, start=1))
    named = {rs: f"{rs.short} (có sẵn)" for rs in DEFAULT_RULE_SETS}
    named.update({rs: f"bộ thứ {i} ({rs.short})" for i, rs in enumerate(sets, start=1)})
    seen_start: dict[dt.date, RuleSet] = {}
    seen_short: dict[str, RuleSet] = {}
    for rs in DEFAULT_RULE_SETS + sets:
        other = seen_start.setdefault(rs.start, rs)
        if other is not rs:
            raise base.ValidationError(
                f"rules.rule_sets: {named[rs]} và {named[other]} cùng bắt đầu ngày {vi.date(rs.start)}; "
                f"mỗi bộ quy định phải bắt đầu vào một ngày riêng (cùng một ngày thì không biết bộ nào áp dụng)"
            )
        key = " ".join(rs.short.split()).casefold()
        other = seen_short.setdefault(key, rs)
        if other is not rs:
            raise base.ValidationError(
                f"rules.rule_sets: {named[rs]} trùng tên viết tắt với {named[other]}; "
                f"mỗi bộ cần một tên riêng để lý do chưa đạt chỉ rõ bộ nào"
            )
    return sets


def _rule_set(item: object, index: int) -> RuleSet:
    where = f"rules.rule_sets, bộ quy định thứ {index}"
    if not isinstance(item, dict):
        raise base.ValidationError(f"{where}: phải là một nhóm mục short, title, start, minutes")
    short = item.get("short")
    if isinstance(short, str) and short.strip():
        where += f" ({short.strip()})"
    for key in item:
        if key not in RULE_SET_KEYS:
            raise _unknown(key, RULE_SET_KEYS, where)
    needs = {
        "short": "tên viết tắt dùng trong lý do chưa đạt, ví dụ `QĐ 10`",
        "title": "tên đầy đủ của văn bản, hiện trên trang chủ và trang hướng dẫn",
        "start": "ngày bắt đầu áp dụng, dạng YYYY-MM-DD",
        "minutes": "thời gian sinh hoạt của từng hình thức, ví dụ {ket-hop: {min: 120}}",
    }
    for key, what in needs.items():
        if key not in item or item[key] is None:
            raise base.ValidationError(f"{where}: thiếu `{key}` ({what})")
    for key in ("short", "title"):
        text = item[key]
        if not isinstance(text, str) or not text.strip():
            raise base.ValidationError(f"{where}: `{key}` phải là một dòng chữ không rỗng ({needs[key]})")
    if len(item["short"].strip()) > 30:
        raise base.ValidationError(f"{where}: `short` quá dài (tối đa 30 ký tự; tên đầy đủ ghi ở `title`)")
    start = _as_date(item["start"])
    if start is None:
        raise base.ValidationError(f"{where}: `start` phải là một ngày có thật dạng YYYY-MM-DD; đang là {item['start']!r}")
    return RuleSet(item["short"].strip(), item["title"].strip(), start, _minutes(item["minutes"], where))


def _minutes(value: object, where: str) -> tuple[tuple[str, int, int | None], ...]:
    """{kind: {min: 90, max: 120}}: `max` may be left out (no upper bound); a kind left out keeps
    the bounds of the set in force before (`settings.inherit`)."""
    timed = ", ".join(sorted(TIMED_KINDS))
    if not isinstance(value, dict) or not value:
        raise base.ValidationError(
            f"{where}: `minutes` phải ghi thời gian của ít nhất một hình thức ({timed}): {{thuong-ky: {{min: N, max: N}}, ...}}"
        )
    out = []
    for kind, bounds in value.items():
        if kind not in TIMED_KINDS:
            close = difflib.get_close_matches(str(kind), sorted(TIMED_KINDS), n=1, cutoff=0.6)
            hint = f" (có phải '{close[0]}'?)" if close else ""
            raise base.ValidationError(f"{where}: minutes: '{kind}' không phải hình thức được tính thời gian ({timed}){hint}")
        if not isinstance(bounds, dict) or "min" not in bounds:
            raise base.ValidationError(f"{where}: minutes: {kind} cần {{min: N}} hoặc {{min: N, max: N}}")
        for key in bounds:
            if key not in ("min", "max"):
                raise _unknown(key, ("min", "max"), f"{where}: minutes: {kind}")
        low, high = bounds["min"], bounds.get("max")
        ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (low, high) if x is not None)
        if not ints:
            raise base.ValidationError(f"{where}: minutes: {kind} cần số phút nguyên; đang là {bounds!r}")
        if not 0 < low <= MAX_MINUTES or (high is not None and not low <= high <= MAX_MINUTES):
            raise base.ValidationError(
                f"{where}: minutes: {kind} cần số phút nguyên, 0 < min ≤ max ≤ {MAX_MINUTES} (một ngày); đang là {bounds!r}"
            )
        out.append((kind, low, high))
    return tuple(out)


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
        example = "ví dụ score_bands: {Tốt: 90, Đạt: 70}"
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(
                f"score_bands: cần ít nhất một mức, mỗi mức một dòng '<tên>: <điểm tối thiểu>' ({example})"
            )
        seen: dict[float, object] = {}
        for label, minimum in value.items():
            ok_number = isinstance(minimum, (int, float)) and not isinstance(minimum, bool) and 0 <= minimum <= 100
            if not isinstance(label, str) or not label.strip():
                raise base.ValidationError(f"score_bands: mỗi mức cần một tên ({example}); đang có tên {label!r}")
            if not ok_number:
                raise base.ValidationError(
                    f"score_bands: mức '{label[:40]}' cần điểm tối thiểu là một số từ 0 đến 100; đang là {str(minimum)[:40]!r}"
                )
            if float(minimum) in seen:
                raise base.ValidationError(
                    f"score_bands: mức '{label[:40]}' và mức '{seen[float(minimum)]}' cùng điểm tối thiểu {minimum}; "
                    "mỗi mức một điểm khác nhau"
                )
            seen[float(minimum)] = label[:40]
        return dict(value)


class BulletinConfig(base.Config):
    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        return refuse_unknown_names(self, *super().validate())

    topics_dir = c.Type(str, default="topics")
    as_of = _AsOf()
    themes = _Themes(dict, default=dict(DEFAULT_THEMES))
    # Added to HD 12 (from 6/7/2018) and HD 42 (from 28/10/2025); each meeting is judged by the
    # set with the latest start on or before its date.
    rules = _Rules()
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
        rules=r,
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

"""The rules' options in mkdocs.yml: the committee's targets and its own rule sets, without code."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from bulletin.data.settings import HD_12, HD_42, Rules, RuleSet
from bulletin.mkdocs.config import BulletinConfig


def validated(text: str) -> tuple[BulletinConfig, list[Any], list[Any]]:
    options = BulletinConfig()
    options.load_dict(yaml.safe_load(text))
    errors, warnings = options.validate()
    return options, errors, warnings


def test_the_defaults_are_hd_12_then_hd_42_and_the_committee_targets() -> None:
    options, errors, _ = validated("rules: {}\n")
    assert errors == []
    rules = options.rules
    assert (rules.attendance_min, rules.speakers_min, rules.deadline_day) == (90.0, 30.0, 15)
    assert rules.rule_sets == (HD_12, HD_42)
    assert rules.rule_set_on(dt.date(2025, 10, 27)) is HD_12
    assert rules.rule_set_on(dt.date(2025, 10, 28)) is HD_42
    assert HD_42.bounds("ket-hop") == (120, None) and HD_12.bounds("ket-hop") == (90, 120)


def test_a_committee_adds_a_rule_set_with_a_start_date() -> None:
    options, errors, _ = validated(
        """
rules:
  rule_sets:
    - short: QĐ 10
      title: Quy định số 10 (hư cấu)
      start: 2026-07-01
      minutes: {thuong-ky: {min: 90}, chuyen-de: {min: 90, max: 150}, ket-hop: {min: 150}}
"""
    )
    assert errors == []
    own = options.rules.rule_set_on(dt.date(2026, 7, 1))
    minutes = (("thuong-ky", 90, None), ("chuyen-de", 90, 150), ("ket-hop", 150, None))
    assert own == RuleSet("QĐ 10", "Quy định số 10 (hư cấu)", dt.date(2026, 7, 1), minutes)


def test_a_wrong_rule_set_is_refused_with_its_reason() -> None:
    for minutes, word in [
        ("{bat-thuong: {min: 30}}", "bat-thuong"),
        ("{thuong-ky: {max: 90}}", "{min: N}"),
        ("{thuong-ky: {min: 120, max: 90}}", "min ≤ max"),
        ("{thuong-ky: {min: 0}}", "min ≤ max"),
        ("{thuong-ky: {min: ninety}}", "số phút nguyên"),
    ]:
        _, errors, _ = validated(f"rules:\n  rule_sets:\n    - {{short: X, title: X, start: 2026-01-01, minutes: {minutes}}}\n")
        assert errors and word in str(errors), (minutes, errors)
    same_day_as_hd_42 = "{short: X, title: X, start: 2025-10-28, minutes: {ket-hop: {min: 1}}}"
    _, errors, _ = validated(f"rules:\n  rule_sets:\n    - {same_day_as_hd_42}\n")
    assert "cùng một ngày" in str(errors)
    _, errors, _ = validated("rules:\n  rule_sets:\n    - {short: X, title: X, start: someday, minutes: {ket-hop: {min: 1}}}\n")
    assert "YYYY-MM-DD" in str(errors)


def test_the_old_duration_options_warn_that_rule_sets_replace_them() -> None:
    _, errors, warnings = validated("rules: {duration_min: 90, duration_max: 120}\n")
    assert errors == [] and "rule_sets" in str(warnings)


def test_targets_out_of_range_are_refused() -> None:
    for text in ("{attendance_min: 150}", "{speakers_min: -1}", "{deadline_day: 32}"):
        _, errors, _ = validated(f"rules: {text}\n")
        assert errors, text


def errors_of(rules: str) -> str:
    _, errors, _ = validated(f"rules:\n{textwrap.indent(textwrap.dedent(rules), '  ')}")
    assert errors, rules
    return str(errors[0][1])


def test_a_rule_set_that_names_only_some_kinds_keeps_the_others_from_the_set_before() -> None:
    options, errors, _ = validated(
        "rules:\n  rule_sets:\n"
        "    - {short: QĐ 10, title: Quy định 10 (hư cấu), start: 2026-07-01, minutes: {ket-hop: {min: 150}}}\n"
    )
    assert errors == []
    own = options.rules.rule_set_on(dt.date(2026, 7, 1))
    assert own is not None and own.short == "QĐ 10"
    assert (own.bounds("ket-hop"), own.bounds("thuong-ky"), own.bounds("chuyen-de")) == ((150, None), (90, None), (90, None))
    # Before HD 42, a set inherits HD 12's bounds.
    assert Rules(rule_sets=(HD_12, RuleSet("X", "X", dt.date(2020, 1, 1), (("chuyen-de", 60, None),)))).rule_set_on(
        dt.date(2021, 1, 1)
    ).bounds("thuong-ky") == (90, 120)


def test_rule_errors_are_vietnamese_name_the_set_and_suggest_a_close_key() -> None:
    one = "rule_sets:\n  - {{short: QĐ 10, title: T, start: 2026-07-01, {}}}\n"
    assert errors_of(one.format("minuts: {ket-hop: {min: 150}}")) == (
        "rules.rule_sets, bộ quy định thứ 1 (QĐ 10): không có mục tên 'minuts' (có phải 'minutes'?)"
    )
    assert "bộ quy định thứ 1 (QĐ 10): thiếu `minutes`" in errors_of(one.format("x: 1").replace(", x: 1", ""))
    untitled = "rule_sets:\n  - {short: QĐ 10, start: 2026-07-01, minutes: {ket-hop: {min: 150}}}\n"
    assert "bộ quy định thứ 1 (QĐ 10): thiếu `title`" in errors_of(untitled)
    assert "rules: không có mục tên 'speaker_min' (có phải 'speakers_min'?)" in errors_of("speaker_min: 30\n")
    assert "rules.attendance_min (tỷ lệ dự họp tối thiểu) phải là một số từ 0 đến 100" in errors_of("attendance_min: nhiều\n")
    assert "rules.deadline_day" in errors_of("deadline_day: 15.5\n")
    for text in (errors_of("speaker_min: 30\n"), errors_of(one.format("minutes: {ket-hop: {min: 0}}"))):
        assert "Expected" not in text and "Sub-option" not in text and "Required" not in text


def test_a_clash_names_both_sets() -> None:
    clash = "rule_sets:\n  - {short: QĐ 10, title: T, start: 2025-10-28, minutes: {ket-hop: {min: 150}}}\n"
    assert "bộ thứ 1 (QĐ 10) và HD 42 (có sẵn) cùng bắt đầu ngày 28/10/2025" in errors_of(clash)
    two = (
        "rule_sets:\n  - {short: A, title: T, start: 2026-01-01, minutes: {ket-hop: {min: 150}}}\n"
        "  - {short: B, title: T, start: 2026-01-01, minutes: {ket-hop: {min: 160}}}\n"
    )
    assert "bộ thứ 2 (B) và bộ thứ 1 (A) cùng bắt đầu ngày 01/01/2026" in errors_of(two)


def test_an_empty_or_taken_short_name_and_absurd_minutes_are_refused() -> None:
    one = "rule_sets:\n  - {{short: {}, title: T, start: 2026-07-01, minutes: {}}}\n"
    assert "`short` phải là một dòng chữ không rỗng" in errors_of(one.format('""', "{ket-hop: {min: 150}}"))
    assert "trùng tên viết tắt với HD 42 (có sẵn)" in errors_of(one.format("HD  42", "{ket-hop: {min: 150}}"))
    for minutes in ("{ket-hop: {min: 99999999999999999999999}}", "{ket-hop: {min: 90, max: 100000}}", "{ket-hop: {min: 1.5}}"):
        assert "minutes: ket-hop cần số phút nguyên" in errors_of(one.format("X", minutes)), minutes
    assert "bộ quy định thứ 1 (X): `start` phải là một ngày có thật" in errors_of(
        "rule_sets:\n  - {short: X, title: T, start: 31/12/2026, minutes: {ket-hop: {min: 150}}}\n"
    )


def test_an_impossible_date_in_mkdocs_yml_is_an_error_with_its_line(tmp_path: Path, monkeypatch: Any) -> None:
    """PyYAML lets 2025-13-01 escape as a ValueError traceback; the bulletin commands say what
    and where instead, for a date typed in mkdocs.yml or given in BULLETIN_AS_OF."""
    from bulletin.mkdocs.project import ProjectError, load_mkdocs_config

    for day in ("2025-13-01", "2025-02-30"):
        path = tmp_path / "mkdocs.yml"
        path.write_text(
            "site_name: X\nplugins:\n  - bulletin:\n      rules:\n        rule_sets:\n"
            f"          - {{short: X, title: T, start: {day}, minutes: {{ket-hop: {{min: 150}}}}}}\n",
            encoding="utf-8",
        )
        with pytest.raises(ProjectError) as stop:
            load_mkdocs_config(str(path))
        assert f"mkdocs.yml: dòng 6, cột 41: '{day}' không phải một ngày có thật" in str(stop.value)
    path.write_text("site_name: X\nplugins:\n  - bulletin:\n      as_of: !ENV [BULLETIN_AS_OF, '']\n", encoding="utf-8")
    monkeypatch.setenv("BULLETIN_AS_OF", "2025-13-01")
    with pytest.raises(ProjectError) as stop:
        load_mkdocs_config(str(path))
    assert "'2025-13-01' không phải một ngày có thật" in str(stop.value) and "BULLETIN_AS_OF" in str(stop.value)
    monkeypatch.setenv("BULLETIN_AS_OF", "31/10/2025")
    with pytest.raises(ProjectError):
        load_mkdocs_config(str(path))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("score_bands: {Tốt: 90, Đạt: 90}\n", "cùng điểm tối thiểu"),
        ("score_bands: {Tốt: 90, Đạt: 90.0}\n", "cùng điểm tối thiểu"),
        ("score_bands: {}\n", "cần ít nhất một mức"),
        ("score_bands: [90, 70]\n", "cần ít nhất một mức"),
        ("score_bands: {Tốt: 190}\n", "từ 0 đến 100"),
        ("score_bands: {Tốt: cao}\n", "từ 0 đến 100"),
        ("score_bands: {'': 50}\n", "cần một tên"),
    ],
)
def test_score_bands_are_refused_in_vietnamese(text: str, words: str) -> None:
    _, errors, _ = validated(text)
    message = " ".join(str(e) for _, e in errors)
    assert words in message and "needs" not in message and "Expected" not in message, message


def test_score_bands_the_committee_sets_are_kept() -> None:
    options, errors, _ = validated("score_bands: {Tốt: 85, Khá: 70, Đạt: 50}\n")
    assert not errors and options.score_bands == {"Tốt": 85, "Khá": 70, "Đạt": 50}

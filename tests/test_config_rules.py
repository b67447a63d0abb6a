"""The rules' options in mkdocs.yml: the committee's targets and its own rule sets, without code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from bulletin.data.settings import HD_12, HD_42, RuleSet
from bulletin.mkdocs.config import BulletinConfig, rules_of


def validated(text: str) -> tuple[BulletinConfig, list[Any], list[Any]]:
    options = BulletinConfig()
    options.load_dict(yaml.safe_load(text))
    errors, warnings = options.validate()
    return options, errors, warnings


def test_the_defaults_are_hd_12_then_hd_42_and_the_committee_targets() -> None:
    options, errors, _ = validated("rules: {}\n")
    assert errors == []
    rules = rules_of(options.rules)
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
    own = rules_of(options.rules).rule_set_on(dt.date(2026, 7, 1))
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

"""The plugin's options in mkdocs.yml: thresholds out of range are refused, in Vietnamese."""

from __future__ import annotations

import pytest

from bulletin.mkdocs.config import BulletinConfig


def validate(options: dict[str, object]) -> list[str]:
    config = BulletinConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    return [f"{key}: {error}" for key, error in failed]


def test_the_defaults_are_valid() -> None:
    assert validate({}) == []


@pytest.mark.parametrize(
    ("rules", "key"),
    [
        ({"attendance_min": 150}, "attendance_min"),
        ({"speakers_min": -1}, "speakers_min"),
        ({"rule_sets": [{"short": "X", "title": "X", "start": "2026-01-01", "minutes": {"ket-hop": {"min": 0}}}]}, "rule_sets"),
        ({"rule_sets": [{"short": "X", "title": "X", "start": "2025-10-28", "minutes": {"ket-hop": {"min": 1}}}]}, "rule_sets"),
        ({"deadline_day": 32}, "deadline_day"),
    ],
)
def test_a_threshold_out_of_range_is_refused(rules: dict[str, object], key: str) -> None:
    (problem,) = validate({"rules": rules})
    assert problem.startswith("rules: ") and key in problem
    assert any(word in problem for word in ("phải", "cần"))


def test_a_mistyped_option_is_refused_with_a_suggestion_not_replaced_by_its_default() -> None:
    assert validate({"as_off": "2024-12-31"}) == ["as_off: không có mục tên 'as_off' (có phải 'as_of'?)"]
    (problem,) = validate({"rules": {"attendance_mn": 80}})
    assert "không có mục tên 'attendance_mn' (có phải 'attendance_min'?)" in problem


def test_a_mistyped_key_in_a_rule_set_is_refused() -> None:
    rule_set = {"short": "QĐ 1", "title": "Quy định thử", "start": "2026-01-01", "minutes": {"ket-hop": {"min": 1}}, "minute": 1}
    (problem,) = validate({"rules": {"rule_sets": [rule_set]}})
    assert "không có mục tên 'minute' (có phải 'minutes'?)" in problem

"""The sample organisation that ships: fictional, large and varied enough to show every rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bulletin.data.load import Layout, load
from bulletin.data.model import CELL_KINDS, DEFAULT_THEMES, Dataset
from bulletin.data.settings import Settings
from bulletin.rules.verdicts import judge
from crafted import ROOT

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(Layout(ROOT, ROOT / "content", ROOT / "topics"), Settings(as_of=AS_OF))


def test_it_says_it_is_fictional(sample: Dataset) -> None:
    assert "hư cấu" in sample.organization.name
    assert "hư cấu" in (ROOT / "content/index.md").read_text(encoding="utf-8")


def test_at_least_40_cells_of_every_kind_with_a_dissolved_one(sample: Dataset) -> None:
    assert len(sample.cells) >= 40
    assert {c.kind for c in sample.cells.values()} == set(CELL_KINDS)
    assert any(not c.active for c in sample.cells.values())


def test_meetings_from_2023_to_the_present(sample: Dataset) -> None:
    assert sample.years() == [2023, 2024, 2025, 2026]
    kinds = Counter(m.kind for ms in sample.meetings.values() for m in ms)
    assert set(kinds) == {"thuong-ky", "chuyen-de", "ket-hop", "bat-thuong"}


def test_outlines_and_issues(sample: Dataset) -> None:
    per_theme = Counter(o.theme for o in sample.outlines.values())
    assert len(sample.outlines) >= 12 and all(per_theme[t] >= 4 for t in DEFAULT_THEMES)
    assert len(sample.issues) >= 12


def test_no_meeting_uses_an_outline_before_it_was_issued(sample: Dataset) -> None:
    for ms in sample.meetings.values():
        for m in ms:
            if m.topic:
                assert (sample.outlines[m.topic].year or 0) <= m.date.year, m


def test_every_rule_has_cells_that_fall_short_and_most_cells_do_not(sample: Dataset) -> None:
    years = [cy for cys in judge(sample, Settings(as_of=AS_OF)).values() for cy in cys]
    reasons = " ".join(r for cy in years for r in cy.reasons)
    for kind in ["Chưa sinh hoạt thường kỳ", "chưa sinh hoạt chuyên đề", "Tỷ lệ dự họp", "Tỷ lệ phát biểu", "kéo dài", "muộn"]:
        assert kind in reasons
    short = sum(not cy.compliant for cy in years) / len(years)
    assert 0.15 < short < 0.6


def test_no_sample_meeting_falls_on_the_first_of_a_month(sample: Dataset) -> None:
    # tests/test_entry_office.py imports a meeting on the 1st into the sample: it must be new there.
    assert all(m.date.day != 1 for ms in sample.meetings.values() for m in ms)

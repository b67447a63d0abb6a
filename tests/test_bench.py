"""The benchmark's synthetic organisation is valid data, and its report carries the ratios."""

from __future__ import annotations

from pathlib import Path

from bulletin.data.load import Layout, load
from bulletin.data.settings import Settings
from bulletin.devtools.bench import Run, report
from bulletin.devtools.synth import synthesize


def test_a_synthetic_organisation_is_valid_and_sized_as_asked(tmp_path: Path) -> None:
    as_of = synthesize(tmp_path, cells=12, years=3, outlines=6, issues=5)
    data = load(Layout(tmp_path, tmp_path / "content", tmp_path / "topics"), Settings(as_of=as_of))
    assert len(data.cells) == 12 and len(data.outlines) == 6 and len(data.issues) == 5
    assert data.years() == [as_of.year - 2, as_of.year - 1, as_of.year]


def test_the_report_gives_ratios_and_growth() -> None:
    runs = [
        Run("(a) ours", 10, 100, 1000, 5, 1),
        Run("(b) plain MkDocs", 40, 200, 1000, 50, 12),
        Run("(c) Markdown floor", 5, 30, 1000),
        Run("(a) ours ×3", 31, 250, 3000, 15, 3),
    ]
    text = report(runs, 1000, 5)
    assert "a/b time    0.25" in text and "a/c time    2.00" in text and "growth ×3   3.10" in text

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


def test_the_report_compares_with_hand_written_tables_and_gives_the_serve_reload() -> None:
    runs = [
        Run("(a) ours", 10, 100, 1000, 5, 1),
        Run("(b2) plain tables", 25, 100, 1000, 30, 4),
        Run("(a) ours, warm", 6, 100, 1000, 5, 1),
        Run("(b2) plain tables, 2nd", 20, 100, 1000, 30, 4),
        Run("(c) Markdown floor", 5, 30, 1000),
        Run("serve, reload after save 1", 2.5, 0, 0),
        Run("serve, reload after save 2", 2.0, 0, 0),
    ]
    text = report(runs, 1000, 5)
    assert "a/b2 time   0.50 cold, 0.30 warm" in text  # against the best of the two (b2) runs
    assert "serve reload 2.00 s best, 2.50 s worst" in text


def test_a_plain_table_page_is_markdown_without_html(tmp_path: Path) -> None:
    from bulletin.devtools.plain import cell_page

    as_of = synthesize(tmp_path, cells=2, years=1, outlines=2, issues=1)
    data = load(Layout(tmp_path, tmp_path / "content", tmp_path / "topics"), Settings(as_of=as_of))
    page = cell_page(data, "chi-bo-00000")
    assert "<" not in page and f"## Năm {as_of.year}" in page and "| Ngày | Hình thức |" in page


def test_an_editors_save_adds_a_note_to_one_meeting(tmp_path: Path) -> None:
    from bulletin.data.yamlmarks import parse
    from bulletin.devtools.bench import edit_meeting

    path = tmp_path / "2025.yml"
    path.write_text(
        "- date: 2025-01-10\n  kind: thuong-ky\n  notes: có\n- date: 2025-02-10\n  kind: thuong-ky\n", encoding="utf-8"
    )
    edit_meeting(path, "sửa 1")
    text = path.read_text(encoding="utf-8")
    assert [m.get("notes") for m in parse(text)] == ["có", "sửa 1"]
    # A file with a header (the sample's schema line and caption) keeps it: the note goes to a meeting.
    path.write_text(
        "# yaml-language-server: $schema=x.json\n# Chi bộ A\n- date: 2025-01-10\n  kind: thuong-ky\n", encoding="utf-8"
    )
    edit_meeting(path, "sửa 2")
    assert [m.get("notes") for m in parse(path.read_text(encoding="utf-8"))] == ["sửa 2"]


def test_the_biggest_page_is_judged_at_the_asked_size_not_at_three_times() -> None:
    runs = [
        Run("(a) ours", 10, 100, 1000, 5, 1, 552),
        Run("(c) Markdown floor", 5, 30, 1000),
        Run("(a) ours ×3", 30, 300, 3000, 15, 3, 1385),
    ]
    assert "biggest page of ours: 552 KB" in report(runs, 1000, 5)

"""`bulletin report` writes into the office's folder: it never replaces a file it did not write
or that someone has edited since, unless told (--force), and even then keeps the old one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bulletin.outputs.report_out import ReportExists, write_report
from crafted import Org, full_year
from test_cli import bulletin, said

NOW = dt.datetime(2026, 10, 5, 9, 30, 0)


def test_a_fresh_folder_gets_the_files(tmp_path: Path) -> None:
    write_report(tmp_path / "out", {"bao-cao.docx": b"one", "bao-cao.pdf": b"pdf"})
    assert (tmp_path / "out/bao-cao.docx").read_bytes() == b"one"


def test_rewriting_an_untouched_report_is_allowed(tmp_path: Path) -> None:
    write_report(tmp_path, {"bao-cao.docx": b"one"})
    write_report(tmp_path, {"bao-cao.docx": b"two"})
    assert (tmp_path / "bao-cao.docx").read_bytes() == b"two"


@pytest.mark.parametrize("ours_first", [True, False])
def test_an_edited_or_foreign_file_is_refused_naming_it_and_nothing_is_written(tmp_path: Path, ours_first: bool) -> None:
    if ours_first:
        write_report(tmp_path, {"bao-cao.docx": b"one", "bao-cao.pdf": b"pdf"})
    (tmp_path / "bao-cao.docx").write_bytes(b"edited by the office")
    (tmp_path / "bao-cao.pdf").write_bytes(b"pdf" if ours_first else b"their pdf")
    with pytest.raises(ReportExists) as refused:
        write_report(tmp_path, {"bao-cao.docx": b"two", "bao-cao.pdf": b"pdf2"})
    assert "bao-cao.docx" in str(refused.value) and "--force" in str(refused.value)
    assert (tmp_path / "bao-cao.docx").read_bytes() == b"edited by the office"
    assert (tmp_path / "bao-cao.pdf").read_bytes() == (b"pdf" if ours_first else b"their pdf")


def test_force_keeps_the_edited_file_under_another_name(tmp_path: Path) -> None:
    write_report(tmp_path, {"bao-cao.docx": b"one"})
    (tmp_path / "bao-cao.docx").write_bytes(b"edited")
    lines = write_report(tmp_path, {"bao-cao.docx": b"two"}, force=True, now=NOW)
    assert (tmp_path / "bao-cao.docx").read_bytes() == b"two"
    kept = tmp_path / "bao-cao.cu-20261005-093000.docx"
    assert kept.read_bytes() == b"edited" and any(str(kept) in line for line in lines)
    (tmp_path / "bao-cao.docx").write_bytes(b"edited again")
    write_report(tmp_path, {"bao-cao.docx": b"three"}, force=True, now=NOW)
    assert kept.read_bytes() == b"edited"  # a second aside copy never replaces the first
    assert (tmp_path / "bao-cao.cu-20261005-093000-2.docx").read_bytes() == b"edited again"


def test_the_command_refuses_to_overwrite_a_report_edited_by_hand(org: Org) -> None:
    org.mkdocs_yml()
    org.meetings("a", 2024, full_year(2024))
    first = bulletin("report", "2024-Q1", "--out", "out", "--no-pdf", cwd=org.root)
    assert first.returncode == 0, said(first)
    [docx] = (org.root / "out").glob("*.docx")
    assert bulletin("report", "2024-Q1", "--out", "out", "--no-pdf", cwd=org.root).returncode == 0
    docx.write_bytes(docx.read_bytes() + b"\0")  # the office saved it from Word
    edited = docx.read_bytes()
    refused = bulletin("report", "2024-Q1", "--out", "out", "--no-pdf", cwd=org.root)
    assert refused.returncode == 1 and docx.name in said(refused) and "Không ghi đè" in refused.stderr
    assert docx.read_bytes() == edited
    forced = bulletin("report", "2024-Q1", "--out", "out", "--no-pdf", "--force", cwd=org.root)
    assert forced.returncode == 0, said(forced)
    assert [p.read_bytes() for p in (org.root / "out").glob("*.cu-*.docx")] == [edited]


@pytest.mark.parametrize(
    ("quarter", "words"),
    [("2019-Q1", "không có chi bộ nào phải sinh hoạt"), ("2027-Q2", "chưa bắt đầu"), ("2030-Q4", "chưa bắt đầu")],
)
def test_the_command_refuses_quarters_with_nothing_to_report(org: Org, quarter: str, words: str) -> None:
    org.mkdocs_yml()
    org.cell("a", name="Chi bộ A", founded="2024-01-01")
    org.meetings("a", 2024, full_year(2024))
    result = bulletin("report", quarter, "--out", "out", "--no-pdf", cwd=org.root)
    assert result.returncode == 1 and words in said(result)
    assert not (org.root / "out").exists()

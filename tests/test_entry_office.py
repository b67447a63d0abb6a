"""The template in LibreOffice Calc, headless (`make test-office` installs it): printed to PDF and PNG, and re-saved.

The PNG pages go to build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bulletin.entry.columns import SHEET
from filling import fill, good, row_of
from office import convert

pytestmark = pytest.mark.office

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
ENV = {**os.environ, "BULLETIN_AS_OF": "2026-11-23", "NO_MKDOCS_2_WARNING": "1"}


def _bulletin(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bulletin.cli", "-f", str(ROOT / "mkdocs.yml"), *args]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=300, check=False)


def _soffice(tmp: Path, target: str, source: Path, out: Path) -> Path:
    return convert(source, target, out, tmp / "lo-profile")  # a private profile per test


@pytest.fixture(scope="module")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("office") / "bieu-mau-2026-11.xlsx"
    result = _bulletin("template", "2026-11", "--out", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_calc_prints_the_template_with_its_vietnamese_text(sample_template: Path, tmp_path: Path) -> None:
    pdf = _soffice(tmp_path, "pdf", sample_template, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Số dự họp" in text and "Chi bộ Ấp Đoàn Kết" in text
    assert "BIỂU MẪU BÁO CÁO SINH HOẠT CHI BỘ THÁNG 11/2026" in text  # the instructions sheet
    assert "dan-van-kheo/" not in text.split("BIỂU MẪU")[0]  # the hidden list sheet is not printed before it
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 2  # the data sheet and the instructions, one landscape page each
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("template-calc*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(SHOTS / "template-calc")], check=True)
    assert (SHOTS / "template-calc-1.png").stat().st_size > 10_000


def test_a_file_resaved_by_calc_keeps_its_validations_and_imports(sample_template: Path, tmp_path: Path) -> None:
    filled = fill(
        sample_template,
        # The 1st: a day the sample generator never uses, so this is a new meeting, not a conflict.
        {"ban-dan-toc": good(dt.date(2026, 11, 1), members=26, present=25, excused=0)},
        out=tmp_path / "da-dien.xlsx",
    )
    (tmp_path / "calc").mkdir()
    resaved = _soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", filled, tmp_path / "calc")
    wb = load_workbook(resaved)
    ws = wb[SHEET]
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "date", "whole", "decimal"} <= kinds
    assert ws.cell(row_of(ws, "ban-dan-toc"), 3).value == dt.datetime(2026, 11, 1)
    result = _bulletin("import", "--dry-run", str(resaved))
    assert result.returncode == 0, result.stderr
    assert re.search(r"content/meetings/ban-dan-toc/2026\.yml:\d+  dòng 4  01/11/2026  Thường kỳ", result.stdout)
    assert "Chạy thử (--dry-run): chưa ghi tệp nào." in result.stdout

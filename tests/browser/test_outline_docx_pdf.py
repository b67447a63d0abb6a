"""LibreOffice opens a generated outline (.docx) cleanly: it converts to an A4 PDF whose text is the
outline's Vietnamese text, set in Times New Roman or its metric twin; page 1 is rendered for a person
to look at (build/screenshots/outline-docx-1.png)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from browsing import SHOTS

from office import convert

DOCX = "chuyen-de/ho-chi-minh/hoc-tap-chi-thi-05-va-ket-luan-01.docx"


def test_libreoffice_converts_an_outline_to_a_clean_a4_pdf(sample_site: Path, tmp_path: Path) -> None:
    source = tmp_path / "outline.docx"
    shutil.copyfile(sample_site / DOCX, source)
    pdf = convert(source, "pdf", tmp_path, tmp_path / "lo-profile")

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert 2 <= int(re.search(r"Pages:\s+(\d+)", info)[1]) <= 5  # type: ignore[index]

    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for words in (
        "ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ",
        "Học tập và làm theo Bác theo Chỉ thị 05 và Kết luận 01",
        "Chỉ thị số 05-CT/TW ngày 15/5/2016",
        "I. Mục đích, yêu cầu",
        "IV. Liên hệ, nhiệm vụ của chi bộ",
        "ĐẢNG BỘ KHỐI",
    ):
        assert words in text
    # Real list numbering: LibreOffice writes the numbers, they are not in the document's text.
    assert "1. Giúp đảng viên nắm vững" in text

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"TimesNewRoman|Times-Roman|LiberationSerif", fonts), fonts  # never a fallback sans

    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "outline-docx")], check=True)

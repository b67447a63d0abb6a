"""Printing an outline from the browser gives the outline alone, on A4, with no heading left
at the foot of a page. Chromium prints to PDF; poppler reads it back and renders page 1."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from browsing import SHOTS

OUTLINES = [
    "chuyen-de/ho-chi-minh/hoc-tap-chi-thi-05-va-ket-luan-01/",
    "chuyen-de/dan-van-kheo/dan-van-kheo-trong-co-quan/",
    "chuyen-de/phong-chong-tham-nhung/nhung-dieu-dang-vien-khong-duoc-lam/",
]


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_printing_an_outline_prints_only_the_outline_on_a4(desktop: object, base_url: str, tmp_path: Path) -> None:
    for n, url in enumerate(OUTLINES):
        desktop.goto(base_url + url)
        headings = [h.strip() for h in desktop.locator("article h2, article h3").all_inner_texts()]
        pdf = tmp_path / f"outline-{n}.pdf"
        desktop.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)

        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())  # type: ignore[union-attr]
        assert (round(width), round(height)) == (595, 842)  # A4

        pages = pdf_pages(pdf)
        everything = "\n".join(pages)
        assert desktop.inner_text("h1").split(":")[0] in " ".join(everything.split())
        assert "IV. Liên hệ, nhiệm vụ" in everything  # the outline, to its end
        for chrome in ("Sao chép đề cương", "Tải về (.docx)", "In đề cương", "Đã sử dụng", "Tìm kiếm", "Mục lục", "Trang chủ"):
            assert chrome not in everything, f"{url}: '{chrome}' printed"
        for number, page in enumerate(pages[:-1], 1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            assert lines[-1] not in headings, f"{url}: page {number} ends with the heading '{lines[-1]}'"

        if n == 0:  # a picture of the printed page, for a person to look at
            SHOTS.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(SHOTS / "outline-print")], check=True
            )

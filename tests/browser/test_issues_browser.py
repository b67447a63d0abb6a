"""The sample's bulletin in a real browser: an issue, the archive, the feed link, the print edition."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

from browsing import ROOT, SHOTS, screenshot

ISSUES = sorted(p.stem for p in (ROOT / "content/bulletin").glob("*.md"))


def test_the_archive_lists_every_sample_issue_and_advertises_the_feed(desktop: object, phone: object, base_url: str) -> None:
    desktop.goto(base_url + "ban-tin/")
    hrefs = desktop.eval_on_selector_all("ul.bt-archive > li > a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [f"{key}/" for key in reversed(ISSUES)]
    feed = desktop.get_attribute('link[rel~="alternate"][type="application/atom+xml"]', "href")
    assert desktop.evaluate("() => document.querySelector('meta[name=robots]').content") == "noindex, nofollow"
    response = desktop.request.get(base_url + "ban-tin/" + feed)
    assert response.ok and ET.fromstring(response.body()).tag.endswith("feed")
    screenshot(desktop, "issues-archive-desktop")
    phone.goto(base_url + "ban-tin/")
    screenshot(phone, "issues-archive-phone")


def test_an_issue_page_shows_figures_and_links_its_pdf(desktop: object, phone: object, base_url: str) -> None:
    outside: list[str] = []
    desktop.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    desktop.goto(base_url + "ban-tin/2026-03/")
    assert "Số liệu sinh hoạt tháng 2/2026" in desktop.inner_text("#so-lieu")
    rows = desktop.eval_on_selector_all("table.bt-month tbody tr", "rows => rows.map(r => r.cells[0].innerText)")
    assert rows[:3] == ["Chi bộ sinh hoạt thường kỳ", "Số cuộc sinh hoạt", "Tỷ lệ dự họp"]
    pdf = desktop.get_attribute("a.bt-pdf", "href")
    response = desktop.request.get(base_url + "ban-tin/2026-03/" + pdf)
    assert response.ok and response.body().startswith(b"%PDF")
    screenshot(desktop, "issue-2026-03-desktop")
    desktop.locator("#so-lieu").scroll_into_view_if_needed()
    screenshot(desktop, "issue-2026-03-figures-desktop")
    assert outside == []
    phone.goto(base_url + "ban-tin/2026-03/")
    screenshot(phone, "issue-2026-03-phone")
    phone.locator("#so-lieu").scroll_into_view_if_needed()
    screenshot(phone, "issue-2026-03-figures-phone")
    # the figures table fits a phone's width, or scrolls inside its own box, never the page
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_every_sample_issue_has_a_pdf_that_opens_and_reads_in_vietnamese(sample_site: Path) -> None:
    for key in ISSUES:
        pdf = sample_site / f"ban-tin/ban-tin-{key}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
        assert 1 <= pages <= 4, (key, pages)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        year, month = key.split("-")
        assert f"Số {int(month)} · Tháng {int(month)}/{year}" in text and f"Trang {pages}/{pages}" in text
        assert "Đảng bộ Khối tỉnh Sơn Hà" in text and "Định hướng nội dung sinh hoạt chuyên đề" in text
    # pages as pictures, for a person to look at (build/screenshots/pdf-<key>-<page>.png)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for key in ("2026-03", "2026-11"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(sample_site / f"ban-tin/ban-tin-{key}.pdf"), str(SHOTS / f"pdf-{key}")],
            check=True,
        )
    assert list(SHOTS.glob("pdf-2026-03-*.png"))

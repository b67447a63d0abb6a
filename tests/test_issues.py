"""Bulletin issues in a real build: pages, archive, feed, print edition, and `bulletin new-issue`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from crafted import Org, full_year, meeting
from test_build import BIN, html, run
from test_monthly import percent

ATOM = "{http://www.w3.org/2005/Atom}"


def build(org: Org, extra: str = "") -> None:
    org.mkdocs_yml(extra)
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def issues(org: Org) -> Org:
    org.cell("b", name="Chi bộ Đông")
    org.outline("ho-chi-minh/nep-song", title="Nếp sống giản dị", summary="Tóm tắt đề cương về nếp sống giản dị.")
    org.meetings("a", 2023, full_year(2023))
    org.meetings("a", 2024, full_year(2024, present=9, speakers=3))
    org.meetings("b", 2023, full_year(2023))
    org.meetings("b", 2024, [meeting("2024-01-05", present=7, speakers=2)])  # b misses February
    org.issue("2023-12", body="Số cuối năm 2023.\n", number=12)
    org.issue("2024-02", body="Lời mở đầu tháng 2.\n", number=2)
    org.issue("2024-03", body="Tháng 3, các chi bộ học tập nếp sống giản dị.\n", number=3, topics=["ho-chi-minh/nep-song"])
    build(org)
    return org


def test_the_archive_lists_every_issue_newest_first_by_year(issues: Org) -> None:
    page = html(issues, "ban-tin/index.html")
    assert re.findall(r'href="(\d{4}-\d{2})/"', page) == ["2024-03", "2024-02", "2023-12"]
    assert page.index("Năm 2024") < page.index("Năm 2023")
    assert "Số 3 · tháng 3/2024" in page and "Tháng 3, các chi bộ học tập nếp sống giản dị." in page
    assert 'href="ban-tin-2024-03.pdf"' in page and 'href="feed.xml"' in page


def test_an_issue_shows_the_previous_months_figures_from_the_meetings(issues: Org) -> None:
    page = html(issues, "ban-tin/2024-03/index.html")
    assert "Số liệu sinh hoạt tháng 2/2024" in page
    # February 2024: a met (ket-hop, 9 of 10, 3 speakers); b did not meet at all
    assert "50,0%<br><small>1/2</small>" in page  # cells that met
    assert f"{percent(9, 10):.1f}%".replace(".", ",") in page
    assert 'Chi bộ chưa sinh hoạt thường kỳ (1):</strong> <a href="../../chi-bo/b/">Chi bộ Đông</a>' in page
    assert "Tháng 2/2023" in page  # compared with a year before
    assert '<a href="../ban-tin-2024-03.pdf" class="bt-pdf">' in page
    assert '<a href="../../chuyen-de/ho-chi-minh/nep-song/">' in page


def test_the_feed_is_atom_with_every_issue_newest_first(issues: Org) -> None:
    feed = ET.parse(issues.root / "site/ban-tin/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Bản tin tháng 3/2024",
        "Bản tin tháng 2/2024",
        "Bản tin tháng 12/2023",
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert first.findtext(f"{ATOM}updated") == "2024-03-01T00:00:00+07:00"
    hrefs = {link.get("rel"): link.get("href") for link in first.findall(f"{ATOM}link")}
    # no site_url: links relative to the feed, which Atom allows; they resolve in the built site
    assert hrefs == {"alternate": "2024-03/", "enclosure": "ban-tin-2024-03.pdf"}
    for href in hrefs.values():
        target = issues.root / "site/ban-tin" / href
        assert (target / "index.html" if href.endswith("/") else target).is_file()
    assert feed.find(f"{ATOM}link[@rel='self']") is None


def test_with_site_url_the_feed_and_the_pdf_link_absolutely(issues: Org) -> None:
    build(issues, "site_url: http://ban-tin.intranet.example/\n")
    feed = ET.parse(issues.root / "site/ban-tin/feed.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://ban-tin.intranet.example/ban-tin/feed.xml"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://ban-tin.intranet.example/ban-tin/2024-03/"
    text = pdftotext(issues.root / "site/ban-tin/ban-tin-2024-03.pdf")
    assert "Bản điện tử: http://ban-tin.intranet.example/ban-tin/2024-03/" in text


def pdftotext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:\s+595.276 x 841.89 pts \(A4\)", info, re.M)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def test_every_issue_has_a_print_edition_with_header_figures_and_outlines(issues: Org) -> None:
    site = issues.root / "site/ban-tin"
    assert sorted(p.name for p in site.glob("*.pdf")) == [f"ban-tin-{k}.pdf" for k in ("2023-12", "2024-02", "2024-03")]
    pdf = site / "ban-tin-2024-03.pdf"
    assert page_count(pdf) == 1
    text = pdftotext(pdf)
    for expected in (
        "Đảng bộ Khối Thử nghiệm (hư cấu)",  # the committee, in the header and the masthead
        "Số 3 · Tháng 3/2024",  # the issue, in the header
        "Trang 1/1",
        "Tháng 3, các chi bộ học tập nếp sống giản dị.",
        "Số liệu sinh hoạt tháng 2/2024",
        "Tỷ lệ dự họp",
        "90,0%",  # 9 of 10 present in February 2024
        "Chi bộ chưa sinh hoạt thường kỳ (1): Chi bộ Đông",
        "Nếp sống giản dị",
        "Tóm tắt đề cương về nếp sống giản dị.",
    ):
        assert expected in text, expected


def test_a_long_issue_numbers_every_page_and_repeats_the_header(org: Org) -> None:
    org.issue(
        "2024-03", body="\n\n".join(f"Đoạn {i}: nội dung sinh hoạt chi bộ, tiếng Việt đủ dấu." for i in range(120)), number=3
    )
    build(org)
    pdf = org.root / "site/ban-tin/ban-tin-2024-03.pdf"
    pages = page_count(pdf)
    assert pages >= 3
    for n in range(1, pages + 1):
        text = pdftotext(pdf, n)
        assert f"Trang {n}/{pages}" in text and "Số 3 · Tháng 3/2024" in text
    assert "Đoạn 119: nội dung sinh hoạt chi bộ, tiếng Việt đủ dấu." in pdftotext(pdf, pages)


def test_without_the_print_edition_there_is_no_pdf_and_no_link(org: Org) -> None:
    org.issue("2024-03")
    org.mkdocs_yml()
    config = (org.root / "mkdocs.yml").read_text(encoding="utf-8").replace("as_of:", "print_edition: false\n      as_of:")
    (org.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root).returncode == 0
    assert not list((org.root / "site").rglob("*.pdf"))
    assert ".pdf" not in html(org, "ban-tin/2024-03/index.html") + html(org, "ban-tin/index.html")


def test_a_missing_renderer_stops_the_build_before_the_site_is_touched(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from bulletin.outputs import print_edition

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if pango could not load
    with pytest.raises(print_edition.PrintUnavailable, match="make print-deps"):
        print_edition.check()


def new_issue(org: Org, *args: str) -> subprocess.CompletedProcess[str]:
    return run(str(BIN / "bulletin"), "new-issue", *args, cwd=org.root)


def test_new_issue_writes_a_valid_issue_with_fresh_outlines_and_never_overwrites(org: Org) -> None:
    for ref, title in [
        ("ho-chi-minh/a-mot", "A một"),
        ("ho-chi-minh/b-hai", "B hai"),
        ("dan-van-kheo/c-ba", "C ba"),
        ("dan-van-kheo/d-bon", "D bốn"),
    ]:
        org.outline(ref, title=title)
    # ho-chi-minh was featured in March, dan-van-kheo in January; b-hai is held most often
    org.issue("2024-01", topics=["dan-van-kheo/c-ba"])
    org.issue("2024-03", topics=["ho-chi-minh/nep-song"])
    org.meetings("a", 2024, [meeting("2024-02-05", "ket-hop", topic="ho-chi-minh/b-hai")])
    org.mkdocs_yml()
    result = new_issue(org, "2024-04")
    assert result.returncode == 0, result.stderr
    path = org.root / "content/bulletin/2024-04.md"
    text = path.read_text(encoding="utf-8")
    # dan-van-kheo's turn first (featured longest ago), its unfeatured d-bon; then ho-chi-minh's least held: a-mot
    assert re.findall(r"^  - (\S+)", text, re.M) == ["dan-van-kheo/d-bon", "ho-chi-minh/a-mot"]
    assert "number: 4\n" in text and 'title: "Bản tin sinh hoạt nội bộ tháng 4/2024"' in text
    assert run(str(BIN / "bulletin"), "validate", cwd=org.root).returncode == 0
    path.write_text(text + "Đã sửa.\n", encoding="utf-8")
    again = new_issue(org, "2024-04")
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("Đã sửa.\n")
    assert new_issue(org, "2024-13").returncode == 2


def test_new_issue_numbers_in_sequence_when_configured(org: Org) -> None:
    org.issue("2024-01", number=1)
    org.issue("2024-03", number=2)
    org.mkdocs_yml()
    config = (org.root / "mkdocs.yml").read_text(encoding="utf-8").replace("as_of:", "numbering: sequence\n      as_of:")
    (org.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert new_issue(org, "2024-05").returncode == 0
    assert "number: 3\n" in (org.root / "content/bulletin/2024-05.md").read_text(encoding="utf-8")

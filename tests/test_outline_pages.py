"""The chuyên đề library as built by MkDocs: library, theme, outline and tags pages, and backlinks."""

from __future__ import annotations

import re

import pytest

from crafted import Org, full_year, meeting
from test_build import BIN, html, run

TAGS_PLUGIN = (
    "  - tags:\n"
    "      tags_sort_by: !!python/name:bulletin.pages.topics.tag_order\n"
    "      listings_tags_sort_by: !!python/name:bulletin.pages.topics.tag_order\n"
)


@pytest.fixture
def library(org: Org) -> Org:
    org.outline(
        "ho-chi-minh/nep-song",
        title="Nếp sống giản dị",
        summary="Học Bác sống giản dị.",
        year=2024,
        duration=100,
        references=["Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"],
        tags=["nêu gương", "Chỉ thị 05", "đạo đức"],
        body="## I. Mục đích, yêu cầu\n\n1. Hiểu.\n2. Làm.\n\n## II. Nội dung\n\n- **Giản dị:** trong sinh hoạt.\n",
    )
    org.outline("ho-chi-minh/cu-2020", title="Đề cương cũ", year=2020, tags=["nêu gương"])
    org.outline("dan-van-kheo/tiep-dan", title="Tiếp dân", year=2025, duration=90)
    org.cell("b", name="Chi bộ Bê")
    org.meetings("a", 2024, full_year(2024))  # ket-hop in Feb, May, Aug, Nov on ho-chi-minh/nep-song
    org.meetings("b", 2024, [meeting("2024-03-05", "chuyen-de", topic="ho-chi-minh/nep-song")])
    org.issue("2024-03", topics=["ho-chi-minh/nep-song"], number=3, title="Bản tin tháng 3/2024")
    org.mkdocs_yml()
    text = (org.root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - search\n", "  - search\n" + TAGS_PLUGIN)
    org.write("mkdocs.yml", text)
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr
    return org


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_library_groups_outlines_by_theme_with_their_facts(library: Org) -> None:
    page = html(library, "chuyen-de/index.html")
    words = text_of(page)
    assert "3 đề cương theo 2 chủ đề" in words
    hcm, dvk = page.index('id="ho-chi-minh"'), page.index('id="dan-van-kheo"')
    assert hcm < dvk  # themes in the configured order
    # Newest first inside a theme; each card: title, summary, year, duration, cells that used it.
    assert page.index("Nếp sống giản dị") < page.index("Đề cương cũ") < dvk
    card = text_of(page[page.index("Nếp sống giản dị") - 200 : page.index("Đề cương cũ")])
    assert "Học Bác sống giản dị. Năm 2024 100 phút 2 chi bộ đã sinh hoạt Tải về (.docx)" in card
    assert "chưa chi bộ nào sinh hoạt" in text_of(page[page.index("Đề cương cũ") :])
    assert 'href="ho-chi-minh/nep-song/"' in page and 'href="ho-chi-minh/nep-song.docx"' in page
    assert 'href="ho-chi-minh/"' in page and 'href="tu-khoa/"' in page


def test_a_theme_page_lists_only_its_outlines(library: Org) -> None:
    page = html(library, "chuyen-de/ho-chi-minh/index.html")
    assert "Nếp sống giản dị" in page and "Đề cương cũ" in page and "Tiếp dân" not in page
    assert "2 đề cương" in text_of(page) and 'href="../"' in page
    assert "Chưa có đề cương nào" in text_of(html(library, "chuyen-de/phong-chong-tham-nhung/index.html"))


def test_an_outline_page_has_its_tools_references_tags_and_backlinks(library: Org) -> None:
    page = html(library, "chuyen-de/ho-chi-minh/nep-song/index.html")
    assert '<a class="md-button" href="../nep-song.docx" download>Tải về (.docx)</a>' in page
    assert "data-bt-copy" in page and "data-bt-print" in page
    assert "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị" in page
    assert "<ol>\n<li>Hiểu.</li>" in page and "<strong>Giản dị:</strong>" in page
    # The tags link to the tags index, one anchor per tag.
    assert 'href="../../tu-khoa/#tag:chỉ-thị-05"' in page
    # Where it was used: the bulletin issue, and each cell's meetings with dates.
    used = page[page.index('id="da-su-dung"') :]
    assert page.index("bt-outline-end") < page.index('id="da-su-dung"')  # not part of the outline
    assert '<a href="../../../ban-tin/2024-03/">Bản tin tháng 3/2024</a>' in used
    assert "2 chi bộ đã sinh hoạt theo đề cương này" in text_of(used)
    assert used.count('href="../../../chi-bo/a/"') == 4 and used.count('href="../../../chi-bo/b/"') == 1
    assert "05/03/2024" in used and "05/11/2024" in used


def test_the_tags_index_lists_each_tag_with_its_outlines(library: Org) -> None:
    page = html(library, "chuyen-de/tu-khoa/index.html")
    assert 'id="tag:nêu-gương"' in page and 'id="tag:chỉ-thị-05"' in page
    assert page.index('id="tag:chỉ-thị-05"') < page.index('id="tag:đạo-đức"') < page.index('id="tag:nêu-gương"')
    section = page[page.index('id="tag:nêu-gương"') :]
    assert "Nếp sống giản dị" in section and "Đề cương cũ" in section
    assert "Tiếp dân" not in page  # no tags, not listed
    # Vietnamese order, case aside: "Chỉ thị 05" before "nêu gương".
    assert page.index('id="tag:chỉ-thị-05"') < page.index('id="tag:nêu-gương"')


def test_meeting_and_bulletin_pages_link_to_the_outline(library: Org) -> None:
    assert '<a href="../../chuyen-de/ho-chi-minh/nep-song/">' in html(library, "chi-bo/b/index.html")
    assert 'href="../../chuyen-de/ho-chi-minh/nep-song/"' in html(library, "ban-tin/2024-03/index.html")


def test_the_word_documents_are_published_beside_the_pages(library: Org) -> None:
    for ref in ("ho-chi-minh/nep-song", "ho-chi-minh/cu-2020", "dan-van-kheo/tiep-dan"):
        assert (library.root / "site/chuyen-de" / f"{ref}.docx").read_bytes()[:2] == b"PK"


def test_without_material_tags_no_tags_index_and_no_link_to_it(org: Org) -> None:
    org.outline("ho-chi-minh/nep-song", title="Nếp sống", tags=["x"])
    org.mkdocs_yml()
    assert run(str(BIN / "mkdocs"), "build", "--strict", cwd=org.root).returncode == 0
    assert not (org.root / "site/chuyen-de/tu-khoa").exists()
    assert "tu-khoa" not in html(org, "chuyen-de/index.html")


def test_the_download_link_works_with_and_without_directory_urls() -> None:
    from bulletin.pages import links

    page, docx = links.outline_doc("t/x"), links.outline_docx("t/x")
    assert links.relative(page, docx, True) == "../x.docx"  # from chuyen-de/t/x/
    assert links.relative(page, docx, False) == "x.docx"  # from chuyen-de/t/x.html

"""Search as people type it: without marks, in capitals, decomposed, đ as d, phrases, names, numbers.

Every query is typed into the site's own search box in headless Chromium, over HTTP and from
file:// (the offline build), with every request outside the site aborted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import DESKTOP, build_sample, screenshot
from searchbox import META, Index, Result, open_search, outside_guard, search

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731 - what a Mac or a copied PDF sends

DAN_VAN_KHEO = "chuyen-de/dan-van-kheo/"
VAN_PHONG_KHOI = "chi-bo/dang-uy-khoi-van-phong"  # secretary Đặng Thanh Bình
CONG_VU = "chi-bo/khu-nha-o-cong-vu"  # secretary Nguyễn Ngọc Tâm
CHI_THI_05 = "chuyen-de/ho-chi-minh/hoc-tap-chi-thi-05-va-ket-luan-01"
QD_144 = "chuyen-de/phong-chong-tham-nhung/chuan-muc-dao-duc-cach-mang"


class Site:
    """The sample site in one browser tab with the search box open."""

    def __init__(self, page: Any, root: str, index: Index, attempted: list[str]) -> None:
        self.page, self.root, self.index, self.attempted = page, root, index, attempted
        self.html = root.startswith("http")

    def search(self, query: str, paste: bool = False) -> list[Result]:
        return search(self.page, query, self.root, paste=paste)

    def path(self, stem: str) -> str:
        """'chi-bo/x' -> 'chi-bo/x/' over HTTP, 'chi-bo/x.html' from file://."""
        if stem.endswith("/"):
            return stem if self.html else stem + "index.html"
        return stem + "/" if self.html else stem + ".html"


def _site(browser: Any, root: str, url: str, folder: Path) -> Iterator[Site]:
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")  # type: ignore[attr-defined]
    attempted = outside_guard(context, (root,))
    page = context.new_page()
    open_search(page, url)
    yield Site(page, root, Index(folder), attempted)
    context.close()


@pytest.fixture(scope="module")
def over_http(browser: Any, base_url: str, sample_site: Path) -> Iterator[Site]:
    yield from _site(browser, base_url, base_url, sample_site)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("offline") / "site-offline", env={"BULLETIN_OFFLINE": "true"})


@pytest.fixture(scope="module")
def from_file(browser: Any, offline_site: Path) -> Iterator[Site]:
    root = offline_site.as_uri() + "/"
    yield from _site(browser, root, root + "index.html", offline_site)


@pytest.fixture(params=["http", "file"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue("over_http" if request.param == "http" else "from_file")


def top(results: list[Result], n: int = 3) -> list[str]:
    return [r.path for r in results[:n]]


# --- the same pages, however the words are typed ------------------------------------------------

DAN_VAN_KHEO_WAYS = ["Dân vận khéo", "dan van kheo", "DAN VAN KHEO", "dân van KHÉO", NFD("Dân vận khéo")]


@pytest.mark.parametrize("query", DAN_VAN_KHEO_WAYS)
def test_dan_van_kheo_however_typed_finds_the_outlines_of_that_theme_first(site: Site, query: str) -> None:
    results = site.search(query)
    assert len(results) >= 5
    assert all(path.startswith(DAN_VAN_KHEO) for path in top(results, 4)), top(results, 4)
    assert all(site.index.page_holds(p, "dân vận khéo") for p in top(results, 3))


def test_every_way_of_typing_gives_the_same_first_pages(over_http: Site) -> None:
    firsts = {tuple(sorted(top(over_http.search(q), 5))) for q in DAN_VAN_KHEO_WAYS}
    assert len(firsts) == 1, firsts


def test_a_decomposed_query_pasted_in_finds_what_the_composed_one_finds(site: Site) -> None:
    pasted = site.search(NFD("Nguyễn Ngọc Tâm"), paste=True)
    assert top(pasted, 1) == [site.path(CONG_VU)]
    assert top(pasted, 5) == top(site.search("Nguyễn Ngọc Tâm"), 5)


@pytest.mark.parametrize("query", ["dang uy khoi", "Đảng ủy Khối", "ĐẢNG ỦY KHỐI", "đang uy khoi"])
def test_d_with_stroke_folds_to_d(site: Site, query: str) -> None:
    results = site.search(query)
    assert results and all(site.index.page_holds(p, "đảng ủy khối") for p in top(results, 2)), top(results)
    assert site.path(VAN_PHONG_KHOI) in top(results, 3)


@pytest.mark.parametrize("query", ["Điện lực", "dien luc", "DIEN LUC"])
def test_cells_by_name_without_marks(site: Site, query: str) -> None:
    results = site.search(query)
    assert [r.labels[:1] for r in results[:3]] == [("Chi bộ",)] * 3
    assert all("Điện lực" in r.title for r in results[:3]), [r.title for r in results[:3]]


# --- a cell by its secretary or its parent ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "cell"),
    [
        ("Đặng Thanh Bình", VAN_PHONG_KHOI),
        ("dang thanh binh", VAN_PHONG_KHOI),
        ("nguyen ngoc tam", CONG_VU),
    ],
)
def test_a_cell_by_its_secretary(site: Site, query: str, cell: str) -> None:
    results = site.search(query)
    assert top(results, 1) == [site.path(cell)]
    assert results[0].labels[:1] == ("Chi bộ",)


def test_cells_by_their_parent_organisation(site: Site) -> None:
    results = site.search("dang bo so y te")
    assert all(site.index.page_holds(p, "Đảng bộ Sở Y tế") for p in top(results, 3)), top(results)
    assert sum(site.index.page_holds(r.path, "Trực thuộc Đảng bộ Sở Y tế") for r in results[:6]) >= 3, top(results, 6)


# --- phrases first, exact marks first -----------------------------------------------------------


@pytest.mark.parametrize("query", ["tham nhung", "tham nhũng", "phong chong tham nhung", "sinh hoat chuyen de"])
def test_pages_holding_the_whole_phrase_come_before_pages_with_one_of_its_words(site: Site, query: str) -> None:
    results = site.search(query)
    flags = [site.index.page_holds(r.path, query) for r in results]
    assert flags[0], results[0]
    assert flags == sorted(flags, reverse=True), list(zip(top(results, 10), flags, strict=False))


def test_a_multi_word_query_keeps_only_pages_with_every_word_when_some_have_them(site: Site) -> None:
    results = site.search("so tu phap")
    assert results
    lacking = [r.path for r in results if not all(site.index.page_holds(r.path, w) for w in ("so", "tu", "phap"))]
    assert not lacking, lacking


def test_a_single_word_does_not_rank_every_page_with_a_longer_word_first(site: Site) -> None:
    results = site.search("tham")
    assert site.index.page_holds(results[0].path, "tham")


@pytest.mark.parametrize("query", ["bố", "Tâm", "đang"])
def test_a_query_with_marks_ranks_exact_matches_first(site: Site, query: str) -> None:
    results = site.search(query)
    exact = [site.index.page_holds(r.path, query, fold=False) for r in results]
    assert exact[0]
    assert exact == sorted(exact, reverse=True), list(zip(top(results, 10), exact, strict=False))
    # ... and the folded word still finds the pages written otherwise (bộ; tầm, tám; đảng).
    shown = int(site.page.inner_text(META).split()[0])
    assert shown > len(site.index.pages_holding(query, fold=False))


# --- cited documents, bulletins, labels ---------------------------------------------------------


@pytest.mark.parametrize("query", ["05-CT/TW", "chỉ thị 05", "chi thi 05"])
def test_a_cited_document_number(site: Site, query: str) -> None:
    results = site.search(query)
    assert site.path(CHI_THI_05) in top(results, 3), top(results)
    assert site.index.page_holds(results[0].path, query)


@pytest.mark.parametrize("query", ["144", "144-QĐ/TW", "144-QD/TW", "quy dinh 144"])
def test_a_regulation_by_its_number(site: Site, query: str) -> None:
    results = site.search(query)
    assert site.path(QD_144) in top(results, 5), top(results, 5)
    assert site.index.page_holds(results[0].path, query)


def test_bulletin_issues_and_outlines_say_what_they_are(site: Site) -> None:
    results = site.search("ban tin thang 5/2026")
    assert results[0].path == site.path("ban-tin/2026-05")
    assert results[0].labels[:1] == ("Bản tin",)
    outline = site.search("chuan muc dao duc cach mang")[0]
    assert outline.path == site.path(QD_144) and outline.labels[:1] == ("Chuyên đề",)
    screenshot(site.page, f"search-labels-{'http' if site.html else 'file'}")


def test_no_request_left_the_site_while_searching(site: Site) -> None:
    site.search("dan van kheo")
    assert site.attempted == []


def test_offline_build_reads_the_index_as_a_script_and_loads_no_cdn(offline_site: Path) -> None:
    assert (offline_site / "search" / "search_index.js").is_file()
    page = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker-1.0.4.js"' in page
    assert "unpkg" not in page and "://" not in page.split("<body")[0].replace("http://www.w3.org", "")
    assert (offline_site / f"{VAN_PHONG_KHOI}.html").is_file()  # the offline plugin turns directory URLs off


def test_search_results_on_a_phone(phone: Any, base_url: str) -> None:
    phone.goto(base_url)
    phone.click("label.md-header__button[for=__search]")
    results = search(phone, "dan van kheo", base_url)
    assert results[0].path.startswith(DAN_VAN_KHEO)
    screenshot(phone, "search-phone")


# --- narrowing: every word first, short or prefix-only matches dropped, marks as typed --------------


def test_so_tu_phap_finds_the_cell_first_and_drops_pages_with_only_so_or_tu(site: Site) -> None:
    results = site.search("so tu phap")
    assert top(results, 1) == [site.path("chi-bo/so-tu-phap")]
    # every page shown holds every word, or at least the long one ("pháp"): none only "số"/"từ"
    for r in results:
        assert site.index.page_holds(r.path, "pháp") or site.index.page_holds(r.path, "phap"), r.path
    assert len(results) < 40


def test_dan_highlights_dan_not_dang_and_the_label_is_not_a_tag(over_http: Site) -> None:
    over_http.search("dan")
    marks = over_http.page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.innerText.toLowerCase())")
    assert marks and not [m for m in marks if m.startswith("đ")], marks
    chips = over_http.page.eval_on_selector_all(".md-search-result .md-tag", "ts => ts.map(t => t.innerText)")
    assert not {"Chi bộ", "Chuyên đề", "Bản tin"} & set(chips)


def test_a_result_found_without_marks_opens_with_the_words_marked_as_written(over_http: Site) -> None:
    over_http.search("so tu phap")
    page = over_http.page
    page.click(".md-search-result__item >> nth=0 >> a.md-search-result__link")
    page.wait_for_load_state("load")
    marked = page.eval_on_selector_all("article mark", "ms => ms.map(m => m.innerText)")
    assert {"Sở", "Tư", "pháp"} <= set(marked), marked
    screenshot(page, "search-opened-marked")
    open_search(page, over_http.root)  # leave the module's tab as it found it

"""Readers find their way: every page kind is accessible (axe-core), placed (tab and breadcrumb),
readable on a phone; the offline copy works from file://; the clerk's month filter and Excel work.

The sample is judged as of 23/11/2026 (browsing.AS_OF): November is in progress.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe import violations
from browsing import DESKTOP, PHONE, build_sample, screenshot

from office import convert

# One page of every kind, over HTTP (directory URLs).
KINDS = {
    "home": "",
    "overview": "tong-hop/",
    "overview-year": "tong-hop/2025/",
    "cells-index": "chi-bo/",
    "cell": "chi-bo/so-tu-phap/",
    "library": "chuyen-de/",
    "theme": "chuyen-de/ho-chi-minh/",
    "outline": "chuyen-de/ho-chi-minh/phong-cach-neu-guong/",
    "tags": "chuyen-de/tu-khoa/",
    "archive": "ban-tin/",
    "issue": "ban-tin/2026-11/",
    "reader-guide": "huong-dan/su-dung/",
    "guides": "huong-dan/",
    "editor-guide": "huong-dan/cap-nhat-du-lieu/",
    "data-entry-guide": "huong-dan-nhap-lieu/",
    "format-guide": "huong-dan/dinh-dang-du-lieu/",
    "404": "404.html",
}


@pytest.fixture(params=["desktop", "phone"])
def any_screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    # axe-core is injected as an inline script, which the pages' own CSP (rightly) refuses; only
    # this context lets the test's instrument in. The CSP itself is held by test_csp.
    if request.param == "desktop":
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", bypass_csp=True)
    else:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN", bypass_csp=True)
    yield request.param, context.new_page()
    context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_passes_axe_core_with_one_h1_and_captioned_tables(
    kind: str, any_screen: tuple[str, Any], base_url: str
) -> None:
    screen, page = any_screen
    page.goto(base_url + KINDS[kind])
    page.wait_for_load_state("load")
    screenshot(page, f"readers-{kind}-{screen}", full_page=True)
    assert page.locator("h1").count() == 1
    uncaptioned = page.eval_on_selector_all(
        "article table", "ts => ts.filter(t => !t.caption && !t.closest('figure')?.querySelector('figcaption')).length"
    )
    hand_written = kind in ("editor-guide", "data-entry-guide")  # Markdown tables an editor wrote
    assert hand_written or uncaptioned == 0
    assert violations(page) == []


def _contrast(fg: str, bg: str) -> float:
    def lum(rgb: str) -> float:
        channels = [float(v) / 255 for v in re.findall(r"[\d.]+", rgb)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_links_and_tabs_meet_wcag_aa_contrast(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "chi-bo/")
    link = desktop.eval_on_selector("article a[href*='so-tu-phap']", "a => getComputedStyle(a).color")
    assert _contrast(link, "rgb(255, 255, 255)") >= 4.5
    header = desktop.eval_on_selector(".md-tabs", "t => getComputedStyle(t).backgroundColor")
    for selector in (".md-tabs__item--active .md-tabs__link", ".md-tabs__item:not(.md-tabs__item--active) .md-tabs__link"):
        color, opacity = desktop.eval_on_selector(selector, "a => [getComputedStyle(a).color, getComputedStyle(a).opacity]")
        # white at that opacity over the red
        white = [255 * float(opacity) + c * (1 - float(opacity)) for c in map(int, re.findall(r"\d+", header)[:3])]
        assert color.startswith("rgb(255, 255, 255") and _contrast(f"rgb({','.join(map(str, white))})", header) >= 4.5


@pytest.mark.parametrize(
    ("path", "tab", "crumbs"),
    [
        ("chi-bo/so-tu-phap/", "Chi bộ", ["Chi bộ", "Chi bộ cơ sở trực thuộc Đảng bộ Khối", "Chi bộ Sở Tư pháp"]),
        ("chi-bo/phong-nghiep-vu-y/", "Chi bộ", ["Chi bộ", "Đảng bộ Sở Y tế", "Chi bộ Phòng Nghiệp vụ Y"]),
        ("tong-hop/2025/", "Tổng hợp", ["Tổng hợp", "2025"]),
        (
            "chuyen-de/ho-chi-minh/phong-cach-neu-guong/",
            "Chuyên đề",
            ["Chuyên đề", "Học tập và làm theo tư tưởng", "Phong cách nêu gương"],
        ),
        ("ban-tin/2026-11/", "Bản tin", ["Bản tin", "2026", "tháng 11/2026"]),
        ("huong-dan-nhap-lieu/", "Hướng dẫn", ["Hướng dẫn", "Cập nhật dữ liệu", "Nhập số liệu"]),
    ],
)
def test_every_page_lights_its_tab_and_shows_its_breadcrumb(
    desktop: Any, base_url: str, path: str, tab: str, crumbs: list[str]
) -> None:
    desktop.goto(base_url + path)
    assert desktop.inner_text(".md-tabs__item--active").strip() == tab
    trail = [t.strip() for t in desktop.locator(".md-path__item").all_inner_texts()]
    assert len(trail) == len(crumbs) and all(t.startswith(c) for t, c in zip(trail, crumbs, strict=True)), trail
    # The trail leads back: its first link opens the section's page.
    desktop.click(".md-path__item:first-child a")
    assert desktop.inner_text(".md-tabs__item--active").strip() == tab


@pytest.mark.parametrize(
    "path",
    ["", "tong-hop/", "chi-bo/", "chuyen-de/", "chuyen-de/dan-van-kheo/", "ban-tin/", "huong-dan/", "chi-bo/so-tu-phap/"],
)
def test_no_page_keeps_an_empty_sidebar_and_data_pages_use_the_width(desktop: Any, base_url: str, path: str) -> None:
    desktop.goto(base_url + path)
    if path != "huong-dan/":  # the guides' index keeps its navigation: the four guides
        assert not desktop.locator(".md-sidebar--primary").is_visible()
    toc = desktop.locator(".md-sidebar--secondary")
    if toc.count() and toc.first.is_visible():  # a table of contents, if shown, has entries
        assert desktop.locator(".md-sidebar--secondary .md-nav__link").count() > 0, path
    if path in ("tong-hop/", "chi-bo/", "chi-bo/so-tu-phap/"):
        assert desktop.eval_on_selector("article", "a => a.getBoundingClientRect().width") > 1100


def test_footer_and_404_speak_vietnamese_with_a_way_back_and_a_search(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "khong-co-trang-nay/")  # the test server answers 404 with its own page: open ours
    desktop.goto(base_url + "404.html")
    assert desktop.inner_text("h1") == "Không tìm thấy trang"
    assert "Made with" not in desktop.inner_text("footer") and "nội bộ" in desktop.inner_text("footer")
    assert desktop.locator("article a", has_text="Về trang chủ").count() == 1
    desktop.fill("#bt-404-q", "so tu phap")
    desktop.click(".bt-404-search button")
    desktop.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)
    assert desktop.input_value("input[data-md-component=search-query]") == "so tu phap"
    assert "Sở Tư pháp" in desktop.inner_text(".md-search-result__item >> nth=0")


def test_the_grid_finds_who_has_not_met_in_a_month_and_sorts_by_it(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "tong-hop/2025/")
    bar = ".bt-filters[data-for='bt-grid']"
    expected = desktop.eval_on_selector_all("#bt-grid tbody tr[data-p-m8='missed']", "rows => rows.length")
    assert expected > 0
    desktop.select_option(f"{bar} select[data-filter='period']", "m8")
    desktop.select_option(f"{bar} select[data-filter='status']", label="Chưa họp")
    shown = desktop.locator("#bt-grid tbody tr:not([hidden])")
    assert shown.count() == expected
    assert all("không họp" in t for t in shown.locator("td:nth-child(9)").all_inner_texts())
    assert f"Hiển thị {expected}/" in desktop.inner_text(f"{bar} .bt-count")
    screenshot(desktop, "readers-grid-august-not-met")
    desktop.select_option(f"{bar} select[data-filter='period']", "q3")
    desktop.select_option(f"{bar} select[data-filter='status']", label="Đã họp")
    assert all("đã có" in t for t in shown.locator("td:nth-child(16)").all_inner_texts())
    desktop.select_option(f"{bar} select[data-filter='period']", "")
    # Sorting a month's column puts the cells that did not meet first.
    desktop.click("#bt-grid thead th:has-text('T8') button")
    first = desktop.locator("#bt-grid tbody tr:not([hidden])").first
    assert first.get_attribute("data-p-m8") == "missed"


def test_this_month_lists_cells_still_to_meet_with_secretary_and_supervisor(desktop: Any, base_url: str) -> None:
    for path in ("", "tong-hop/"):
        desktop.goto(base_url + path)
        assert "Tháng 11/2026" in desktop.inner_text("#thang-nay")
        headers = desktop.locator("table.bt-thismonth thead th").all_inner_texts()
        assert [h.strip(" ↕") for h in headers] == ["Chi bộ", "Trực thuộc", "Bí thư", "Cấp ủy viên phụ trách"]
        assert desktop.locator("table.bt-thismonth tbody tr").count() >= 1


def test_the_home_page_shows_the_standing_the_latest_issue_and_suggested_outlines(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url)
    assert re.search(r"\d+/44 chi bộ chưa đạt", desktop.inner_text(".bt-headline"))
    assert "tháng 11/2026" in desktop.inner_text("#ban-tin-moi + p").lower()
    assert desktop.locator("#de-cuong-goi-y ~ ul.bt-featured li").count() >= 2


def test_a_phone_reads_the_cell_chart(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "chi-bo/so-tu-phap/")
    chart = phone.locator("figure.bt-chart").first
    chart.scroll_into_view_if_needed()
    screenshot(phone, "readers-chart-phone")
    heights = chart.evaluate(
        "f => Array.from(f.querySelectorAll('text.bt-c-axis')).map(t => parseFloat(getComputedStyle(t).fontSize) * "
        "f.querySelector('svg').getBoundingClientRect().width / f.querySelector('svg').viewBox.baseVal.width)"
    )
    assert heights and min(heights) >= 10.5
    assert chart.locator("figcaption.bt-c-key").is_visible()


def test_outline_and_cells_index_say_what_they_count(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "chuyen-de/ho-chi-minh/tu-phe-binh-va-phe-binh/")
    said = desktop.inner_text("#da-su-dung ~ p strong >> nth=-1")
    cells, meetings = map(int, re.search(r"(\d+) chi bộ .* (\d+) buổi", said).groups())
    rows = desktop.locator("table.bt-uses tbody tr").count()
    assert meetings == rows and cells <= meetings
    desktop.goto(base_url + "chi-bo/")
    dissolved = desktop.locator("tr", has_text="đã giải thể")
    assert dissolved.count() >= 1 and "Đã giải thể" in dissolved.first.inner_text()


def test_quotations_print_black(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "chuyen-de/dan-van-kheo/dan-van-kheo-trong-co-quan/")
    desktop.emulate_media(media="print")
    colors = desktop.eval_on_selector_all("article blockquote", "qs => qs.map(q => getComputedStyle(q).color)")
    assert colors and set(colors) == {"rgb(0, 0, 0)"}


def test_the_yearly_xlsx_opens_in_openpyxl_and_libreoffice(sample_site: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = sample_site / "tong-hop/tong-hop-2025.xlsx"
    ws = load_workbook(source).active
    header = [c.value for c in ws[1]]
    assert header[:8] == [
        "STT",
        "Chi bộ",
        "Trực thuộc",
        "Loại hình",
        "Bí thư",
        "Cấp ủy viên phụ trách",
        "Số đảng viên",
        "Kết quả",
    ]
    assert "T1" in header and "T12" in header and "Quý IV" in header and "Tỷ lệ dự họp (%)" in header
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) >= 40 and {r[7] for r in rows} == {"Đạt", "Chưa đạt"}
    attendance = header.index("Tỷ lệ dự họp (%)")
    assert all(isinstance(r[attendance], float | int) for r in rows if r[attendance] is not None)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # LibreOffice opens it as a spreadsheet: its CSV export holds the same Vietnamese text.
    csv = convert(source, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path, tmp_path / "lo-profile")
    text = csv.read_text(encoding="utf-8")
    assert text.startswith("STT,Chi bộ,Trực thuộc") and "Chưa đạt" in text


def test_the_yearly_xlsx_prints_landscape_on_a4_one_page_wide_with_its_header_repeated(sample_site: Path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(sample_site / "tong-hop/tong-hop-2025.xlsx").active
    setup = ws.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$1"


def test_the_offline_copy_clicks_through_from_file_urls(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = build_sample(tmp_path_factory.mktemp("offline") / "site", env={"BULLETIN_OFFLINE": "true"})
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    failed: list[str] = []
    # A request the next click cancels (net::ERR_ABORTED, e.g. the favicon) is not a missing file.
    page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(f"{r.url} {r.failure}"))
    page.goto((site / "index.html").as_uri())
    for tab, link, heading in (
        ("Chi bộ", "article a:has-text('Chi bộ Sở Tư pháp')", "Chi bộ Sở Tư pháp"),
        ("Bản tin", "article ul.bt-archive a >> nth=0", "Bản tin"),
        ("Chuyên đề", "article .bt-card-title a >> nth=0", ""),
        ("Tổng hợp", "nav.bt-years a >> nth=0", "Tổng hợp sinh hoạt chi bộ năm"),
    ):
        page.click(f".md-tabs__link:has-text('{tab}')")
        page.wait_for_load_state("load")
        assert page.url.endswith(".html"), page.url
        page.click(link)
        page.wait_for_load_state("load")
        assert page.url.endswith(".html") and page.url.startswith("file://"), page.url
        assert page.locator("h1").count() == 1 and heading in page.inner_text("h1")
        # and back up the breadcrumb
        if page.locator(".md-path__item a").count():
            page.click(".md-path__item:first-child a")
            page.wait_for_load_state("load")
            assert page.url.endswith(".html") and page.locator("h1").count() == 1
    screenshot(page, "readers-offline-overview")
    context.close()
    assert failed == []

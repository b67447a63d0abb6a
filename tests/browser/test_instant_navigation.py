"""With Material's instant navigation on, pages arrive without a page load: the tables must still
sort and filter on every page reached that way, and never be wired twice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from browsing import ROOT, build_sample, serve


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("instant")
    for folder in ("content", "topics", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.tabs\n" in config
    config = config.replace("    - navigation.tabs\n", "    - navigation.tabs\n    - navigation.instant\n")
    # Material navigates instantly only to pages its sitemap lists by full address: serve first,
    # then build with that address as site_url.
    site = project / "site"
    site.mkdir()
    url, server = serve(site)
    (project / "mkdocs.yml").write_text(f"{config}\nsite_url: {url}\n", encoding="utf-8")
    build_sample(site, config=project / "mkdocs.yml", env={"BULLETIN_PRINT_EDITION": "false"})
    yield url
    server.shutdown()


def names(page: object, table: str) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        f"#{table} tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].innerText.trim())"
    )


def go(page: object, tab: str, path: str) -> None:
    """Follow a navigation tab; the marker proves no page load happened in between."""
    page.click(f".md-tabs a:text-is('{tab}')")  # type: ignore[attr-defined]
    page.wait_for_url(f"**/{path}")  # type: ignore[attr-defined]
    assert page.evaluate("window.__sameDocument") is True, "the tab was a full page load, not instant"  # type: ignore[attr-defined]


def test_tables_sort_and_filter_after_instant_navigation(desktop: object, instant_url: str) -> None:
    errors: list[str] = []
    desktop.on("pageerror", lambda e: errors.append(str(e)))  # type: ignore[attr-defined]
    desktop.goto(instant_url)  # type: ignore[attr-defined]
    desktop.evaluate("window.__sameDocument = true")  # type: ignore[attr-defined]

    go(desktop, "Tổng hợp", "tong-hop/")
    desktop.wait_for_selector("#bt-grid thead th:nth-child(1) button")  # type: ignore[attr-defined]
    desktop.click("#bt-grid thead th:nth-child(1) button")  # type: ignore[attr-defined]
    first = names(desktop, "bt-grid")
    assert first[0].startswith("Chi bộ Ấp Đoàn Kết")
    assert desktop.get_attribute("#bt-grid thead th:nth-child(1)", "aria-sort") == "ascending"  # type: ignore[attr-defined]

    go(desktop, "Chi bộ", "chi-bo/")
    bar = ".bt-filters[data-for]"
    desktop.wait_for_selector(f"{bar}:not([hidden])")  # type: ignore[attr-defined]
    desktop.fill(f"{bar} input[data-filter='name']", "dien luc")  # type: ignore[attr-defined]
    assert "Hiển thị 3/" in desktop.inner_text(f"{bar} .bt-count")  # type: ignore[attr-defined]

    # Back to the overview, again without a page load: one sort button per heading, and it works.
    go(desktop, "Tổng hợp", "tong-hop/")
    desktop.wait_for_selector("#bt-grid thead th:nth-child(1) button")  # type: ignore[attr-defined]
    assert desktop.locator("#bt-grid thead th:nth-child(1) button.bt-sort").count() == 1  # type: ignore[attr-defined]
    desktop.click("#bt-grid thead th:nth-child(1) button")  # type: ignore[attr-defined]
    desktop.click("#bt-grid thead th:nth-child(1) button")  # type: ignore[attr-defined]
    assert desktop.get_attribute("#bt-grid thead th:nth-child(1)", "aria-sort") == "descending"  # type: ignore[attr-defined]
    assert names(desktop, "bt-grid") == list(reversed(first))
    assert errors == []


def test_tables_sort_without_materials_document_observable(browser: object, base_url: str) -> None:
    """Another theme, or a Material without document$: the page's own load wires the tables."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script("Object.defineProperty(window, 'document$', {get: function () {}, set: function () {}})")
    page = context.new_page()
    page.goto(base_url + "tong-hop/")
    assert page.evaluate("window.document$") is None
    page.click("#bt-grid thead th:nth-child(1) button")
    assert names(page, "bt-grid")[0].startswith("Chi bộ Ấp Đoàn Kết")
    assert page.locator("#bt-grid thead th:nth-child(1) button.bt-sort").count() == 1
    context.close()

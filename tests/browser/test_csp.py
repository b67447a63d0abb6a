"""Every kind of page works under its Content-Security-Policy, over HTTP and from file:// (the
offline copy): no violation reported (console or `securitypolicyviolation` event), no page error,
search answers, and the policy really blocks what an editor could smuggle in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import build_sample, screenshot
from searchbox import open_search

# (name, path with directory URLs, path in the offline copy)
PAGES = [
    ("home", "", "index.html"),
    ("cell", "chi-bo/so-tu-phap/", "chi-bo/so-tu-phap.html"),
    ("overview", "tong-hop/", "tong-hop/index.html"),
    ("overview-year", "tong-hop/2025/", "tong-hop/2025/index.html"),
    ("outline", "chuyen-de/dan-van-kheo/dan-van-kheo-trong-co-quan/", "chuyen-de/dan-van-kheo/dan-van-kheo-trong-co-quan.html"),
    ("issue", "ban-tin/2026-11/", "ban-tin/2026-11.html"),
    ("archive", "ban-tin/", "ban-tin/index.html"),
    ("tags", "chuyen-de/tu-khoa/", "chuyen-de/tu-khoa.html"),
    ("guide", "huong-dan/", "huong-dan.html"),
    ("format", "huong-dan/dinh-dang-du-lieu/", "huong-dan/dinh-dang-du-lieu.html"),
    ("404", "404.html", "404.html"),
]

_LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("csp-offline") / "site-offline", env={"BULLETIN_OFFLINE": "true"})


class Watched:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(_LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning") and ("Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text):
            self.problems.append(f"console: {msg.text}")

    def open(self, url: str) -> list[str]:
        self.problems.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(300)  # deferred scripts, the search worker's start
        return self.problems + self.page.evaluate("window.__csp")


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    yield Watched(context.new_page())
    context.close()


@pytest.mark.parametrize(("name", "http_path", "file_path"), PAGES, ids=[p[0] for p in PAGES])
def test_each_kind_of_page_runs_without_a_violation_over_http(
    watched: Watched, base_url: str, name: str, http_path: str, file_path: str
) -> None:
    assert watched.open(base_url + http_path) == []
    assert watched.page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1


@pytest.mark.parametrize(("name", "http_path", "file_path"), PAGES, ids=[p[0] for p in PAGES])
def test_each_kind_of_page_runs_without_a_violation_from_file(
    watched: Watched, offline_copy: Path, name: str, http_path: str, file_path: str
) -> None:
    assert watched.open((offline_copy / file_path).as_uri()) == []


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_answers_under_the_policy(watched: Watched, base_url: str, offline_copy: Path, where: str) -> None:
    url = base_url if where == "http" else (offline_copy / "index.html").as_uri()
    assert watched.open(url) == []
    open_search(watched.page, url)
    watched.page.locator("input.md-search__input").fill("dân vận khéo")
    watched.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert watched.page.locator(".md-search-result__item").count() > 0
    screenshot(watched.page, f"csp-search-{where}")
    assert watched.problems + watched.page.evaluate("window.__csp") == []


def test_the_policy_blocks_script_that_was_not_built_in(watched: Watched, base_url: str) -> None:
    """Were markup to slip through, it would not run: an inline script, an event handler and a
    request to another origin added to a live page are all refused."""
    watched.open(base_url)
    ran = watched.page.evaluate(
        """() => {
        window.__ran = [];
        const s = document.createElement("script"); s.textContent = "window.__ran.push('inline')";
        document.body.appendChild(s);
        const d = document.createElement("div"); d.innerHTML = '<img src="x.png" onerror="window.__ran.push(1)">';
        document.body.appendChild(d);
        const i = document.createElement("img"); i.src = "http://evil.example/pwn.png"; document.body.appendChild(i);
        return window.__ran;
    }"""
    )
    watched.page.wait_for_timeout(300)
    assert ran == [] and watched.page.evaluate("window.__ran") == []
    blocked = " ".join(watched.page.evaluate("window.__csp"))
    assert "script-src" in blocked and "img-src" in blocked

"""In a real browser, no payload of the hostile organisation runs, and no request leaves the intranet."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import screenshot, serve

from crafted import Org
from hostile import hostile_org


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    org = hostile_org(Org(tmp_path_factory.mktemp("hostile")))
    bulletin = Path(sys.executable).parent / "bulletin"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(bulletin), "build", "--strict"], cwd=org.root, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    url, server = serve(org.root / "site")
    yield url, org.root / "site"
    server.shutdown()


def test_no_page_runs_a_payload_or_calls_outside(hostile_url: tuple[str, Path], desktop: object) -> None:
    url, site = hostile_url
    dialogs: list[str] = []
    outside: list[str] = []
    desktop.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    desktop.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))  # type: ignore[attr-defined]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 30
    for page in pages:
        desktop.goto(url + page.removesuffix("index.html"))  # type: ignore[attr-defined]
        for link in desktop.locator("article a").all()[:60]:  # type: ignore[attr-defined]
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith(("javascript", "data:", "vbscript")), href
    # Search results are rendered as HTML from the index: search for the payloads.
    desktop.goto(url)  # type: ignore[attr-defined]
    desktop.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
    desktop.keyboard.type("script onerror")  # type: ignore[attr-defined]
    desktop.wait_for_timeout(1500)  # type: ignore[attr-defined]
    screenshot(desktop, "hostile-search-desktop")
    assert dialogs == [] and outside == []


def test_hostile_text_reads_as_text(hostile_url: tuple[str, Path], desktop: object, phone: object) -> None:
    url, _ = hostile_url
    for page, name in ((desktop, "desktop"), (phone, "phone")):
        page.goto(url + "chuyen-de/ho-chi-minh/nep-song/")  # type: ignore[attr-defined]
        text = page.locator("article").inner_text()  # type: ignore[attr-defined]
        assert '<script>alert("pwn")</script>' in text and "{: onclick=alert(32) data-pwn=1 }" in text
        screenshot(page, f"hostile-outline-{name}")
        page.goto(url + "chi-bo/p4/")  # type: ignore[attr-defined]
        assert 'x" onmouseover="alert(3)" data-pwn="1' in page.locator("article").inner_text()  # type: ignore[attr-defined]
        screenshot(page, f"hostile-cell-{name}")

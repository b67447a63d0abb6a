"""On an intranet without internet: every page of the built site loads with nothing from outside,
and the site asks robots to stay away."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

from browsing import DESKTOP
from searchbox import outside_guard


def every_page(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_loads_with_the_network_cut_off(browser: Any, sample_site: Path, base_url: str) -> None:
    pages = every_page(sample_site)
    assert len(pages) > 80  # cells, outlines, bulletins, indexes
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")  # type: ignore[attr-defined]
    attempted = outside_guard(context, (base_url,))
    page = context.new_page()
    missing: list[str] = []  # (requests cut short by the next page.goto are not failures)
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    not_noindex = []
    for rel in pages:
        page.goto(base_url + rel, wait_until="load")
        if page.get_attribute("meta[name=robots]", "content") != "noindex, nofollow":
            not_noindex.append(rel)
    context.close()
    assert attempted == [], f"requests outside the site: {sorted(set(attempted))[:10]}"
    assert missing == [], f"missing files of the site: {sorted(set(missing))[:10]}"
    assert not_noindex == []


def test_robots_txt_disallows_everything(base_url: str) -> None:
    with urllib.request.urlopen(base_url + "robots.txt", timeout=10) as response:  # loopback only
        text = response.read().decode("utf-8")
    assert "User-agent: *" in text and "Disallow: /" in text.splitlines()

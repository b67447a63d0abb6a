"""Search that works for Vietnamese as people type it, on an intranet or from a USB stick.

Material's search plugin writes the pages' raw text to search/search_index.json and its worker
builds the lunr index in the browser. So the folding (marks dropped, đ -> d) happens there, in a
wrapper around Material's worker (static/search-vi.js): the index file keeps one copy of the text,
with its marks, and results show and highlight the words as written. Python's part is small:
publish the wrapper and the vendored iframe-worker shim, tell the worker what each page is, and
keep the offline build from reaching a CDN.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

WORKER = "assets/javascripts/workers/search-vi.js"  # beside Material's worker: it finds lunr's languages from there
SHIM = "assets/javascripts/iframe-worker-1.0.4.js"  # offline builds only; the name must say "iframe-worker"
ROBOTS = "robots.txt"

# What a result is, by the start of its URL (links.py: chi-bo/<id>, chuyen-de/<theme>/<id>, ban-tin/<key>).
KINDS = (
    ("chi-bo/", "Chi bộ"),
    ("chuyen-de/", "Chuyên đề"),
    ("ban-tin/", "Bản tin"),
    ("tong-hop/", "Tổng hợp"),
    ("huong-dan", "Hướng dẫn"),
)


def static_files() -> dict[str, bytes]:
    """The worker wrapper, the shim and robots.txt, by their published path."""
    folder = resources.files("bulletin").joinpath("static")
    return {
        WORKER: folder.joinpath("search-vi.js").read_bytes(),
        SHIM: folder.joinpath("iframe-worker-1.0.4.js").read_bytes(),
        # The bulletin is internal: no robot may index it, even if it leaks onto the web.
        ROBOTS: b"User-agent: *\nDisallow: /\n",
    }


def annotate(index: dict[str, Any]) -> dict[str, Any]:
    """Add what the worker needs to label results; Material passes the index's config to it whole."""
    index.setdefault("config", {})["bulletin"] = {"kinds": [list(k) for k in KINDS]}
    return index


def annotate_file(site_dir: Path) -> int | None:
    """Annotate site/search/search_index.json in place; its size in bytes, or None without search."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return None
    data = annotate(json.loads(path.read_text(encoding="utf-8")))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def offline_polyfills(polyfills: list[Any]) -> list[Any]:
    """Material's offline plugin loads the iframe-worker shim from a CDN unless a polyfill already
    names iframe-worker: list our vendored copy first and drop any outside one."""
    kept = [p for p in polyfills if not ("iframe-worker" in str(p) and "://" in str(p))]
    return kept if any("iframe-worker" in str(p) for p in kept) else [SHIM, *kept]

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
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from bulletin.data.model import CELL_KINDS, Cell, Dataset
from bulletin.pages import links
from bulletin.pages.context import NO_PARENT
from bulletin.pages.html import esc

WORKER = "assets/javascripts/workers/search-vi.js"  # beside Material's worker: it finds lunr's languages from there
SHIM = "assets/javascripts/iframe-worker-1.0.4.js"  # offline builds only; the name must say "iframe-worker"
PRELUDE = "assets/javascripts/iframe-worker-prelude.js"  # the shim's frame script, a file for the CSP
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
        PRELUDE: folder.joinpath("iframe-worker-prelude.js").read_bytes(),
        # The bulletin is internal: no robot may index it, even if it leaks onto the web.
        ROBOTS: b"User-agent: *\nDisallow: /\n",
    }


def supervisor_names(data: Dataset, cell: Cell) -> str:
    committee = data.committee or {}
    return ", ".join(committee[a.member].name if a.member in committee else a.member for a in cell.supervisor)


def cell_entries(data: Dataset, directory_urls: bool) -> list[dict[str, str]]:
    """One search entry per cell page, written by us: the pages themselves are kept out of
    Material's indexer (their meta says `search: exclude`), which would otherwise parse every
    meeting table only to skip it, the largest single cost of a big build. The text is HTML, as
    Material's own entries are (results show it as markup): every value is escaped."""
    entries = []
    for cell in data.cells.values():
        words = [
            f"{CELL_KINDS[cell.kind]}.",
            f"Trực thuộc {cell.parent or NO_PARENT}.",
            f"Bí thư chi bộ {cell.secretary}.",
            f"Cấp ủy viên phụ trách {supervisor_names(data, cell)}." if cell.supervisor else "",
            f"{cell.members} đảng viên." if cell.active else "Đã giải thể.",
        ]
        location = links.page_url(links.cell_doc(cell.id), directory_urls)
        entries.append({"location": location, "title": esc(cell.name), "text": esc(" ".join(w for w in words if w))})
    return entries


def annotate(index: dict[str, Any], entries: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    """Add what the worker needs to label results (Material passes the index's config to it whole),
    and the entries of pages kept out of Material's indexer."""
    index.setdefault("config", {})["bulletin"] = {"kinds": [list(k) for k in KINDS]}
    index.setdefault("docs", []).extend(entries)
    return index


def annotate_file(site_dir: Path, entries: Sequence[dict[str, str]] = ()) -> int | None:
    """Annotate site/search/search_index.json in place; its size in bytes, or None without search."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return None
    data = annotate(json.loads(path.read_text(encoding="utf-8")), entries)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def offline_polyfills(polyfills: list[Any]) -> list[Any]:
    """Material's offline plugin loads the iframe-worker shim from a CDN unless a polyfill already
    names iframe-worker: list our vendored copy first and drop any outside one."""
    kept = [p for p in polyfills if not ("iframe-worker" in str(p) and "://" in str(p))]
    return kept if any("iframe-worker" in str(p) for p in kept) else [SHIM, *kept]

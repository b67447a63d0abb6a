"""Checking a built site before anyone reads it: every internal link resolves, every listed page exists.

Plain files in, a list of problems out: no MkDocs needed, so a release is checked
exactly as it will be served.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LOC = re.compile(r"<loc>\s*([^<]+?)\s*</loc>")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:  # on any element: a, link, script, img, svg's use...
                self.found.append(value)


def internal_links(html: str) -> list[str]:
    """The href/src values of a page that point inside the site (no scheme, no host, not '#' alone)."""
    parser = _Links()
    parser.feed(html)
    return [
        v.strip() for v in parser.found if v.strip() and not v.strip().startswith(("#", "//")) and not _SCHEME.match(v.strip())
    ]


class _Site:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        self.dirs = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()} | {"."}

    def resolve(self, page: str, url: str, base_path: str = "/", file_urls: bool = False) -> str | None:
        """The file a URL on `page` is served from, or None if the site does not have it.

        With `file_urls` (a copy opened from file://) a folder is not a page: the browser shows
        a listing of it, not its index.html."""
        path = unquote(urlsplit(url).path)
        if path.startswith("/"):
            if not path.startswith(base_path):
                return None
            joined = path[len(base_path) :]
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        if joined in ("", "."):
            joined = "."
        wants_dir = path.endswith("/") or path == ""
        norm = posixpath.normpath(joined)
        if norm == ".." or norm.startswith("../"):
            return None  # outside the release: the server would not serve it from here
        if wants_dir or norm in self.dirs:
            if file_urls:
                return None
            index = posixpath.normpath(posixpath.join(norm, "index.html"))
            return index if index in self.files else None
        return norm if norm in self.files else None


def check_site(folder: Path, base_path: str = "/", file_urls: bool = False) -> list[str]:
    """Every problem that would show as a broken link or a missing page; [] for a sound site.

    `file_urls`: the site is opened from file:// (the offline copy), where links must name files."""
    if not base_path.endswith("/"):
        base_path += "/"
    site = _Site(folder)
    problems: list[str] = []
    if "index.html" not in site.files:
        problems.append("thiếu trang chủ index.html")
    # From file:// no server answers a wrong address with 404.html: nobody opens it there, and its
    # links are absolute (it is served at any depth), so it is not checked as a file:// page.
    pages = sorted(f for f in site.files if f.endswith(".html") and not (file_urls and f == "404.html"))
    for page in pages:
        html = (folder / page).read_text(encoding="utf-8", errors="replace")
        for url in sorted(set(internal_links(html))):
            if site.resolve(page, url, base_path, file_urls) is None:
                problems.append(f"{page}: liên kết tới '{url}' không có trong bản xuất bản")
    index = folder / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            location = str(doc.get("location", "")).split("#")[0]
            if site.resolve("index.html", location or "./", base_path) is None:
                problems.append(f"search/search_index.json: trang '{location}' không có trong bản xuất bản")
    sitemap = folder / "sitemap.xml"
    if sitemap.is_file():
        for loc in _LOC.findall(sitemap.read_text(encoding="utf-8")):
            path = urlsplit(loc).path or "/"
            if site.resolve("index.html", path, base_path) is None:
                problems.append(f"sitemap.xml: trang '{loc}' không có trong bản xuất bản")
    return problems

"""URLs between generated pages, as MkDocs will write them.

Generated tables are raw HTML (fast, and no Markdown parse per row), and
MkDocs does not rewrite links inside raw HTML, so we compute final relative
URLs ourselves, for both `use_directory_urls` settings.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def page_url(doc: str, directory_urls: bool) -> str:
    """'chi-bo/x.md' -> 'chi-bo/x/' (or 'chi-bo/x.html'); other files keep their path."""
    if not doc.endswith(".md"):
        return doc
    stem = doc[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=1 << 16)  # the same few thousand pairs come back on every page of a kind
def relative(from_doc: str, to_doc: str, directory_urls: bool, anchor: str = "") -> str:
    here = page_url(from_doc, directory_urls)
    there = page_url(to_doc, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    rel = _relpath(there, base)
    if there.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath("/" + path, "/" + start), for the clean paths of a site (no `.` or `..`
    in them, which it would resolve first): a page links to a thousand others, each pair new."""
    to = [p for p in path.split("/") if p]
    here = [p for p in start.split("/") if p]
    if any(p in (".", "..") for p in (*to, *here)):
        return posixpath.relpath("/" + path, "/" + start)
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


CELLS_INDEX = "chi-bo/index.md"
OVERVIEW = "tong-hop/index.md"
LIBRARY = "chuyen-de/index.md"
ARCHIVE = "ban-tin/index.md"


def cell_doc(cell_id: str) -> str:
    return f"chi-bo/{cell_id}.md"


def outline_doc(ref: str) -> str:
    return f"chuyen-de/{ref}.md"


def outline_docx(ref: str) -> str:
    """The outline as a Word document, beside its page's folder."""
    return f"chuyen-de/{ref}.docx"


def tags_doc() -> str:
    return "chuyen-de/tu-khoa.md"


def theme_doc(theme: str) -> str:
    return f"chuyen-de/{theme}/index.md"


def issue_doc(key: str) -> str:
    return f"ban-tin/{key}.md"


def issue_pdf(key: str) -> str:
    """The print edition; a name that still says what it is once downloaded."""
    return f"ban-tin/ban-tin-{key}.pdf"


def overview_xlsx(year: int) -> str:
    """One year's overview as an Excel workbook (outputs.workbook)."""
    return f"tong-hop/tong-hop-{year}.xlsx"


FEED = "ban-tin/feed.xml"

MEMBERS_INDEX = "cap-uy/index.md"
FLAGS = "tong-hop/xep-loai-can-xem-xet.md"


def member_doc(member: str) -> str:
    return f"cap-uy/{member}.md"


def report_file(year: int, quarter: int, suffix: str) -> str:
    """The quarterly report (báo cáo) as .docx or .pdf; a name that says what it is once downloaded."""
    return f"tong-hop/bao-cao/bao-cao-sinh-hoat-chi-bo-quy-{quarter}-{year}.{suffix}"

"""Markup in any data field never becomes live: a crafted hostile organisation, built for real,
every page scanned (and the search index, whose titles and text Material renders as HTML)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin.text.markdown import EditorMarkdown
from crafted import Org
from hostile import MARKDOWN_PAYLOADS, TEXT_PAYLOADS, hostile_org
from scan import live_markup
from test_build import BIN, run


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    org = hostile_org(Org(tmp_path_factory.mktemp("hostile")))
    assert org.problems() == []  # hostile, yet valid: it reaches the pages
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr
    return org.root / "site"


def test_the_scanner_sees_each_kind_of_live_markup() -> None:
    """The scanner itself is tested: a scan that finds nothing must mean something."""
    for live in [
        '<p onclick="alert(1)">',
        '<h2 data-pwn="1">',
        "<pwn-tag>",
        '<a href="&#106;avascript&#58;alert(1)">',
        '<a href="java\tscript:alert(1)">',
        '<img src="http://evil.example/x.png">',
        "<script>alert(1)</script>",
        "<iframe src=x></iframe>",
        "<base href=/>",
        "<meta http-equiv=refresh content=0>",
        '<p style="background:url(javascript:alert(1))">',
        "<form action=//evil.example/>",
    ]:
        assert live_markup(live), live
    assert live_markup('<p title="onclick=alert(1) &lt;script&gt;">&lt;pwn&gt; javascript:alert(1)</p>') == []


def test_no_built_page_carries_live_markup(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30  # a page per hostile cell, outline, issue, index
    found = {p.relative_to(hostile_site).as_posix(): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: hits for page, hits in found.items() if hits} == {}


def test_search_results_cannot_carry_live_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert live_markup(doc["title"]) == [] and live_markup(doc["text"]) == [], doc["location"]


def test_hostile_text_is_shown_not_dropped(hostile_site: Path) -> None:
    """Escaping, not deleting: the secretary of cell p4 reads exactly what the editor typed."""
    page = (hostile_site / "chi-bo/p4/index.html").read_text(encoding="utf-8")
    assert "x&quot; onmouseover=&quot;alert(3)&quot; data-pwn=&quot;1" in page
    outline = (hostile_site / "chuyen-de/ho-chi-minh/nep-song/index.html").read_text(encoding="utf-8")
    assert "{: onclick=alert(32) data-pwn=1 }" in outline  # the attribute list, shown as text
    assert "&lt;script&gt;alert(35)&lt;/script&gt;" in outline  # fenced code, shown as code


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS + TEXT_PAYLOADS)
def test_each_payload_alone_in_notes_stays_text(payload: str) -> None:
    assert live_markup(EditorMarkdown(images=False)(payload)) == []
    assert live_markup(EditorMarkdown()(payload)) == []

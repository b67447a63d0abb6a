"""Every built page carries one Content-Security-Policy <meta>, first in <head>, whose script hashes are
exactly those of the page's inline scripts; without a browser (tests/browser/test_csp.py runs them)."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bulletin.outputs import csp
from crafted import Org
from hostile import hostile_org
from test_build import BIN, run


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.first_in_head: tuple[str, dict[str, str | None]] | None = None
        self.metas: list[str] = []
        self.inline: list[str] = []
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._in_head and self.first_in_head is None:
            self.first_in_head = (tag, a)
        self._in_head = self._in_head or tag == "head"
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.metas.append(a.get("content") or "")
        if tag == "script" and "src" not in a and (a.get("type") or "") != "application/json":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


# A hand-written page (content/*.md, rendered with raw HTML and attr_list on) trying every way in.
HANDWRITTEN = """# Trang viết tay

<script>alert('inline')</script>

<script src="assets/evil.js"></script>

<img src="x" onerror="alert('onerror')">

<a href="javascript:alert('js')">bấm</a> <a href="  JaVa&#x09;script:alert(2)">b</a>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<form action="https://evil.example/post"><input name=p><button formaction="https://evil.example/">Gửi</button></form>

<iframe src="https://evil.example/"></iframe> <object data="x.swf"></object> <embed src="x.swf">

<base href="https://evil.example/"> <svg><script>alert('svg')</script></svg> <style>*{}</style>

<div style="background:url(https://evil.example/bg.png)" onmouseover="alert(3)">bg</div>

[md](javascript:alert('md'))

Đoạn văn.
{: onclick="alert('attrlist')" }

!!! note "Ghi chú"
    Nội dung <b onclick="x()">đậm</b>.

| A | B |
|---|---|
| 1 | 2 |
"""


# Front matter the theme writes into <head> (title, description, author) and elsewhere.
FRONT_MATTER = """---
title: 'Thử</title><script>alert("title")</script><title>'
description: '"><script>alert("desc")</script><meta name="x" content="'
author: "'><script>alert('author')</script>"
subtitle: '<img src=x onerror=alert(1)>'
tags: ['<script>alert("tag")</script>', 'thẻ & thẻ']
---
# Trang thử
"""


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    org = hostile_org(Org(tmp_path_factory.mktemp("csp")))
    org.write("content/trang-tay.md", HANDWRITTEN)
    org.write("content/trang-meta.md", FRONT_MATTER)
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr
    return org.root / "site"


def test_every_page_has_one_policy_first_in_head_naming_exactly_its_inline_scripts(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages) and len(pages) > 30
    for path in pages:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        assert len(page.metas) == 1, path
        assert page.first_in_head and page.first_in_head[0] == "meta", path
        directives = dict(d.strip().split(" ", 1) for d in page.metas[0].split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
        assert "unsafe-inline" not in page.metas[0] and "unsafe-eval" not in page.metas[0]
        hashes = set(directives["script-src"].split()) - {"'self'"}
        assert page.inline and hashes == {_sha(s) for s in page.inline}, path


def test_the_hash_is_of_the_script_text_as_written() -> None:
    html = '<html><head><meta charset="utf-8"></head><body><script>a&amp;b</script><script src="x.js"></script>'
    html += '<script type="application/json">{}</script><script>a&amp;b</script></body></html>'
    assert csp.inline_hashes(html) == [_sha("a&amp;b")]
    protected = csp.protect(html)
    assert protected.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="default-src')


class _Body(HTMLParser):
    """Tags and attributes inside <article>, the page's own content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def _policy_hashes(html: str) -> set[str]:
    page = _Page()
    page.feed(html)
    directives = dict(d.strip().split(" ", 1) for d in page.metas[0].split(";"))
    return set(directives["script-src"].split()) - {"'self'"}


def test_a_hand_written_page_publishes_nothing_that_runs_and_its_policy_names_only_the_theme(site: Path) -> None:
    html = (site / "trang-tay" / "index.html").read_text(encoding="utf-8")
    body = _Body()
    body.feed(html)
    tags = [tag for tag, _ in body.found]
    for banned in ("script", "meta", "form", "iframe", "object", "embed", "base", "style", "button", "svg"):
        assert banned not in tags, banned
    for tag, attrs in body.found:
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "formaction", "action"), (tag, name)
            if name in ("href", "src"):
                assert "script" not in (value or "").lower().replace("\t", ""), (tag, value)
    # What is meant still shows (the sample's pages, with the real extensions: test_editor_markdown.py).
    assert ("h1", {"id": "trang-viet-tay"}) in body.found and "b" in tags
    assert "Đoạn văn." in html and "alert(" not in html.split("<article", 1)[1].split("</article>", 1)[0]
    # The policy names exactly the theme's inline scripts: those of any other page as deep.
    others = [p for p in site.glob("*/index.html") if p.parent.name != "trang-tay"]
    assert others and all(_policy_hashes(html) == _policy_hashes(p.read_text(encoding="utf-8")) for p in others)


def test_the_policy_never_hashes_a_script_inside_the_page_body() -> None:
    html = "<html><head><script>theme()</script></head><body><article class='md-content__inner'>"
    html += "<div><script>evil()</script><article><script>nested()</script></article></div></article>"
    html += "<script>after()</script></body></html>"
    assert csp.inline_hashes(html) == [_sha("theme()"), _sha("after()")]


def _full_parse(html: str) -> list[str]:
    parser = csp._InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def _outside_article(html: str) -> tuple[str, str]:
    end = html.rfind("</article")
    return html[: html.find("<article")], html[html.find(">", end) + 1 :]


def assert_scan_agrees_with_the_parser(pages: list[Path]) -> None:
    """Every page is read by the fast scan (no fallback to html.parser), which finds exactly
    the scripts html.parser finds in the whole page."""
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<article" in html or path.name == "404.html", path
        assert csp._theme_scripts(html) == _full_parse(html), path
        if "<article" in html:
            head, tail = _outside_article(html)
            assert csp._scan(head) is not None and csp._scan(tail) is not None, path


def test_skipping_the_body_finds_the_same_scripts_as_parsing_the_whole_page(site: Path) -> None:
    # The body is not parsed (it is most of the bytes of every page), and the rest is read without
    # html.parser when written as the theme writes it; what is found must not change.
    assert_scan_agrees_with_the_parser(sorted(site.rglob("*.html")))


ARTICLE = "<body><article class='md-content__inner'><script>evil()</script></article>"


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("<script>theme()</script>", "<script>after()</script>"),
        ('<script type="text/javascript">a()</script><script type=" Module ">b()</script>', ""),
        ('<script type="application/json">{}</script><script src="x.js"></script><script src="">c()</script>', ""),
        ('<script type="text&#47;javascript">a()</script>', ""),  # entities in values, as html.parser reads them
        ('<script type="application/json" type="">a()</script>', ""),  # the last of a repeated attribute
        ('<script TYPE="application/json">a()</script>', ""),  # attribute names in any case
        ("<style>p{}</style><script>a('<b>')</script>", "<script>if (a < b) c()</script>"),
        ('<svg viewBox="0 0 1 1"><path d="M0"/></svg><meta charset="utf-8">', "<script>a()</script>"),
        ("", "<noscript><script>a()</script></noscript>"),  # no raw text element for html.parser
    ],
)
def test_markup_as_the_theme_writes_it_is_scanned_without_the_parser(head: str, tail: str) -> None:
    html = f"<!doctype html><html><head>{head}</head>{ARTICLE}{tail}</body></html>"
    before, after = _outside_article(html)
    assert csp._scan(before) is not None and csp._scan(after) is not None
    assert csp._theme_scripts(html) == _full_parse(html)
    assert _sha("evil()") not in csp.inline_hashes(html)


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("<SCRIPT>a()</SCRIPT>", ""),  # a tag in capitals
        ("<Script>a()</Script>", "<sCrIpT>b()</sCrIpT>"),
        ("<!-- <script>a()</script> -->", ""),  # a comment
        ("<script>a()</script><!-- x", ""),
        ("<a title='<script>x()</script>'>t</a>", ""),  # markup in an attribute value
        ('<a title="x>y<script>z()</script>">t</a>', ""),
        ("<a href=x><script>a()</script>", ""),  # an unquoted value
        ("<script/>", ""),  # a self-closed script (html.parser reports an empty one)
        ("<script>a('</p>')</script>", ""),  # an end tag inside a script
        ("<script>a('</script >')</script>", ""),
        ("<script>a()</script ><script>b()</script>", ""),
        ("<script><!--<script>x()</script>-->a()</script>", ""),
        ("<script>unclosed()", ""),
        ("<scripts>a()</scripts>", ""),
        ("<script\ttype='module'>a()</script>", ""),
        ("<script>a()</script><?pi x?>", ""),
        ("a < b <script>c()</script>", ""),  # a bare <
        ("", "<article><script>a()</script>"),  # an article opened after the body: its scripts are its own
        ("", "<ARTICLE><script>a()</script></ARTICLE><script>b()</script>"),
    ],
)
def test_anything_unusual_outside_the_body_is_left_to_the_parser(head: str, tail: str) -> None:
    html = f"<!doctype html><html><head>{head}</head>{ARTICLE}{tail}</body></html>"
    before, after = _outside_article(html)
    assert csp._scan(before) is None or csp._scan(after) is None
    assert csp._theme_scripts(html) == _full_parse(html)
    assert _sha("evil()") not in csp.inline_hashes(html)


@pytest.mark.parametrize(
    "head",
    [
        "<!-- <article> --><script>theme()</script>",  # the first `<article` is in a comment
        "<script>var s = '<article>';</script>",  # ... in a script
        "<script>theme()</script><articles></articles>",  # not an article tag
        "<script>theme()</script><title>x</title><!-- open",  # the head ends inside a comment
    ],
)
def test_a_page_whose_cut_would_not_fall_between_tags_is_parsed_whole(head: str) -> None:
    html = f"<html><head>{head}</head><body><article class='md-content__inner'><script>evil()</script></article>"
    html += "<script>after()</script></body></html>"
    assert csp._theme_scripts(html) == _full_parse(html)
    assert _sha("evil()") not in csp.inline_hashes(html)


def test_a_page_without_an_article_is_parsed_whole() -> None:
    html = "<html><head><script>a()</script></head><body><script>b()</script></body></html>"
    assert csp.inline_hashes(html) == [_sha("a()"), _sha("b()")]


def test_a_hand_written_pages_front_matter_reaches_the_page_as_text(site: Path) -> None:
    html = (site / "trang-meta" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;author&#x27;)" in html or "&lt;script&gt;alert(" in html
    others = [p for p in site.glob("*/index.html") if p.parent.name not in ("trang-meta", "trang-tay")]
    assert _policy_hashes(html) == _policy_hashes(others[0].read_text(encoding="utf-8"))  # the theme's only

"""The Content-Security-Policy every page carries, as a <meta> tag so it holds from file:// too.

Scripts run only from the site's own files, plus the few inline scripts the theme writes into each
page (its palette, its scope, its anchor fix), allowed one by one by the sha256 of their text as
it stands in the final HTML: a script an editor smuggled in would have no hash. No inline event
handler, no `javascript:` URL, no request to another origin, no plugin, no <base> elsewhere, no
form posting out. What a <meta> policy cannot say (`frame-ancestors`) nginx sends as a header.

`style-src` is `'self'` only: Material 9.8.1 writes no <style> element and no style attribute into
its pages (checked over every page of the sample build); its scripts set styles through the CSSOM,
which CSP does not govern. `img-src` allows `data:` for the SVG icons Material's CSS carries inline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser

_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "frame-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}


class _InlineScripts(HTMLParser):
    """The theme's inline scripts: those outside the page body (<article>). The body is the page's
    own content, sanitised so it holds none; were one to get there, it would get no hash."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._text: list[str] | None = None
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        elif tag == "script" and self._article == 0:
            a = dict(attrs)
            executable = (a.get("type") or "").strip().lower() in _JS_TYPES
            self._text = [] if executable and a.get("src") is None else None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "script" and self._text is not None:
            self.scripts.append("".join(self._text))
            self._text = None


def _theme_scripts(html: str) -> list[str]:
    """The inline scripts outside <article>. The body is most of a page's bytes and holds no script
    of the theme's, so it is not parsed at all: what comes before the first <article> tag, then
    what comes after the last </article>. Were the cut to land anywhere but between two tags (an
    `<article` in a comment or a script of the head), the whole page is parsed instead."""
    start, end = html.find("<article"), html.rfind("</article")
    close = html.find(">", end) if end >= 0 else -1
    if start >= 0 and html[start + 8 : start + 9] in (" ", ">", "\n", "\t") and start < end and close > 0:
        head, tail = _scan(html[:start]), _scan(html[close + 1 :])
        if head is not None and tail is not None:
            return head + tail
        parser = _InlineScripts()
        parser.feed(html[:start])
        if not parser.rawdata and parser.cdata_elem is None:
            parser.feed(html[close + 1 :])
            parser.close()
            return parser.scripts
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


# The theme's own markup, read without html.parser (which costs about 10 µs a tag, a few
# milliseconds a page): lowercase tag names, attributes with double-quoted values holding no
# < or >, the doctype. Every `<` of the markup must begin one of these, or the markup is not
# "as the theme writes it" and html.parser reads it instead (`_scan` returns None). Each token
# holds exactly one `<`, so counting them against the `<`s proves there is nothing else.
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_ATTRS = rf'(?:[ \t\n]+{_NAME}(?:="[^"<>]*")?)*'
_TOKEN = re.compile(rf"<[a-z][a-z0-9-]*{_ATTRS}[ \t\n]*/?>|</[a-z][a-z0-9-]*>|<!doctype html>")
# <script> and <style> hold raw text up to their end tag (html.parser's CDATA elements).
_RAW = re.compile(rf"<(script|style)({_ATTRS})[ \t\n]*>")
_ATTR = re.compile(rf'({_NAME})(?:="([^"<>]*)")?')


def _scan(markup: str) -> list[str] | None:
    """The inline scripts of markup written as the theme writes it (what `_InlineScripts` finds
    in it), or None when anything in it is unusual: a comment, an `<article>` tag, a tag in
    capitals, an unquoted or single-quoted attribute, a `</` or `<!--` inside a script."""
    scripts: list[str] = []
    pos = 0
    while True:
        found = [i for i in (markup.find("<script", pos), markup.find("<style", pos)) if i >= 0]
        raw = min(found) if found else len(markup)
        if not _plain(markup[pos:raw]):
            return None
        if raw == len(markup):
            return scripts
        start = _RAW.match(markup, raw)
        if start is None:
            return None
        close = markup.find(f"</{start[1]}>", start.end())
        text = markup[start.end() : close]
        if close < 0 or "</" in text or "<!--" in text:
            return None
        if start[1] == "script" and _executable(start[2]):
            scripts.append(text)
        pos = close + len(start[1]) + 3


def _plain(markup: str) -> bool:
    """Only tokens of the theme's markup, and no <article> (whose scripts are the page's own)."""
    return markup.count("<") == len(_TOKEN.findall(markup)) and "<article" not in markup


def _executable(attrs: str) -> bool:
    """As `_InlineScripts` judges a <script> start tag: names in lowercase, values unescaped, the
    last of a repeated attribute wins."""
    a = {m[1].lower(): unescape(m[2]) if m[2] else m[2] for m in _ATTR.finditer(attrs)}
    return (a.get("type") or "").strip().lower() in _JS_TYPES and a.get("src") is None


def inline_hashes(html: str) -> list[str]:
    """CSP hash sources of the theme's inline scripts (outside <article>), in order, without repeats."""
    found = []
    for text in _theme_scripts(html):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


def policy(hashes: list[str] | tuple[str, ...] = (), extra: dict[str, tuple[str, ...]] | None = None) -> str:
    parts = []
    for name, sources in DIRECTIVES.items():
        more = (extra or {}).get(name, ())
        if name == "script-src":
            more = (*more, *hashes)
        parts.append(" ".join((name, *sources, *more)))
    return "; ".join(parts)


def protect(html: str, extra: dict[str, tuple[str, ...]] | None = None) -> str:
    """The page with its policy as the first element of <head>, before any script it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_hashes(html), extra)}">'
    head = html.find("<head>")
    if head < 0:
        return html
    return html[: head + 6] + tag + html[head + 6 :]


# The copy opened from file:// (make site-offline). Chromium gives such a page an opaque origin,
# which 'self' does not match, so the copy's own files are named by their scheme.
OFFLINE: dict[str, tuple[str, ...]] = {}

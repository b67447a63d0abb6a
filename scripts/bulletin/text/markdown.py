"""Markdown from data that must never become live HTML.

`notes` in meetings are rendered here, with raw HTML shown as text, links
limited to safe schemes and images dropped (an image in a note would load
from outside the intranet). Outline bodies go through MkDocs' own Markdown
(for headings and the table of contents), so they are neutralised as text.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines inside a URL
# Link destinations: inline `](url` and reference definitions `[ref]: url`.
_INLINE_DEST = re.compile(r"(\]\(\s*<?)([^)>]*)")  # whitespace included: `java<TAB>script:`
_REF_DEF = re.compile(r"^( {0,3}\[([^\]]+)\]:\s*<?)(\S*?)(>?(?:\s.*)?)$")
_REMOTE = re.compile(r"^\s*<?(?:https?:)?//", re.I)
_REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?(?:https?:)?//[^)]*\)", re.I)
_REF_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\]|(?!\())")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _safe_href(url: str) -> bool:
    """Whether a link may stay: relative, or http(s)/mailto, judged as the browser reads it
    (entities decoded, tabs and newlines dropped: `&#106;avascript&#58;` is `javascript:`)."""
    plain = _IGNORED_IN_URLS.sub("", html.unescape(url)).lower()
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme[1] in _SAFE_SCHEMES


class _Sanitize(Treeprocessor):
    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    # Keep the words of the image, drop the request.
                    index = list(parent).index(child)
                    parent.remove(child)
                    text = child.get("alt", "")
                    if index:
                        prev = parent[index - 1]
                        prev.tail = (prev.tail or "") + text + (child.tail or "")
                    else:
                        parent.text = (parent.text or "") + text + (child.tail or "")
                elif child.tag == "a" and not _safe_href(child.get("href", "")):
                    child.set("href", "#")


class SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitize(md), "bulletin_sanitize", 0)


class NotesRenderer:
    """One Markdown instance per build; reset between notes."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[SafeExtension(), "sane_lists"], output_format="html")

    def __call__(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


def neutralise(body: str) -> str:
    """Make a Markdown body safe to hand to MkDocs: raw HTML becomes visible text,
    javascript:-style links are disabled, remote images are dropped and attribute
    lists (`{: onclick=...}`) are shown as text. Fenced code and code spans keep their
    text (a fence keeps only its language); an indented line is escaped too, since
    inside a list it is prose, not code."""
    remote_refs = _remote_references(body)
    out = []
    in_fence = False
    for line in body.split("\n"):
        fence = _FENCE.match(line)
        if fence:
            # An opening fence keeps its language only: superfences reads `{ onclick=... }` there.
            lang = "" if in_fence else re.sub(r"[^\w+-]", "", fence[3].strip().lstrip("{").lstrip(".").split(" ")[0])
            out.append(fence[1] + fence[2] + lang)
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        line = _INLINE_DEST.sub(lambda m: m[1] + (m[2] if _safe_href(m[2]) else "#"), line)
        ref = _REF_DEF.match(line)
        if ref and not _safe_href(ref[3]):
            line = ref[1] + "#" + ref[4]
        line = _REMOTE_IMAGE.sub(lambda m: m[1], line)
        line = _REF_IMAGE.sub(lambda m: m[1] if (m[2] or m[1]).lower() in remote_refs else m[0], line)
        out.append(_escape_outside_code(line))
    return "\n".join(out)


def _remote_references(body: str) -> set[str]:
    """Labels of reference definitions pointing outside: an image using one would load from there."""
    found = set()
    for line in body.split("\n"):
        ref = _REF_DEF.match(line)
        if ref and _REMOTE.match(ref[3]):
            found.add(ref[2].lower())
    return found


def _escape_outside_code(line: str) -> str:
    parts = []
    pos = 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_escape(line[pos : m.start()]))
        parts.append(m[0])
        pos = m.end()
    parts.append(_escape(line[pos:]))
    return "".join(parts)


def _escape(text: str) -> str:
    # `<` never opens a tag; `{` never opens an attribute list (Markdown's own escape, shown as `{`).
    return text.replace("<", "&lt;").replace("{", "\\{")

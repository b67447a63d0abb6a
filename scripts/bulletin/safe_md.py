"""Markdown from data that must never become live HTML.

`notes` in meetings are rendered here, with raw HTML shown as text, links
limited to safe schemes and images dropped (an image in a note would load
from outside the intranet). Outline bodies go through MkDocs' own Markdown
(for headings and the table of contents), so they are neutralised as text.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http:", "https:", "mailto:", "#", "/", "./", "../")
_BAD_LINK = re.compile(r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:", re.I | re.M)
_REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?(?:https?:)?//[^)]*\)", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _safe_href(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(_SAFE_SCHEMES) or ":" not in url.split("/")[0]


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
    javascript:-style links and remote images are dropped. Fenced code and code
    spans keep their text; an indented line is escaped too, since inside a list
    it is prose, not code."""
    out = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        line = _BAD_LINK.sub(lambda m: m[1] + "#", line)
        line = _REMOTE_IMAGE.sub(lambda m: m[1], line)
        out.append(_escape_outside_code(line))
    return "\n".join(out)


def _escape_outside_code(line: str) -> str:
    parts = []
    pos = 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(line[pos : m.start()].replace("<", "&lt;"))
        parts.append(m[0])
        pos = m.end()
    parts.append(line[pos:].replace("<", "&lt;"))
    return "".join(parts)

"""Editor Markdown made into HTML that cannot run: the one path for every piece of it.

Outline bodies, bulletin bodies and meeting notes are rendered by Python-Markdown with raw HTML
turned off (typed HTML is shown as text), images from outside the intranet become plain links
(`images=False`: every image becomes its words), and the HTML output is then cleaned by nh3
against an allow-list of tags, attributes and URL schemes. The allow-list is the guarantee: a
Markdown trick that gets past the parser (a link target on the next line, an entity-encoded
`javascript:`, a fence hiding HTML) still meets it, because it judges the HTML a browser would
read, entities decoded. Nothing here is a regular expression over the editor's text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import lxml.html
import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from bulletin.text.linear import LinearLinks
from bulletin.text.nesting import normalise, too_deep

# What editors may write, beside core Markdown: the same blocks the site's own pages use.
EXTENSIONS: list[Any] = [
    "admonition",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "sane_lists",
]
EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": False}}  # no colours, no Pygments classes to allow

ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite",
}  # fmt: skip

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "div", "span", "details", "summary", "del", "ins", "sup", "sub", "mark", "small",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}, "details": {"open"}}
CLASSES = {
    "div": {"admonition", "highlight", *ADMONITIONS},
    "details": ADMONITIONS,
    "p": {"admonition-title"},
    "pre": {"highlight"},
}
SCHEMES = {"http", "https", "mailto"}  # and relative URLs; never javascript:, data:, vbscript:, file:
# Tags whose content is dropped with them (never produced here, but never shown either).
DROPPED = {"script", "style"}


def _plain(url: str) -> str:
    # Stricter than a browser, which drops only tabs and newlines inside a URL (and spaces and
    # control characters at its ends): whatever could be read as a scheme, is.
    return "".join(c for c in url if c > " " and c != "\x7f").replace("\\", "/")


def _scheme(plain: str) -> str | None:
    head = plain.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return head.split(":", 1)[0].lower() if ":" in head else None


def is_local(url: str) -> bool:
    """Whether a URL stays on the site: a path, not `//host`, `\\\\host` or any `scheme:`.

    Judged as a browser reads it, or stricter: control characters and whitespace dropped,
    `\\` taken for `/` (as browsers do in http and file URLs)."""
    plain = _plain(url)
    return not plain.startswith("//") and _scheme(plain) is None


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name not in ("href", "src"):
        return value
    # A picture from outside would be fetched by every reader's browser: never.
    if tag == "img" and not is_local(value):
        return None
    scheme = _scheme(_plain(value))
    return value if scheme is None or scheme in SCHEMES else None


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROPPED,
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    url_schemes=SCHEMES,
    attribute_filter=_attribute,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_NO_IMAGES = nh3.Cleaner(
    tags=TAGS - {"img"},
    clean_content_tags=DROPPED,
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    url_schemes=SCHEMES,
    attribute_filter=_attribute,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean(fragment: str, images: bool = True) -> str:
    """HTML reduced to the allow-list. The last step before anything reaches a page."""
    return (_CLEANER if images else _NO_IMAGES).clean(fragment)


class _Images(Treeprocessor):
    """An outside image becomes a link to it (the reader may follow it; the page fetches nothing);
    with images off, every image becomes its words."""

    def __init__(self, md: markdown.Markdown, images: bool) -> None:
        super().__init__(md)
        self.images = images

    def run(self, root: Element) -> None:
        for img in list(root.iter("img")):
            src = html.unescape(img.get("src", ""))
            if self.images and is_local(src):
                continue
            alt = img.get("alt", "")
            if self.images:
                tail, attrs = img.tail, {"href": src, **({"title": img.get("title", "")} if img.get("title") else {})}
                img.clear()
                img.tag, img.text, img.tail = "a", alt or src, tail
                for key, value in attrs.items():
                    img.set(key, value)
            else:
                tail = img.tail
                img.clear()
                img.tag, img.text, img.tail = "span", alt, tail


class _Editor(Extension):
    def __init__(self, images: bool) -> None:
        super().__init__()
        self.images = images

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")  # typed HTML is text
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Images(md, self.images), "bulletin_images", 1)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text, unescaped


class EditorMarkdown:
    """One Markdown instance per build, reset between texts."""

    def __init__(self, images: bool = True) -> None:
        self.images = images
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, _Editor(images), LinearLinks()],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )

    def html(self, text: str) -> str:
        """The text as clean HTML. Text nested deeper than the loader allows (it refuses such
        files) is shown as plain paragraphs: Python-Markdown recurses once per level."""
        text = normalise(text)
        if too_deep(text) is not None:
            return _plain_text(text)
        self._md.reset()
        try:
            converted = self._md.convert(text)
        except RecursionError:  # a backstop: nesting the line count missed is shown, never a traceback
            self._md.reset()
            return _plain_text(text)
        return clean(converted, self.images)

    __call__ = html

    def tree(self, text: str) -> Any:
        """The clean HTML as an element tree (a `div` holding the blocks), for writers of other formats."""
        cleaned = self.html(text)
        return lxml.html.fragment_fromstring(cleaned or "<p></p>", create_parent="div")

    def blocks(self, text: str) -> list[str | Heading]:
        """The clean HTML cut at its top-level headings, so a page can give them to the site's own
        table of contents; every other block is clean HTML."""
        return _split(self.html(text))


def _plain_text(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


class _Splitter(HTMLParser):
    """Offsets of the top-level headings of clean HTML (nh3's output closes every element)."""

    VOID = frozenset({"br", "hr", "img", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.headings: list[tuple[int, int, int, str]] = []  # start, end, level, text
        self._open: tuple[int, int, list[str]] | None = None
        self._starts: list[int] = [0]

    def _where(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def feed_all(self, data: str) -> None:
        for line in data.split("\n"):
            self._starts.append(self._starts[-1] + len(line) + 1)
        self.feed(data)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0 and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._open = (self._where(), int(tag[1]), [])
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0 and self._open is not None:
            start, level, text = self._open
            end = self._where() + len(f"</{tag}>")
            self.headings.append((start, end, level, "".join(text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)


def _split(cleaned: str) -> list[str | Heading]:
    splitter = _Splitter()
    splitter.feed_all(cleaned)
    out: list[str | Heading] = []
    pos = 0
    for start, end, level, text in splitter.headings:
        if cleaned[pos:start].strip():
            out.append(cleaned[pos:start].strip())
        out.append(Heading(level, " ".join(text.split())))
        pos = end
    if cleaned[pos:].strip():
        out.append(cleaned[pos:].strip())
    return out


# Hand-written pages (content/*.md) are rendered by MkDocs with raw HTML and attr_list on, for
# the site's own layout (headings with ids, tables, admonitions, details, highlighted code,
# Material's buttons and grids by class). Their HTML meets an allow-list too: wider in tags and
# classes, never a script, a handler, a style, a frame, a form, a <meta> or a <base>.
PAGE_TAGS = TAGS | {
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "dl", "dt", "dd",
    "abbr", "kbd", "var", "samp", "q", "cite", "dfn", "s", "u", "figure", "figcaption", "section", "nav",
    "aside", "header", "footer", "wbr", "label", "input", "time",
}  # fmt: skip
PAGE_GENERIC = {"id", "class", "title", "lang", "dir", "role", "tabindex"} | {
    # Those the home page's month block (pages/home.py, sortable.py) writes, to sort and filter its table.
    "aria-hidden", "aria-label", "aria-live", "aria-labelledby", "aria-current", "data-search-exclude",
    "data-sort", "data-sort-type", "data-kind", "data-parent", "data-name", "data-filter", "data-year",
}  # fmt: skip
PAGE_ATTRIBUTES = {
    "*": PAGE_GENERIC,
    "a": {"href", "title", "name"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    # pymdownx.tabbed and task lists write radio buttons and checkboxes (no form to send them).
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
}
PAGE_DROPPED = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select"}

_PAGE_CLEANER = nh3.Cleaner(
    tags=PAGE_TAGS,
    clean_content_tags=PAGE_DROPPED,
    attributes=PAGE_ATTRIBUTES,
    generic_attribute_prefixes={"data-p-"},  # a period's figure in the block's table (sortable.py)
    url_schemes=SCHEMES,
    attribute_filter=_attribute,
    link_rel=None,
    strip_comments=True,
)


def clean_page(fragment: str) -> str:
    """A hand-written page's HTML reduced to the pages' allow-list (the body MkDocs put in <article>)."""
    return _PAGE_CLEANER.clean(fragment)

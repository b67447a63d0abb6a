"""Small helpers for the HTML inside generated Markdown: every data string is escaped here."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence

from bulletin.text.markdown import Heading

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


# A table's box scrolls sideways on a phone: keyboard users must be able to reach it and scroll it.
SCROLLS = 'tabindex="0"'


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def md_text(text: object) -> str:
    """Data text placed in Markdown (a heading): shown literally, never as markup."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text).replace("&", "&amp;"))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def unseen(text: str) -> str:
    """Words for screen readers only (a table's caption where a heading already says it on screen)."""
    return f'<span class="bt-sr">{esc(text)}</span>'


def editor_body(blocks: Sequence[str | Heading]) -> str:
    """An editor's body in a generated page: its clean HTML as raw blocks, and its top-level
    headings as Markdown headings of plain text, so the site's table of contents lists them."""
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {md_text(block.text)}\n")
        else:
            out.append(f'<div class="bt-md">\n{block}\n</div>\n')
    return "\n".join(out)


def link(href: str, text: str, cls: str = "") -> str:
    """`text` must already be HTML (escaped)."""
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(href)}"{attr}>{text}</a>'


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    cls: str = "",
    row_attrs: Sequence[str] | None = None,
    caption: str = "",
    searchable: bool = False,
) -> str:
    """An HTML table as one raw block; headers and cells are HTML (already escaped).

    Generated tables stay out of the search index unless asked (Material skips elements marked
    data-search-exclude): rows of figures and meetings would bloat it and drown real matches.
    """
    head = " ".join(f"<th>{h}</th>" for h in headers)  # spaces keep words apart in search and copied text
    body = []
    for i, row in enumerate(rows):
        attrs = f" {row_attrs[i]}" if row_attrs and row_attrs[i] else ""
        body.append(f"<tr{attrs}>" + " ".join(f"<td>{c}</td>" for c in row) + "</tr>\n")
    cap = f"<caption>{caption}</caption>" if caption else ""
    exclude = "" if searchable else ' data-search-exclude="true"'
    return (
        f'<div class="bt-table"{exclude} {SCROLLS}><table class="{cls}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


Crumb = tuple[str, str]  # a breadcrumb: its text and its relative URL ("" for the page itself)


def front_matter(
    title: str,
    hide: tuple[str, ...] = (),
    exclude_from_search: bool = False,
    section: str = "",
    crumbs: Sequence[Crumb] = (),
    **extra: object,
) -> str:
    """Page meta as YAML (JSON-quoted strings are valid YAML).

    Themes print the title and description unescaped (MkDocs' Jinja has no
    autoescape), into <title>, attributes and the navigation: escape them here.

    `section` (the docs path of a top-level page of the nav) and `crumbs` give a page kept out
    of the nav its place: the adapter highlights that section's tab, overrides/partials/path.html
    renders the trail.
    """
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if section:
        lines.append(f"bulletin_section: {json.dumps(section)}")
    if crumbs:
        trail = [{"title": esc(text), "url": esc(url)} for text, url in crumbs]
        lines.append(f"bulletin_crumbs: {json.dumps(trail, ensure_ascii=False)}")
    for key, value in extra.items():
        if value is None:  # an optional field left out
            continue
        # A list (tags, read by Material's tags plugin) is escaped item by item.
        value = [esc(v) for v in value] if isinstance(value, list | tuple) else esc(value)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    if hide:  # Material: give wide tables the room of the side columns
        lines.append(f"hide: {json.dumps(list(hide))}")
    if exclude_from_search:  # Material's search plugin honours this meta
        lines.append("search: {exclude: true}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"

"""Typing into the site's own search box, reading the results, and judging them against the index.

A result group is one page (its article and matched sections), shown in Material's order.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.text.vi import ascii_fold

META = ".md-search-result__meta"
BOX = "input[data-md-component=search-query]"


@dataclass(frozen=True)
class Result:
    path: str  # the page, relative to the site root: "chi-bo/x/" or "chi-bo/x.html"
    title: str
    labels: tuple[str, ...]


def outside_guard(context: Any, allowed: tuple[str, ...]) -> list[str]:
    """Abort every request outside `allowed` prefixes (the network is cut) and list them."""
    attempted: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(allowed) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", handle)
    return attempted


def open_search(page: Any, url: str) -> None:
    page.goto(url)
    page.click(BOX)
    # Material shows its "type to start" text once the worker has built the index.
    page.wait_for_function(f"() => /Nhập để/.test(document.querySelector('{META}').innerText)", timeout=30_000)


def search(page: Any, query: str, root: str, paste: bool = False) -> list[Result]:
    """Type (or paste) `query` into the search box as a person would; the result groups shown."""
    page.fill(BOX, "")
    page.wait_for_function(f"() => /Nhập để/.test(document.querySelector('{META}').innerText)")
    if paste:
        page.fill(BOX, query)  # one input event, no keyup: as a paste or an input method
    else:
        page.type(BOX, query, delay=10)
    # Results come from the worker for every keystroke: wait for the ones of the whole query.
    page.wait_for_function(
        """([sel, box, q]) => document.querySelector(box).value === q &&
             /tài liệu|Không/.test(document.querySelector(sel).innerText)""",
        arg=[META, BOX, query],
    )
    # ... and until the list stops changing (the last keystroke's results are the last to arrive).
    snapshot = ""
    for _ in range(40):
        page.wait_for_timeout(250)
        now = page.inner_html(".md-search-result__list") + page.inner_text(META)
        if now == snapshot:
            break
        snapshot = now
    found = page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => {
             const a = item.querySelector("a.md-search-result__link")
             const article = a.querySelector("article")
             return {
               href: a.href,
               title: (h => { const c = h.cloneNode(true); c.querySelectorAll(".bt-kind").forEach(k => k.remove());
                              return c.textContent })(article.querySelector("h1, h2") || article),
               labels: [...article.querySelectorAll(".bt-kind, .md-tag")].map(t => t.textContent.trim()),
             }
           })""",
    )
    out = []
    for r in found:
        path = r["href"].split("?")[0].split("#")[0]
        out.append(Result(path[len(root) :] if path.startswith(root) else path, r["title"].strip(), tuple(r["labels"])))
    return out


def words(text: str, fold: bool) -> list[str]:
    text = unicodedata.normalize("NFC", html.unescape(re.sub(r"<[^>]*>", " ", text))).lower()
    return re.findall(r"[^\W_]+", ascii_fold(text) if fold else text)


def holds(haystack: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(haystack[i : i + n] == phrase for i in range(len(haystack) - n + 1))


class Index:
    """The built search index, to judge results by what the pages really hold."""

    def __init__(self, site: Path) -> None:
        data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        self.config = data["config"]
        self.pages: dict[str, list[dict[str, str]]] = {}
        for doc in data["docs"]:
            self.pages.setdefault(doc["location"].split("#")[0], []).append(doc)

    def page_holds(self, path: str, query: str, fold: bool = True) -> bool:
        phrase = words(query, fold)
        return any(holds(words(d["title"], fold), phrase) or holds(words(d["text"], fold), phrase) for d in self.pages[path])

    def pages_holding(self, query: str, fold: bool = True) -> set[str]:
        return {p for p in self.pages if self.page_holds(p, query, fold)}

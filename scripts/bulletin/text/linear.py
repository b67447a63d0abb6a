"""Python-Markdown's link parsing, kept linear on hostile lines.

Python-Markdown finds a link's text by scanning from every `[` to its matching `]`, and its
destination by scanning from every `](` to the matching `)`, one character at a time in Python:
a 50 KB line of `[` (or `![`, or `[a](b` repeated) costs minutes. Here the text is found by one
regular expression whose alternatives never overlap (so it cannot backtrack): link text may hold
bracket pairs one level deep (`[a [b] c](x)`), which is all honest text needs. The destination
scan is given up at once (by a like expression) when no `)` can close it, and otherwise sees at most
`LINK_WINDOW` characters. The cost: a title holding an unpaired parenthesis is not a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

# Link text up to its closing `]`: plain characters, or a `[...]` pair without brackets inside.
# Each alternative starts with a different character, so a failed match never retries.
_TEXT = re.compile(r"(?:[^\[\]]|\[[^\[\]]*\])*\]")
# A destination (and title) up to its closing `)`, with `(...)` pairs one level deep.
_DESTINATION = re.compile(r"(?:[^()]|\([^()]*\))*\)")
LINK_WINDOW = 1000  # characters of destination and title: a long URL is a few hundred


def _text(data: str, index: int) -> tuple[str, int, bool]:
    m = _TEXT.match(data, index)
    if m is None:
        return "", index, False
    return data[index : m.end() - 1], m.end(), True


def _bounded(get_link: Callable[[str, int], Any]) -> Callable[[str, int], Any]:
    def get_link_bounded(data: str, index: int) -> Any:
        # Python-Markdown reads `(` first (RE_LINK); give up in C when nothing can close it.
        if not data.startswith("(", index) or _DESTINATION.match(data, index + 1) is None:
            return "", None, index, False
        return get_link(data[: index + LINK_WINDOW], index)

    return get_link_bounded


class LinearLinks(Extension):
    """Registered after every other extension's inline patterns (priority is irrelevant: the
    processors are patched in place), so links, images and references of any extension count."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                # Replaced on the instance: the methods are Python-Markdown's own, called by its handleMatch.
                setattr(processor, "getText", _text)  # noqa: B010
                setattr(processor, "getLink", _bounded(processor.getLink))  # noqa: B010

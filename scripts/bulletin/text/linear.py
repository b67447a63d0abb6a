"""Python-Markdown's link parsing, kept linear on hostile lines.

Python-Markdown finds a link's text by scanning from every `[` to its matching `]`, and its
destination by scanning from every `](` to the matching `)`, one character at a time in Python:
a 50 KB line of `[` (or `![`, or `[a](b` repeated) costs minutes. Here the text is found by one
regular expression whose alternatives never overlap (so it cannot backtrack): link text may hold
bracket pairs one level deep (`[a [b] c](x)`), which is all honest text needs. The destination
scan is given up at once when no `)` follows, and otherwise sees at most `LINK_WINDOW` characters.
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
LINK_WINDOW = 1000  # characters of destination and title: a long URL is a few hundred


def _text(data: str, index: int) -> tuple[str, int, bool]:
    m = _TEXT.match(data, index)
    if m is None:
        return "", index, False
    return data[index : m.end() - 1], m.end(), True


def _bounded(get_link: Callable[[str, int], Any]) -> Callable[[str, int], Any]:
    def get_link_bounded(data: str, index: int) -> Any:
        if data.find(")", index) < 0:  # in C: nothing can close this destination
            return "", None, index, False
        if len(data) > index + LINK_WINDOW:
            data = data[: index + LINK_WINDOW]
        return get_link(data, index)

    return get_link_bounded


class LinearLinks(Extension):
    """Registered after every other extension's inline patterns (priority is irrelevant: the
    processors are patched in place), so links, images and references of any extension count."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                processor.getText = _text  # type: ignore[method-assign]
                processor.getLink = _bounded(processor.getLink)  # type: ignore[method-assign]

"""Keeping generated HTML away from the HTML parsers of the Markdown step.

A cell page is mostly HTML we wrote and escaped ourselves. Handed to MkDocs as Markdown, every
byte of it is parsed by Python's HTMLParser twice before it is copied out unchanged (MkDocs
collects anchor ids, then Python-Markdown finds the raw block's end): the biggest cost of a build
after search indexing. So for such pages the adapter swaps each whole HTML block for a
placeholder paragraph before Markdown runs and puts the block back into the rendered HTML.
"""

from __future__ import annotations

import re
import secrets
import zlib

# Block-level tags our pages open raw HTML blocks with (as Python-Markdown would see them).
_OPENING = re.compile(r"<(div|table|details|figure|ul|ol|p|section|nav|form)\b")


class Stash:
    """The blocks go back only into the written page (swap_in on the final HTML) and wait
    compressed: MkDocs keeps every page's rendered content until the build ends, so no page holds
    its tables in memory for longer than it takes to write it. The placeholders are HTML comments,
    which Markdown passes through and the search indexer ignores."""

    def __init__(self) -> None:
        self._token = "BTSTASH" + secrets.token_hex(4).upper()  # never typed by anyone
        self.blocks: list[bytes] = []

    def swap_out(self, markdown: str) -> str:
        """Replace each balanced raw HTML block (separated by blank lines) with a placeholder."""
        out = []
        for chunk in markdown.split("\n\n"):
            opening = _OPENING.match(chunk)
            if opening and _balanced(chunk, opening[1]):
                out.append(f"<!--{self._token}{len(self.blocks)}X-->")
                self.blocks.append(zlib.compress(chunk.encode("utf-8"), 1))
            else:
                out.append(chunk)
        return "\n\n".join(out)

    def swap_in(self, html: str) -> str:
        if not self.blocks:
            return html
        return re.sub(rf"<!--{self._token}(\d+)X-->", lambda m: zlib.decompress(self.blocks[int(m[1])]).decode("utf-8"), html)


def _balanced(chunk: str, tag: str) -> bool:
    """The block closes what it opens (else leave it to Markdown, which looks past blank lines)."""
    return len(re.findall(rf"<{tag}\b", chunk)) == chunk.count(f"</{tag}>") and chunk.rstrip().endswith(">")

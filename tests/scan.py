"""Scanning built HTML for markup that came alive: what an attacker's data field would need.

Hostile test data (tests/hostile.py) names `pwn` in every tag or attribute it tries to
smuggle in and calls `alert(` in every script, so anything found here is a finding.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset", "ping")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # a browser drops tabs and newlines inside a URL
_REQUESTING = ("img", "iframe", "script", "link", "source", "video", "audio", "embed", "object", "input", "track")
_NEVER = ("iframe", "object", "embed", "frame", "frameset", "applet", "base")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._raw: str | None = None  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._raw = tag if tag in ("script", "style") else None
        if "pwn" in tag or tag in _NEVER:
            self.found.append(f"<{tag}>")
        attrs_of = dict(attrs)
        if tag == "meta" and (attrs_of.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "form" and attrs_of.get("action"):
            self.found.append(f"<form action={attrs_of['action']!r}>")
        for name, value in attrs:
            value = value or ""
            url = _IGNORED_IN_URLS.sub("", value).lower()
            if name.startswith("on") or "pwn" in name:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRS and url.startswith(_BAD_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")
            if (
                tag in _REQUESTING
                and name in ("src", "href", "srcset", "poster", "data")
                and url.replace("\\", "/").startswith(("http:", "https:", "//", "/\\"))
            ):
                self.found.append(f"<{tag} {name}={value!r}> (outside request)")
            if name == "style" and ("url(" in url or "expression(" in url or "alert(" in url):
                self.found.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._raw = None

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script" and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")
        if self._raw == "style" and ("javascript:" in data or "pwn" in data):
            self.found.append(f"<style>{data[:40]}")


def live_markup(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found

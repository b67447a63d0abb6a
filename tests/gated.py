"""What a spawned process of `mkdocs serve` runs in tests: the real work, once a file says go."""

from __future__ import annotations

import time

from bulletin.data.load import Layout
from bulletin.data.settings import Settings
from bulletin.mkdocs.serving import make_committee_files


def committee_files_after_gate(layout: Layout, settings: Settings, out: str) -> None:
    deadline = time.monotonic() + 60
    while not (layout.root / "gate").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    make_committee_files(layout, settings, out)

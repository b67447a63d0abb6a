"""Generated pages kept on disk until the build is over, not in memory.

A province has thousands of cells and each cell page is tens of kilobytes of HTML: held all at
once (as in-memory pages are, from generation to the end of the build) they would make memory
grow with the whole site. Spooled pages are read back by the engine one at a time.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class Spool:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bulletin-pages-"))
        self.paths: dict[str, Path] = {}

    def add(self, path: str, content: str) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        self.paths[path] = target

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.paths = {}

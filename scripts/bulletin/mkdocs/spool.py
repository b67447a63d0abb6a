"""Generated pages kept on disk until the build is over, not in memory.

A province has thousands of cells and each cell page is tens of kilobytes of HTML: held all at
once (as in-memory pages are, from generation to the end of the build) they would make memory
grow with the whole site. Spooled pages are read back by the engine one at a time.

A spool that lives across the rebuilds of `mkdocs serve --dirty` rewrites a page only when its
text changed: the file's time then tells MkDocs which pages to render again.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path


class Spool:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bulletin-pages-"))
        self.paths: dict[str, Path] = {}
        # Removed however this process ends short of SIGKILL: at exit (Ctrl-C, a signal turned into
        # SystemExit by mkdocs/stopping.py) if nothing closed it before. A forked worker ends with
        # os._exit and so never removes its parent's spool.
        self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def start(self) -> None:
        """A new build: the pages it lists are the ones it adds or keeps."""
        self.paths = {}

    def add(self, path: str, content: str) -> None:
        target = self.folder / path
        data = content.encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.paths[path] = target

    def holds(self, path: str) -> bool:
        return (self.folder / path).is_file()

    def keep(self, path: str) -> None:
        """List again the page an earlier build of this spool wrote."""
        self.paths[path] = self.folder / path

    def close(self) -> None:
        self._remove()
        self.paths = {}

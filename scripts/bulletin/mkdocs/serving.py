"""`mkdocs serve --dirty` (what `make serve` runs): what one process keeps between its rebuilds, and
the two steps in which a saved file reaches the browser.

MkDocs rebuilds after every saved file, and the browser waits for the rebuild to end. At 1,000
cells the committee-wide files (overview, grids, workbooks, reports, issues, their PDFs) take many
seconds to make, the edited cell's page a fraction of one. So the rebuild after a change makes
the changed cell pages only, keeps the committee-wide files of the build before, and the browser
shows the edited cell at once. Then another process makes the committee-wide files from the new
data and, done, MkDocs is asked for one more rebuild, which takes them (MkDocs renders again
only the pages whose text changed) and reloads the browser again. A file saved meanwhile stops
that process; the rebuild it causes starts another. Once the follow-up has run, the site is what
a cold build makes of the same data (tests/test_serve_steps.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import jinja2
import jinja2.bccache
from mkdocs.livereload import LiveReloadServer

from bulletin.data import recordcache
from bulletin.data.load import Layout, load
from bulletin.data.lock import DataBusy, reading
from bulletin.data.problems import InvalidData
from bulletin.data.settings import Settings
from bulletin.mkdocs.spool import Spool
from bulletin.outputs.print_edition import PrintUnavailable
from bulletin.pages.context import Context
from bulletin.rules.verdicts import JudgeMemo

log = logging.getLogger("mkdocs.plugins.bulletin")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class CommitteeFiles:
    """The committee-wide files of the site being served, and the inputs they were made from."""

    stamp: str
    pages: list[str]  # Markdown pages, in the session's spool
    other: dict[str, str | bytes] = field(default_factory=dict)  # the rest, in memory
    cells: frozenset[str] = frozenset()  # the cells they link to


class Background:
    """The committee-wide files made from the data as it stands, by another process: it runs on
    the other core, so the next rebuild is not slowed, and stopping it is immediate. A new Python,
    not a fork (this process has the dev server's threads) nor multiprocessing's spawn (which runs
    the main script again). `stamp` is the rebuild's that started it; the process reads the data
    again itself (from the record cache), so were a file saved in between, its files are newer
    than the stamp, never older, and the rebuild of that save has another stamp and starts another."""

    target: ClassVar[str] = "bulletin.mkdocs.serving:make_committee_files"  # module:function, run by the child

    def __init__(self, stamp: str, layout: Layout, settings: Settings) -> None:
        self.stamp = stamp
        self.files: dict[str, str | bytes] = {}
        self.error: str | None = None
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self._folder = Path(tempfile.mkdtemp(prefix="bulletin-committee-"))
        job, out = self._folder / "job.pickle", self._folder / "files.pickle"
        job.write_bytes(pickle.dumps((self.target, layout, settings, str(out)), protocol=pickle.HIGHEST_PROTOCOL))
        # This process's id given: the child would learn its parent too late were this one killed at once.
        entry = "import sys; from bulletin.mkdocs.serving import child; child(*sys.argv[1:])"
        self._process = subprocess.Popen(
            [sys.executable, "-c", entry, str(job), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal reaches the server, which stops this
        )
        self._waiter = threading.Thread(target=self._wait, args=(out,), name="bulletin-committee-wait", daemon=True)
        self._waiter.start()

    def _wait(self, out: Path) -> None:
        code = self._process.wait()
        try:
            if self.cancelled.is_set():
                return
            try:
                with out.open("rb") as fh:
                    self.files, self.error = pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError, ValueError):
                self.error = f"tiến trình tạo các trang tổng hợp dừng bất thường (mã {code})"
            self.done.set()  # before asking: the rebuild asked for must find the files ready
            log.info(f"Đã tạo lại {len(self.files)} tệp tổng hợp ở nền: tải lại trang")
            request_rebuild(Session.server)
        finally:
            self.done.set()
            shutil.rmtree(self._folder, ignore_errors=True)

    def cancel(self) -> None:
        self.cancelled.set()
        with contextlib.suppress(OSError):
            self._process.kill()

    def join(self, timeout: float | None = None) -> None:
        self._waiter.join(timeout)


def child(job: str, parent: str) -> None:
    """The background process's entry: run the job the server (process `parent`) left in `job`."""
    _watch_parent(int(parent), Path(job).parent)
    target, layout, settings, out = pickle.loads(Path(job).read_bytes())
    module, _, name = target.partition(":")
    getattr(importlib.import_module(module), name)(layout, settings, out)


def _watch_parent(parent: int, folder: Path, every: float = 0.5) -> None:
    """The server stops this process when it stops, but a server killed outright (SIGKILL) cannot:
    in its own session, nothing else would. So this process watches its parent, and when the parent
    is gone removes the job's folder (ours alone) and ends."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        shutil.rmtree(folder, ignore_errors=True)
        os._exit(1)

    threading.Thread(target=watch, name="bulletin-parent-watch", daemon=True).start()


def make_committee_files(layout: Layout, settings: Settings, out: str) -> None:
    """In the background process: load the data as a build does, make the committee-wide files,
    and leave them (or the data's error) in `out` for the serving process."""
    from bulletin.outputs.site import committee_files  # imported by this process only when it works

    # The record cache stays the server's to write: replacing its file here would make the server
    # read it again, and get new meeting objects that its judged cells no longer match.
    recordcache.defer = True
    files: dict[str, str | bytes] = {}
    error: str | None = None
    try:
        with reading(layout.root):
            data = load(layout, settings)
        # One core: the other is the server's, for the next saved file.
        files = dict(committee_files(Context(data, settings), fork=False))
    except (InvalidData, PrintUnavailable, DataBusy) as e:
        error = str(e)
    temp = f"{out}.tmp"
    with open(temp, "wb") as fh:
        pickle.dump((files, error), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, out)


Plan = Literal["full", "cells", "ready"]


class Session:
    """What one serve process keeps from one rebuild to the next (MkDocs makes new plugin objects
    for every rebuild): the spooled pages with the inputs key each was made from, the search
    entries of the pages a rebuild does not render again, the judged cells, the committee-wide
    files and the process making new ones."""

    dirty: ClassVar[bool] = False
    serving: ClassVar[bool] = False  # `mkdocs serve`, dirty or not
    workers: ClassVar[int] = 1  # processes making cell pages: all cores for a build, one while serving
    spool: ClassVar[Spool | None] = None
    inputs: ClassVar[dict[str, str]] = {}
    titles: ClassVar[dict[str, str]] = {}
    templates: ClassVar[MemoryBytecodeCache] = MemoryBytecodeCache()
    search_docs: ClassVar[list[dict[str, Any]]] = []
    memo: ClassVar[JudgeMemo | None] = None
    server: ClassVar[LiveReloadServer | None] = None
    committee: ClassVar[CommitteeFiles | None] = None
    background: ClassVar[Background | None] = None
    theme_stamp: ClassVar[str | None] = None  # of mkdocs.yml and the overrides at the last rebuild
    tags_export: ClassVar[bytes | None] = None  # Material's tags.json as the last whole rebuild wrote it
    written: ClassVar[set[str]] = set()  # the files the last rebuild listed, by their path in the site

    @classmethod
    def start(cls, dirty: bool) -> None:
        cls.dirty = dirty
        cls.memo = JudgeMemo() if dirty else None

    @classmethod
    def plan(cls, stamp: str, spool: Spool, cells: Iterable[str]) -> Plan:
        """How this rebuild makes the committee-wide files: all of them here ("full"), from the
        process that made them for these very inputs ("ready"), or kept from before while this
        rebuild makes the changed cell pages only ("cells"). Not when a cell was added or removed:
        the pages kept would list a cell that has no page any more, or miss one."""
        background, committee = cls.background, cls.committee
        if not cls.dirty or committee is None or not all(spool.holds(p) for p in committee.pages):
            return "full"
        if committee.cells != frozenset(cells):
            return "full"
        if background is not None and background.stamp == stamp and background.done.is_set():
            return "full" if background.error is not None else "ready"
        return "cells"

    @classmethod
    def follow_up(cls, stamp: str, layout: Layout, settings: Settings) -> None:
        """After a "cells" rebuild: make the committee-wide files of its data, unless they are
        already made or being made from these inputs."""
        committee, background = cls.committee, cls.background
        if committee is not None and committee.stamp == stamp:
            return
        if background is not None and background.stamp == stamp and not background.cancelled.is_set():
            return
        cls.cancel()
        log.info("Đang tạo lại các trang tổng hợp ở nền (trang chi bộ đã cập nhật)")
        cls.background = Background(stamp, layout, settings)

    @classmethod
    def cancel(cls) -> None:
        if cls.background is not None:
            cls.background.cancel()
            cls.background = None

    @classmethod
    def end(cls) -> None:
        background = cls.background
        cls.cancel()
        if background is not None:
            background.join(timeout=30)
        if cls.spool is not None:
            cls.spool.close()
        cls.spool, cls.inputs, cls.titles, cls.search_docs = None, {}, {}, []
        cls.committee, cls.memo, cls.server, cls.theme_stamp, cls.written = None, None, None, None, set()
        cls.tags_export = None


def remove_stale(site: Path, before: set[str], now: set[str]) -> set[str]:
    """Remove from the served folder the files an earlier rebuild wrote and this one no longer
    lists (a renamed or removed cell's page): this session wrote them, in MkDocs' own temporary
    folder. Returns what this rebuild lists."""
    for rel in sorted(before - now):
        path = site / rel
        if path.is_file() and path.resolve().is_relative_to(site.resolve()):
            path.unlink()
            with contextlib.suppress(OSError):  # its folder, if that was all it held
                path.parent.rmdir()
    return now


# MkDocs' reload poller (mkdocs/livereload/__init__.py, _SCRIPT_TEMPLATE_STR), as a file of the site.
LIVERELOAD = "assets/bulletin/livereload.js"
LIVERELOAD_JS = """\
// `make serve`: reload this page when MkDocs has built a newer site (MkDocs' own poller).
(function () {
  var me = document.currentScript, epoch = parseFloat(me.dataset.epoch), requestId = me.dataset.request;
  var req, timeout;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }
  function stop() {
    if (req) req.abort();
    if (timeout) clearTimeout(timeout);
    req = timeout = undefined;
  }
  window.addEventListener("load", function () { if (document.visibilityState === "visible") poll(); });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
"""


def reload_by_file(server: LiveReloadServer) -> None:
    """MkDocs writes its reload poller into every served page as an inline script, which the
    page's Content-Security-Policy blocks (its text changes with every request: no hash can name
    it), so the browser would never reload. The same poller as a file of the site, which the
    policy allows ('self'), with the page's epoch in data attributes. MkDocs 1.6 has no public
    hook for it: this replaces the server's `_inject_js_into_html` (MkDocs 1.x is frozen)."""
    src = f"{server.mount_path}{LIVERELOAD}"

    def inject(content: bytes, epoch: int) -> bytes:
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        tag = f'<script src="{src}" data-epoch="{epoch}" data-request="{time.monotonic_ns()}"></script>'
        return content[:end] + tag.encode("ascii") + content[end:]

    server._inject_js_into_html = inject  # type: ignore[method-assign]


def request_rebuild(server: LiveReloadServer | None) -> None:
    """Ask the serving loop for one more rebuild, as a watched file's change does. MkDocs 1.6 has
    no public call for it; its watcher sets this flag under this condition
    (mkdocs/livereload/__init__.py, `watch`), and MkDocs 1.x is frozen (README: Status of the stack)."""
    if server is None:
        return
    condition = server._rebuild_cond
    with condition:
        server._want_rebuild = True
        condition.notify_all()


def stamp(files: list[Path], folders: list[Path], extra: str) -> str:
    """A digest of what a build reads: every file's name, size, times and inode under `folders`,
    `files`, and `extra` (the settings). Equal stamps: nothing was saved in between."""
    h = hashlib.blake2b(extra.encode("utf-8"), digest_size=16)
    for path in files:
        _stat_into(h, str(path))
    for folder in folders:
        stack = [str(folder)]
        while stack:
            try:
                entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    _stat_into(h, entry.path)
    return h.hexdigest()


def _stat_into(h: Any, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        h.update(f"{path}\0-\n".encode("utf-8", "surrogateescape"))
        return
    h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode("utf-8", "surrogateescape"))

"""The core abstraction: an organisation's data in, the site's generated files out.

`generate` returns docs-relative paths and their contents; the MkDocs plugin
hands them to MkDocs as in-memory files, and `write_folder` writes them out
with the hand-written pages, for plain MkDocs or any other engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import signal
import tempfile
from collections.abc import Callable, Container, Iterator
from importlib import resources
from pathlib import Path

from bulletin.data.load import Layout, is_published, load, stays_inside
from bulletin.data.model import Dataset, Organization, Outline
from bulletin.data.settings import Settings
from bulletin.outputs import export, feed, outline_docx, print_edition, report, search, workbook
from bulletin.pages import bulletins, cells, cells_index, guide, links, members, overview, overview_sections, topics
from bulletin.pages.context import Context

ASSETS = "assets/bulletin"  # where the package's own css and js are published


def assets() -> dict[str, bytes]:
    """The package's style sheets and scripts, by their published path (in a stable order)."""
    folder = resources.files("bulletin").joinpath("assets")
    return {f"{ASSETS}/{f.name}": f.read_bytes() for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.is_file()}


Files = dict[str, str | bytes]


def generate(data: Dataset, settings: Settings) -> Files:
    return {path: content for path, content in iter_files(data, settings) if content is not None}


# Asked with a cell page's path and inputs key: does the caller still hold that very page?
Unchanged = Callable[[str, str], bool]


def iter_files(
    data: Dataset,
    settings: Settings,
    ctx: Context | None = None,
    unchanged: Unchanged | None = None,
    workers: int = 1,
    aggregates: bool = True,
    fork: bool = True,
) -> Iterator[tuple[str, str | bytes | None]]:
    """The generated files one at a time, so an adapter can spool the many cell pages to disk
    instead of holding a whole province's pages in memory at once. An adapter that also fills
    hand-written pages (pages.home) passes its Context, so the figures are computed once.
    A cell page the caller still holds (`unchanged` says so for its inputs key) comes as None:
    not generated again. With `workers` > 1 the cell pages are made by that many processes, in the
    same order, the same bytes. PDFs are rendered on all cores, or in this process without `fork`
    (a process with threads must not fork). Without `aggregates`, only the cell pages: `mkdocs
    serve` makes the rest apart (mkdocs/serving.py)."""
    ctx = ctx or Context(data, settings)
    pages = _CellPages(ctx, unchanged, workers)  # started first: made while the rest is
    try:
        if aggregates:
            yield from committee_files(ctx, fork)
        yield from pages
    finally:
        pages.close()


def committee_files(ctx: Context, fork: bool = True) -> Iterator[tuple[str, str | bytes]]:
    """Every generated file but the cell pages: what the whole organisation's data makes."""
    data, settings = ctx.data, ctx.settings
    workers = None if fork else 1  # PDFs: all cores, or this process only
    yield cells_index.INDEX, cells_index.cells_index(ctx)
    yield overview.DOC, overview.overview(ctx)
    yield topics.INDEX, topics.library(ctx)
    yield bulletins.INDEX, bulletins.archive(ctx)
    yield guide.DOC, guide.format_page(ctx)
    yield from assets().items()
    yield from search.static_files().items()
    for year in ctx.years:
        yield overview.year_doc(year), overview.overview(ctx, year, overview.year_doc(year))
        yield links.overview_xlsx(year), workbook.year_workbook(ctx, year)
        yield from overview.grid_pages(ctx, year)
    yield links.FLAGS, overview_sections.flags_page(ctx)
    if data.committee is not None:
        yield links.MEMBERS_INDEX, members.members_index(ctx)
        for member in data.committee.values():
            yield links.member_doc(member.id), members.member_page(ctx, member)
    yield from report.all_reports(ctx, workers).items()
    table = export.rows(data, ctx.judged, ctx.settings.rules, settings)
    yield overview.CSV, export.to_csv(table)
    yield overview.JSON, export.to_json(table)
    for theme in settings.themes:
        yield links.theme_doc(theme), topics.theme_page(ctx, theme)
    if settings.tags_index:
        yield links.tags_doc(), topics.tags_page(ctx)
    tree = outline_docx.MarkdownTree()
    for outline in data.outlines.values():
        yield links.outline_doc(outline.ref), topics.outline_page(ctx, outline)
        yield links.outline_docx(outline.ref), _docx(outline, data.organization, ctx.theme_name(outline.theme), tree)
    for issue in data.issues:
        yield links.issue_doc(issue.key), bulletins.issue_page(ctx, issue)
    yield links.FEED, feed.atom(data, settings)
    yield from print_edition.editions(ctx, workers).items()


# Fewer cell pages than this are made in this process: forking costs more than it saves.
PARALLEL_MIN = 64


class _CellPages:
    """The cell pages in the cells' order, None for a page the caller still holds. With `workers`
    > 1 they are made by forked processes started at once, so they are made while this process
    makes the committee-wide files; each child streams its share of pages into a file, read back
    one page at a time (a province's pages are never all in memory at once)."""

    def __init__(self, ctx: Context, unchanged: Unchanged | None, workers: int) -> None:
        self.ctx = ctx
        self.cells = list(ctx.data.cells.values())
        self.kept = [unchanged is not None and unchanged(links.cell_doc(c.id), cells.inputs_key(ctx, c)) for c in self.cells]
        todo = [c.id for c, k in zip(self.cells, self.kept, strict=True) if not k]
        self.children: list[tuple[int, list[str], Path]] = []
        self.folder: Path | None = None
        if workers < 2 or len(todo) < PARALLEL_MIN:
            self.serial = todo
            return
        self.serial = []
        self.folder = Path(tempfile.mkdtemp(prefix="bulletin-cells-"))
        size = -(-len(todo) // workers)
        for k in range(0, len(todo), size):
            ids, out = todo[k : k + size], self.folder / f"{k}.pickle"
            self.children.append((self._fork(ids, out), ids, out))

    def _fork(self, ids: list[str], out: Path) -> int:
        # fork: the child inherits the loaded data and judgements instead of receiving them.
        parent = os.getpid()
        pid = os.fork()
        if pid:
            return pid
        code = 1
        try:  # the child never returns into the caller's code: os._exit, whatever happens
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the build, and us
            for signum in (signal.SIGTERM, signal.SIGHUP):  # die at once: the parent cleans up after us
                signal.signal(signum, signal.SIG_DFL)
            with out.open("wb") as fh:
                for cell_id in ids:
                    if os.getppid() != parent:  # the parent was killed (SIGKILL): nobody will read or remove this
                        _orphaned(out)
                    pickle.dump(cells.cell_page(self.ctx, self.ctx.data.cells[cell_id]), fh, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)

    def _made(self) -> Iterator[str]:
        yield from (cells.cell_page(self.ctx, self.ctx.data.cells[i]) for i in self.serial)
        for pid, ids, out in self.children:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:  # made here instead: an error is raised here, with its traceback
                yield from (cells.cell_page(self.ctx, self.ctx.data.cells[i]) for i in ids)
                continue
            with out.open("rb") as fh:
                for _ in ids:
                    yield pickle.load(fh)
            out.unlink()

    def __iter__(self) -> Iterator[tuple[str, str | None]]:
        made = self._made()
        for cell, keep in zip(self.cells, self.kept, strict=True):
            yield links.cell_doc(cell.id), None if keep else next(made)

    def close(self) -> None:
        for pid, _, _ in self.children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.children = []
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _orphaned(out: Path) -> None:
    """A cell-page worker whose build is gone: remove the build's folder of pages (all of it was
    made for that build alone; the other workers find the same and end) and end."""
    shutil.rmtree(out.parent, ignore_errors=True)
    os._exit(1)


# An outline's .docx by the hash of its inputs: its bytes depend on nothing else (no build time
# inside), so the rebuilds of one `mkdocs serve` process make each document once.
_DOCX_MEMO: dict[str, bytes] = {}


def _docx(outline: Outline, organization: Organization, theme_name: str, tree: outline_docx.MarkdownTree) -> bytes:
    key = hashlib.blake2b(repr((outline, organization, theme_name)).encode("utf-8"), digest_size=16).hexdigest()
    if key not in _DOCX_MEMO:
        if len(_DOCX_MEMO) > 4096:  # outlines edited over a long session: start again
            _DOCX_MEMO.clear()
        _DOCX_MEMO[key] = outline_docx.build(outline, organization, theme_name, tree)
    return _DOCX_MEMO[key]


def clashes(paths: Container[str], data: Dataset) -> list[str]:
    """Hand-written pages that sit where a generated page goes."""
    return [page for page in data.pages if page in paths]


def build_files(layout: Layout, settings: Settings) -> tuple[Dataset, Files]:
    data = load(layout, settings)
    return data, generate(data, settings)


def write_folder(layout: Layout, files: Files, out: Path) -> int:
    """Write a complete docs folder: the hand-written pages and assets, then the generated files."""
    count = 0
    for src in sorted(layout.content.rglob("*")):
        rel = src.relative_to(layout.content).as_posix()
        if src.is_file() and is_published(rel) and stays_inside(layout.content, src):
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
            count += 1
    for rel, content in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        count += 1
    return count

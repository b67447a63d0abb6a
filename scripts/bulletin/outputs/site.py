"""The core abstraction: an organisation's data in, the site's generated files out.

`generate` returns docs-relative paths and their contents; the MkDocs plugin
hands them to MkDocs as in-memory files, and `write_folder` writes them out
with the hand-written pages, for plain MkDocs or any other engine.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from collections.abc import Callable, Container, Iterator
from concurrent.futures import ProcessPoolExecutor
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
    if aggregates:
        yield from committee_files(ctx, fork)
    yield from _cell_pages(ctx, unchanged, workers)


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
_CHUNK = 25
_SHARED: Context | None = None  # what forked workers make pages from (inherited, never pickled)


def _cell_pages(ctx: Context, unchanged: Unchanged | None, workers: int) -> Iterator[tuple[str, str | None]]:
    all_cells = list(ctx.data.cells.values())
    kept = [unchanged is not None and unchanged(links.cell_doc(c.id), cells.inputs_key(ctx, c)) for c in all_cells]
    todo = [c.id for c, k in zip(all_cells, kept, strict=True) if not k]
    made = _make_pages(ctx, todo, workers)
    for cell, keep in zip(all_cells, kept, strict=True):
        yield links.cell_doc(cell.id), None if keep else next(made)


def _make_pages(ctx: Context, ids: list[str], workers: int) -> Iterator[str]:
    workers = min(workers, len(ids) // _CHUNK)
    if workers < 2 or len(ids) < PARALLEL_MIN:
        yield from (cells.cell_page(ctx, ctx.data.cells[i]) for i in ids)
        return
    global _SHARED
    _SHARED = ctx
    ctx.judged, ctx.shared_inputs  # computed once, before the fork  # noqa: B018
    chunks = [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    try:
        # fork: the workers inherit the loaded data and judgements instead of receiving them.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for pages in pool.map(_chunk_pages, chunks):
                yield from pages
    finally:
        _SHARED = None


def _chunk_pages(ids: list[str]) -> list[str]:
    ctx = _SHARED
    assert ctx is not None
    return [cells.cell_page(ctx, ctx.data.cells[i]) for i in ids]


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

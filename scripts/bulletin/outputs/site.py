"""The core abstraction: an organisation's data in, the site's generated files out.

`generate` returns docs-relative paths and their contents; the MkDocs plugin
hands them to MkDocs as in-memory files, and `write_folder` writes them out
with the hand-written pages, for plain MkDocs or any other engine.
"""

from __future__ import annotations

import shutil
from collections.abc import Container, Iterator
from importlib import resources
from pathlib import Path

from bulletin.data.load import Layout, is_published, load, stays_inside
from bulletin.data.model import Dataset
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
    return dict(iter_files(data, settings))


def iter_files(data: Dataset, settings: Settings, ctx: Context | None = None) -> Iterator[tuple[str, str | bytes]]:
    """The generated files one at a time, so an adapter can spool the many cell pages to disk
    instead of holding a whole province's pages in memory at once. An adapter that also fills
    hand-written pages (pages.home) passes its Context, so the figures are computed once."""
    ctx = ctx or Context(data, settings)
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
    yield links.FLAGS, overview_sections.flags_page(ctx)
    if data.committee is not None:
        yield links.MEMBERS_INDEX, members.members_index(ctx)
        for member in data.committee.values():
            yield links.member_doc(member.id), members.member_page(ctx, member)
    yield from report.all_reports(ctx).items()
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
        yield links.outline_docx(outline.ref), outline_docx.build(outline, data.organization, ctx.theme_name(outline.theme), tree)
    for issue in data.issues:
        yield links.issue_doc(issue.key), bulletins.issue_page(ctx, issue)
    yield links.FEED, feed.atom(data, settings)
    yield from print_edition.editions(ctx).items()
    for cell in data.cells.values():
        yield links.cell_doc(cell.id), cells.cell_page(ctx, cell)


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

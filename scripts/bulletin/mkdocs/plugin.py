"""The MkDocs adapter: validate before MkDocs touches site/, then hand it the generated files."""

from __future__ import annotations

import html
import itertools
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from bulletin.data import recordcache
from bulletin.data.custody import UnsafeOutput, check_output, mark
from bulletin.data.load import Layout, is_published, load, stays_inside
from bulletin.data.lock import DataBusy, reading
from bulletin.data.problems import InvalidData
from bulletin.mkdocs import place, stopping
from bulletin.mkdocs.config import BulletinConfig, layout_of, settings_of
from bulletin.mkdocs.project import guarded_of
from bulletin.mkdocs.serving import LIVERELOAD, LIVERELOAD_JS, CommitteeFiles, Session, reload_by_file, remove_stale, stamp
from bulletin.mkdocs.spool import Spool
from bulletin.mkdocs.stash import Stash
from bulletin.outputs import csp, search
from bulletin.outputs.print_edition import PrintUnavailable
from bulletin.pages import home, links
from bulletin.pages.context import Context
from bulletin.pages.links import FEED
from bulletin.text import vi
from bulletin.text.markdown import clean_page


def _offline(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.enabled)


# href="/x" or src='/x' in the theme's 404 template (not "//host"): our own template output, not editor text.
_ROOTED = re.compile(r"""\b(href|src)=(["'])/(?!/)""")

# Pages that are all generated HTML (no editor Markdown): their blocks skip the Markdown parsers.
STASHED = ("chi-bo/", "tong-hop/")


class _DirtyIsExpected(logging.Filter):
    """`make serve` asks for dirty rebuilds; MkDocs' warning about them would fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


_dirty_filter = _DirtyIsExpected()
log = logging.getLogger("mkdocs.plugins.bulletin")


class _ToMkDocs(logging.Handler):
    """The core says what it is doing on the `bulletin` loggers (with no MkDocs in sight); shown
    the MkDocs way, and silenced by `mkdocs build -q` like MkDocs' own lines."""

    def emit(self, record: logging.LogRecord) -> None:
        if log.isEnabledFor(record.levelno):
            log.handle(record)


_core_log = logging.getLogger("bulletin")
if not any(isinstance(h, _ToMkDocs) for h in _core_log.handlers):
    _core_log.addHandler(_ToMkDocs())
    _core_log.setLevel(logging.INFO)
    _core_log.propagate = False


def _workers(value: str | None) -> int:
    """BULLETIN_WORKERS: how many processes make the cell pages; never more than the cores."""
    cores = os.cpu_count() or 1
    if value is None or not value.strip():
        return cores
    try:
        workers = int(value)
    except ValueError:
        workers = 0
    if workers < 1:
        raise PluginError(f"BULLETIN_WORKERS={value!r}: cần một số nguyên từ 1 trở lên (số tiến trình tạo trang chi bộ).")
    return min(workers, cores)


class BulletinPlugin(BasePlugin[BulletinConfig]):
    stashes: dict[str, Stash]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Forking beside the dev server's threads is not safe; a build has none. BULLETIN_WORKERS=1: serial.
        workers = _workers(os.environ.get("BULLETIN_WORKERS")) if command == "build" else 1
        stopping.install()  # SIGTERM, SIGHUP: our finally blocks run, as on Ctrl-C
        Session.start(command == "serve" and dirty)
        Session.serving = command == "serve"
        Session.workers = workers
        recordcache.defer = command == "serve"  # written once, when serving stops
        if Session.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_filter)

    def on_shutdown(self) -> None:
        try:
            recordcache.flush()
            recordcache.defer = False  # a process that builds again after serving (tests do) writes as a build does
            self._close_spool()  # MkDocs calls on_build_error for an Exception only, not for Ctrl-C or a signal
            Session.end()
        finally:
            stopping.uninstall()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.layout = layout_of(self.config, config)
        self.settings = settings_of(self.config, config)
        self.stashes = {}
        # The writers are imported when a build starts: `bulletin validate` loads this module
        # (through mkdocs.yml) and makes no page.
        from bulletin.outputs.site import assets

        for path in assets():
            scripts = config.extra_javascript if path.endswith(".js") else config.extra_css if path.endswith(".css") else None
            if scripts is not None and path not in scripts:
                scripts.append(path)
        # overrides/main.html advertises the feed in every page's head.
        config.extra["bulletin_feed"] = FEED
        offline = config.plugins.get("material/offline")
        if offline is not None and offline.config.enabled:
            config.extra["polyfills"] = search.offline_polyfills(config.extra.get("polyfills", []))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # MkDocs empties site/ only after this event: failing here keeps the old site.
        # Read the settings now, after every plugin's on_config: Material's offline plugin (listed
        # after us) turns use_directory_urls off there, and our links must follow.
        self.settings = settings_of(self.config, config)
        self._close_spool()
        try:  # MkDocs' own check (site_dir against docs_dir) is the floor: nor the data, the project, a release
            check_output(Path(config.site_dir), guarded_of(config, self.layout))
        except UnsafeOutput as e:
            raise PluginError(str(e)) from None
        self.generated: dict[str, str | bytes] = {}
        self.built: set[str] = set()  # the pages this build renders (a dirty one skips the others)
        unchanged = None
        if Session.dirty and (search_plugin := config.plugins.get("material/search")) is not None:
            # Material's own dirty merge keeps only the first re-rendered page right: ours, below.
            search_plugin.search_index_prev = None
        if Session.dirty:  # one spool for the whole session: unchanged pages keep their file's time
            Session.spool = self.spool = Session.spool or Spool()
            self.spool.start()
            unchanged = self._unchanged
            # Taken before the data is read: a file saved during the read makes the next stamp differ.
            self.stamp = stamp(
                [Path(config.config_file_path)], [self.layout.content, *watched(config, self.layout)], repr(self.settings)
            )
            if Session.background is not None and Session.background.stamp != self.stamp:
                Session.cancel()  # made from inputs older than these: stop sharing the CPU with this build
        else:
            self.spool, self.stamp = Spool(), ""
        try:
            start = time.perf_counter()
            with reading(self.layout.root):  # an import is applied wholly before or wholly after this load
                self.data = load(self.layout, self.settings)
            meetings = sum(len(ms) for ms in self.data.meetings.values())
            log.info(
                f"Đã đọc dữ liệu: {vi.number(len(self.data.cells))} chi bộ, {vi.number(meetings)} cuộc sinh hoạt, "
                f"{len(self.data.outlines)} đề cương, "
                f"{len(self.data.issues)} số bản tin ({time.perf_counter() - start:.1f} giây)"
            )
            start = time.perf_counter()
            self.ctx = Context(self.data, self.settings, memo=Session.memo)
            self.plan = Session.plan(self.stamp, self.spool, self.data.cells) if Session.dirty else "full"
            kept = self._make(unchanged)
        except (InvalidData, PrintUnavailable, DataBusy) as e:
            raise PluginError(str(e)) from None
        made = f"{len(self.spool.paths)} trang" + (f" ({kept} trang chi bộ không đổi, giữ nguyên)" if kept else "")
        if Session.serving:  # the reload poller of `mkdocs serve`, as a file the pages' policy allows
            self.generated[LIVERELOAD] = LIVERELOAD_JS
        made += f" và {len(self.generated)} tệp khác ({time.perf_counter() - start:.1f} giây)"
        if self.plan == "cells":
            made += "; các trang tổng hợp tạm giữ bản trước trong lúc tạo lại ở nền"
        log.info(f"Đã tạo {made}")
        from bulletin.outputs.site import clashes

        if taken := clashes(self.generated.keys() | self.spool.paths.keys(), self.data):
            raise PluginError("Trang viết tay trùng địa chỉ với trang được tạo tự động: " + ", ".join(taken))

    def _make(self, unchanged: Callable[[str, str], bool] | None) -> int:
        """The generated files, by this build's plan (mkdocs/serving.py); how many cell pages were kept."""
        made: Iterable[tuple[str, str | bytes | None]] = ()
        if self.plan == "cells" and Session.committee is not None:  # the committee-wide files of before
            for page in Session.committee.pages:
                self.spool.keep(page)
            self.generated.update(Session.committee.other)
        elif self.plan == "ready" and Session.background is not None:  # made by the background process, from these inputs
            made = Session.background.files.items()
        # A serving process has threads: it never forks (cell pages and PDFs in this process).
        from bulletin.outputs.site import iter_files

        cells = iter_files(
            self.data, self.settings, self.ctx, unchanged, Session.workers, aggregates=self.plan == "full", fork=not Session.dirty
        )
        kept = 0
        for path, content in itertools.chain(made, cells):
            kept += content is None
            if content is None:
                self.spool.keep(path)
            elif path.endswith(".md") and isinstance(content, str):  # read back one at a time
                self.spool.add(path, content)
            else:
                self.generated[path] = content
        if Session.dirty and self.plan != "cells":
            cell_docs = {links.cell_doc(c) for c in self.data.cells}
            pages = [p for p in self.spool.paths if p not in cell_docs]
            Session.committee = CommitteeFiles(self.stamp, pages, dict(self.generated), frozenset(self.data.cells))
        return kept

    def _unchanged(self, path: str, key: str) -> bool:
        """The session's spool holds this page, made from the same inputs."""
        same = Session.inputs.get(path) == key and self.spool.holds(path)
        Session.inputs[path] = key
        return same

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):
            if not is_published(file.src_uri):  # first: most files of content/ are data, and cheap to tell
                files.remove(file)
                continue
            src = Path(file.abs_src_path or "")
            if src.is_relative_to(self.layout.content) and not stays_inside(self.layout.content, src):
                files.remove(file)
        # Generated pages are reached from index pages, not from a nav listing them all;
        # the few the nav names are found by path all the same.
        for path, content in self.generated.items():
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, spooled in self.spool.paths.items():
            files.append(File.generated(config, path, abs_src_path=str(spooled), inclusion=InclusionLevel.NOT_IN_NAV))
        if Session.dirty:
            self._render_again(files, config)
        self.dest_uris = {file.dest_uri for file in files}
        return files

    def _render_again(self, files: Files, config: MkDocsConfig) -> None:
        """A dirty rebuild renders only the pages whose source is newer than their HTML. Render
        again too: every page after a change to the theme or mkdocs.yml (the frame of every page);
        and when the committee-wide pages are made (not in the quick step after a save, which
        keeps them as they were), the hand-written pages holding this month's block (their file
        does not change, the data does), the tagged outlines and the tags index (Material's tags
        plugin lists only the pages it renders)."""
        theme = stamp([Path(config.config_file_path)], theme_folders(config), "")
        everything, Session.theme_stamp = Session.theme_stamp not in (None, theme), theme
        committee = self.plan != "cells"
        tagged = {links.outline_doc(ref) for ref in self.data.outlines} | {links.tags_doc()}
        for file in files.documentation_pages():
            data_driven = file.src_uri in tagged or (not file.generated_by and _holds_block(file))
            if everything or (committee and data_driven):
                file.is_modified = _modified  # type: ignore[method-assign]

    @event_priority(100)  # before any other plugin reads the page's meta (Material's tags)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri.startswith(STASHED) and page.file.generated_by:
            self.stashes[page.file.src_uri] = stash = Stash()
            return stash.swap_out(markdown)
        if not page.file.generated_by:
            # The theme writes the front matter's title, description and author into <head>
            # unescaped: an editor's front matter is text, escaped here, whatever its keys.
            page.meta = escaped_meta(page.meta)
            return home.fill(markdown, self.ctx, page.file.src_uri)  # it may ask for this month's block
        return markdown

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.rendered, self.to_render = 0, len(files.documentation_pages())
        if Session.dirty:  # every rebuild has a new Jinja environment: keep the compiled templates
            env.bytecode_cache = Session.templates
        pages = files.documentation_pages()
        self.page_urls = [file.page.url if file.page is not None else file.url for file in pages]
        if Session.dirty:  # a page MkDocs will not read again still has its title in the nav
            for file in pages:
                page = file.page
                if page is not None and page.markdown is None and file.src_uri in Session.titles:
                    page.title = Session.titles[file.src_uri]
        return env

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A hand-written page is rendered with raw HTML on: its HTML meets the pages' allow-list.
        # Generated pages carry only HTML this package made, editor text cleaned already.
        return html if page.file.generated_by else clean_page(html)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # A page kept out of the nav names its section (page meta from the core): light up that
        # section's tab while this page renders; on_post_page puts it out again.
        top = place.top_item(nav, page.meta.get("bulletin_section") or page.file.src_uri)
        self.lit: place.NavItem | None = None
        if top is not None and not top.active:
            self.lit = place.light(top)
        # A section with no sub-pages would fill the left sidebar with its one link: hide it.
        if top is None or not getattr(top, "children", None):
            page.meta["hide"] = sorted({*page.meta.get("hide", []), "navigation"})
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.built.add(page.url)
        self.rendered += 1
        if self.rendered % 500 == 0:  # MkDocs says nothing while it renders pages
            log.info(f"Đang dựng trang HTML: {self.rendered}/{self.to_render}")
        if Session.dirty and page.title is not None:
            Session.titles[page.file.src_uri] = page.title
        place.unlight(getattr(self, "lit", None))
        self.lit = None
        stash = self.stashes.pop(page.file.src_uri, None)
        if stash is not None:
            page.content = None  # written now; MkDocs would keep it to the end of the build
            output = stash.swap_in(output)
        return csp.protect(output, self._csp_extra(config))

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page is a theme template, not a page.
        if not template_name.endswith(".html"):
            return output_content
        if _offline(config) and template_name == "404.html":
            # MkDocs writes the 404 page's links from the server's root; from a folder on a USB
            # stick that root is the disk's, so the offline copy's 404 (at the top) links relatively.
            output_content = _ROOTED.sub(r"\1=\2", output_content)
            # Material's own settings on that page name the site's root too: where search and its index are.
            output_content = output_content.replace('"base": "/"', '"base": "."').replace('"search": "/', '"search": "')
        return csp.protect(output_content, self._csp_extra(config))

    def _csp_extra(self, config: MkDocsConfig) -> dict[str, tuple[str, ...]]:
        # From file:// Chromium gives a page an opaque origin that 'self' does not match.
        return csp.OFFLINE if _offline(config) else {}

    # After Material's search plugin writes the index (priority 0), wherever the plugins are listed
    # in mkdocs.yml, and before its offline plugin copies the index into search_index.js (-100).
    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if Session.dirty:  # Material indexed only the pages this rebuild rendered
            Session.search_docs = search.carry_over_file(site, Session.search_docs, self.built, self.page_urls)
        search.annotate_file(site, search.cell_entries(self.data, config.use_directory_urls))
        if Session.dirty:  # a dirty build never deletes: the pages of a cell renamed or removed since
            Session.written = remove_stale(site, Session.written, self.dest_uris)
            self._keep_tags_export(site, config)
        mark(site)  # a site this tool built: the next build may replace it
        self._close_spool()
        if Session.dirty:
            if self.plan == "cells":  # the committee-wide files of this data, by another process
                Session.follow_up(self.stamp, self.layout, self.settings)
            else:  # they are this data's already
                Session.cancel()

    def _keep_tags_export(self, site: Path, config: MkDocsConfig) -> None:
        """Material's tags plugin exports the tags of the pages a rebuild rendered: none in the quick
        step after a save. That step puts back the export of the last whole rebuild."""
        tags = config.plugins.get("material/tags")
        if tags is None or not tags.config.enabled or not tags.config.export:
            return
        export = site / tags.config.export_file
        if self.plan != "cells":
            Session.tags_export = export.read_bytes() if export.is_file() else None
        elif Session.tags_export is not None:
            export.write_bytes(Session.tags_export)

    def on_build_error(self, error: Exception) -> None:
        self._close_spool()

    def _close_spool(self) -> None:
        if getattr(self, "spool", None) is not None and self.spool is not Session.spool:
            self.spool.close()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        # `mkdocs serve` watches content/ and mkdocs.yml; the theme's overrides only with
        # --watch-theme. Reload too when an outline, an override or the package's css/js changes.
        for folder in watched(config, self.layout):
            server.watch(str(folder))
        Session.server = server  # the background process's waiter asks it for the follow-up rebuild
        reload_by_file(server)
        return server


def escaped_meta(value: Any) -> Any:
    """Every string of a page's front matter HTML-escaped, in lists and mappings too."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [escaped_meta(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped_meta(v) for k, v in value.items()}
    return value


def _modified() -> bool:
    return True


def _holds_block(file: File) -> bool:
    try:
        return home.MARKER in Path(file.abs_src_path or "").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True


def watched(config: MkDocsConfig, layout: Layout) -> list[Path]:
    """The folders besides content/ that a build reads and an editor or developer may change."""
    return [f for f in [layout.topics, *theme_folders(config)] if f.is_dir()]


def theme_folders(config: MkDocsConfig) -> list[Path]:
    """What makes the frame of every page besides mkdocs.yml: the overrides, the package's css and js."""
    folders = []
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    package = resources.files("bulletin")
    for name in ("assets", "static", "print"):
        folder = Path(str(package.joinpath(name)))
        if folder.is_dir():  # an installed (zipped) package cannot change under us
            folders.append(folder)
    return folders

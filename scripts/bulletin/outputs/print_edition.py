"""The print edition: every issue as an A4 PDF, for printing and for cells that read on paper.

The issue becomes one HTML document (`print_html`, plain and testable) that WeasyPrint lays out
with CSS Paged Media (`print/edition.css`): the committee's name and the issue's number in the
page header, "Trang 1/3" at the foot, the month's figures as a table, the featured outlines
summarised. WeasyPrint rather than headless Chromium: it is a pip package needing only Debian's
pango (present on any desktop), renders an issue in a fraction of a second inside the build
process, and supports running headers and page counters in CSS; Chromium would put a 300 MB
browser on every editor's machine and a browser process in every build.

Nothing is fetched: the body's images are dropped (as in meeting notes) and the renderer is
given a URL fetcher that allows only data: URLs. Fonts come from fontconfig (Debian's fonts).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from bulletin.data.model import Issue
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.figures import figures_html, heading
from bulletin.pages.html import esc
from bulletin.text import vi

log = logging.getLogger(__name__)


class PrintUnavailable(Exception):
    """WeasyPrint or the system library it needs (pango) cannot be loaded."""


HINT = (
    "Không tạo được bản in PDF của bản tin: {error}. "
    "Cài thư viện bằng `make print-deps` (Debian: libpango-1.0-0, fonts-noto-core), "
    "hoặc đặt `print_edition: false` cho plugin bulletin trong mkdocs.yml để xây dựng trang không kèm bản PDF."
)


def _stylesheet() -> str:
    return resources.files("bulletin").joinpath("print/edition.css").read_text(encoding="utf-8")


def _absolute(ctx: Context, doc: str) -> str | None:
    """A link that works on paper's PDF: absolute with site_url, else none (a relative link points nowhere)."""
    if not ctx.settings.site_url:
        return None
    return ctx.settings.site_url.rstrip("/") + "/" + links.page_url(doc, ctx.settings.use_directory_urls)


def _outlines(ctx: Context, issue: Issue) -> str:
    out = []
    for ref in issue.topics:
        o = ctx.data.outlines[ref]
        meta = [ctx.theme_name(o.theme)]
        if o.duration:
            meta.append(f"thời gian gợi ý {o.duration} phút")
        if o.year:
            meta.append(f"đề cương năm {o.year}")
        parts = [f"<h3>{esc(o.title)}</h3>", f'<p class="meta">{esc(" · ".join(meta))}</p>']
        if o.summary:
            parts.append(f"<p>{esc(o.summary)}</p>")
        if o.references:
            refs = "".join(f"<li>{esc(r)}</li>" for r in o.references)
            parts.append(f"<p><em>Văn bản tham khảo:</em></p><ul>{refs}</ul>")
        url = _absolute(ctx, links.outline_doc(ref))
        if url:
            parts.append(f'<p class="meta">Toàn văn đề cương: <a href="{esc(url)}">{esc(url)}</a></p>')
        out.append(f'<section class="outline">{"".join(parts)}</section>')
    return "".join(out)


def print_html(ctx: Context, issue: Issue) -> str:
    """The issue as a complete HTML document for the renderer; every data string is escaped."""
    figures = ctx.issue_figures[issue.key]
    org = ctx.data.organization
    number = f"Số {issue.number} · " if issue.number else ""
    label = number + vi.month(issue.year, issue.month).capitalize()
    body = [
        f'<div class="run-committee">{esc(org.short_name or org.name)}</div>',
        f'<div class="run-issue">{esc(label)}</div>',
        '<header class="masthead">',
        f'<p class="committee">{esc(org.name)}</p>',
        f'<p class="title">{esc(org.bulletin_title)}</p>',
        f'<p class="issue">{esc(label)} · phát hành ngày {esc(vi.date(issue.date))}</p>',
        "</header>",
        f"<h1>{esc(issue.title)}</h1>",
        ctx.notes(issue.body),
        f"<h2>{esc(heading(figures))}</h2>",
        figures_html(figures, ctx.data, lambda doc: _absolute(ctx, doc), ctx.issue_supervision.get(issue.key)),
    ]
    if issue.topics:
        body += ["<h2>Định hướng nội dung sinh hoạt chuyên đề</h2>", _outlines(ctx, issue)]
    online = _absolute(ctx, links.issue_doc(issue.key))
    if online:
        body.append(f'<p class="online">Bản điện tử: <a href="{esc(online)}">{esc(online)}</a></p>')
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{esc(issue.title)}</title><style>{_stylesheet()}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def _weasyprint() -> Any:
    # WeasyPrint logs its progress at INFO ("Step 2 - Fetching and parsing CSS" three times as it
    # loads its own style sheets, then "Step 1…7" per issue): MkDocs would print it all.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as e:  # OSError: pango's shared library is missing
        raise PrintUnavailable(HINT.format(error=str(e).splitlines()[0] if str(e) else type(e).__name__)) from None
    return weasyprint, URLFetcher


def render(html: str) -> bytes:
    """HTML to PDF bytes, fetching nothing from anywhere."""
    weasyprint, url_fetcher = _weasyprint()
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=url_fetcher(allowed_protocols={"data"})).write_pdf()
    return pdf


def check() -> None:
    """Fail early (before MkDocs empties site/) when the renderer cannot load."""
    _weasyprint()


def editions(ctx: Context, workers: int | None = None) -> dict[str, bytes]:
    """Every issue's PDF, by its published path.

    Rendering costs about half a second an issue, so a PDF is kept in the cache under the hash of
    its HTML (and the renderer's version) and rendered again only when its issue, its figures or
    its style changed; the ones to render are shared between the machine's cores (render_cached).
    """
    if not ctx.settings.print_edition:
        return {}
    check()
    pages = {links.issue_pdf(i.key): print_html(ctx, i) for i in ctx.data.issues}
    return render_cached(pages, ctx.settings.cache_dir, "Bản in PDF", "số bản tin", workers)


def render_cached(
    pages: dict[str, str], folder: Path | None, what: str, unit: str, workers: int | None = None
) -> dict[str, bytes]:
    """PDFs of HTML documents by path: from the cache when their HTML was rendered before, the rest
    rendered on `workers` processes (all cores by default) and kept. `what` and `unit` name them
    in the progress line."""
    cache = PdfCache(folder)
    pdfs = {path: cache.get(html) for path, html in pages.items()}
    todo = [path for path, pdf in pdfs.items() if pdf is None]
    if pages:
        cores = min(len(todo), workers or os.cpu_count() or 1)
        doing = f"dựng {len(todo)} tệp trên {cores} lõi" if todo else "không phải dựng lại tệp nào"
        log.info(f"{what}: {len(pages)} {unit}, {len(pages) - len(todo)} lấy từ bộ nhớ đệm, {doing}")
    for path, pdf in zip(todo, _render_all([pages[p] for p in todo], workers), strict=True):
        pdfs[path] = pdf
        cache.put(pages[path], pdf)
    return {path: pdf for path, pdf in pdfs.items() if pdf is not None}


def _render_all(htmls: list[str], workers: int | None = None) -> list[bytes]:
    workers = min(len(htmls), workers or os.cpu_count() or 1)
    if workers < 2:
        return [render(html) for html in htmls]
    # fork: the children inherit the loaded renderer instead of importing it again.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_leave_ctrl_c_to_parent)
    try:
        return list(pool.map(render, htmls))
    except BaseException:  # Ctrl-C: stop at the PDFs being rendered, not after all of them
        pool.shutdown(cancel_futures=True)
        raise
    finally:
        pool.shutdown()


def _leave_ctrl_c_to_parent() -> None:
    # Ctrl-C reaches every process of the terminal: the parent stops the build and says so once;
    # workers interrupted mid-PDF would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PdfCache:
    """PDFs by the hash of the HTML they were rendered from; no folder means no cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.salt = _renderer_version()

    def _path(self, html: str) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256((self.salt + html).encode("utf-8")).hexdigest()
        return self.folder / "pdf" / f"{digest}.pdf"

    def get(self, html: str) -> bytes | None:
        path = self._path(html)
        try:
            return path.read_bytes() if path else None
        except OSError:
            return None

    def put(self, html: str, pdf: bytes) -> None:
        path = self._path(html)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(pdf)
            os.replace(temp, path)  # a reader never sees half a PDF
        except OSError:
            pass  # a cache that cannot be written only costs time


def _renderer_version() -> str:
    try:
        import weasyprint

        return f"weasyprint {weasyprint.__version__}\n"
    except (ImportError, OSError):
        return ""

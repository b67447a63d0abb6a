"""`bulletin bench`: our build against plain MkDocs + Material and the Python-Markdown floor.

Every figure comes from one run, side by side on the same synthetic data, and is
reported as a ratio too: these machines are noisy, absolute seconds are not.
(a) ours: `mkdocs build` with the bulletin plugin;
(b) plain, heavy: the same pages exported as Markdown (`bulletin export`, our HTML tables inside),
    built by MkDocs + Material with no nav;
(b2) plain tables: what a user would write by hand (devtools/plain.py): plain Markdown tables,
    one per year, no raw HTML, cells out of the nav, search on: the ratio a user would see;
(c) floor: Python-Markdown alone converting the exported pages;
serve: `mkdocs serve --dirty` (what `make serve` runs): seconds from saving one meeting file
    until the served cell page shows the change.
Each figure is printed as soon as it is measured; (b2) is run twice, alternating with (a), and
its best run is the one compared.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bulletin.text.argparse_vi import number

PLAIN_YML = """\
site_name: Plain MkDocs + Material
docs_dir: docs
site_dir: site
theme: {name: material, language: vi, font: false}
plugins: [search]
markdown_extensions: [attr_list, toc, admonition, pymdownx.details, pymdownx.superfences, sane_lists]
"""

FLOOR = """\
import sys, pathlib, markdown
md = markdown.Markdown(extensions=["attr_list", "toc", "admonition", "pymdownx.details", "pymdownx.superfences",
                                   "sane_lists", "meta"])
for path in pathlib.Path(sys.argv[1]).rglob("*.md"):
    md.reset()
    md.convert(path.read_text(encoding="utf-8"))
"""


@dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float
    pages: int
    site_mb: float | None = None
    index_mb: float | None = None
    biggest_kb: float | None = None

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


Env = dict[str, str]


def measure(label: str, argv: list[str], cwd: Path, pages: int, site: Path | None = None, env: Env | None = None) -> Run:
    """Run a command; its wall time and peak RSS (of it and the children it waited for)."""
    env = {**(env or os.environ), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{label} failed: {proc.stderr.read().decode(errors='replace')[-2000:] if proc.stderr else ''}")
    run = Run(label, seconds, usage.ru_maxrss / 1024, pages)
    if site is not None:
        run.site_mb = _size(site) / 1e6
        index = site / "search" / "search_index.json"
        run.index_mb = index.stat().st_size / 1e6 if index.exists() else None
        run.biggest_kb = max(p.stat().st_size for p in site.rglob("*.html")) / 1024
    print(row(run), flush=True)
    return run


def row(r: Run) -> str:
    site = f"{r.site_mb:9.1f}" if r.site_mb is not None else f"{'':>9}"
    index = f"{r.index_mb:10.2f}" if r.index_mb is not None else f"{'':>10}"
    biggest = f"{r.biggest_kb:12.0f}" if r.biggest_kb is not None else f"{'':>12}"
    peak = f"{r.peak_mb:9.0f}" if r.peak_mb else f"{'':>9}"
    pages = f"{r.pages:8d}" if r.pages else f"{'':>8}"
    rate = f"{r.pages_per_second:9.0f}" if r.pages else f"{'':>9}"
    return f"{r.label:<24}{r.seconds:9.2f}{peak}{pages}{rate}{site}{index}{biggest}"


HEADER = f"{'run':<24}{'wall s':>9}{'peak MB':>9}{'pages':>8}{'pages/s':>9}{'site MB':>9}{'index MB':>10}{'biggest KB':>12}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"serve: {url} never showed {text!r} in {seconds:.0f} s")


def edit_meeting(path: Path, marker: str) -> None:
    """An editor's save: a note on one meeting of the file (the first without one)."""
    blocks = path.read_text(encoding="utf-8").split("\n- ")
    for i, block in enumerate(blocks):
        if block.removeprefix("- ").startswith("date:") and "notes:" not in block:  # a meeting, not the header
            first, _, rest = block.partition("\n")
            blocks[i] = f'{first}\n  notes: "{marker}"\n{rest}'
            break
    path.write_text("\n- ".join(blocks), encoding="utf-8")


def serve_reload(org: Path, cell_id: str, edits: int = 2) -> list[Run]:
    """`make serve`'s loop: wait for the first build, then save a meeting file and time how long
    until the served cell page shows the change; `edits` times."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [mkdocs, "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=org, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    runs = []
    try:
        url = f"http://127.0.0.1:{port}/chi-bo/{cell_id}/"
        start = time.perf_counter()
        _wait_for(url, "<h1", 900)
        first = Run("serve, first build", time.perf_counter() - start, 0, 0)
        print(row(first), flush=True)
        runs.append(first)
        year_file = sorted((org / "content" / "meetings" / cell_id).glob("*.yml"))[-1]
        for k in range(1, edits + 1):
            time.sleep(1.5)  # a file saved in the same second as the last build must still count as new
            marker = f"Ghi chú sửa lần {k} ({os.getpid()})"
            start = time.perf_counter()
            edit_meeting(year_file, marker)
            run = Run(f"serve, reload after save {k}", _wait_for(url, marker, 300), 0, 0)
            print(row(run), flush=True)
            runs.append(run)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return runs


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(cells: int, years: int, growth: bool, plain: bool, keep: Path | None, serve: bool = True) -> list[Run]:
    from bulletin.devtools import plain as plain_tables
    from bulletin.devtools.synth import synthesize
    from bulletin.mkdocs.project import open_project

    bin_dir = Path(sys.executable).parent
    mkdocs, bulletin = str(bin_dir / "mkdocs"), str(bin_dir / "bulletin")
    work = keep or Path(tempfile.mkdtemp(prefix="bulletin-bench-"))
    runs: list[Run] = []
    try:
        org = work / f"org-{cells}"
        print(f"Generating {cells} cells × {years} years in {org} ...", flush=True)
        synthesize(org, cells, years)
        docs = work / "plain" / "docs"
        shutil.rmtree(docs.parent, ignore_errors=True)
        env = {**os.environ, "BULLETIN_PRINT_EDITION": "false"}  # (b) builds pages, not PDFs
        print("Exporting the pages as Markdown for (b) and (c) ...", flush=True)
        subprocess.run(
            [bulletin, "-f", str(org / "mkdocs.yml"), "export", str(docs)], check=True, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        pages = sum(1 for _ in docs.rglob("*.md"))
        print("Writing the hand-written baseline (b2) ...", flush=True)
        project = open_project(str(org / "mkdocs.yml"))
        tables = work / "plain-tables"
        pages_b2 = plain_tables.write(docs, project.layout, project.settings, tables)
        print("", HEADER, sep="\n", flush=True)
        # Cold: no cache from an earlier run (the export above filled it). Warm: the rebuild an
        # editor gets after changing a file, every unchanged record and PDF taken from the cache.
        shutil.rmtree(org / ".cache", ignore_errors=True)
        runs.append(measure("validate", [bulletin, "-f", "mkdocs.yml", "validate"], org, pages))
        runs.append(measure("validate, warm", [bulletin, "-f", "mkdocs.yml", "validate"], org, pages))
        shutil.rmtree(org / ".cache", ignore_errors=True)
        runs.append(measure("(a) ours", [mkdocs, "build", "-q"], org, pages, org / "site"))
        if plain:
            runs.append(measure("(b2) plain tables", [mkdocs, "build", "-q"], tables, pages_b2, tables / "site"))
        runs.append(measure("(a) ours, warm", [mkdocs, "build", "-q"], org, pages, org / "site"))
        if plain:
            runs.append(measure("(b2) plain tables, 2nd", [mkdocs, "build", "-q"], tables, pages_b2, tables / "site"))
        # The same pages without the PDFs, which (b) and (b2) do not make: cold again.
        shutil.rmtree(org / ".cache", ignore_errors=True)
        no_pdf = {**os.environ, "BULLETIN_PRINT_EDITION": "false"}
        runs.append(measure("(a) ours, no PDFs", [mkdocs, "build", "-q"], org, pages, org / "site", env=no_pdf))
        if plain:
            (docs.parent / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
            runs.append(measure("(b) plain MkDocs", [mkdocs, "build", "-q"], docs.parent, pages, docs.parent / "site"))
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        runs.append(measure("(c) Markdown floor", [sys.executable, str(work / "floor.py"), str(docs)], work, pages))
        if serve:
            runs += serve_reload(org, "chi-bo-00000")
        if growth:
            big = work / f"org-{3 * cells}"
            print(f"Generating {3 * cells} cells × {years} years ...", flush=True)
            synthesize(big, 3 * cells, years)
            pages3 = pages + 2 * cells  # one page more per cell
            shutil.rmtree(big / ".cache", ignore_errors=True)
            runs.append(measure("validate ×3", [bulletin, "-f", "mkdocs.yml", "validate"], big, pages3))
            shutil.rmtree(big / ".cache", ignore_errors=True)
            runs.append(measure("(a) ours ×3", [mkdocs, "build", "-q"], big, pages3, big / "site"))
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return runs


def report(runs: list[Run], cells: int, years: int) -> str:
    from importlib.metadata import version

    by = {r.label: r for r in runs}
    lines = [
        f"bulletin bench: {cells} cells × {years} years; Python {platform.python_version()}, "
        f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, Markdown {version('markdown')}, "
        f"{os.cpu_count()} cores",
        "",
        HEADER,
    ]
    lines += [row(r) for r in runs]
    lines.append("")
    a, warm = by["(a) ours"], by.get("(a) ours, warm")
    tables = [r for r in runs if r.label.startswith("(b2) plain tables")]
    if tables:
        b2 = min(tables, key=lambda r: r.seconds)
        text = f"a/b2 time {a.seconds / b2.seconds:6.2f} cold"
        if warm:
            text += f", {warm.seconds / b2.seconds:.2f} warm"
        lines.append(text + "   (against plain Markdown tables, best of its runs; target ≤ 0.50)")
        if "(a) ours, no PDFs" in by:
            lines.append(f"a/b2 time {by['(a) ours, no PDFs'].seconds / b2.seconds:6.2f} cold without the PDFs (b2 makes none)")
    if "(b) plain MkDocs" in by:
        b = by["(b) plain MkDocs"]
        text = f"a/b time  {a.seconds / b.seconds:6.2f} cold"
        if warm:
            text += f", {warm.seconds / b.seconds:.2f} warm"
        lines.append(text + "   (against the heavy export)")
    lines.append(f"a/c time  {a.seconds / by['(c) Markdown floor'].seconds:6.2f}")
    reloads = [r.seconds for r in runs if r.label.startswith("serve, reload")]
    if reloads:
        lines.append(f"serve reload {min(reloads):.2f} s best, {max(reloads):.2f} s worst   (target < 3 s at 1,000 cells)")
    if "(a) ours ×3" in by:
        lines.append(f"growth ×3 {by['(a) ours ×3'].seconds / a.seconds:6.2f}   (target ≤ 3.30; linear is 3.0)")
        lines.append(f"peak MB at ×3: {by['(a) ours ×3'].peak_mb:.0f}   (target < 500 at 3,000 cells)")
    at_size = [r for r in runs if r.label.startswith("(a) ours") and "×3" not in r.label and r.biggest_kb]
    biggest = max((r.biggest_kb for r in at_size if r.biggest_kb is not None), default=None)
    if biggest is not None:
        lines.append(f"biggest page of ours: {biggest:.0f} KB   (target ≤ 1,024 KB at 1,000 cells)")
    return "\n".join(lines)


def cmd_bench(args: argparse.Namespace) -> int:
    growth, plain, serve = not args.no_growth, not args.no_plain, not args.no_serve
    runs = bench(args.cells, args.years, growth=growth, plain=plain, keep=args.keep, serve=serve)
    print("", report(runs, args.cells, args.years), sep="\n")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bench", help="(cho lập trình viên) đo tốc độ và dung lượng so với MkDocs thuần")
    p.add_argument("--cells", type=number, default=1000, metavar="SỐ", help="số chi bộ giả lập (mặc định: %(default)s)")
    p.add_argument("--years", type=number, default=5, metavar="SỐ", help="số năm dữ liệu (mặc định: %(default)s)")
    p.add_argument("--no-growth", action="store_true", help="bỏ lần chạy ×3")
    p.add_argument("--no-plain", action="store_true", help="bỏ các lần chạy MkDocs thuần (b, b2)")
    p.add_argument("--no-serve", action="store_true", help="bỏ lần đo thời gian tải lại khi xem thử (serve)")
    p.add_argument("--keep", type=Path, metavar="THƯ_MỤC", help="tạo dữ liệu vào thư mục này và giữ lại")
    p.set_defaults(run=cmd_bench)

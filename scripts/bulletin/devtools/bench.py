"""`bulletin bench`: our build against plain MkDocs + Material and the Python-Markdown floor.

Every figure comes from one run, side by side on the same synthetic data, and is
reported as a ratio too: these machines are noisy, absolute seconds are not.
(a) ours: `mkdocs build` with the bulletin plugin;
(b) plain: the same pages exported as Markdown (`bulletin export`), built by
    MkDocs + Material with no nav, the way a user without us would;
(c) floor: Python-Markdown alone converting those pages.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
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

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def measure(label: str, argv: list[str], cwd: Path, pages: int, site: Path | None = None) -> Run:
    """Run a command; its wall time and peak RSS (of it and the children it waited for)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
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
    return run


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(cells: int, years: int, growth: bool, plain: bool, keep: Path | None) -> list[Run]:
    from bulletin.devtools.synth import synthesize

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
        subprocess.run(
            [bulletin, "-f", str(org / "mkdocs.yml"), "export", str(docs)], check=True, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        pages = sum(1 for _ in docs.rglob("*.md"))
        # Cold: no cache from an earlier run (the export above filled it). Warm: the rebuild an
        # editor gets after changing a file, every unchanged record and PDF taken from the cache.
        shutil.rmtree(org / ".cache", ignore_errors=True)
        runs.append(measure("validate", [bulletin, "-f", "mkdocs.yml", "validate"], org, pages))
        runs.append(measure("validate, warm", [bulletin, "-f", "mkdocs.yml", "validate"], org, pages))
        shutil.rmtree(org / ".cache", ignore_errors=True)
        runs.append(measure("(a) ours", [mkdocs, "build", "-q"], org, pages, org / "site"))
        runs.append(measure("(a) ours, warm", [mkdocs, "build", "-q"], org, pages, org / "site"))
        if plain:
            (docs.parent / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
            runs.append(measure("(b) plain MkDocs", [mkdocs, "build", "-q"], docs.parent, pages, docs.parent / "site"))
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        runs.append(measure("(c) Markdown floor", [sys.executable, str(work / "floor.py"), str(docs)], work, pages))
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
        f"{'run':<20}{'wall s':>9}{'peak MB':>9}{'pages':>8}{'pages/s':>9}{'site MB':>9}{'index MB':>10}",
    ]
    for r in runs:
        site = f"{r.site_mb:9.1f}" if r.site_mb is not None else f"{'':>9}"
        index = f"{r.index_mb:10.2f}" if r.index_mb is not None else f"{'':>10}"
        lines.append(f"{r.label:<20}{r.seconds:9.2f}{r.peak_mb:9.0f}{r.pages:8d}{r.pages_per_second:9.0f}{site}{index}")
    lines.append("")
    a = by["(a) ours"]
    if "(b) plain MkDocs" in by:
        lines.append(f"a/b time  {a.seconds / by['(b) plain MkDocs'].seconds:6.2f}   (target ≤ 0.50)")
    lines.append(f"a/c time  {a.seconds / by['(c) Markdown floor'].seconds:6.2f}")
    if "(a) ours ×3" in by:
        lines.append(f"growth ×3 {by['(a) ours ×3'].seconds / a.seconds:6.2f}   (target ≤ 3.30; linear is 3.0)")
        lines.append(f"peak MB at ×3: {by['(a) ours ×3'].peak_mb:.0f}   (target < 500 at 3,000 cells)")
    return "\n".join(lines)


def cmd_bench(args: argparse.Namespace) -> int:
    runs = bench(args.cells, args.years, growth=not args.no_growth, plain=not args.no_plain, keep=args.keep)
    print(report(runs, args.cells, args.years))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bench", help="(cho lập trình viên) đo tốc độ và dung lượng so với MkDocs thuần")
    p.add_argument("--cells", type=number, default=1000, metavar="SỐ", help="số chi bộ giả lập (mặc định: %(default)s)")
    p.add_argument("--years", type=number, default=5, metavar="SỐ", help="số năm dữ liệu (mặc định: %(default)s)")
    p.add_argument("--no-growth", action="store_true", help="bỏ lần chạy ×3")
    p.add_argument("--no-plain", action="store_true", help="bỏ lần chạy MkDocs thuần (b)")
    p.add_argument("--keep", type=Path, metavar="THƯ_MỤC", help="tạo dữ liệu vào thư mục này và giữ lại")
    p.set_defaults(run=cmd_bench)

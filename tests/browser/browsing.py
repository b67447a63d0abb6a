"""Helpers for the headless Chromium tests: the real sample site, built once per run, served on loopback.

Debian's chromium is driven by Playwright (executablePath=/usr/bin/chromium);
`make test-browser` installs both. Screenshots go to build/screenshots/ for a
person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("BULLETIN_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
AS_OF = "2026-11-23"  # the sample's figures, whatever day the tests run
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_sample(out: Path, *extra: str, config: Path = ROOT / "mkdocs.yml", env: dict[str, str] | None = None) -> Path:
    """Build the sample site, judged as of AS_OF, into `out` (extra args go to mkdocs build, `env` to its environment)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_AS_OF": AS_OF, **(env or {})}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(config), "-d", str(out), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def screenshot(page: object, name: str, full_page: bool = False) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder

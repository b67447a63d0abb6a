"""`mkdocs serve --dirty` (`make serve`) rebuilds when an editor saves a meeting file or an outline."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from bulletin.outputs import csp
from crafted import MKDOCS_YML, Org, full_year
from test_build import BIN, ENV


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def test_editing_a_meeting_or_an_outline_reloads(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml()
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=org.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        cell = f"http://127.0.0.1:{port}/chi-bo/a/"
        wait_for(cell, "Chi bộ A")
        # The reload poller is a file the page's policy allows: MkDocs' own, inline, would be blocked
        # by it (no hash can name a script whose text changes with every request).
        page = fetch(cell)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
        assert policy is not None and "var livereload" not in page
        assert all(source in policy[1] for source in csp.inline_hashes(page))
        assert '<script src="/assets/bulletin/livereload.js" data-epoch="' in page
        assert '"/livereload/" + epoch' in fetch(f"http://127.0.0.1:{port}/assets/bulletin/livereload.js")
        meetings = full_year(2024)
        meetings[6]["duration"] = 45
        org.meetings("a", 2024, meetings)
        wait_for(cell, "kéo dài 45 phút")
        org.outline("ho-chi-minh/nep-song", title="Nếp sống giản dị, đã sửa")
        wait_for(f"http://127.0.0.1:{port}/chuyen-de/ho-chi-minh/nep-song/", "đã sửa")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_bad_data_while_serving_names_the_line_and_a_fix_brings_the_page_back(org: Org, tmp_path: Path) -> None:
    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml()
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=org.root, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        cell = f"http://127.0.0.1:{port}/chi-bo/a/"
        wait_for(cell, "Chi bộ A")
        org.cell("a", name="Chi bộ A", members="mười")
        deadline = time.monotonic() + 30
        while "content/cells/a.yml:4" not in (tmp_path / "serve.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "content/cells/a.yml:4" in (tmp_path / "serve.log").read_text()
        # MkDocs' dev server holds requests while a rebuild is broken; fixing the file releases them.
        org.cell("a", name="Chi bộ A đã sửa")
        wait_for(cell, "Chi bộ A đã sửa")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_editing_an_override_reloads_and_the_package_assets_are_watched(org: Org) -> None:
    """MkDocs watches the theme's custom_dir only with --watch-theme; the plugin watches it, and
    the package's own css/js (an editable install), always."""
    org.meetings("a", 2024, full_year(2024))
    config = MKDOCS_YML.format(as_of=org.as_of.isoformat()).replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    org.write("mkdocs.yml", config)
    override = '{% extends "base.html" %}\n{% block announce %}Thông báo số {n}{% endblock %}\n'
    org.write("overrides/main.html", override.replace("{n}", "một"))
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=org.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        home = f"http://127.0.0.1:{port}/"
        wait_for(home, "Thông báo số một")
        org.write("overrides/main.html", override.replace("{n}", "hai"))
        wait_for(home, "Thông báo số hai")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_plugin_watches_outlines_overrides_and_its_own_assets(org: Org) -> None:
    from mkdocs.config import load_config

    from bulletin.mkdocs.config import layout_of
    from bulletin.mkdocs.plugin import watched

    config = MKDOCS_YML.format(as_of=org.as_of.isoformat()).replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    org.write("mkdocs.yml", config)
    (org.root / "overrides").mkdir()
    cfg = load_config(str(org.root / "mkdocs.yml"))
    folders = watched(cfg, layout_of(cfg.plugins["bulletin"].config, cfg))
    package = Path(__file__).resolve().parent.parent / "scripts" / "bulletin"
    assert org.root / "topics" in folders and org.root / "overrides" in folders
    assert {package / "assets", package / "static", package / "print"} <= set(folders)

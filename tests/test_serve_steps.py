"""`mkdocs serve --dirty` (`make serve`) in two steps (mkdocs/serving.py): the rebuild after a save
makes the changed cell pages, another process the committee-wide files; what a dirty rebuild would
leave stale; the site a session ends with equals a cold build's."""

from __future__ import annotations

import filecmp
import logging
import os
import tempfile
from pathlib import Path

import pytest

from bulletin.data import recordcache
from bulletin.mkdocs.serving import LIVERELOAD, LIVERELOAD_JS
from crafted import Org, full_year
from test_rebuilds import _tree


def test_serves_dirty_rebuilds_end_equal_to_a_cold_build(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve --dirty` after a saved file: a first rebuild makes the changed cell page only
    and keeps every other page as it was (the browser shows the edit at once); a thread makes the
    committee-wide files of the new data, and the rebuild it asks for takes them. The site it ends
    with is the site a cold build makes of the same files, search index included."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from bulletin.mkdocs.serving import Session

    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024))
    org.meetings("b", 2024, full_year(2024))
    org.mkdocs_yml()
    monkeypatch.chdir(org.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    served = Path(tempfile.mkdtemp(dir=org.root, prefix="served-"))
    url = "http://127.0.0.1:8000/"

    def config(site: Path):  # a new config for every build, as `mkdocs serve` does
        cfg = load_config("mkdocs.yml", site_dir=str(site), strict=True)  # MkDocs' dirty warning must not fail it
        cfg.site_url = url
        return cfg

    def mtimes() -> dict[str, int]:
        return {rel: path.stat().st_mtime_ns for rel, path in _tree(served).items()}

    first = config(served)
    first.plugins.on_startup(command="serve", dirty=True)
    overview_page = "tong-hop/2024/index.html"
    try:
        build(first, serve_url=url, dirty=True)
        assert Session.background is None  # a first build makes everything itself
        before = mtimes()
        # The edit changes cell A's verdict (attendance under 90 %), so the overview changes too.
        edited = full_year(2024, notes="Đã sửa trong lúc xem thử", present=5)
        os.utime(org.meetings("a", 2024, edited), None)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        build(config(served), serve_url=url, dirty=True)
        assert "Đã sửa trong lúc xem thử" in (served / "chi-bo/a/index.html").read_text(encoding="utf-8")
        after_cells = mtimes()
        assert after_cells["chi-bo/b/index.html"] == before["chi-bo/b/index.html"]  # not rendered again
        assert after_cells[overview_page] == before[overview_page]  # kept until the thread has made it
        background = Session.background
        assert background is not None and background.done.wait(120) and background.error is None
        # The record cache is the server's to write (when serving stops): the background process
        # left it alone, so the server's judged cells still match its meeting objects.
        assert not (org.root / ".cache/bulletin/records.pickle").exists()
        build(config(served), serve_url=url, dirty=True)  # the follow-up the process asks for
        assert Session.background is None
        assert mtimes()[overview_page] != before[overview_page]
        assert mtimes()["chi-bo/b/index.html"] == before["chi-bo/b/index.html"]
        build(config(served), serve_url=url, dirty=True)  # nothing saved since: nothing to make
        assert Session.background is None
    finally:
        first.plugins.on_shutdown()
    cold = org.root / "cold"
    cold_cfg = config(cold)
    cold_cfg.plugins.on_startup(command="build", dirty=False)
    build(cold_cfg, serve_url=url)
    cold_cfg.plugins.on_shutdown()
    a, b = _tree(served), _tree(cold)
    # Only a served site has the reload poller (mkdocs/serving.py), and lists it in its manifest.
    assert a.pop(LIVERELOAD).read_text(encoding="utf-8") == LIVERELOAD_JS and LIVERELOAD not in b
    manifest = a.pop(".bulletin-site").read_text(encoding="utf-8").splitlines()
    assert [line for line in manifest if line != LIVERELOAD] == b.pop(".bulletin-site").read_text(encoding="utf-8").splitlines()
    assert sorted(a) == sorted(b)
    different = [rel for rel in a if not filecmp.cmp(a[rel], b[rel], shallow=False)]
    assert different == []


def test_a_cell_added_or_removed_while_serving_makes_every_page_at_once(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages kept from before would list a cell that has no page any more, or miss a new one."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from bulletin.mkdocs.serving import Session

    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml()
    monkeypatch.chdir(org.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    served = Path(tempfile.mkdtemp(dir=org.root, prefix="served-"))
    url = "http://127.0.0.1:8000/"

    def config():
        cfg = load_config("mkdocs.yml", site_dir=str(served), strict=True)
        cfg.site_url = url
        return cfg

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url=url, dirty=True)
        org.cell("moi", name="Chi bộ Mới Lập")
        org.meetings("moi", 2024, full_year(2024))
        build(config(), serve_url=url, dirty=True)
        assert Session.background is None  # nothing left to make in the background
        assert "Chi bộ Mới Lập" in (served / "chi-bo/index.html").read_text(encoding="utf-8")
        (org.root / "content/meetings/moi/2024.yml").unlink()
        (org.root / "content/meetings/moi").rmdir()
        (org.root / "content/cells/moi.yml").unlink()
        build(config(), serve_url=url, dirty=True)
        assert Session.background is None
        assert "Chi bộ Mới Lập" not in (served / "chi-bo/index.html").read_text(encoding="utf-8")
    finally:
        first.plugins.on_shutdown()


def test_what_a_dirty_rebuild_would_leave_stale_is_rendered_again_or_removed(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' dirty build renders only pages whose source is newer than their HTML, and deletes
    nothing. Also rendered: a hand-written page holding this month's block (its file does not
    change, the data does), the tagged outlines with the tags index (Material's tags plugin lists
    only the pages it renders), every page when the theme or mkdocs.yml changes; removed: the
    page of a cell that no longer exists."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from bulletin.mkdocs.serving import Session
    from bulletin.pages import home

    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024))
    org.meetings("b", 2024, full_year(2024))
    org.write("content/index.md", f"# Trang chủ\n\n{home.MARKER}\n")
    org.outline("ho-chi-minh/nep-song", title="Nếp sống giản dị", tags=["Đạo đức", "Lối sống"])
    yml = org.mkdocs_yml()
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - tags\n"), encoding="utf-8")
    monkeypatch.chdir(org.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    served = Path(tempfile.mkdtemp(dir=org.root, prefix="served-"))
    url = "http://127.0.0.1:8000/"

    def config():
        cfg = load_config("mkdocs.yml", site_dir=str(served))
        cfg.site_url = url
        return cfg

    def settle() -> None:  # the rebuild after a save, then the one the background process asks for
        build(config(), serve_url=url, dirty=True)
        if Session.background is not None:
            assert Session.background.done.wait(120)
            build(config(), serve_url=url, dirty=True)

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url=url, dirty=True)
        home_before = (served / "index.html").read_text(encoding="utf-8")
        tags_export = (served / "tags.json").read_bytes()
        assert b"nep-song" in tags_export
        os.utime(org.meetings("b", 2024, full_year(2024, present=4)), None)  # B falls short
        build(config(), serve_url=url, dirty=True)  # the quick step renders no outline ...
        assert (served / "tags.json").read_bytes() == tags_export  # ... and keeps the tags' export
        assert Session.background is not None and Session.background.done.wait(120)
        build(config(), serve_url=url, dirty=True)
        assert (served / "index.html").read_text(encoding="utf-8") != home_before
        # Tags: the outline still links its tags to the index, and the index still lists it,
        # after rebuilds that changed no outline.
        outline = (served / "chuyen-de/ho-chi-minh/nep-song/index.html").read_text(encoding="utf-8")
        assert outline.count('class="md-tag"') == 2 and outline.count('href="../../tu-khoa/#tag:') == 2
        assert "Nếp sống giản dị" in (served / "chuyen-de/tu-khoa/index.html").read_text(encoding="utf-8")
        # A cell removed: its page goes.
        (org.root / "content/meetings/b/2024.yml").unlink()
        (org.root / "content/meetings/b").rmdir()
        (org.root / "content/cells/b.yml").unlink()
        settle()
        assert not (served / "chi-bo/b/index.html").exists() and (served / "chi-bo/a/index.html").exists()
        # The frame of every page: mkdocs.yml's site name.
        yml.write_text(yml.read_text(encoding="utf-8").replace("site_name:", "site_name: Tên mới THỬ #", 1), encoding="utf-8")
        settle()
        for page in ("index.html", "chi-bo/a/index.html", "tong-hop/index.html"):
            assert "Tên mới THỬ" in (served / page).read_text(encoding="utf-8"), page
    finally:
        first.plugins.on_shutdown()


def test_a_file_saved_while_the_committee_files_are_made_stops_that_and_the_next_rebuild_starts_another(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from bulletin.mkdocs.serving import Background, Session

    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml()
    monkeypatch.chdir(org.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # The spawned process waits for a file before it starts: the test decides when it may finish.
    monkeypatch.setattr(Background, "target", "gated:committee_files_after_gate")
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))  # where the process finds `gated`
    # on_startup("serve") defers the record cache's writing, process-wide: put back for later tests.
    monkeypatch.setattr(recordcache, "defer", recordcache.defer)
    served = Path(tempfile.mkdtemp(dir=org.root, prefix="served-"))
    url = "http://127.0.0.1:8000/"

    def config():
        cfg = load_config("mkdocs.yml", site_dir=str(served))
        cfg.site_url = url
        return cfg

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url=url, dirty=True)
        overview_page = served / "tong-hop/2024/index.html"
        overview_before = overview_page.read_text(encoding="utf-8")
        os.utime(org.meetings("a", 2024, full_year(2024, notes="Lần 1")), None)
        build(config(), serve_url=url, dirty=True)
        one = Session.background
        assert one is not None and not one.done.is_set()
        os.utime(org.meetings("a", 2024, full_year(2024, notes="Lần 2", present=5)), None)
        build(config(), serve_url=url, dirty=True)
        two = Session.background
        assert one.cancelled.is_set() and two is not None and two is not one and two.stamp != one.stamp
        one.join(30)
        assert one._process.returncode == -9  # stopped at once, not left to finish
        (org.root / "gate").touch()
        assert two.done.wait(120) and two.error is None
        build(config(), serve_url=url, dirty=True)  # the follow-up
        assert Session.committee is not None and Session.committee.stamp == two.stamp
        assert "Lần 2" in (served / "chi-bo/a/index.html").read_text(encoding="utf-8")
        assert overview_page.read_text(encoding="utf-8") != overview_before  # attendance under 90 % now
    finally:
        (org.root / "gate").touch()
        first.plugins.on_shutdown()


def test_a_stamp_changes_when_a_file_is_saved_added_or_removed_and_only_then(tmp_path: Path) -> None:
    from bulletin.mkdocs.serving import stamp

    (tmp_path / "content/meetings/a").mkdir(parents=True)
    year = tmp_path / "content/meetings/a/2024.yml"
    year.write_text("- date: 2024-01-05\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")

    def now(extra: str = "") -> str:
        return stamp([config], [tmp_path / "content"], extra)

    first = now()
    assert now() == first
    os.utime(year, ns=(year.stat().st_atime_ns, year.stat().st_mtime_ns + 1_000_000))
    second = now()
    assert second != first
    (tmp_path / "content/meetings/a/2025.yml").write_text("[]\n", encoding="utf-8")
    third = now()
    assert third != second
    (tmp_path / "content/meetings/a/2025.yml").unlink()
    assert now() != third
    config.write_text("site_name: y\n", encoding="utf-8")
    assert now() != third
    assert now("other settings") != now()

"""Rebuilds that skip work change nothing: a page kept from an earlier build is the page a cold
build makes; a big grid is split into pages and every cell is still in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import logging
import os
import re
import tempfile
from pathlib import Path

import pytest

from bulletin.data import recordcache
from bulletin.mkdocs.serving import LIVERELOAD, LIVERELOAD_JS
from bulletin.outputs.search import carry_over
from bulletin.outputs.site import generate
from bulletin.pages import cells, overview
from bulletin.pages.context import Context
from crafted import Org, full_year


def key_of(org: Org, cell_id: str) -> str:
    ctx = Context(org.load(), org.settings)
    return cells.inputs_key(ctx, ctx.data.cells[cell_id])


def test_a_cell_pages_inputs_key_changes_with_its_own_records_and_what_pages_share(org: Org) -> None:
    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024))
    org.meetings("b", 2024, full_year(2024))
    a, b = key_of(org, "a"), key_of(org, "b")
    assert key_of(org, "a") == a  # the same inputs, the same key
    org.meetings("a", 2024, full_year(2024, notes="Ghi chú mới"))
    assert key_of(org, "a") != a and key_of(org, "b") == b  # only the edited cell's page is made again
    org.outline("ho-chi-minh/nep-song", title="Tên mới của đề cương")
    assert key_of(org, "b") != b  # a topic's title is shown on any cell page
    b = key_of(org, "b")
    org.as_of = org.as_of.replace(year=org.as_of.year + 1)
    assert key_of(org, "b") != b  # the date the rules are judged at


def test_a_dirty_rebuilds_search_index_keeps_the_pages_it_did_not_render() -> None:
    before = [{"location": ""}, {"location": "a/"}, {"location": "a/#x"}, {"location": "b/"}, {"location": "gone/"}]
    now = [{"location": "a/", "text": "mới"}]
    merged = carry_over(now, before, rendered={"a/"}, pages=["", "a/", "b/"])
    assert merged == [{"location": ""}, {"location": "a/", "text": "mới"}, {"location": "b/"}]


def test_a_big_grid_is_split_into_pages_holding_every_cell_once(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(5):
        org.cell(f"c{i}", name=f"Chi bộ C{i}")
        org.meetings(f"c{i}", 2024, full_year(2024))
    monkeypatch.setattr(overview, "GRID_PAGE", 2)
    files = generate(org.load(), org.settings)
    year_page = files[overview.year_doc(2024)]
    assert 'id="bt-grid"' not in year_page and "Trang 3: Chi bộ C3 – Chi bộ C4 (2 chi bộ)" in year_page
    parts = [files[overview.grid_doc(2024, k)] for k in (1, 2, 3)]
    assert overview.grid_doc(2024, 4) not in files
    names = [name for page in parts for name in re.findall(r'<td class="bt-g-name"[^>]*><a [^>]*>([^<]+)</a>', page)]
    assert names == ["Chi bộ A", "Chi bộ C0", "Chi bộ C1", "Chi bộ C2", "Chi bộ C3", "Chi bộ C4"]
    assert all('class="bt-legend"' in page and 'aria-current="page"' in page for page in parts)
    # Without a split the grid stays on the year's page.
    monkeypatch.setattr(overview, "GRID_PAGE", 200)
    files = generate(org.load(), org.settings)
    assert 'id="bt-grid"' in files[overview.year_doc(2024)] and overview.grid_doc(2024, 1) not in files


def test_the_grid_has_one_legend_and_no_sentence_per_mark(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    html = generate(org.load(), org.settings)[overview.year_doc(2024)]
    grid = html[html.index('id="bt-grid"') :]
    assert 'class="bt-sr">đã họp</span>' in grid and "đã họp ngày" not in grid
    assert 'class="bt-legend"' in html


def _tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


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


def test_cell_pages_made_by_several_processes_are_the_pages_one_process_makes(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from bulletin.outputs import site

    for i in range(9):
        org.cell(f"c{i}", name=f"Chi bộ C{i}")
        org.meetings(f"c{i}", 2024, full_year(2024, notes=f"Ghi chú **{i}**"))
    monkeypatch.setattr(site, "PARALLEL_MIN", 2)
    data = org.load()
    serial = list(site.iter_files(data, org.settings, workers=1))
    parallel = list(site.iter_files(data, org.settings, workers=2))
    assert [p for p, _ in parallel] == [p for p, _ in serial] and parallel == serial


def test_an_error_in_a_forked_worker_is_raised_in_the_build_and_leaves_nothing_behind(
    org: Org, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bulletin.outputs import site

    for i in range(9):
        org.cell(f"c{i}", name=f"Chi bộ C{i}")
    monkeypatch.setattr(site, "PARALLEL_MIN", 2)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    real = cells.cell_page

    def broken(ctx: Context, cell):  # type: ignore[no-untyped-def]
        if cell.id == "c7":
            raise ValueError("trang hỏng")
        return real(ctx, cell)

    monkeypatch.setattr(cells, "cell_page", broken)
    with pytest.raises(ValueError, match="trang hỏng"):
        list(site.iter_files(org.load(), org.settings, workers=2))
    assert list(temp.iterdir()) == []  # the workers' files are gone


def test_a_parallel_build_writes_the_same_site_as_a_serial_one(org: Org, tmp_path: Path) -> None:
    import subprocess
    import sys

    for i in range(70):  # above PARALLEL_MIN: two processes make the cell pages
        org.cell(f"c{i:02d}", name=f"Chi bộ C{i:02d}")
        org.meetings(f"c{i:02d}", 2024, full_year(2024, notes=f"Ghi chú {i}"))
    org.mkdocs_yml()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    trees = []
    for workers in ("1", "2"):
        site = tmp_path / f"site-{workers}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_WORKERS": workers}
        subprocess.run([mkdocs, "build", "-q", "-d", str(site)], cwd=org.root, env=env, check=True)
        trees.append(_tree(site))
    serial, parallel = trees
    assert sorted(serial) == sorted(parallel)
    assert [rel for rel in serial if not filecmp.cmp(serial[rel], parallel[rel], shallow=False)] == []


def test_a_judge_memo_judges_again_only_the_cells_whose_inputs_changed(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from bulletin.data import recordcache
    from bulletin.rules import verdicts

    monkeypatch.setattr(recordcache, "defer", True)  # the same meeting objects for unchanged files
    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024))
    org.meetings("b", 2024, full_year(2024))
    settings = dataclasses.replace(org.settings, cache_dir=org.root / ".cache")
    judged: list[str] = []
    real = verdicts.judge_year
    monkeypatch.setattr(verdicts, "judge_year", lambda cell_id, *a: judged.append(cell_id) or real(cell_id, *a))
    memo = verdicts.JudgeMemo()

    def judge() -> dict[str, list[verdicts.CellYear]]:
        from bulletin.data.load import load

        judged.clear()
        return verdicts.judge(load(org.layout, settings), settings, memo=memo)

    first = judge()
    assert sorted(set(judged)) == ["a", "b"]
    assert judge() == first and judged == []
    org.meetings("a", 2024, full_year(2024, present=5))
    changed = judge()
    assert sorted(set(judged)) == ["a"] and changed["b"] is first["b"]
    assert changed == verdicts.judge(org.load(), settings)  # what judging without a memo gives
    org.cell("b", name="Chi bộ B mới")  # the cell's own file
    judge()
    assert sorted(set(judged)) == ["b"]
    judged.clear()
    verdicts.judge(org.load(), dataclasses.replace(settings, as_of=dt.date(2025, 6, 30)), memo=memo)
    assert sorted(set(judged)) == ["a", "b"]  # other settings: everything again


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

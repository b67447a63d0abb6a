"""Rebuilds that skip work change nothing: a page kept from an earlier build is the page a cold
build makes; a big grid is split into pages and every cell is still in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import os
import re
import tempfile
from pathlib import Path

import pytest

from bulletin.data import recordcache
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

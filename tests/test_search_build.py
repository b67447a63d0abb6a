"""What the build gives the search: a lean index that says what each page is, robots kept out,
and an offline copy that names nothing outside. (Typing queries: tests/browser/test_search.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bulletin.outputs import search
from crafted import MKDOCS_YML, Org, full_year, meeting

BIN = Path(sys.executable).parent


def test_offline_polyfills_use_the_vendored_shim_and_drop_a_cdn_copy() -> None:
    assert search.offline_polyfills([]) == [search.SHIM]
    assert search.offline_polyfills(["https://unpkg.com/iframe-worker/shim", "x.js"]) == [search.SHIM, "x.js"]
    assert search.offline_polyfills(["my/iframe-worker.js"]) == ["my/iframe-worker.js"]


def test_the_index_tells_the_worker_what_each_kind_of_page_is() -> None:
    index = search.annotate({"config": {"lang": ["vi"]}, "docs": []})
    kinds = dict(index["config"]["bulletin"]["kinds"])
    assert kinds["chi-bo/"] == "Chi bộ" and kinds["chuyen-de/"] == "Chuyên đề" and kinds["ban-tin/"] == "Bản tin"
    assert index["config"]["lang"] == ["vi"]


def test_an_offline_build_indexes_profiles_not_meeting_tables_and_fetches_nothing(org: Org) -> None:
    org.cell("a", name="Chi bộ Phòng Thử nghiệm", secretary="Lê Văn Thử", parent="Đảng bộ Sở Thử")
    org.meetings(
        "a", 2024, [*full_year(2024)[:-1], meeting("2024-12-05", notes="Ghi chú riêng Khoảng Lặng", guests=["Khách Lạ"])]
    )
    org.issue("2024-03", topics=["ho-chi-minh/nep-song"], number=3)
    config = MKDOCS_YML.format(as_of=org.as_of.isoformat()).replace("  - search\n", "  - search\n  - offline\n")
    org.write("mkdocs.yml", config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=org.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = org.root / "site"

    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert dict(index["config"]["bulletin"]["kinds"])["chi-bo/"] == "Chi bộ"
    # The offline plugin copies the index into a script after us: the copy is annotated too.
    assert '"bulletin":{"kinds"' in (site / "search/search_index.js").read_text(encoding="utf-8")
    cell = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("chi-bo/a.html"))
    assert "Bí thư chi bộ Lê Văn Thử" in cell  # words kept apart: "chi bộLê" would be one lunr term
    assert "Trực thuộc Đảng bộ Sở Thử" in cell
    everything = json.dumps(index, ensure_ascii=False)
    assert "Khoảng Lặng" not in everything and "Khách Lạ" not in everything  # meeting rows stay out
    assert "Khoảng Lặng" in (site / "chi-bo/a.html").read_text(encoding="utf-8")  # but are on the page

    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert (site / search.WORKER).is_file() and (site / search.SHIM).is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{search.SHIM}">' in home
    assert "unpkg.com" not in home


def plugins_reordered(config: str, first: str) -> str:
    """mkdocs.yml with the plugin `first` moved to the head of the `plugins:` list."""
    head, rest = config.split("\nplugins:\n", 1)
    lines = rest.split("\n")
    end = next(i for i, line in enumerate(lines) if line and not line.startswith(" "))
    items: list[list[str]] = []
    for line in lines[:end]:
        if line.startswith("  - ") or not items:
            items.append([])
        items[-1].append(line)
    moved = [item for item in items if item[0].startswith(f"  - {first}")]
    assert len(moved) == 1, f"no plugin {first!r} in mkdocs.yml"
    ordered = moved + [item for item in items if item is not moved[0]]
    return head + "\nplugins:\n" + "\n".join(line for item in ordered for line in item) + "\n" + "\n".join(lines[end:])


def test_cells_reach_the_index_whatever_the_order_of_the_plugins(tmp_path: Path) -> None:
    """The bulletin plugin adds the cells to the index after Material's search plugin has written
    it: by event priority, not by being listed after `search` in mkdocs.yml."""
    root = Path(__file__).resolve().parent.parent
    for folder in ("content", "topics", "overrides"):
        shutil.copytree(root / folder, tmp_path / folder)
    config = plugins_reordered((root / "mkdocs.yml").read_text(encoding="utf-8"), "bulletin")
    assert config.index("  - bulletin:") < config.index("  - search:")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_PRINT_EDITION": "false", "BULLETIN_OFFLINE": "true"}
    env["BULLETIN_AS_OF"] = "2026-11-23"
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    site = tmp_path / "site"
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    cells = sorted(p.stem for p in (tmp_path / "content/cells").glob("*.yml"))
    indexed = {d["location"] for d in index["docs"]}
    assert len(cells) > 10 and all(f"chi-bo/{cell}.html" in indexed for cell in cells)
    assert "bulletin" in index["config"]
    # The offline plugin (priority -100) still copies the index after us.
    offline = (site / "search/search_index.js").read_text(encoding="utf-8")
    assert all(f'"chi-bo/{cell}.html"' in offline for cell in cells)

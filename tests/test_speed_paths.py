"""The build's fast paths change nothing a reader sees: stashed HTML blocks, our own search entries."""

from __future__ import annotations

import json

from bulletin.mkdocs.stash import Stash
from bulletin.outputs.search import cell_entries
from crafted import Org, full_year
from test_build import BIN, run


def test_balanced_html_blocks_are_swapped_out_and_back_unchanged() -> None:
    block = '<div class="bt-table"><table><tr><td>a</td></tr></table></div>'
    markdown = f"# Tiêu đề\n\nĐoạn **văn**.\n\n{block}\n\n<details open>\n\nmở chưa đóng\n\n</details>"
    stash = Stash()
    swapped = stash.swap_out(markdown)
    assert block not in swapped and "<details open>" in swapped  # an unbalanced block is left to Markdown
    placeholder = swapped.split("\n\n")[2]
    assert placeholder.startswith("<!--") and placeholder.endswith("-->")  # search ignores comments
    rendered = f"<h1>Tiêu đề</h1>\n<p>Đoạn <strong>văn</strong>.</p>\n{placeholder}"
    assert stash.swap_in(rendered).endswith(block)


def test_cell_pages_are_searched_by_our_entries_with_every_value_escaped(org: Org) -> None:
    org.cell("b", name='Chi bộ <img src=x onerror=alert(1)> "B"', secretary="Lê Văn Thử", parent="Đảng bộ Sở Thử")
    (entry,) = [e for e in cell_entries(org.load(), True) if e["location"] == "chi-bo/b/"]
    assert entry["title"] == "Chi bộ &lt;img src=x onerror=alert(1)&gt; &quot;B&quot;"
    assert "Bí thư chi bộ Lê Văn Thử" in entry["text"] and "Trực thuộc Đảng bộ Sở Thử" in entry["text"]
    assert cell_entries(org.load(), False)[0]["location"].endswith(".html")


def test_a_built_cell_page_has_one_search_entry_and_no_placeholder_left(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024, notes="Ghi chú **đậm**"))
    org.mkdocs_yml()
    assert run(str(BIN / "mkdocs"), "build", cwd=org.root).returncode == 0
    site = org.root / "site"
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("chi-bo/a/")] == ["chi-bo/a/"]
    page = (site / "chi-bo/a/index.html").read_text(encoding="utf-8")
    assert "BTSTASH" not in page and "<strong>đậm</strong>" in page and 'class="bt-table"' in page

"""What the site says about its rules agrees everywhere, and quotations are exact.

The home page, the guides, the README and the code name the same sources: HD 12 and HD 42 for
what they say (meetings every month, a thematic meeting every quarter, meeting length), the
committee's targets ("chỉ tiêu của Đảng ủy") for attendance, speakers and "chậm nhất ngày 15".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bulletin.data.settings import HD_12, HD_42, TARGETS_SOURCE, Rules
from crafted import ROOT

HAND_WRITTEN = [
    ROOT / "content/index.md",
    ROOT / "content/huong-dan.md",
    ROOT / "content/huong-dan/cap-nhat-du-lieu.md",
    ROOT / "content/huong-dan-nhap-lieu.md",
]
SITE_TEXT = [*HAND_WRITTEN, *sorted((ROOT / "content/bulletin").glob("*.md")), *sorted((ROOT / "scripts/bulletin").rglob("*.py"))]


def test_the_home_page_names_each_source_for_what_it_says() -> None:
    home = (ROOT / "content/index.md").read_text(encoding="utf-8")
    for words in ("12-HD/BTCTW ngày 6/7/2018", "42-HD/BTCTW ngày 28/10/2025", "50-CT/TW ngày 23/7/2025", "28/10/2025"):
        assert words in home
    # The table is HTML (it carries a caption): one row a line, "<tr><td>requirement</td><td>source</td>...".
    cells = [re.findall(r"<td>(.*?)</td>", line) for line in home.splitlines() if line.startswith("<tr><td>")]
    rows = {c[0]: "|".join(["", *c, ""]) for c in cells}
    assert "HD 12" in rows["Thời gian 90–120 phút"]
    hd_42 = "Thời gian tối thiểu 90 phút; tối thiểu 120 phút khi sinh hoạt thường kỳ và chuyên đề trong cùng một buổi"
    assert "HD 42" in rows[hd_42]
    rules = Rules()
    for target in (f"Tỷ lệ dự họp ≥ {rules.attendance_min:.0f}%", f"Tỷ lệ phát biểu ≥ {rules.speakers_min:.0f}%"):
        assert TARGETS_SOURCE in rows[target] and "HD" not in rows[target].split("|")[2]
    assert TARGETS_SOURCE in rows[f"Sinh hoạt thường kỳ chậm nhất ngày {rules.deadline_day}"]


def test_the_built_in_rule_sets_are_the_guidance_as_published() -> None:
    assert (HD_12.start.isoformat(), HD_42.start.isoformat()) == ("2018-07-06", "2025-10-28")
    assert [HD_12.bounds(k) for k in ("thuong-ky", "chuyen-de", "ket-hop")] == [(90, 120)] * 3
    assert [HD_42.bounds(k) for k in ("thuong-ky", "chuyen-de", "ket-hop")] == [(90, None), (90, None), (120, None)]
    assert HD_12.bounds("bat-thuong") is None and HD_42.bounds("bat-thuong") is None


@pytest.mark.parametrize("path", SITE_TEXT, ids=lambda p: str(p.relative_to(ROOT)))
def test_words_a_committee_can_sign(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "vi phạm" not in text.lower(), "say 'chưa bảo đảm yêu cầu': 'vi phạm' is a disciplinary word"
    assert "trước ngày 15" not in text and "trước hoặc vào ngày" not in text, "the rule allows day 15: 'chậm nhất ngày 15'"
    assert "điểm %" not in text, "a difference of percentages is in 'điểm phần trăm'"


def test_the_readme_says_where_each_threshold_comes_from() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sources = ("Hướng dẫn 42-HD/BTCTW ngày 28/10/2025", "chỉ tiêu của Đảng ủy", "chậm nhất ngày 15")
    for words in (*sources, "rule_sets", "founded", "dissolved"):
        assert words in readme


QUOTES = {
    # Di chúc (1965 text, the wording published in 1969).
    "giữ gìn sự đoàn kết nhất trí": "cần phải giữ gìn sự đoàn kết nhất trí của Đảng như giữ gìn con ngươi của mắt mình",
    # Cần, kiệm, liêm, chính (1949).
    "Thiếu một đức": "Thiếu một đức, thì không thành người",
    "tấm gương sống": "Một tấm gương sống còn có giá trị hơn một trăm bài diễn văn tuyên truyền",
}


@pytest.mark.parametrize("path", sorted((ROOT / "topics").rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_outlines_quote_ho_chi_minh_exactly_and_are_not_tied_to_a_past_year(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for cue, quote in QUOTES.items():
        if cue.lower() in text.lower():
            assert quote in text, f"quote exactly: “{quote}”"
    tied = re.findall(r"(?:mô hình|bản đăng ký làm theo)[^.\n]{0,40}năm 20\d\d", text)
    assert not tied, tied

"""Cell pages and the overview, judged on crafted cells: strips, what is owed, figures, order."""

from __future__ import annotations

import datetime as dt
import re

from bulletin.outputs.site import generate
from bulletin.pages import cells, chart, overview
from bulletin.pages.context import Context
from bulletin.pages.strips import month_marks, owed, quarter_marks
from bulletin.rules.summary import month_figures, short_since
from bulletin.rules.verdicts import severity
from crafted import Org, full_year, meeting


def context(org: Org) -> Context:
    return Context(org.load(), org.settings)


def mid_year(org: Org) -> Context:
    """Judged on 20 July 2024: January on time, February late, March missed, no thematic
    meeting in the second quarter, nothing yet in July (past the 15th)."""
    org.as_of = dt.date(2024, 7, 20)
    org.meetings(
        "a",
        2024,
        [
            meeting("2024-01-05"),
            meeting("2024-02-20", "ket-hop"),
            meeting("2024-04-05"),
            meeting("2024-05-05"),
            meeting("2024-06-05"),
        ],
    )
    return context(org)


def marks_of(ctx: Context, year: int = 2024) -> tuple[list, list]:
    cy = ctx.cell_year("a", year)
    held = ctx.held("a", year)
    return month_marks(cy, held, ctx.settings), quarter_marks(cy, held, ctx.settings)


def test_the_month_strip_reads_held_late_missed_in_progress_and_not_yet_due(org: Org) -> None:
    months, _ = marks_of(mid_year(org))
    assert [m.status.key for m in months] == ["held", "late", "missed", "held", "held", "held", "open"] + ["pending"] * 5
    # Every mark is a symbol and a word, never colour alone, and says the date.
    assert [(m.status.symbol, m.status.word) for m in months[:3]] == [("✓", "đã họp"), ("⚠", "họp muộn"), ("✗", "không họp")]
    assert months[1].title == "Tháng 2/2024: họp muộn, ngày 20/02/2024 (chậm nhất ngày 15)"
    assert months[6].title == "Tháng 7/2024: đang diễn ra, chưa sinh hoạt thường kỳ (đã quá ngày 15)"


def test_the_quarter_strip(org: Org) -> None:
    _, quarters = marks_of(mid_year(org))
    assert [q.status.key for q in quarters] == ["held", "missed", "open", "pending"]
    assert quarters[0].title == "Quý I: đã sinh hoạt chuyên đề ngày 20/02/2024"
    assert quarters[1].status.word == "thiếu chuyên đề"


def test_a_meeting_early_in_the_current_month_counts_as_held(org: Org) -> None:
    org.as_of = dt.date(2024, 3, 10)
    org.meetings("a", 2024, [meeting("2024-01-05", "ket-hop"), meeting("2024-02-05"), meeting("2024-03-05")])
    months, quarters = marks_of(context(org))
    assert [m.status.key for m in months[:4]] == ["held", "held", "held", "pending"]
    assert quarters[0].status.key == "held"


def test_what_a_secretary_still_owes_this_year(org: Org) -> None:
    ctx = mid_year(org)
    months, quarters = marks_of(ctx)
    todo = owed(ctx.cell_year("a", 2024), months, quarters, ctx.settings)
    assert todo[0] == "Sinh hoạt thường kỳ tháng 7 (đã quá ngày 15, cần họp ngay)"
    assert todo[1] == "Sinh hoạt thường kỳ tháng 8 (chậm nhất ngày 15/8)"
    assert "Sinh hoạt chuyên đề Quý III (trong tháng 7–9)" in todo
    assert "Sinh hoạt chuyên đề Quý IV (trong tháng 10–12)" in todo
    assert len(todo) == 6 + 2  # July to December, and two quarters; the missed March cannot be made up


def test_a_finished_year_owes_nothing_and_low_attendance_is_owed_this_year(org: Org) -> None:
    org.as_of = dt.date(2024, 12, 20)
    org.meetings("a", 2023, full_year(2023))
    org.meetings("a", 2024, full_year(2024, present=5, speakers=2)[:11])
    ctx = context(org)
    months, quarters = marks_of(ctx, 2023)
    assert owed(ctx.cell_year("a", 2023), months, quarters, ctx.settings) == []
    months, quarters = marks_of(ctx, 2024)
    todo = owed(ctx.cell_year("a", 2024), months, quarters, ctx.settings)
    assert "Nâng tỷ lệ dự họp: đang là 50,0%, chỉ tiêu ≥ 90% cả năm" in todo
    assert todo[0].startswith("Sinh hoạt thường kỳ tháng 12 (đã quá ngày 15")


def test_month_figures_for_the_chart(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05", present=8, speakers=2), meeting("2024-01-25", "bat-thuong", present=6)])
    figures = month_figures(context(org).held("a", 2024))
    jan = figures[0]
    assert (jan.meetings, jan.present, jan.expected, jan.speakers) == (2, 14, 20, 6)
    assert (jan.attendance_pct, jan.speakers_pct) == (70.0, 42.9)
    assert figures[1].meetings == 0 and figures[1].attendance_pct is None
    svg = chart.chart_svg(2024, figures, org.rules)
    assert "<title" in svg and "tháng 1: dự họp 70,0%, phát biểu 42,9%." in svg
    assert "chỉ tiêu dự họp ≥ 90%" in svg and "chỉ tiêu phát biểu ≥ 30%" in svg
    assert "<script" not in svg and "http" not in svg


def test_organisation_figures_compare_with_the_previous_year(org: Org) -> None:
    org.cell("b", name="Chi bộ B", members=12)
    org.meetings("a", 2023, full_year(2023))
    org.meetings("a", 2024, full_year(2024, members=11, present=9))
    org.meetings("b", 2024, [m for m in full_year(2024) if m["date"][5:7] not in ("03", "05")])
    ctx = context(org)
    now, before = ctx.org_years[2024], ctx.org_years[2023]
    assert (now.cells, now.compliant, now.members) == (2, 0, 21)  # a: 11 at its last meeting; b: 10
    assert (now.months_held, now.months_due, now.quarters_held, now.quarters_due) == (22, 24, 7, 8)
    assert now.months_pct == 91.7 and now.quarters_pct == 87.5
    assert now.attendance_pct == round(100 * (12 * 9 + 10 * 10) / (12 * 11 + 10 * 10), 1)
    assert (before.cells, before.compliant_pct, before.months_pct) == (1, 100.0, 100.0)
    table = re.sub(r">\s+<", "><", overview.figures_table(ctx, 2024))  # whitespace between cells is for search
    assert "<td>Chi bộ đạt mọi yêu cầu</td><td>0,0%</td><td>100,0%</td><td>▼ giảm 100,0 điểm phần trăm</td>" in table
    assert "<td>Tỷ lệ dự họp</td>" in table and "≥ 90%" in table


def test_cells_that_fall_short_are_listed_worst_first_with_since_when(org: Org) -> None:
    org.cell("b", name="Chi bộ B")
    org.cell("c", name="Chi bộ C")
    org.meetings("a", 2023, full_year(2023, speakers=1))
    org.meetings("a", 2024, full_year(2024, speakers=1))  # 1 reason, short since 2023
    org.meetings("b", 2024, full_year(2024)[:9])  # October to December missed, and Q4: 4 reasons
    org.meetings("c", 2024, [m for m in full_year(2024) if m["date"][5:7] != "01"])  # January: 1 reason
    ctx = context(org)
    short = [(cell, cy) for cell, cy in ctx.by_year[2024] if not cy.compliant]
    ordered = [cell.id for cell, cy in sorted(short, key=lambda e: severity(e[1]))]
    assert ordered == ["b", "c", "a"]  # a and c tie on reasons; c missed a month
    assert short_since(ctx.judged["a"], 2024) == 2023 and short_since(ctx.judged["b"], 2024) == 2024
    html = overview.short_list(ctx, overview.DOC, 2024, short)
    names = re.findall(r'<a href="[^"]*">(Chi bộ \w)</a>', html)
    assert names == ["Chi bộ B", "Chi bộ C", "Chi bộ A"]
    assert "năm 2023 (2 năm liền)" in html
    assert 'data-sort="1"' in html  # the "#" column restores worst-first after another sort


def test_sort_keys_are_numbers_in_vietnamese_order(org: Org) -> None:
    for cid, name in [("d", "Chi bộ Dung"), ("dd", "Chi bộ Đông"), ("e", "Chi bộ Em"), ("ap", "Chi bộ Ấp Mới")]:
        org.cell(cid, name=name)
        org.meetings(cid, 2024, full_year(2024, present=7, exempt=0))
    org.meetings("a", 2024, full_year(2024))
    ctx = context(org)
    order = sorted(["Chi bộ Em", "Chi bộ Đông", "Chi bộ Dung", "Chi bộ Ấp Mới", "Chi bộ A"], key=ctx.rank.__getitem__)
    assert order == ["Chi bộ A", "Chi bộ Ấp Mới", "Chi bộ Dung", "Chi bộ Đông", "Chi bộ Em"]
    html = overview.grid(ctx, overview.DOC, 2024, ctx.by_year[2024])
    assert 'data-sort="70.0">70,0%</td>' in html  # the figure sorts as a number, shows with a comma
    # Without JavaScript the grid is already in Vietnamese order.
    rows = re.findall(r"<tr [^>]*>(?:<td[^>]*>)<a [^>]*>([^<]+)</a>", html)
    assert rows == order


def test_every_year_has_an_overview_and_the_newest_is_the_default(org: Org) -> None:
    org.meetings("a", 2023, full_year(2023))
    org.meetings("a", 2024, full_year(2024)[:10])
    files = generate(org.load(), org.settings)
    assert "năm 2024" in files[overview.DOC] and "năm 2023" in files["tong-hop/2023/index.md"]
    assert "search: {exclude: true}" in files["tong-hop/2024/index.md"]  # one copy of the newest in search
    assert "search:" not in files[overview.DOC] and "search:" not in files["tong-hop/2023/index.md"]
    assert '<a href="../2023/">2023</a>' in files["tong-hop/2024/index.md"]
    assert '<a href="2023/">2023</a>' in files[overview.DOC]
    assert '<a href="../2024/">2024</a>' in files["tong-hop/2023/index.md"]


def test_cell_page_opens_the_newest_year_and_collapses_the_earlier(org: Org) -> None:
    org.meetings("a", 2023, full_year(2023))
    org.meetings("a", 2024, full_year(2024)[:11])
    ctx = context(org)
    page = cells.cell_page(ctx, ctx.data.cells["a"])
    assert "## Năm 2024 (đến 31/12/2024) { #nam-2024 }" in page
    assert '<details class="bt-year" id="nam-2023"><summary><strong>Năm 2023</strong>' in page
    assert page.index("nam-2024") < page.index("nam-2023")
    assert "Chưa sinh hoạt thường kỳ tháng 12" in page
    dates = re.findall(r"<tr[^>]*><td>(\d\d/\d\d/2024)", page)
    assert dates == sorted(dates, key=lambda d: d[3:5], reverse=True)  # newest first


def test_months_a_cell_did_not_exist_for_in_full_are_not_counted_on_its_strips(org: Org) -> None:
    org.cell("a", name="Chi bộ A", founded="2024-06-10")
    org.meetings("a", 2024, [meeting(f"2024-{mo:02d}-12", "ket-hop" if mo % 3 == 2 else "thuong-ky") for mo in range(6, 13)])
    months, quarters = marks_of(context(org))
    # June had a meeting but is not owed (founded on the 10th): not counted, never "held" or late.
    assert [m.status.key for m in months] == ["none"] * 6 + ["held"] * 6
    why = "chi bộ chưa thành lập hoặc đã giải thể trong tháng"
    assert months[5].title == f"Tháng 6/2024: không tính ({why}, có họp ngày 12/06/2024)"
    assert [q.status.key for q in quarters] == ["none", "none", "held", "held"]
    assert months[0].title == "Tháng 1/2024: không tính (chi bộ chưa thành lập hoặc đã giải thể trong tháng)"
    page = cells.cell_page(context(org), org.load().cells["a"])
    assert "thành lập ngày 10/06/2024" in page and "Chưa bảo đảm yêu cầu" not in page


def test_a_cell_page_counts_meetings_under_a_target_and_names_the_rule_sets(org: Org) -> None:
    org.as_of = dt.date(2025, 12, 31)
    year = full_year(2025, speakers=5)
    year[2]["speakers"] = 2
    year[5]["speakers"] = 2
    org.meetings("a", 2025, year)
    page = cells.cell_page(context(org), org.load().cells["a"])
    assert "2 buổi dưới 30% phát biểu (05/03, 05/06)" in page
    assert "HD 12: 90–120 phút (đến 27/10/2025); HD 42:" in page and "(từ 28/10/2025)" in page
    assert "⚠ chưa bảo đảm yêu cầu" in page and "Phát biểu 20,0% số dự họp (chỉ tiêu của Đảng ủy: ≥ 30%)" in page


def test_the_overview_says_a_month_has_ended_on_its_last_day_as_the_counts_do(org: Org) -> None:
    """One source of truth for "has this month ended": the due calendar (its last day ends it)."""
    org.meetings("a", 2024, full_year(2024)[:10])
    for day, said, due in [
        (dt.date(2024, 10, 30), "tháng 10 chưa kết thúc", 9),
        (dt.date(2024, 10, 31), "tháng 10 đã kết thúc", 10),
        (dt.date(2024, 12, 31), "Số liệu cả năm 2024.", 12),
    ]:
        org.as_of = day
        ctx = context(org)
        assert said in overview._as_of_note(ctx, 2024) and ctx.cell_year("a", 2024).months_due == due

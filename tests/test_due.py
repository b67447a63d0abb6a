"""The one calendar of what a cell owes: a month or quarter is due when the cell existed on every
day of it and it has ended by the as-of date. Verdicts, bulletins and exports all read it."""

from __future__ import annotations

import datetime as dt

from bulletin.data.model import Cell
from bulletin.rules.due import DueCalendar, Lifetime, due_months, due_quarters, judged_years, months_ended
from bulletin.rules.monthly import month_figures
from bulletin.rules.verdicts import judge
from crafted import Org, full_year, meeting

END_2025 = dt.date(2025, 12, 31)


def cell(**dates: dt.date) -> Cell:
    return Cell(id="a", name="Chi bộ A", kind="co-quan", secretary="X", members=10, **dates)


def test_months_end_on_their_last_day() -> None:
    assert months_ended(2023, dt.date(2024, 3, 1)) == 12
    assert months_ended(2024, dt.date(2024, 1, 30)) == 0
    assert months_ended(2024, dt.date(2024, 1, 31)) == 1
    assert months_ended(2024, dt.date(2024, 2, 29)) == 2
    assert months_ended(2025, dt.date(2024, 3, 1)) == 0


def test_a_cell_founded_on_10_june_owes_july_onwards_and_the_third_quarter_onwards() -> None:
    life = Lifetime.of(cell(founded=dt.date(2025, 6, 10)), [])
    assert due_months(life, 2025, END_2025) == (7, 8, 9, 10, 11, 12)
    assert due_quarters(life, 2025, END_2025) == (3, 4)
    assert judged_years(life, dt.date(2026, 3, 1)) == [2025, 2026]


def test_a_cell_founded_on_the_first_of_a_month_owes_that_month() -> None:
    life = Lifetime.of(cell(founded=dt.date(2025, 4, 1)), [])
    assert due_months(life, 2025, END_2025) == tuple(range(4, 13))
    assert due_quarters(life, 2025, END_2025) == (2, 3, 4)


def test_a_cell_dissolved_on_20_may_owes_january_to_april_and_the_first_quarter() -> None:
    life = Lifetime.of(cell(dissolved=dt.date(2025, 5, 20), active=False), [])
    assert due_months(life, 2025, END_2025) == (1, 2, 3, 4)
    assert due_quarters(life, 2025, END_2025) == (1,)
    assert due_months(life, 2026, dt.date(2026, 12, 31)) == ()
    assert judged_years(life, dt.date(2026, 12, 31)) == [2025]


def test_a_cell_dissolved_on_the_last_day_of_a_month_owes_that_month() -> None:
    life = Lifetime.of(cell(dissolved=dt.date(2025, 6, 30), active=False), [])
    assert due_months(life, 2025, END_2025) == (1, 2, 3, 4, 5, 6)
    assert due_quarters(life, 2025, END_2025) == (1, 2)


def test_founded_and_dissolved_in_one_year() -> None:
    life = Lifetime.of(cell(founded=dt.date(2025, 2, 15), dissolved=dt.date(2025, 11, 3)), [])
    assert due_months(life, 2025, END_2025) == tuple(range(3, 11))
    assert due_quarters(life, 2025, END_2025) == (2, 3)


def test_the_as_of_date_still_limits_what_is_due() -> None:
    life = Lifetime.of(cell(founded=dt.date(2025, 6, 10)), [])
    assert due_months(life, 2025, dt.date(2025, 9, 29)) == (7, 8)
    assert due_quarters(life, 2025, dt.date(2025, 9, 29)) == ()
    assert due_quarters(life, 2025, dt.date(2025, 9, 30)) == (3,)


def test_active_false_without_a_date_is_judged_to_the_end_of_its_last_meetings_month(org: Org) -> None:
    org.cell("a", name="Chi bộ A", active=False)
    org.meetings("a", 2024, full_year(2024)[:5])  # January to May
    data = org.load()
    calendar = DueCalendar(data, dt.date(2025, 12, 31))
    assert calendar.due_months("a", 2024) == (1, 2, 3, 4, 5)
    assert calendar.judged_years("a") == [2024]


def test_a_dissolved_cell_is_never_blamed_for_the_months_after_it(org: Org) -> None:
    """The verdict, the bulletin and the calendar agree (they once did not: one flagged June to
    October for a cell dissolved in May, the other stopped expecting it)."""
    org.cell("a", name="Chi bộ A", dissolved="2024-05-20")
    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024)[:5])
    org.meetings("b", 2024, full_year(2024))
    data = org.load()
    cy = judge(data, org.settings)["a"][0]
    assert cy.due_months == (1, 2, 3, 4) and cy.due_quarters == (1,)
    assert cy.compliant and cy.months_held_not_due == (5,)
    assert month_figures(data, org.settings, 2024, 5).cells_expected == 1
    assert month_figures(data, org.settings, 2024, 7).not_met == ()
    assert month_figures(data, org.settings, 2024, 4).cells_expected == 2


def test_a_cell_founded_mid_month_is_not_expected_in_its_first_month(org: Org) -> None:
    org.cell("a", name="Chi bộ A", founded="2024-06-10")
    org.meetings("a", 2024, [meeting(f"2024-{mo:02d}-12", "ket-hop" if mo % 3 == 2 else "thuong-ky") for mo in range(6, 13)])
    data = org.load()
    cy = judge(data, org.settings)["a"][0]
    assert cy.due_months == tuple(range(7, 13)) and cy.due_quarters == (3, 4)
    assert cy.compliant
    assert month_figures(data, org.settings, 2024, 6).cells_expected == 0
    assert month_figures(data, org.settings, 2024, 7).cells_expected == 1


def test_a_meeting_before_founded_or_after_dissolved_is_an_error_with_its_line(org: Org) -> None:
    org.cell("a", name="Chi bộ A", founded="2024-06-10", dissolved="2024-11-20")
    org.meetings("a", 2024, [meeting("2024-06-09"), meeting("2024-06-10"), meeting("2024-11-20"), meeting("2024-11-21")])
    assert org.problems() == [
        "content/meetings/a/2024.yml:1: ngày 09/06/2024 trước ngày thành lập chi bộ (10/06/2024, trường `founded`)",
        "content/meetings/a/2024.yml:19: ngày 21/11/2024 sau ngày giải thể chi bộ (20/11/2024, trường `dissolved`)",
    ]


def test_dissolved_before_founded_is_an_error(org: Org) -> None:
    org.cell("a", name="Chi bộ A", founded="2024-06-10", dissolved="2024-06-01")
    assert org.problems() == ["content/cells/a.yml:6: ngày giải thể (01/06/2024) trước ngày thành lập (10/06/2024)"]


def test_a_dissolution_date_past_the_as_of_date_leaves_the_cell_active(org: Org) -> None:
    org.cell("a", name="Chi bộ A", dissolved="2025-03-31")
    assert org.load().cells["a"].active
    org.as_of = dt.date(2025, 3, 31)
    assert not org.load().cells["a"].active


def test_a_month_not_owed_is_neither_late_nor_judged(org: Org) -> None:
    """A meeting in a month the cell did not exist for in full is shown, never judged: not late,
    not short, not in the year's figures. The strip says "không tính"."""
    from bulletin.pages.context import Context
    from bulletin.pages.strips import month_marks

    org.cell("gone", name="Chi bộ Giải thể", dissolved="2024-05-25")
    org.cell("new", name="Chi bộ Mới", founded="2024-05-20")
    late_and_short = {"duration": 30, "present": 4, "speakers": 0}
    org.meetings("gone", 2024, [*full_year(2024)[:4], meeting("2024-05-18", **late_and_short)])
    org.meetings("new", 2024, [meeting("2024-05-25", **late_and_short), *full_year(2024)[5:]])
    ctx = Context(org.load(), org.settings)
    for cid in ("gone", "new"):
        cy = ctx.cell_year(cid, 2024)
        assert 5 not in cy.due_months and cy.late_months == ()
        assert cy.compliant and cy.marks == () and cy.off_time == 0, cy.reasons
        assert (cy.present, cy.meetings_not_due) == (10 * cy.months_due, 1)
        assert month_marks(cy, ctx.held(cid, 2024), ctx.settings)[4].status.key == "none"


def test_the_month_in_progress_is_judged_once_it_ends(org: Org) -> None:
    """As of 23/11, a first meeting on 20/11 is not yet late: November is not due."""
    org.as_of = dt.date(2024, 11, 23)
    org.meetings("a", 2024, [*full_year(2024)[:10], meeting("2024-11-20", speakers=0)])
    cy = judge(org.load(), org.settings)["a"][0]
    assert cy.compliant and cy.late_months == () and cy.marks == () and cy.meetings_not_due == 1
    org.as_of = dt.date(2024, 11, 30)
    cy = judge(org.load(), org.settings)["a"][0]
    assert cy.late_months == (11,) and not cy.compliant


def test_active_beside_a_dissolution_date_must_agree_with_it(org: Org) -> None:
    org.cell("a", name="Chi bộ A", active=True, dissolved="2024-05-20")
    assert org.problems() == [
        "content/cells/a.yml:5: `active: true` mâu thuẫn với `dissolved` (đã giải thể ngày 20/05/2024); "
        "bỏ dòng `active` (ngày giải thể đã đủ)"
    ]
    org.cell("a", name="Chi bộ A", active=False, dissolved="2025-05-20")
    assert "ngày giải thể 20/05/2025 còn sau ngày tính số liệu" in org.problems()[0]
    org.cell("a", name="Chi bộ A", active=False, dissolved="2024-05-20")
    assert not org.load().cells["a"].active


def test_dates_still_to_come_are_said_as_such_on_the_cell_page(org: Org) -> None:
    from bulletin.pages import cells
    from bulletin.pages.context import Context

    org.cell("a", name="Chi bộ A", founded="2030-01-01")
    org.cell("b", name="Chi bộ B", dissolved="2030-01-01")
    data = org.load()
    ctx = Context(data, org.settings)
    assert "Chưa thành lập (sẽ thành lập ngày 01/01/2030)" in cells.cell_page(ctx, data.cells["a"])
    assert "Đang hoạt động" not in cells.cell_page(ctx, data.cells["a"])
    assert "Đang hoạt động (sẽ giải thể ngày 01/01/2030)" in cells.cell_page(ctx, data.cells["b"])

"""The rules a cell-year is judged by: the committee's targets and the rule set in force on each meeting's date."""

from __future__ import annotations

import datetime as dt

from bulletin.data.settings import Rules, RuleSet
from bulletin.rules.due import months_ended as months_due
from bulletin.rules.verdicts import judge
from crafted import Org, full_year, meeting


def judged(org: Org, year: int = 2024):
    years = judge(org.load(), org.settings)["a"]
    return next(cy for cy in years if cy.year == year)


def test_a_cell_that_meets_every_rule_is_compliant(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    cy = judged(org)
    assert cy.compliant and cy.reasons == ()
    assert (cy.meetings, cy.regular_months, cy.thematic_quarters) == (12, tuple(range(1, 13)), (1, 2, 3, 4))
    assert (cy.attendance_pct, cy.speakers_pct) == (100.0, 40.0)


def test_a_missed_month_is_named(org: Org) -> None:
    org.meetings("a", 2024, [m for m in full_year(2024) if m["date"] != "2024-07-05"])
    assert judged(org).reasons == ("Chưa sinh hoạt thường kỳ tháng 7",)


def test_a_quarter_without_a_thematic_meeting_is_named_in_roman_numerals(org: Org) -> None:
    year = full_year(2024)
    year[7] = meeting("2024-08-05")  # August was the third quarter's ket-hop
    assert judged(org_with(org, year)).reasons == ("Quý III chưa sinh hoạt chuyên đề",)


def org_with(org: Org, meetings: list[dict]) -> Org:
    org.meetings("a", 2024, meetings)
    return org


def test_ket_hop_counts_for_both_rules_and_chuyen_de_only_for_the_quarter(org: Org) -> None:
    year = [meeting(f"2024-{mo:02d}-05") for mo in range(1, 13)]
    year[1] = meeting("2024-02-05", "ket-hop")  # Q1: both
    year[4] = meeting("2024-05-05", "chuyen-de")  # Q2: thematic, but May has no regular meeting
    year.append(meeting("2024-08-20", "chuyen-de"))  # Q3: a separate thematic meeting, any day
    year.append(meeting("2024-11-06", "ket-hop"))  # Q4
    cy = judged(org_with(org, year))
    assert cy.thematic_quarters == (1, 2, 3, 4)
    assert 5 not in cy.regular_months
    assert cy.reasons == ("Chưa sinh hoạt thường kỳ tháng 5",)


def test_bat_thuong_counts_for_neither_rule_but_for_attendance_and_speakers(org: Org) -> None:
    year = [m for m in full_year(2024) if m["date"] != "2024-03-05"]
    year.append(meeting("2024-03-05", "bat-thuong", present=5, speakers=1, duration=30))
    cy = judged(org_with(org, year))
    assert 3 not in cy.regular_months
    # 115 present of 120 expected; 45 speakers of 115 present. The 30-minute bat-thuong breaks no duration rule.
    assert (cy.attendance_pct, cy.speakers_pct) == (95.8, 39.1)
    assert cy.reasons == ("Chưa sinh hoạt thường kỳ tháng 3",)


def test_attendance_is_over_the_whole_year_and_excludes_the_exempt(org: Org) -> None:
    year = full_year(2024, members=10, exempt=3, present=5, speakers=2)
    cy = judged(org_with(org, year))
    assert cy.attendance_pct == 71.4  # 60 / 84
    assert "Tỷ lệ dự họp cả năm 71,4% (chỉ tiêu của Đảng ủy: ≥ 90%)" in cy.reasons


def test_speakers_below_the_threshold(org: Org) -> None:
    cy = judged(org_with(org, full_year(2024, speakers=2)))
    assert cy.speakers_pct == 20.0
    assert cy.reasons == ("Tỷ lệ phát biểu cả năm 20,0% (chỉ tiêu của Đảng ủy: ≥ 30%)",)


def test_percentages_round_half_up_to_one_decimal(org: Org) -> None:
    # 1 speaker of 8 present, every month: 12.5% exactly, which float rounding would make 12.5 or 12.4.
    cy = judged(org_with(org, full_year(2024, members=8, present=8, speakers=1)))
    assert cy.speakers_pct == 12.5
    year = full_year(2024, members=16, present=16, speakers=1)
    year[0] = meeting("2024-01-05", members=16, present=16, speakers=2)
    assert judged(org_with(org, year)).speakers_pct == 6.8  # 13/192 = 6.77


def test_duration_outside_90_to_120_names_the_meeting(org: Org) -> None:
    year = full_year(2024)
    year[0]["duration"] = 60
    year[1]["duration"] = 121
    cy = judged(org_with(org, year))
    assert cy.reasons == (
        "Sinh hoạt ngày 05/01/2024 (thường kỳ) kéo dài 60 phút (HD 12: 90–120 phút)",
        "Sinh hoạt ngày 05/02/2024 (thường kỳ kết hợp chuyên đề) kéo dài 121 phút (HD 12: 90–120 phút)",
    )


def test_the_bounds_of_the_duration_rule_are_allowed(org: Org) -> None:
    year = full_year(2024)
    year[0]["duration"], year[1]["duration"] = 90, 120
    assert judged(org_with(org, year)).compliant


def test_the_months_first_regular_meeting_after_day_15_is_late(org: Org) -> None:
    year = full_year(2024)
    year[2]["date"] = "2024-03-16"
    year.append(meeting("2024-04-25", "chuyen-de"))  # a separate thematic meeting may fall on any day
    year.append(meeting("2024-05-28"))  # a second regular meeting in May: only the first is judged
    year.append(meeting("2024-06-20", "bat-thuong"))
    cy = judged(org_with(org, year))
    assert cy.late_months == (3,)
    assert cy.reasons == ("Sinh hoạt thường kỳ tháng 3 muộn: ngày 16/03/2024 (chỉ tiêu của Đảng ủy: chậm nhất ngày 15)",)


def test_day_15_itself_is_on_time(org: Org) -> None:
    year = full_year(2024)
    year[2]["date"] = "2024-03-15"
    assert judged(org_with(org, year)).compliant


def test_only_months_and_quarters_that_have_ended_are_judged(org: Org) -> None:
    org.as_of = dt.date(2024, 8, 20)
    org.meetings("a", 2024, full_year(2024)[:6])  # January to June
    cy = judged(org)
    assert (cy.months_due, cy.quarters_due) == (7, 2)
    assert (cy.months_held_due, cy.quarters_held_due) == (6, 2)
    assert cy.reasons == ("Chưa sinh hoạt thường kỳ tháng 7",)


def test_months_due() -> None:
    assert months_due(2023, dt.date(2024, 3, 1)) == 12
    assert months_due(2024, dt.date(2024, 3, 1)) == 2
    assert months_due(2024, dt.date(2024, 1, 30)) == 0
    assert months_due(2024, dt.date(2024, 1, 31)) == 1
    assert months_due(2024, dt.date(2024, 12, 31)) == 12
    assert months_due(2025, dt.date(2024, 3, 1)) == 0


def test_a_month_held_before_it_is_due_counts_as_held_but_not_against_the_due_months(org: Org) -> None:
    org.as_of = dt.date(2024, 3, 10)
    org.meetings("a", 2024, full_year(2024)[:3])
    cy = judged(org)
    assert cy.regular_months == (1, 2, 3)
    assert (cy.months_held_due, cy.months_due) == (2, 2)


def test_a_gap_year_without_meetings_is_judged_and_fails(org: Org) -> None:
    org.meetings("a", 2022, full_year(2022))
    org.meetings("a", 2024, full_year(2024))
    years = judge(org.load(), org.settings)["a"]
    assert [cy.year for cy in years] == [2022, 2023, 2024]
    gap = years[1]
    assert gap.meetings == 0 and gap.attendance_pct is None
    assert gap.reasons == (
        "Chưa sinh hoạt thường kỳ 12 tháng: tháng 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12",
        "4 quý chưa sinh hoạt chuyên đề: Quý I, Quý II, Quý III, Quý IV",
    )


def test_a_dissolved_cell_is_judged_until_its_last_meeting_year(org: Org) -> None:
    org.cell("a", name="Chi bộ A", active=False)
    org.meetings("a", 2022, full_year(2022))
    org.as_of = dt.date(2024, 12, 31)
    assert [cy.year for cy in judge(org.load(), org.settings)["a"]] == [2022]


def test_an_active_cell_without_meetings_is_judged_for_the_as_of_year(org: Org) -> None:
    years = judge(org.load(), org.settings)["a"]
    assert [cy.year for cy in years] == [2024]
    assert not years[0].compliant


def test_thresholds_and_rule_sets_are_configurable(org: Org) -> None:
    own = RuleSet("QĐ 1", "Quy định hư cấu", dt.date(2018, 1, 1), (("thuong-ky", 60, 90), ("ket-hop", 60, 90)))
    org.rules = Rules(attendance_min=99, speakers_min=50, deadline_day=7, rule_sets=(own,))
    year = full_year(2024, present=9, speakers=4, duration=95)
    year[0]["date"] = "2024-01-08"
    cy = judged(org_with(org, year))
    assert cy.reasons == (
        "Tỷ lệ dự họp cả năm 90,0% (chỉ tiêu của Đảng ủy: ≥ 99%)",
        "Tỷ lệ phát biểu cả năm 44,4% (chỉ tiêu của Đảng ủy: ≥ 50%)",
        "12 buổi sinh hoạt quá 90 phút: 08/01, 05/02, 05/03, 05/04, 05/05, … (QĐ 1: 60–90 phút)",
        "Sinh hoạt thường kỳ tháng 1 muộn: ngày 08/01/2024 (chỉ tiêu của Đảng ủy: chậm nhất ngày 7)",
    )

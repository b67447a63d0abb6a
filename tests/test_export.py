"""The exports count what the pages count: due months and quarters only, so a clerk subtracting
in Excel finds exactly the months the reasons name."""

from __future__ import annotations

import csv
import datetime as dt
import io

from bulletin.data.settings import Rules, Settings
from bulletin.outputs import export
from bulletin.rules.verdicts import judge
from crafted import Org, full_year, meeting


def table(org: Org) -> list[dict]:
    data = org.load()
    settings = Settings(rules=org.rules, as_of=org.as_of)
    return export.rows(data, judge(data, settings), settings.rules)


def test_a_month_not_yet_ended_is_counted_apart(org: Org) -> None:
    org.as_of = dt.date(2024, 8, 20)
    year = [m for m in full_year(2024)[:8] if m["date"] != "2024-03-05"]  # March missed; August held early
    org.meetings("a", 2024, year)
    row = table(org)[0]
    assert (row["regular_months"], row["months_due"]) == (6, 7)
    assert row["months_due"] - row["regular_months"] == 1  # the one month the reasons name
    assert row["reasons"] == ["Chưa sinh hoạt thường kỳ tháng 3"]
    assert (row["meetings"], row["meetings_not_due"], row["regular_months_not_due"]) == (6, 1, 1)
    assert (row["thematic_quarters"], row["quarters_due"]) == (2, 2)


def test_a_cell_founded_mid_year_owes_and_counts_only_whole_months(org: Org) -> None:
    org.cell("a", name="Chi bộ A", founded="2024-06-10")
    org.meetings("a", 2024, [meeting(f"2024-{mo:02d}-12", "ket-hop" if mo % 3 == 2 else "thuong-ky") for mo in range(6, 13)])
    row = table(org)[0]
    assert (row["regular_months"], row["months_due"], row["regular_months_not_due"]) == (6, 6, 1)
    assert (row["thematic_quarters"], row["quarters_due"]) == (2, 2)
    assert row["compliant"]


def test_per_meeting_marks_are_counted_in_their_own_columns(org: Org) -> None:
    year = full_year(2024, speakers=5)
    year[0]["speakers"] = 2
    year[1]["duration"] = 60
    org.meetings("a", 2024, year)
    row = table(org)[0]
    assert (row["meetings_under_speakers"], row["meetings_under_attendance"], row["meetings_off_time"]) == (1, 0, 1)
    text = export.to_csv([row]).decode("utf-8-sig")
    parsed = next(csv.DictReader(io.StringIO(text)))
    assert parsed["rule_sets"] == "HD 12" and parsed["meetings_off_time"] == "1"


def test_the_page_and_the_export_count_the_same_meetings(org: Org) -> None:
    """Marks, rates and `compliant` are over the meetings in due months, on the page and in the
    export alike; a meeting in the month in progress is counted apart."""
    from bulletin.pages import cells
    from bulletin.pages.context import Context

    org.as_of = dt.date(2024, 8, 20)
    year = [*full_year(2024)[:7], meeting("2024-08-05", present=5, excused=5), meeting("2024-08-10", present=5, excused=5)]
    year[0]["present"], year[0]["excused"] = 5, 5
    org.meetings("a", 2024, year)
    row = table(org)[0]
    assert (row["meetings"], row["meetings_not_due"], row["meetings_under_attendance"]) == (7, 2, 1)
    assert row["attendance_pct"] == 92.86 and row["compliant"]  # 65/70: August's 10/20 not in it
    page = cells.cell_page(Context(org.load(), org.settings), org.load().cells["a"])
    assert "1 buổi dưới 90% dự họp (05/01)" in page and "trong đó 2 buổi ở tháng chưa tính" in page
    # In the meetings table a short badge (it keeps the date column narrow on a phone), explained once below.
    assert page.count('<span class="bt-flag" title="') == 2 and page.count('class="bt-legend bt-not-due"') == 1
    assert "(tháng chưa đến hạn đánh giá)" not in page


def test_exported_rates_never_round_across_the_threshold(org: Org) -> None:
    year = full_year(2024, members=200, present=180, speakers=60)
    year[0]["present"] = 179  # 2,159/2,400 = 89.958%
    org.meetings("a", 2024, year)
    row = table(org)[0]
    assert row["attendance_pct"] == 89.96 and not row["compliant"]
    org.rules = Rules(attendance_min=89.9583)
    row = table(org)[0]  # 89.958333…% meets 89.9583
    assert row["compliant"] and row["attendance_pct"] >= 89.9583
    org.rules = Rules(attendance_min=89.9584)
    row = table(org)[0]
    assert not row["compliant"] and row["attendance_pct"] < 89.9584
    assert '"attendance_pct": 89.958,' in export.to_json([row])  # two decimals would show 89.96
    assert ",89.958," in export.to_csv([row]).decode("utf-8-sig")


def test_an_export_lists_every_date_of_a_grouped_reason(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024, duration=60))
    row = table(org)[0]
    dates = ", ".join(f"05/{mo:02d}" for mo in range(1, 13))
    assert row["reasons"] == [f"12 buổi sinh hoạt dưới 90 phút: {dates} (HD 12: 90–120 phút)"]
    assert "…" not in export.to_csv([row]).decode("utf-8-sig")

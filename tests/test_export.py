"""The exports count what the pages count: due months and quarters only, so a clerk subtracting
in Excel finds exactly the months the reasons name."""

from __future__ import annotations

import csv
import datetime as dt
import io

from bulletin.data.settings import Settings
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

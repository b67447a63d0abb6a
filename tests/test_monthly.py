"""The month's figures an issue reports, checked against an independent count of crafted meetings."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bulletin.data.settings import Settings
from bulletin.rules.monthly import issue_figures, month_figures
from crafted import Org, meeting


def percent(num: int, den: int) -> float | None:
    """Written out again here (not vi.pct): 100·num/den, one decimal, half up."""
    if den == 0:
        return None
    return float((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def expected(meetings: dict[str, list[dict[str, Any]]], cells: list[str], month: str) -> dict[str, Any]:
    """Plain sums over the crafted dicts for one month 'YYYY-MM'."""
    held = [(c, m) for c, ms in meetings.items() for m in ms if m["date"].startswith(month)]
    present = sum(m["present"] for _, m in held)
    due = sum(m["members"] - m.get("exempt", 0) for _, m in held)
    speakers = sum(m["speakers"] for _, m in held)
    met = {c for c, m in held if m["kind"] in ("thuong-ky", "ket-hop")}
    thematic = [(c, m) for c, m in held if m["kind"] in ("chuyen-de", "ket-hop")]
    return {
        "cells_met": len(met & set(cells)),
        "not_met": sorted(set(cells) - met),
        "meetings": len(held),
        "attendance_pct": percent(present, due),
        "speakers_pct": percent(speakers, present),
        "thematic_meetings": len(thematic),
        "topics": {m["topic"] for _, m in thematic},
    }


def crafted(org: Org) -> dict[str, list[dict[str, Any]]]:
    org.outline("dan-van-kheo/dan-van", title="Dân vận khéo")
    for cid in ("b", "c", "d"):
        org.cell(cid, name=f"Chi bộ {cid.upper()}")
    meetings = {
        "a": [
            meeting("2024-03-04", members=12, present=11, exempt=1, speakers=5),
            meeting("2024-03-20", "chuyen-de", members=12, present=9, speakers=2, topic="dan-van-kheo/dan-van"),
            meeting("2023-03-06", members=12, present=12, speakers=3),
        ],
        "b": [
            meeting("2024-03-10", "ket-hop", members=7, present=6, excused=1, speakers=3),
            meeting("2024-03-25", "bat-thuong", members=7, present=5, speakers=1),
            meeting("2023-03-09", members=7, present=4, speakers=4),
        ],
        # c held only a thematic meeting in March: it did not meet regularly
        "c": [meeting("2024-03-12", "chuyen-de", members=9, present=8, exempt=1, speakers=3, topic="dan-van-kheo/dan-van")],
        "d": [meeting("2024-02-05", members=5, present=3, speakers=1), meeting("2023-03-01", members=5, present=5, speakers=5)],
    }
    for cid, items in meetings.items():
        for year in {m["date"][:4] for m in items}:
            org.meetings(cid, int(year), [m for m in items if m["date"].startswith(year)])
    return meetings


def test_an_issues_figures_match_an_independent_count(org: Org) -> None:
    meetings = crafted(org)
    data = org.load()
    fig = issue_figures(data, org.settings, 2024, 4)  # the April issue reports March
    c = fig.current
    want = expected(meetings, ["a", "b", "c", "d"], "2024-03")
    assert (c.year, c.month, c.status) == (2024, 3, "complete")
    assert c.cells_expected == 4
    assert c.cells_met == want["cells_met"] == 2
    assert list(c.not_met) == want["not_met"] == ["c", "d"]
    assert c.meetings == want["meetings"] == 5
    assert c.attendance_pct == want["attendance_pct"] == 86.7  # 39 / 45 = 86.66…
    assert c.speakers_pct == want["speakers_pct"]
    assert c.thematic_meetings == want["thematic_meetings"] == 3
    assert {t.ref for t in c.topics} == want["topics"] == {"dan-van-kheo/dan-van", "ho-chi-minh/nep-song"}
    assert c.topics[0].ref == "dan-van-kheo/dan-van" and (c.topics[0].meetings, c.topics[0].cells) == (2, 2)
    b = fig.year_before
    before = expected(meetings, ["a", "b", "d"], "2023-03")
    assert (b.year, b.month, b.status) == (2023, 3, "complete")
    # c has no record before 2024, so it was not expected to meet in 2023 (as rules.judged_years)
    assert b.cells_expected == 3 and b.cells_met == before["cells_met"] == 3
    assert b.attendance_pct == before["attendance_pct"] and b.speakers_pct == before["speakers_pct"]


def test_rounding_is_half_up_like_the_rules(org: Org) -> None:
    # attendance 7/8 = 87.5 exactly; speakers 5/7 = 71.428…
    org.meetings("a", 2024, [meeting("2024-05-06", members=8, present=7, speakers=5)])
    f = month_figures(org.load(), org.settings, 2024, 5)
    assert (f.attendance_pct, f.speakers_pct) == (87.5, 71.4)
    org.meetings("a", 2024, [meeting("2024-05-06", members=200, present=1, speakers=1)])
    assert month_figures(org.load(), org.settings, 2024, 5).attendance_pct == 0.5  # 0.5 exactly, not 0.0 or 1.0


def test_a_month_not_over_is_provisional_and_compared_with_the_same_days(org: Org) -> None:
    org.meetings("a", 2023, [meeting("2023-11-06"), meeting("2023-11-28", "bat-thuong")])
    org.meetings("a", 2024, [meeting("2024-11-04"), meeting("2024-11-25", "bat-thuong")])
    settings = Settings(as_of=dt.date(2024, 11, 23))
    fig = issue_figures(org.load(), settings, 2024, 12)
    assert fig.current.status == "partial" and fig.current.meetings == 1
    assert fig.year_before.status == "partial" and fig.year_before.meetings == 1  # 28/11/2023 is after the 23rd
    assert fig.year_before.cutoff == dt.date(2023, 11, 23)
    # the month's last day ends it, as in the rules
    assert month_figures(org.load(), Settings(as_of=dt.date(2024, 11, 30)), 2024, 11).status == "complete"
    assert month_figures(org.load(), Settings(as_of=dt.date(2024, 10, 31)), 2024, 11).status == "future"


def test_a_month_without_any_record_has_no_figures_and_blames_no_cell(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05")])
    f = month_figures(org.load(), org.settings, 2024, 6)
    assert f.status == "no-data" and not f.has_figures and f.not_met == ()


def test_a_dissolved_cell_is_expected_only_until_its_last_meeting(org: Org) -> None:
    org.cell("b", name="Chi bộ B", active=False)
    org.meetings("a", 2024, [meeting("2024-03-05"), meeting("2024-08-05")])
    org.meetings("b", 2024, [meeting("2024-03-05")])
    data = org.load()
    assert month_figures(data, org.settings, 2024, 3).cells_expected == 2
    august = month_figures(data, org.settings, 2024, 8)
    assert august.cells_expected == 1 and august.not_met == ()

"""The sample is true to itself: what the bulletin issues say agrees with the records.

An issue's paragraph or list item that names a cell must name one that existed on the issue's
date. One that describes a cell's meeting ("sinh hoạt" and a date "ngày dd/mm/yyyy") must match a
record of that cell on that date, before the issue: a thematic meeting when it says "chuyên đề",
on the outline it names (an italic title or a document number), with guests when it says the
higher committee member attended, online when it says so.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bulletin.data.load import Layout, load
from bulletin.data.model import THEMATIC_KINDS, Cell, Dataset, Issue, Meeting
from bulletin.data.settings import Settings
from bulletin.rules.due import Lifetime
from crafted import ROOT

AS_OF = dt.date(2026, 11, 23)
DATE = re.compile(r"ngày (\d{2})/(\d{2})/(\d{4})", re.IGNORECASE)
DOCUMENT = re.compile(r"\b\d+-(?:QĐ|KL|CT|NQ|HD)/[A-ZĐ]+\b")
ITALIC = re.compile(r"(?<!\*)\*([^*\n]+)\*(?!\*)")
GUESTS = ("cấp ủy viên phụ trách dự", "cấp ủy cấp trên dự")


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(Layout(ROOT, ROOT / "content", ROOT / "topics"), Settings(as_of=AS_OF))


def blocks(issue: Issue) -> list[str]:
    """Paragraphs and list items, each one statement."""
    out = []
    for para in re.split(r"\n\s*\n", issue.body):
        out += [b.strip() for b in re.split(r"\n(?=- )", para) if b.strip()]
    return out


def named_cells(text: str, data: Dataset) -> list[Cell]:
    # "Chi bộ Thanh tra tỉnh" and "các chi bộ Điện lực Thành phố, Điện lực Ven Biển" both name cells.
    return [c for c in data.cells.values() if c.name.removeprefix("Chi bộ ") in text]


def statements(data: Dataset) -> list[tuple[Issue, str, list[Cell]]]:
    return [(i, b, cells) for i in data.issues for b in blocks(i) if (cells := named_cells(b, data))]


def test_the_issues_name_cells_and_describe_meetings(sample: Dataset) -> None:
    described = [s for s in statements(sample) if "sinh hoạt" in s[1] and DATE.search(s[1])]
    assert len(statements(sample)) >= 20 and len(described) >= 8


def test_every_cell_an_issue_names_exists_and_was_active_on_its_date(sample: Dataset) -> None:
    for issue, text, cells in statements(sample):
        for cell in cells:
            life = Lifetime.of(cell, sample.meetings_of(cell.id))
            assert life.exists_on(issue.date), f"{issue.key}: {cell.name} did not exist on {issue.date}: {text[:80]}"


def test_every_meeting_an_issue_describes_is_in_the_records(sample: Dataset) -> None:
    # Every statement an issue makes about one cell's meeting on one day, taken together: the news
    # item may name the outline and the profile below it only the day.
    said: dict[tuple[str, str, dt.date], list[str]] = {}
    for issue, text, cells in statements(sample):
        if "sinh hoạt" not in text:
            continue
        days = [dt.date(int(y), int(m), int(d)) for d, m, y in DATE.findall(text)]
        assert days, f"{issue.key}: a meeting of {cells[0].name} is described without its date: {text[:80]}"
        for cell in cells:
            for day in days:
                said.setdefault((issue.key, cell.id, day), []).append(text)
    issues = {i.key: i for i in sample.issues}
    for (key, cell_id, day), texts in said.items():
        issue, cell = issues[key], sample.cells[cell_id]
        found = [m for m in sample.meetings_of(cell_id) if m.date == day]
        assert found, f"{key}: no meeting of {cell.name} on {day}"
        assert day <= issue.date, f"{key}: the meeting of {day} is after the issue ({issue.date})"
        check_meeting(sample, issue, " ".join(texts), cell, found)


def check_meeting(data: Dataset, issue: Issue, text: str, cell: Cell, found: list[Meeting]) -> None:
    where = f"{issue.key}, {cell.name}"
    if "chuyên đề" in text:
        thematic = [m for m in found if m.kind in THEMATIC_KINDS]
        assert thematic, f"{where}: the issue says a thematic meeting, the record does not"
        topics = [data.outlines[m.topic] for m in thematic if m.topic]
        said = DOCUMENT.findall(text) + [t for t in ITALIC.findall(text) if len(t) > 20]
        assert said, f"{where}: a thematic meeting is described without naming its outline"
        for phrase in said:
            assert any(phrase in o.title or phrase in o.body or phrase in " ".join(o.references) for o in topics), (
                f"{where}: the issue says '{phrase}', the meeting's outline is {[o.ref for o in topics]}"
            )
    if any(g in text for g in GUESTS):
        assert any(m.guests for m in found), f"{where}: the issue says a higher committee member attended; `guests` is empty"
    if "trực tuyến" in text:
        assert any(m.online for m in found), f"{where}: the issue says online, the record does not"


def test_notes_that_say_a_higher_committee_member_attended_have_guests(sample: Dataset) -> None:
    wrong = [
        f"{m.source.path}:{m.source.line}"
        for ms in sample.meetings.values()
        for m in ms
        if m.notes and any(g in m.notes.lower() for g in GUESTS) and not m.guests
    ]
    assert wrong == []


def test_cells_founded_and_dissolved_mid_year_and_both_guidances_judge_the_sample(sample: Dataset) -> None:
    from bulletin.rules.verdicts import judge

    cells = sample.cells.values()
    assert any(c.founded and c.founded.day > 1 for c in cells)
    assert any(c.dissolved and not c.active for c in cells)
    reasons = [r for cys in judge(sample, Settings(as_of=AS_OF)).values() for cy in cys for r in cy.reasons]
    assert any("(HD 12: 90–120 phút)" in r for r in reasons)
    assert any("(HD 42: tối thiểu 120 phút)" in r for r in reasons)

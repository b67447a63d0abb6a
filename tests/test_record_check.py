"""Checking a record has a short path for the usual record (no problem) and the full check, which
finds and reports every problem; both give the same values, in the fields' order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.data import fields
from bulletin.data.model import CELL_FIELDS, MEETING_FIELDS, ORGANIZATION_FIELDS
from bulletin.data.problems import Problems
from bulletin.data.yamlmarks import MarkedDict

SPECS = {"meeting": MEETING_FIELDS, "cell": CELL_FIELDS, "organization": ORGANIZATION_FIELDS}
NAMES = sorted({f.name for spec in SPECS.values() for f in spec})
values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 2000), st.floats(allow_nan=True), st.text(max_size=6),
    st.sampled_from(["2024-03-05", "2024-02-30", " 2024-03-05 ", "thuong-ky", "ket-hop", "co-quan", "ho-chi-minh/nep-song",
                     ">" * 100 + " quá sâu"]),
    st.lists(st.text(max_size=4) | st.integers(), max_size=3),
)  # fmt: skip


def record(pairs: dict[Any, Any]) -> MarkedDict:
    data = MarkedDict(pairs)
    data.line, data.key_lines, data.duplicates = 1, {k: i + 2 for i, k in enumerate(pairs)}, []
    return data


@settings(max_examples=300)
@given(
    kind=st.sampled_from(sorted(SPECS)),
    pairs=st.dictionaries(st.sampled_from(NAMES) | st.integers(0, 3), values, max_size=10),
    usual=st.fixed_dictionaries({"date": st.just("2024-03-05"), "kind": st.just("thuong-ky"), "members": st.just(9)}),
)
def test_the_short_path_answers_exactly_as_the_full_check(kind: str, pairs: dict[Any, Any], usual: dict[str, Any]) -> None:
    spec = SPECS[kind]
    written = {"present": 5, "duration": 90, "speakers": 2, "name": "Chi bộ", "secretary": "A", **pairs}
    for data in (record(pairs), record({**usual, **written})):
        plan = fields._plan(spec)
        short = fields._usual(data, plan) if set(data) <= set(plan.known) else None
        found = Problems()
        full = fields._checked(data, plan, "x.yml", found, "bản ghi")
        if short is not None:
            assert found == [] and full is not None
            assert list(short.items()) == list(full.items())  # same values, same order
        public = Problems()
        assert fields.check_record(data, spec, "x.yml", public) == full
        assert public == found


def test_a_usual_meeting_takes_the_short_path() -> None:
    data = record({"date": "2024-03-05", "kind": "thuong-ky", "members": 9, "present": 8, "duration": 90, "speakers": 2})
    assert fields._usual(data, fields._plan(MEETING_FIELDS)) is not None


def test_notes_nested_too_deep_leave_the_short_path_and_are_reported() -> None:
    usual = {"date": "2024-03-05", "kind": "thuong-ky", "members": 9, "present": 8, "duration": 90, "speakers": 2}
    data = record({**usual, "notes": ">" * 100 + " quá sâu"})
    assert fields._usual(data, fields._plan(MEETING_FIELDS)) is None
    found = Problems()
    assert fields.check_record(data, MEETING_FIELDS, "x.yml", found) is None
    assert [p.line for p in found] == [data.key_lines["notes"]]

"""Property-based: whatever an editor's file holds, loading ends in a valid dataset or a clean list of problems.

Hypothesis throws random bytes, random text, YAML token soup (anchors, aliases, merge
keys, tags, flow brackets) and well-formed records with wrong types and absurd values
at every kind of data file. Never another exception, never a message that dumps a
huge value, and a dataset that loads always renders.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.data.model import BULLETIN_FIELDS, CELL_FIELDS, MEETING_FIELDS, ORGANIZATION_FIELDS, OUTLINE_FIELDS, Dataset
from bulletin.data.problems import InvalidData
from bulletin.outputs.site import generate
from crafted import Org, full_year

FUZZ = settings(
    max_examples=int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", "40")),  # keeps `make test` fast
    deadline=dt.timedelta(seconds=5),  # one example; a slow one is a finding (a YAML bomb)
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Where an editor's text goes, and how it is wrapped (Markdown files carry YAML as front matter).
TARGETS = {
    "cell": ("content/cells/b.yml", "{}"),
    "meetings": ("content/meetings/a/2024.yml", "{}"),
    "organization": ("content/organization.yml", "{}"),
    "outline": ("topics/ho-chi-minh/x.md", "---\n{}\n---\n\nNội dung.\n"),
    "bulletin": ("content/bulletin/2024-03.md", "---\n{}\n---\n\nLời mở đầu.\n"),
}
FIELD_NAMES = sorted(
    {f.name for spec in (CELL_FIELDS, MEETING_FIELDS, ORGANIZATION_FIELDS, OUTLINE_FIELDS, BULLETIN_FIELDS) for f in spec}
)
TOKENS = [
    *FIELD_NAMES, ":", ": ", "- ", "\n", "\n  ", "\n- ", "  ", "\t", "#", "'", '"', "[", "]", "{", "}", ",", "?", "|", ">",
    "&a ", "*a", "&b ", "*b", "<<: *a", "<<: ", "!!python/object/apply:os.system ", "!!binary ", "!!set ", "!!omap ",
    "!!timestamp ", "!!int ", "!!float ", "!!str ", "!custom ", "%YAML 1.1\n", "---\n", "...\n", "~", "null", "yes", "no",
    "on", "true", "1e400", "-.inf", ".nan", "0x1F", "0o17", "1_000", "9" * 400, "9" * 5000, "2024-02-30", "2024-13-01",
    "2024-03-05", "2024-03-05T10:00:00", "thuong-ky", "ket-hop", "co-quan", "ho-chi-minh/nep-song", "Đảng", "\u0301", "\ufeff",
    "\x00", "\x85", "\u2028", "\r\n", "\r", "<script>alert(1)</script>", "absent", "vang",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),  # nan, inf, -0.0 included
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["thuong-ky", "ket-hop", "co-quan", "ho-chi-minh/nep-song", "2024-02-30", "2024-03-05", "", " "]),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(), st.booleans())
values = st.recursive(scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(keys, kids, max_size=4), max_leaves=15)
records = st.dictionaries(keys, values, max_size=12)


def outcome(org: Org, kind: str, text: str | bytes) -> None:
    """Write the file, load, and render what loads; fail on anything but a dataset or InvalidData."""
    rel, wrap = TARGETS[kind]
    path = org.root / rel
    original = path.read_bytes() if path.exists() else None
    if isinstance(text, str):
        text = wrap.format(text) if "{}" in wrap else text
    try:
        org.write(rel, text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            data = org.load()
        except InvalidData as e:
            assert e.problems, "InvalidData without a problem"
            for p in e.problems:
                assert isinstance(p.path, str) and p.path and isinstance(p.line, int) and p.line >= 1, p
                assert isinstance(p.message, str) and 0 < len(p.message) <= 500, p  # never a dumped bomb
                assert "Traceback" not in p.message
            return
        assert isinstance(data, Dataset)
        files = generate(data, org.settings)  # what loads, renders
        assert files
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)


@pytest.fixture
def fuzzed(org: Org) -> Org:
    org.meetings("a", 2024, full_year(2024))
    return org


@FUZZ
@given(kind=st.sampled_from(sorted(TARGETS)), data=st.binary(max_size=300))
def test_random_bytes(fuzzed: Org, kind: str, data: bytes) -> None:
    outcome(fuzzed, kind, data)


@FUZZ
@given(kind=st.sampled_from(sorted(TARGETS)), text=st.text(max_size=300))
def test_random_unicode(fuzzed: Org, kind: str, text: str) -> None:
    outcome(fuzzed, kind, text)


@FUZZ
@given(kind=st.sampled_from(sorted(TARGETS)), tokens=st.lists(st.sampled_from(TOKENS), max_size=40))
def test_yaml_token_soup(fuzzed: Org, kind: str, tokens: list[str]) -> None:
    outcome(fuzzed, kind, "".join(tokens))


@FUZZ
@given(kind=st.sampled_from(["cell", "organization", "outline", "bulletin"]), record=records)
def test_records_with_wrong_types_and_absurd_values(fuzzed: Org, kind: str, record: dict[object, object]) -> None:
    outcome(fuzzed, kind, yaml.safe_dump(record, allow_unicode=True))


@FUZZ
@given(items=st.lists(st.one_of(records, values), max_size=5))
def test_meeting_lists_with_wrong_types_and_absurd_values(fuzzed: Org, items: list[object]) -> None:
    outcome(fuzzed, "meetings", yaml.safe_dump(items, allow_unicode=True))


@FUZZ
@given(
    base=st.fixed_dictionaries(
        {
            "date": st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).map(str),
            "kind": st.sampled_from(["thuong-ky", "bat-thuong"]),
        }
    ),
    extra=st.dictionaries(st.sampled_from([f.name for f in MEETING_FIELDS]), scalars, max_size=8),
)
def test_nearly_valid_meetings_either_load_and_render_or_are_refused(
    fuzzed: Org, base: dict[str, str], extra: dict[str, object]
) -> None:
    """Close to valid, so many examples get past the loader and reach the pages."""
    meeting = {"members": 10, "present": 9, "duration": 100, "speakers": 3, **base, **extra}
    outcome(fuzzed, "meetings", yaml.safe_dump([meeting], allow_unicode=True))


def _laughs(levels: int) -> str:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"name: *l{levels - 1}", "kind: co-quan", "secretary: x", "members: 3"]) + "\n"


HOSTILE_DOCUMENTS = {
    "billion laughs (aliases of aliases, 10^9 items if expanded)": _laughs(9),
    "deep flow nesting": "name: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep block nesting": "".join(f"{'  ' * i}k{i}:\n" for i in range(3_000)) + "  " * 3_000 + "x\n",
    "a self-referencing list": "name: &a [*a]\nkind: co-quan\nsecretary: x\nmembers: 3\n",
    "a self-merging mapping": "&a {<<: *a}\n",
    "an alias before its anchor": "name: *nowhere\n",
    "a python object tag": "!!python/object/apply:os.system ['echo pwned']\n",
    "an integer of 5,000 digits": "name: x\nkind: co-quan\nsecretary: x\nmembers: " + "9" * 5_000 + "\n",
    "a key 100,000 characters long": "k" * 100_000 + ": 1\n",
    "a value 1 MB long": "name: " + "x" * 1_000_000 + "\nkind: co-quan\nsecretary: x\nmembers: 3\n",
    "two documents": "name: x\n---\nname: y\n",
    "a mapping as a key": "? {a: 1}\n: 2\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_DOCUMENTS))
def test_known_yaml_bombs_are_refused_quickly(org: Org, name: str) -> None:
    # CPU time of this process, not the wall clock: the bound is for a hang or a blow-up in our own
    # code, and must not fail because other processes share the machine's two cores.
    start = time.process_time()
    outcome(org, "cell", HOSTILE_DOCUMENTS[name])
    assert time.process_time() - start < 5, f"{name} took {time.process_time() - start:.1f} s of CPU"


def test_the_fuzzed_organisation_itself_is_valid(fuzzed: Org) -> None:
    """The properties above start from a valid organisation: what they break, they broke."""
    assert fuzzed.problems() == []
    outcome(fuzzed, "cell", Path(fuzzed.root / "content/cells/a.yml").read_text(encoding="utf-8"))


HUGE = [10**200, -(10**200), "9" * 200, "x" * 5_000]


@pytest.mark.parametrize("value", HUGE, ids=["200 digits", "-200 digits", "200-digit text", "5,000 letters"])
@pytest.mark.parametrize("fields", [("present", "exempt"), ("members", "excused"), ("speakers",), ("topic",), ("kind",)])
def test_messages_cut_the_huge_values_they_quote(fuzzed: Org, fields: tuple[str, ...], value: object) -> None:
    """A message repeats at most about 60 characters of what an editor wrote, ending in "…"."""
    meeting = {"members": 10, "present": 9, "duration": 100, "speakers": 3, "date": "2024-05-05", "kind": "thuong-ky"}
    meeting.update(dict.fromkeys(fields, value))
    fuzzed.write("content/meetings/a/2024.yml", yaml.safe_dump([meeting]).encode())
    with pytest.raises(InvalidData) as e:
        fuzzed.load()
    for p in e.value.problems:
        assert len(p.message) <= 300, p
        assert "9" * 61 not in p.message and "x" * 61 not in p.message, p

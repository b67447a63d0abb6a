"""The fast reader of the common shape (data/yamlfast.py) answers exactly as PyYAML, or not at all.

Whenever it answers, its answer equals what PyYAML gives, in values, types and every line the
loader reports (a mapping's line, each key's line, duplicate keys, each list item's line); on
anything outside its strict subset it gives up and PyYAML reads the file, so every error, its
message and its line, is PyYAML's. Checked on random documents from a grammar of lines full of
YAML's traps, on each trap by name, on the sample data and on a synthesized organisation.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin.data.yamlfast import GIVE_UP
from bulletin.data.yamlmarks import LINE_READER, MarkedDict, MarkedList, YamlError, parse, parse_with_pyyaml

REPO = Path(__file__).resolve().parents[1]
MANY = settings(
    max_examples=int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", "300")),
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)


def same(fast: Any, slow: Any, where: str = "document") -> None:
    """Equal values of identical types, and the same lines on every container."""
    assert type(fast) is type(slow), f"{where}: {type(fast).__name__} != {type(slow).__name__}"
    if isinstance(slow, MarkedDict):
        assert list(fast) == list(slow), f"{where}: keys (in order)"
        assert fast.line == slow.line, f"{where}: line"
        assert fast.key_lines == slow.key_lines, f"{where}: key lines"
        assert fast.duplicates == slow.duplicates, f"{where}: duplicates"
        assert vars(fast) == vars(slow), f"{where}: attributes"
        for key in slow:
            same(fast[key], slow[key], f"{where}[{key!r}]")
    elif isinstance(slow, MarkedList):
        assert len(fast) == len(slow), f"{where}: length"
        assert fast.line == slow.line, f"{where}: line"
        assert fast.item_lines == slow.item_lines, f"{where}: item lines"
        assert vars(fast) == vars(slow), f"{where}: attributes"
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same(a, b, f"{where}[{index}]")
    else:  # repr: .nan equals itself, -0.0 differs from 0.0
        assert repr(fast) == repr(slow), f"{where}: {fast!r} != {slow!r}"


def outcome(read: Any, text: str, first_line: int) -> tuple[str, Any]:
    try:
        return "value", read(text, first_line)
    except YamlError as e:
        return "error", (e.line, str(e))


def agrees(text: str, first_line: int = 1) -> Any:
    """The property: the fast answer (if any) is PyYAML's; `parse` is PyYAML's, errors included."""
    slow = outcome(parse_with_pyyaml, text, first_line)
    fast = LINE_READER.parse(text, first_line)
    if fast is not GIVE_UP:
        assert slow[0] == "value", f"the fast reader accepted what PyYAML refuses: {slow[1]}"
        same(fast, slow[1])
    public = outcome(parse, text, first_line)
    assert public[0] == slow[0]
    if slow[0] == "error":
        assert public == slow
    else:
        same(public[1], slow[1])
    return fast


# -- a grammar of lines ------------------------------------------------------------------------------

KEYS = [
    "date", "kind", "members", "notes", "guests", "topic", "joint_with", "a b", "it's", "x,y", "Đảng ủy", "k ",
    "yes", "no", "on", "off", "true", "null", "Null", "~", "1", "0o12", "1_000", "2024-03-05", "3.5", ".inf", "<<", "=",
    "-x", "?x", ":x", "'q'", '"q"', "&a x", "*a", "!!str x", "%x", "@x", "`x", "a#b", "a #b", "[a]", "{a}", "|", ">",
    "", "k" * 300, "k\xa0", "...", "---", "..", ".x", "...x", "---x", "%", "... ", "--- ",
]  # fmt: skip
VALUES = [
    "thuong-ky", "Chi bộ số 1", "a  b", "a b ", "yes", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "~", "null",
    "Null", "NULL", "0", "24", "-3", "+7", "007", "0o12", "0x1F", "0b101", "1_000", "1,000", "1e3", "1.5e3", "6.8523015e+5",
    ".5", "-.inf", ".NaN", ".nan", "190:20:30", "1:20", "2024-03-05", "2024-02-30", "2024-13-01", "2024-3-5",
    "2024-03-05T10:00:00", "2024-03-05 10:00:00 +7", "9" * 400, "9" * 5000, "'q'", "''", "'it''s'", "'a' b", '"x"', '""',
    '"a\\"b"', '"\\u0041"', '"a" b', "'a #b'", '"a: b"', "'[x]'", "it's", 'say "hi"', "a - b", "a, b", "x!", "50%",
    "a@b", "[a]", "{a: 1}", "&a x", "*a", "!!str x", "!x", "|", ">", "|-", "%x", "@x", "`x", "- x", "-", "? x", ": x",
    ",x", "#x", "a#b", "a #b", "a: b", "a:b", "http://x", "\xa0x", "x\xa0", "=", "<<", "<x",
]  # fmt: skip
COMMENTS = ["", " ", "   ", " # ghi chú", "  #c", "#c", " #", " # a: [b] 'c"]
INDENTS = ["", " ", "  ", "   ", "    ", "     ", "      ", "        "]
JUNK = "-:#'\"[]{},&*!|>%@`?= \t\r\x85\u2028\ufeff\x00\x07aZ9.~\\\xa0Đ"
MARKERS = ["---", "...", "%", "--", ".."]  # document start and end, a directive, and near misses

keys = st.sampled_from(KEYS) | st.text(JUNK, max_size=6)
values = st.sampled_from(VALUES) | st.text(JUNK, max_size=8)
comment = st.sampled_from(COMMENTS)
lines = st.one_of(
    st.builds(lambda k, v, c: f"- {k}: {v}{c}", keys, values, comment),
    st.builds(lambda i, k, v, c: f"{i}{k}: {v}{c}", st.sampled_from(INDENTS), keys, values, comment),
    st.builds(lambda i, k, c: f"{i}{k}:{c}", st.sampled_from(INDENTS), keys, comment),
    st.builds(lambda i, v, c: f"{i}- {v}{c}", st.sampled_from(INDENTS), values, comment),
    st.builds(lambda i, c: f"{i}{c.strip()}", st.sampled_from(INDENTS), comment),  # blank or comment
    st.sampled_from(["---", "...", "--- # c", "%YAML 1.1", "%TAG ! x", "- ", "-", "  -", "? a", ": b", "- - a", "  - - a"]),
    st.text(JUNK, max_size=12),  # junk
    # a document marker or directive at the margin (or indented), with anything after it
    st.builds(lambda i, m, rest: f"{i}{m}{rest}", st.sampled_from(["", "", " ", "  "]), st.sampled_from(MARKERS),
              st.sampled_from([" : x", "   : x", " :", " :    # c", ": x", "x: y", " x", ""]) | st.text(JUNK, max_size=6)),
)  # fmt: skip
# Mostly the common shape, so the fast reader answers often and its answers are checked.
common = st.one_of(
    st.builds(lambda k, v: f"- {k}: {v}", st.sampled_from(KEYS[:9]), st.sampled_from(VALUES[:60])),
    st.builds(lambda k, v, c: f"  {k}: {v}{c}", st.sampled_from(KEYS[:20]), st.sampled_from(VALUES), comment),
    st.builds(lambda k: f"  {k}:", st.sampled_from(KEYS[:9])),
    st.builds(lambda v, c: f"    - {v}{c}", st.sampled_from(VALUES[:60]), comment),
    st.sampled_from(["", "# ghi chú", "  # thụt lề", "   "]),
)
top_mapping = st.one_of(
    st.builds(lambda k, v, c: f"{k}: {v}{c}", st.sampled_from(KEYS[:20]), st.sampled_from(VALUES), comment),
    st.builds(lambda k: f"{k}:", st.sampled_from(KEYS[:9])),
    st.builds(lambda v: f"  - {v}", st.sampled_from(VALUES[:60])),
    st.sampled_from(["", "# ghi chú"]),
)


def document(line_strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda ls, end: "\n".join(ls) + end, st.lists(line_strategy, max_size=14), st.sampled_from(["", "\n"]))


@MANY
@given(text=document(lines), first_line=st.sampled_from([1, 2, 7]))
@example(text="- date: 2024-03-05\n  guests:\n    - a\n  guests: b\n", first_line=1)
def test_random_documents_are_read_as_pyyaml_reads_them(text: str, first_line: int) -> None:
    agrees(text, first_line)


@MANY
@given(text=document(common) | document(top_mapping), first_line=st.sampled_from([1, 2]))
def test_nearly_common_documents_are_read_as_pyyaml_reads_them(text: str, first_line: int) -> None:
    agrees(text, first_line)


@MANY
@given(text=document(lines | common))
def test_a_reader_that_remembers_nothing_agrees_with_one_that_remembers(text: str) -> None:
    """Lines and typed texts are remembered across files; what is remembered never changes an answer."""
    fresh = LINE_READER.fresh()
    first, second = fresh.parse(text), LINE_READER.parse(text)
    assert (first is GIVE_UP) == (second is GIVE_UP)
    if first is not GIVE_UP:
        same(first, second)


# -- what it answers, what it leaves to PyYAML ----------------------------------------------------

ANSWERED = {
    "a meetings file": (
        "# yaml-language-server: $schema=x\n# Chi bộ: sinh hoạt năm 2024\n\n"
        "- date: 2024-01-04\n  kind: thuong-ky\n  members: 24\n  present: 22   # hai người vắng\n"
        '  notes: "Cấp ủy viên dự: phát biểu # chỉ đạo"\n  guests:\n    - "tran-van-hung"\n\n    # khách\n'
        "    - Nguyễn Văn A, cấp ủy viên\n  topic: ho-chi-minh/de-cuong-036\n"
        "- date: 2024-02-12\n  kind: ket-hop\n  online: yes\n  score: 86.5\n  minutes:\n  notes: 'trích: \"x\"'\n"
    ),
    "a cell file": '# c\nname: "Chi bộ số 0"\nkind: co-quan\nmembers: 24\nparent:\nsupervisor: Hoàng Ngọc Quân\n',
    "a list under a top-level key": "name: x\njoint_with:\n  - a\n  - 'b'\nkind: y\n",
    "typed scalars": "- a: yes\n  b: 0o12\n  c: 1_000\n  d: ~\n  e: 2024-02-30\n  f: .nan\n  g: .inf\n  h: 0x1F\n  i: Off\n",
    "a duplicate key": "- date: 2024-01-01\n  kind: a\n  kind: b\n  date: 2024-01-02\n",
    "a key written twice with a list first": "- k: 1\n  g:\n    - a\n  g: b\n",
    "a key that reads as a date (kept as text)": "- 2024-03-05: a\n",
    "only comments": "# a\n  # b\n\n",
    "nothing": "",
    "trailing spaces": "- a: b   \n  c:   \n    - d  \n",
    "spaces inside a plain scalar": "- a: b  c   d\n",
}


@pytest.mark.parametrize("name", sorted(ANSWERED))
def test_the_common_shape_is_answered_by_the_fast_reader(name: str) -> None:
    assert LINE_READER.parse(ANSWERED[name]) is not GIVE_UP
    agrees(ANSWERED[name])
    agrees(ANSWERED[name], first_line=2)  # front matter starts on the file's second line


GIVES_UP = {
    "a tab": "- a: b\n\tc: d\n",
    "a tab in a value": "- a: b\tc\n",
    "a carriage return": "- a: b\r\n  c: d\r\n",
    "a next-line character": "- a: b\x85c\n",
    "a line separator": "- a: b\u2028c\n",
    "a byte order mark": "\ufeff- a: b\n",
    "a control character": "- a: b\x07\n",
    "a document start": "---\n- a: b\n",
    "a document end": "- a: b\n...\n",
    "a directive": "%YAML 1.1\n---\n- a: b\n",
    "an anchor and an alias": "- a: &x b\n  c: *x\n",
    "a tag": "- a: !!str 1\n",
    "a flow list": "- a: [b, c]\n",
    "a flow mapping": "- a: {b: c}\n",
    "a literal block scalar": "- notes: |\n    dòng một\n    dòng hai\n",
    "a folded block scalar": "- notes: >\n    a\n",
    "a multi-line plain scalar": "- notes: dòng một\n    dòng hai\n",
    "a continuation at the key's indent + 1": "- notes: a\n   b\n",
    "a multi-line quoted scalar": '- notes: "dòng một\n    dòng hai"\n',
    "an escape in double quotes": '- notes: "a\\tb"\n',
    "a doubled single quote": "- notes: 'it''s'\n",
    "text after a closing quote": '- notes: "a" b\n',
    "an indentless sequence": "- guests:\n  - a\n",
    "an indentless sequence under a top key": "name: x\nguests:\n- a\n",
    "an indentless sequence after the first key": "- a: 1\n  b:\n  - c\n",
    "a list further right": "- a: 1\n  b:\n      - c\n",
    "list items at two indents": "- a: 1\n  b:\n    - c\n      - d\n",
    "a first key without a value": "- guests:\n    - a\n  kind: x\n",
    "a first key without a value, and no list": "- guests:\n  kind: x\n",
    "a nested mapping": "- a:\n    b: c\n",
    "a list of mappings": "supervisor:\n  - member: x\n    from: 2024-01-01\n",
    "a nested list": "- a:\n    - - b\n",
    "an empty list item": "- a:\n    -\n",
    "a list item that is only a comment": "- a:\n    - # c\n",
    "odd indentation": "- a: b\n   c: d\n",
    "a deeper key": "- a: b\n    c: d\n",
    "two spaces after the dash": "- a: b\n-  c: d\n",
    "a list after a key with a value": "- a: b\n    - c\n",
    "a top-level scalar": "hello\n",
    "a top-level list of scalars": "- a\n- b\n",
    "a document at an indent": "  a: b\n",
    "a quoted key": '- "a": b\n',
    "an explicit key": "? a\n: b\n",
    "a key with no space after the colon": "- a:b\n",
    "a colon in a plain value": "- a: b: c\n",
    "a time": "- a: 10:30\n",
    "a hash inside a plain value": "- a: b#c\n",
    "a key that is a number": "- 1: a\n",
    "a key that is a boolean": "- yes: a\n",
    "a key that is null": "- ~: a\n",
    "a merge key": "- <<: a\n",
    "a value key": "- =: a\n",
    "a key over 200 characters": "- " + "k" * 201 + ": a\n",
    "a 5,000-digit number": "- a: " + "9" * 5000 + "\n",
    "a value starting with an indicator": "- a: %x\n",
    "a reserved indicator": "- a: @x\n",
    "a mapping where a list was": "- a: b\nc: d\n",
    "a document end as a key": "a: 1\n... : x\n",
    "a document end as the only key": "... : x\n",
    "a document end and spaces as a key": "...   : x\n",
    "a document end as a key without a value": "... :\n",
    "a document end as a key with a list": "... :\n  - a\n",
    "a document end as a key with a comment": "... :    # c\n",
    "a document end as a key in a record": "- a: 1\n... : x\n",
    "a document end glued to a key": "a: 1\n...x: y\n",
    "a document end as an indented key": "- a: 1\n  ... : x\n",
    "a document start as a key": "a: 1\n--- : x\n",
    "a document start glued to a key": "a: 1\n---x: y\n",
    "a document start after a record": "- a: 1\n--- x\n",
    "a directive as a key": "a: 1\n%x : y\n",
    "a directive after a record": "- a: 1\n%YAML 1.1\n",
    "a key starting with a dot": "a: 1\n.x: y\n",
    "a list where a mapping was": "a: b\n- c: d\n",
}


@pytest.mark.parametrize("name", sorted(GIVES_UP))
def test_anything_else_is_left_to_pyyaml(name: str) -> None:
    assert LINE_READER.parse(GIVES_UP[name]) is GIVE_UP
    agrees(GIVES_UP[name])


def test_errors_keep_pyyaml_messages_and_lines() -> None:
    text = "- date: 2024-01-01\n  kind: a\n- date: [x\n"
    with pytest.raises(YamlError) as fast:
        parse(text)
    with pytest.raises(YamlError) as slow:
        parse_with_pyyaml(text)
    assert (fast.value.line, str(fast.value)) == (slow.value.line, str(slow.value))


# -- real data ---------------------------------------------------------------------------------------


def data_files(root: Path) -> list[Path]:
    return sorted([*root.rglob("*.yml"), *root.rglob("*.md")])


def check_files(root: Path) -> tuple[int, int]:
    answered = total = 0
    for path in data_files(root):
        text = path.read_text(encoding="utf-8")
        first_line = 1
        if path.suffix == ".md":
            if not text.startswith("---\n") or "\n---\n" not in text[3:]:
                continue
            text, first_line = text[4 : text.index("\n---\n", 3)], 2
        total += 1
        answered += agrees(text, first_line) is not GIVE_UP
    return answered, total


def test_the_sample_data_reads_the_same_both_ways() -> None:
    answered, total = check_files(REPO / "content")
    assert total > 200
    assert answered >= total * 0.7, f"only {answered} of {total} sample files took the fast path"


def test_a_synthesized_organisation_reads_the_same_both_ways(tmp_path: Path) -> None:
    from bulletin.devtools.synth import synthesize  # the generator of `make bench`

    synthesize(tmp_path, 40, 2)
    answered, total = check_files(tmp_path / "content")
    assert total > 100
    assert answered >= total * 0.95


# -- speed on hostile text ----------------------------------------------------------------------------

HOSTILE = {
    "a long plain value": "- a: " + "b " * 25_000 + "\n",
    "a long value of hashes": "- a: " + "b#" * 25_000 + "\n",
    "a long key": "- " + "k " * 25_000 + ": a\n",
    "colons": "- a: " + ": " * 25_000 + "\n",
    "quotes": '- a: "' + "'" * 50_000 + "\n",
    "dashes": "- " * 25_000 + "\n",
    "a 50,000-digit number": "- a: " + "1" * 50_000 + "\n",
    "digits and underscores": "- a: " + "1_" * 25_000 + "x\n",
    "a long key of digits": "- " + "1" * 50_000 + ": a\n",
    "many short lines": "- a: b\n  c: d\n" * 25_000,
    "many list items": "- a:\n" + "    - b\n" * 50_000,
    "document markers": "- a: b\n" + "...x: y\n--- x\n%x\n" * 10_000,
    "many distinct lines": "".join(f"- k{i}: v{i}\n" for i in range(20_000)),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_costs_linear_time(name: str) -> None:
    start = time.process_time()  # CPU time: other processes on the machine must not fail it
    LINE_READER.parse(HOSTILE[name])
    assert time.process_time() - start < 1.0, name


def test_a_document_end_used_as_a_key_is_pyyaml_s_syntax_error_at_its_line() -> None:
    for text, line in [("a: 1\n... : x\n", 2), ("... : x\n", 1), ("- a: 1\n  b: 2\n... :\n  - c\n", 3)]:
        with pytest.raises(YamlError) as error:
            parse(text)
        assert error.value.line == line
        assert str(error.value).startswith("lỗi cú pháp YAML")
        agrees(text)
        agrees(text, first_line=2)

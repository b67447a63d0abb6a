"""Editor text that made regular expressions backtrack, or Markdown recurse, costs little and
never crashes: 50 KB lines of delimiters through every function that scans editor text and through
the whole Markdown-to-clean-HTML path; nesting too deep is refused when loading, with its line."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.data.yamlmarks import parse
from bulletin.pages.html import editor_body, md_text
from bulletin.text import vi
from bulletin.text.markdown import EditorMarkdown
from bulletin.text.nesting import MAX_LEVELS, MAX_LINE, MAX_LIST_LEVELS, MAX_TEXT, refused, too_deep, too_long
from crafted import Org
from scan import live_markup

SIZE = 50_000
# Seconds for one 50 KB text, generous for a loaded machine. Catastrophic backtracking costs minutes
# here; what remains is Python-Markdown rebuilding a paragraph's string for each inline match (C-speed,
# about N^1.5: 50 KB of `*_` in 1.9 s, 100 KB in 4.2 s on the project's machine).
BOUND = 5.0

PATHOLOGICAL = {
    "backticks": "`" * SIZE,
    "backtick-a": "`a" * (SIZE // 2),
    "image-openers": "![" * (SIZE // 2),
    "brackets": "[" * SIZE,
    "brackets-closed-at-end": "[" * (SIZE - 1) + "]",
    "nested-brackets": "[" * (SIZE // 2) + "]" * (SIZE // 2),
    "link-unclosed": "[a](b" * (SIZE // 5),
    "link-unclosed-nested": "[a](b(" * (SIZE // 6) + ")",
    "reference-unclosed": "[a][" * (SIZE // 4),
    "close-open": "](" * (SIZE // 2),
    "asterisks": "*" * SIZE,
    "asterisk-words": "*a " * (SIZE // 3),
    "underscores": "_" * SIZE,
    "underscore-words": "_a" * (SIZE // 2),
    "mixed-emphasis": "*_" * (SIZE // 2),
    "angles": "<" * SIZE,
    "angle-http": "<http://" * (SIZE // 8),
    "ampersands": "&" * SIZE,
    "entities": "&#" * (SIZE // 2),
    "tildes": "~" * SIZE,
    "backslashes": "\\" * SIZE,
    "hashes": "#" * SIZE,
    "colons": "[x]:" * (SIZE // 4),
    "bangs": "!" * SIZE,
    "parens": "(" * SIZE,
    "spaces-then-text": " " * SIZE + "x",
    "braces": "{:" * (SIZE // 2),
    "quotes-in-link": '[a](b "' * (SIZE // 7),
}

_MD = EditorMarkdown()
_NOTES = EditorMarkdown(images=False)


def _timed(fn: Callable[[], object]) -> float:
    start = time.process_time()  # CPU time: other processes on the machine must not fail it
    fn()
    return time.process_time() - start


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_50_kb_pathological_line_renders_quickly_and_stays_inert(name: str) -> None:
    text = PATHOLOGICAL[name]
    html: list[str] = []
    assert _timed(lambda: html.append(_MD(text))) < BOUND
    assert _timed(lambda: html.append(editor_body(_MD.blocks(text)))) < BOUND
    assert _timed(lambda: _NOTES.tree(text)) < BOUND
    assert all(live_markup(h) == [] for h in html)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_every_function_that_scans_editor_text_is_linear(name: str) -> None:
    """The regex-based helpers editor text reaches: slugs of headings, text in headings, the
    nesting bound, the YAML loader's nesting guard."""
    text = PATHOLOGICAL[name]
    for fn in (vi.slugify, md_text, too_deep, vi.ascii_fold, vi.sort_key):
        assert _timed(lambda fn=fn: fn(text)) < BOUND, fn.__name__
    assert _timed(lambda: _yaml_or_error(f"notes: {text!r}\n")) < BOUND


def _yaml_or_error(text: str) -> None:
    with contextlib.suppress(Exception):  # a YamlError is an answer too; only the time matters here
        parse(text)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("\n".join("    " * i + "- mục" for i in range(300)), 1 + MAX_LIST_LEVELS, "danh sách lồng nhau quá sâu"),
        ("Mở đầu\n\n" + ">" * 300 + " trích", 3, "nội dung lồng nhau quá sâu"),
        ("> " * (MAX_LEVELS + 1) + "x", 1, "nội dung lồng nhau quá sâu"),
        ("- " * (MAX_LIST_LEVELS + 1) + "x", 1, "danh sách lồng nhau quá sâu"),
        ("\n".join("> " * i + "- x" for i in range(40)), MAX_LEVELS + 1, "nội dung lồng nhau quá sâu"),  # quotes and lists
        ("\n".join("\t" * i + "1. x" for i in range(12)), 1 + MAX_LIST_LEVELS, "danh sách lồng nhau quá sâu"),
        # Markdown reads an ordered marker of any length, and `\r` or `\r\n` as a line end.
        ("12345678901. " * 700, 1, "danh sách lồng nhau quá sâu"),
        (("9" * 40 + ") ") * 20 + "x", 1, "danh sách lồng nhau quá sâu"),
        ("\r".join("    " * i + "- a" for i in range(300)), 1 + MAX_LIST_LEVELS, "danh sách lồng nhau quá sâu"),
        ("\r\n".join("    " * i + "- a" for i in range(300)), 1 + MAX_LIST_LEVELS, "danh sách lồng nhau quá sâu"),
        ("x\r\n\r" + "> " * 300, 3, "nội dung lồng nhau quá sâu"),
    ],
)
def test_nesting_beyond_the_format_is_found_at_its_line(text: str, line: int, words: str) -> None:
    deep = too_deep(text)
    assert deep is not None and deep.line == line
    assert words in deep.message()


@pytest.mark.parametrize(
    "text",
    [
        "\n".join("    " * i + "- mục" for i in range(MAX_LIST_LEVELS)),
        "> " * 12 + "- " * MAX_LIST_LEVELS + "x",
        "- - - - - - - - - - - - - - - - - - - - - - - -",  # a rule
        "* * * * * * * * * * * * * * * * * * * * *",
        "1.5 triệu đồng; 2) ý hai",
    ],
)
def test_honest_nesting_and_rules_pass(text: str) -> None:
    assert too_deep(text) is None


def test_the_renderer_never_recurses_even_when_handed_too_deep_text() -> None:
    """The loader refuses such files; were one to slip through, it is shown as text."""
    html = _MD("\n".join("    " * i + "- mục" for i in range(3000)))
    assert html.startswith("<p>- mục</p>") and live_markup(html) == []


def test_too_deep_outlines_issues_and_notes_are_refused_with_file_and_line(tmp_path: Path) -> None:
    org = Org(tmp_path)
    org.cell("a")
    deep = "\n".join("    " * i + "- mục" for i in range(300))
    outline = org.outline("ho-chi-minh/sau", body="Mở đầu.\n\n" + deep)
    issue = org.issue("2024-03", body="> " * 40 + "trích", title="Số 3", number=3)
    notes = org.meetings(
        "a",
        2024,
        "- date: 2024-01-05\n  kind: thuong-ky\n  members: 10\n  present: 10\n  duration: 100\n  speakers: 4\n"
        "  notes: |\n    Dòng một\n    " + "- " * 30 + "x\n",
    )
    org.mkdocs_yml()
    found = org.problems()

    def line_of(path: Path, words: str) -> int:
        return path.read_text(encoding="utf-8").split("\n").index(words) + 1

    rel = lambda path: path.relative_to(org.root).as_posix()  # noqa: E731
    ninth = line_of(outline, "    " * MAX_LIST_LEVELS + "- mục")
    assert any(p.startswith(f"{rel(outline)}:{ninth}: danh sách lồng nhau quá sâu") for p in found), found
    assert any(p.startswith(f"{rel(issue)}:{line_of(issue, '> ' * 40 + 'trích')}: nội dung lồng nhau quá sâu") for p in found)
    deep_note = line_of(notes, "    " + "- " * 30 + "x")
    assert any(p.startswith(f"{rel(notes)}:{deep_note}: `notes` (dòng 2 của nội dung): danh sách") for p in found), found


def test_the_hostile_testers_texts_render_as_text_without_a_traceback() -> None:
    for text in ("12345678901. " * 700, "\r".join("    " * i + "- a" for i in range(700)), "- a\r" * 3 + "    " * 900 + "- a"):
        html = _MD(text)
        assert live_markup(html) == [] and "<ol>" not in html and "<ul>" not in html


def test_a_recursion_the_line_count_missed_is_shown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    md = EditorMarkdown()

    def deep(text: str) -> str:
        raise RecursionError

    monkeypatch.setattr(md._md, "convert", deep)
    assert md("- a\n<b>x</b>") == "<p>- a</p><p>&lt;b&gt;x&lt;/b&gt;</p>"


_LINE_ENDS = st.sampled_from(["\n", "\r", "\r\n"])
_MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "12345678901. ", "2) ", "> ", ""])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from([" ", "\t"]), st.lists(_MARKERS, max_size=25), _LINE_ENDS),
        min_size=1,
        max_size=60,
    )
)
def test_any_nesting_is_refused_at_its_line_or_renders(lines: list[tuple[int, str, list[str], str]]) -> None:
    text = "".join(blank * indent + "".join(markers) + "mục" + end for indent, blank, markers, end in lines)
    problem = refused(text)
    if problem is not None:
        assert 1 <= problem.line <= len(lines) and problem.message()
    html = _MD(text)  # never raises, refused or not
    assert live_markup(html) == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a\n" + "x" * (MAX_LINE + 1), 2, "dòng quá dài"),
        ("a\rb\r" + "*_" * MAX_LINE, 3, "dòng quá dài"),
        (("y" * 99 + "\n") * (MAX_TEXT // 100 + 1), 1, "nội dung quá dài"),
    ],
)
def test_too_long_lines_and_bodies_are_found(text: str, line: int, words: str) -> None:
    long = too_long(text)
    assert long is not None and long.line == line and words in long.message()
    assert refused(text) == long


def test_the_largest_accepted_text_stays_bounded_through_the_whole_render_path() -> None:
    """The loader accepts lines up to MAX_LINE and bodies up to MAX_TEXT: the worst such body,
    as many worst-case lines as fit, renders within the bound; and per line the cost grows
    roughly linearly between sizes (Python-Markdown is about N^1.5 on `*_`)."""
    line = "*_" * (MAX_LINE // 2)
    body = "\n\n".join([line] * (MAX_TEXT // (MAX_LINE + 2)))
    assert refused(body) is None and refused(line) is None
    assert _timed(lambda: _MD(body)) < 3 * BOUND
    costs = [_timed(lambda n=n: _MD("*_" * (n // 2))) for n in (MAX_LINE // 4, MAX_LINE // 2, MAX_LINE)]
    assert costs[-1] < BOUND / 5 and costs[-1] <= 12 * max(costs[0], 0.005)


def test_carriage_returns_long_lines_and_big_pages_are_refused_when_loading(tmp_path: Path) -> None:
    org = Org(tmp_path)
    org.cell("a")
    crs = "\\r".join("    " * i + "- a" for i in range(40))
    notes = org.meetings(
        "a",
        2024,
        "- date: 2024-01-05\n  kind: thuong-ky\n  members: 10\n  present: 10\n  duration: 100\n  speakers: 4\n"
        f'  notes: "{crs}"\n',
    )
    outline = org.outline("ho-chi-minh/dai", body="Mở đầu.\n\n" + "*_" * MAX_LINE + "\n")
    page = org.write("content/trang-dai.md", "# Trang\n\n" + ("Đoạn.\n" * (MAX_TEXT // 6 + 1)))
    deep_page = org.write("content/trang-sau.md", "# Trang\r\r" + "12345678901. " * 30 + "x\n")
    org.mkdocs_yml()
    found = org.problems()
    rel = lambda path: path.relative_to(org.root).as_posix()  # noqa: E731
    assert any(p.startswith(f"{rel(notes)}:") and "`notes`" in p and "lồng nhau quá sâu" in p for p in found), found
    assert any(p.startswith(f"{rel(outline)}:") and "dòng quá dài" in p for p in found), found
    line = outline.read_text(encoding="utf-8").split("\n").index("*_" * MAX_LINE) + 1
    assert f"{rel(outline)}:{line}: dòng quá dài" in "\n".join(found)
    assert any(p.startswith(f"{rel(page)}:1: nội dung quá dài") for p in found), found
    assert any(p.startswith(f"{rel(deep_page)}:3: danh sách lồng nhau quá sâu") for p in found), found

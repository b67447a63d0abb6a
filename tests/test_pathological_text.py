"""Editor text that made regular expressions backtrack, or Markdown recurse, costs little and
never crashes: 50 KB lines of delimiters through every function that scans editor text and through
the whole Markdown-to-clean-HTML path; nesting too deep is refused when loading, with its line."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.data.yamlmarks import parse
from bulletin.pages.html import editor_body, md_text
from bulletin.text import vi
from bulletin.text.markdown import EditorMarkdown
from bulletin.text.nesting import MAX_LEVELS, MAX_LIST_LEVELS, too_deep
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

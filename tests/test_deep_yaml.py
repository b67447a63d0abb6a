"""Deeply nested YAML never crashes `bulletin validate`: it is refused, in Vietnamese, naming file and line.

libyaml's composer recurses in C, so text nested deeper than the C stack holds would kill the
process (exit 139) instead of being reported. Whatever opens a level (block indicators `- `,
`? `, `: ` at the start of a line, indentation, flow brackets) counts towards the bound that
sends a file to the pure-Python loader, whose RecursionError is an ordinary problem. Each
command runs in its own process, so a crash fails the test instead of killing pytest.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.data.yamlmarks import MAX_FAST_DEPTH, _nesting_bound
from crafted import Org

BULLETIN = str(Path(sys.executable).parent / "bulletin")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_PRINT_EDITION": "false"}
N = 20_000
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


SHAPES = {
    "dash-question": "- ? " * 12_500 + "a",  # the tester's 50,001 bytes
    "dash-question-20000": "- ? " * N + "a",
    "question": "? " * N + "a",
    "question-dash": "? - " * N + "a",
    "dash-colon": "- : " * N + "a",
    "colon": ": " * N + "a",
    "dash-question-short": "- ? " * 40 + "a",  # just past the bound
    "questions-then-brackets": "? " * N + "[" * N + "a" + "]" * N,
    "short-questions-then-brackets": "? - " * 10 + "[" * 30 + "a" + "]" * 30,  # neither alone past it
    "dash-questions-then-braces": "- ? " * 5_000 + "{a: " * 5_000 + "b" + "}" * 5_000,
    "under-a-key": "k:\n" + "  - ? " * 5_000 + "a",
    "stairs": "".join(f"{'  ' * i}? \n{'  ' * i}: \n" for i in range(3_000)),
}
# Where an editor's YAML lives; an outline carries it as front matter (which starts on line 2).
TARGETS = {
    "meetings": ("content/meetings/a/{year}.yml", "{}\n"),
    "cell": ("content/cells/{name}.yml", "{}\n"),
    "outline": ("topics/ho-chi-minh/{name}.md", "---\n{}\n---\n\nNội dung.\n"),
}


def test_every_shape_is_bounded_above_the_fast_loader_depth() -> None:
    for name, text in SHAPES.items():
        assert _nesting_bound(text) > MAX_FAST_DEPTH, name


def test_the_bound_leaves_ordinary_files_to_the_fast_loader() -> None:
    ordinary = "- date: 2024-03-05\n  guests:\n    - a\n  notes: 'x: [y]'\n  supervisor:\n    - member: x\n"
    assert _nesting_bound(ordinary) <= MAX_FAST_DEPTH


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_deep_nesting_is_a_problem_with_file_and_line_never_a_crash(target: str, org: Org) -> None:
    org.mkdocs_yml()
    where, wrap = TARGETS[target]
    files = {}
    for year, (name, text) in enumerate(SHAPES.items(), 2001):
        rel = where.format(name=name, year=year)
        org.write(rel, wrap.format(text))
        files[name] = rel
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([BULLETIN, "validate"], cwd=org.root, env=ENV, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out = result.stdout + result.stderr
    assert result.returncode == 1, f"exit {result.returncode}:\n{out[-2000:]}"
    assert "Traceback" not in out
    assert cpu < 60, f"{cpu:.1f} s of CPU"
    for name, rel in files.items():
        said = [line for line in out.splitlines() if re.search(rf"{re.escape(rel)}:\d+: ", line)]
        assert said, f"{name}: no problem naming {rel} and a line:\n{out[-3000:]}"
        assert VIETNAMESE.search(said[0].split(": ", 1)[1]), said[0]

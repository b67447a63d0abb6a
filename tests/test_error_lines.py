"""A cross-field error names the line of the field that is out of range, where the fix goes."""

from __future__ import annotations

import datetime as dt

import pytest

from crafted import Org

YEAR_FILE = """\
- date: 2024-01-05
  kind: thuong-ky
  members: 10
  present: 10
  duration: 100
  speakers: 4
- date: {date}
  kind: {kind}
  members: {members}
  exempt: {exempt}
  excused: {excused}
  present: {present}
  duration: 100
  speakers: {speakers}
"""
LINES = {"date": 7, "kind": 8, "members": 9, "exempt": 10, "excused": 11, "present": 12, "speakers": 14}


def _problem(org: Org, **fields: object) -> tuple[int, str]:
    values = {"date": "2024-02-05", "kind": "thuong-ky", "members": 10, "exempt": 0, "excused": 0, "present": 8, "speakers": 3}
    values.update(fields)
    org.as_of = dt.date(2024, 5, 31)
    org.write("content/meetings/a/2024.yml", YEAR_FILE.format(**values))
    (problem,) = org.problems()
    path, line, message = problem.split(":", 2)
    assert path == "content/meetings/a/2024.yml"
    return int(line), message


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"present": 11}, "present", "lớn hơn số đảng viên (10)"),
        ({"present": 8, "excused": 2, "exempt": 1}, "present", "miễn sinh hoạt (1) lớn hơn số đảng viên (10)"),
        ({"present": 5, "excused": 6}, "present", "vắng có lý do (6)"),
        ({"present": 4, "exempt": 7}, "present", "miễn sinh hoạt (7)"),
        ({"speakers": 9}, "speakers", "số phát biểu (9) lớn hơn số dự họp (8)"),
        ({"present": 0, "speakers": 1}, "speakers", "số phát biểu (1) lớn hơn số dự họp (0)"),
        ({"date": "2023-12-05"}, "date", "không thuộc năm 2024"),
        ({"date": "2024-07-05"}, "date", "sau ngày tính số liệu"),
        ({"kind": "chuyen-de"}, "date", "cần trường `topic`"),  # topic absent: the meeting's own line
    ],
)
def test_cross_field_errors_name_the_line_of_the_field(org: Org, fields: dict[str, object], field: str, words: str) -> None:
    line, message = _problem(org, **fields)
    assert words in message
    assert line == LINES[field], message


def test_a_misplaced_present_line_is_still_found(org: Org) -> None:
    org.as_of = dt.date(2024, 5, 31)
    org.write(
        "content/meetings/a/2024.yml",
        "- speakers: 12\n  duration: 100\n  present: 10\n  members: 10\n  kind: thuong-ky\n  date: 2024-02-05\n",
    )
    (problem,) = org.problems()
    assert problem.startswith("content/meetings/a/2024.yml:1: số phát biểu (12)")

"""Bad input: every problem is reported at once, each naming its file and line, in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.data.problems import InvalidData
from crafted import Org, meeting


def test_valid_data_loads_with_defaults(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05"), meeting("2024-02-05", "ket-hop")])
    data = org.load()
    first = data.meetings["a"][0]
    assert (first.date, first.exempt, first.excused, first.online, first.guests) == (dt.date(2024, 1, 5), 0, 0, False, ())
    assert data.meetings["a"][1].topic == "ho-chi-minh/nep-song"
    assert data.cells["a"].active is True
    assert data.organization.bulletin_title == "Bản tin sinh hoạt nội bộ"


def test_quoted_and_unquoted_dates_both_load(org: Org) -> None:
    org.meetings(
        "a",
        2024,
        "- {date: 2024-01-05, kind: thuong-ky, members: 5, present: 5, duration: 90, speakers: 2}\n"
        '- {date: "2024-02-05", kind: thuong-ky, members: 5, present: 5, duration: 90, speakers: 2}\n',
    )
    assert [m.date.month for m in org.load().meetings["a"]] == [1, 2]


def test_a_misspelt_field_is_an_error_with_its_line_and_a_suggestion(org: Org) -> None:
    org.meetings(
        "a",
        2024,
        """\
- date: 2024-01-05
  kind: thuong-ky
  members: 10
  presnt: 9
  duration: 100
  speakers: 3
""",
    )
    problems = org.problems()
    assert "content/meetings/a/2024.yml:4: trường `presnt` không có trong định dạng (có phải `present`?)" in problems[1]
    assert problems[0].startswith("content/meetings/a/2024.yml:1: cuộc sinh hoạt thiếu trường bắt buộc `present`")


def test_every_problem_of_a_run_is_reported_at_once(org: Org) -> None:
    org.cell("b", kind="nha-may")
    org.cell("c", members="mười")
    org.meetings("a", 2024, [meeting("2024-01-05", present=12), meeting("2024-02-05", speakers=11)])
    org.write("content/organization.yml", "short_name: X\n")
    problems = org.problems()
    assert len(problems) == 5
    assert {p.split(":")[0] for p in problems} == {
        "content/cells/b.yml",
        "content/cells/c.yml",
        "content/meetings/a/2024.yml",
        "content/organization.yml",
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"kind": "nha-may"}, "`kind` phải là một trong: co-quan, doanh-nghiep"),
        ({"members": "mười"}, "`members` phải là một số nguyên, nhưng đang là 'mười'"),
        ({"members": 0}, "`members` phải từ 1 trở lên"),
        ({"members": True}, "`members` phải là một số nguyên"),
        ({"active": "có"}, "`active` phải là true hoặc false"),
        ({"secretary": ""}, "`secretary` không được để trống"),
        ({"secretary": None}, "thiếu trường bắt buộc `secretary`"),
    ],
)
def test_cell_field_errors(org: Org, fields: dict[str, object], expected: str) -> None:
    org.cell("b", **fields)
    (problem,) = org.problems()
    assert problem.startswith("content/cells/b.yml:")
    assert expected in problem


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "2024-02-30"}, "`date` không phải một ngày có thật"),
        ({"date": "5/2/2024"}, "`date` phải là một ngày dạng YYYY-MM-DD"),
        ({"date": "2023-12-05"}, "ngày 05/12/2023 không thuộc năm 2024 của tệp"),
        ({"date": "2024-06-05"}, "sau ngày tính số liệu 31/05/2024"),
        ({"kind": "thuongky"}, "`kind` phải là một trong: thuong-ky, chuyen-de, ket-hop, bat-thuong"),
        ({"kind": "chuyen-de", "topic": None}, "cần trường `topic`"),
        (
            {"topic": "ho-chi-minh/nep-songg"},
            "không có đề cương 'ho-chi-minh/nep-songg' trong thư mục topics/ (có phải 'ho-chi-minh/nep-song'?)",
        ),
        (
            {"present": 9, "excused": 1, "exempt": 1},
            "dự họp (9) + vắng có lý do (1) + miễn sinh hoạt (1) lớn hơn số đảng viên (10)",
        ),
        ({"speakers": 11}, "số phát biểu (11) lớn hơn số dự họp (10)"),
        ({"score": 101}, "`score` không được lớn hơn 100"),
        ({"duration": 95.5}, "`duration` phải là một số nguyên"),
        ({"online": "yes please"}, "`online` phải là true hoặc false"),
        ({"guests": {"a": 1}}, "`guests` phải là một danh sách"),
        ({"absentees": ["Nguyễn Văn A"]}, "trường `absentees` không được dùng: trang chỉ công bố số lượng"),
    ],
)
def test_meeting_errors_name_the_line_of_the_meeting_or_field(org: Org, fields: dict[str, object], expected: str) -> None:
    org.as_of = dt.date(2024, 5, 31)
    org.meetings("a", 2024, [meeting("2024-01-05"), meeting("2024-02-05", **fields)])
    (problem,) = org.problems()
    path, line, message = problem.split(":", 2)
    assert path == "content/meetings/a/2024.yml"
    assert int(line) >= 7  # the second meeting starts on line 7
    assert expected in message


def test_yaml_syntax_error_names_its_line(org: Org) -> None:
    org.meetings("a", 2024, "- date: 2024-01-05\n  kind: thuong-ky\n members: 10\n")
    (problem,) = org.problems()
    assert problem.startswith("content/meetings/a/2024.yml:3: lỗi cú pháp YAML")


def test_meetings_file_must_be_a_list(org: Org) -> None:
    org.meetings("a", 2024, "date: 2024-01-05\nkind: thuong-ky\n")
    assert "phải là một danh sách" in org.problems()[0]


def test_duplicate_keys_and_duplicate_meetings_are_errors(org: Org) -> None:
    org.cell("b")
    org.write("content/cells/b.yml", "name: B\nkind: co-quan\nsecretary: X\nmembers: 3\nmembers: 4\n")
    org.meetings("a", 2024, [meeting("2024-01-05"), meeting("2024-01-05")])
    problems = org.problems()
    assert "content/cells/b.yml:5: trường `members` được ghi hai lần" in problems
    assert any("trùng cuộc sinh hoạt cùng ngày và hình thức với dòng 1" in p for p in problems)


def test_files_named_outside_the_format_are_errors_in_data_folders(org: Org) -> None:
    org.write("content/cells/Chi Bo X.yml", "name: X\n")
    org.write("content/cells/b.yaml", "name: X\n")
    org.meetings("a", 2024, [])
    org.write("content/meetings/a/2024-ban-sao.yml", "[]\n")
    org.write("content/meetings/khong-co/2024.yml", "[]\n")
    problems = org.problems()
    assert any(p.startswith("content/cells/Chi Bo X.yml:1: tên tệp chi bộ") for p in problems)
    assert any(p.startswith("content/cells/b.yaml:1:") and ".yml" in p for p in problems)
    assert any(p.startswith("content/meetings/a/2024-ban-sao.yml:1: tệp sinh hoạt phải đặt tên theo năm") for p in problems)
    assert any(p.startswith("content/meetings/khong-co:1: không có chi bộ 'khong-co'") for p in problems)


def test_backups_and_hidden_files_are_ignored(org: Org) -> None:
    org.write("content/cells/.DS_Store", b"\x00\x01")
    org.write("content/cells/a.yml~", "garbage: [")
    org.write("content/meetings/a/~$2024.yml", "garbage: [")
    assert org.problems() == []


def test_encodings_bom_and_windows_line_endings(org: Org) -> None:
    org.write("content/cells/b.yml", "\ufeffname: Chi bộ Đông\r\nkind: co-quan\r\nsecretary: X\r\nmembers: 3\r\n".encode())
    assert org.load().cells["b"].name == "Chi bộ Đông"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name: Đông\nkind: co-quan\n".encode("cp1258"), ":1: tệp không phải mã UTF-8"),
        ("name: Chi bộ\n".encode("utf-16"), ":1: tệp đang lưu dạng UTF-16"),
        (b"name: a\nkind: co-quan\nsecretary: \xff\xfe\n", ":3: tệp không phải mã UTF-8"),
    ],
)
def test_files_that_are_not_utf8_are_refused_with_their_line(org: Org, raw: bytes, expected: str) -> None:
    org.write("content/cells/b.yml", raw)
    (problem,) = org.problems()
    assert problem.startswith("content/cells/b.yml" + expected)


def test_outline_errors(org: Org) -> None:
    org.outline("ho-chi-minh/b", summary="x", presenter="y")
    org.write("topics/ho-chi-minh/c.md", "No front matter\n")
    org.write("topics/chu-de-la/d.md", "---\ntitle: x\n---\n")
    org.write("topics/e.md", "---\ntitle: x\n---\n")
    org.outline("ho-chi-minh/f", title=None, year="năm nay")
    problems = org.problems()
    assert any(p.startswith("topics/ho-chi-minh/b.md:3: trường `presenter`") for p in problems)
    assert any(p.startswith("topics/ho-chi-minh/c.md:1: thiếu phần đầu (front matter)") for p in problems)
    assert any(p.startswith("topics/chu-de-la:1: chủ đề 'chu-de-la' chưa được khai báo") for p in problems)
    assert any(p.startswith("topics/e.md:1: đề cương phải nằm trong thư mục") for p in problems)
    assert any(p.startswith("topics/ho-chi-minh/f.md:2: đề cương thiếu trường bắt buộc `title`") for p in problems)
    assert any(p.startswith("topics/ho-chi-minh/f.md:3: `year` phải là một số nguyên") for p in problems)


def test_bulletin_errors(org: Org) -> None:
    org.issue("2024-03", topics=["ho-chi-minh/khong-co"], number=3)
    org.issue("2024-04", number=3)
    org.issue("2024-05", date="2023-05-01")
    org.write("content/bulletin/thang-6.md", "---\ntitle: x\ndate: 2024-06-01\n---\n")
    org.issue("2024-07", title=None)
    problems = org.problems()
    assert any(p.startswith("content/bulletin/2024-03.md:3: không có đề cương 'ho-chi-minh/khong-co'") for p in problems)
    assert any(
        p.startswith("content/bulletin/2024-04.md:2: số 3 năm 2024 đã dùng ở content/bulletin/2024-03.md") for p in problems
    )
    assert any(p.startswith("content/bulletin/2024-05.md:2: ngày phát hành 01/05/2023 không khớp") for p in problems)
    assert any(p.startswith("content/bulletin/thang-6.md:1: tệp bản tin phải đặt tên theo tháng") for p in problems)
    assert any(p.startswith("content/bulletin/2024-07.md:2: bản tin thiếu trường bắt buộc `title`") for p in problems)


def test_missing_organization_and_content(org: Org) -> None:
    (org.root / "content/organization.yml").unlink()
    assert org.problems() == ["content/organization.yml:1: thiếu tệp thông tin Đảng bộ (organization.yml, có trường `name`)"]


def test_invalid_data_message_lists_every_problem_without_a_traceback(org: Org) -> None:
    org.cell("b", kind="x")
    org.cell("c", kind="y")
    with pytest.raises(InvalidData) as caught:
        org.load()
    report = str(caught.value)
    assert report.startswith("Có 2 lỗi trong dữ liệu")
    assert "content/cells/b.yml:2" in report and "content/cells/c.yml:2" in report
    assert "Traceback" not in report


@pytest.mark.parametrize(
    "text",
    ["[", "- a: b\n  - c", "!!python/object:os.system {}", "a: &x [*x]", "{[1]: 2}", "- date: 2024-13-45\n", "\t- x"],
)
def test_malformed_yaml_never_raises_anything_but_invalid_data(org: Org, text: str) -> None:
    org.meetings("a", 2024, text)
    org.write("content/cells/b.yml", text)
    assert all(p.startswith(("content/meetings/a/2024.yml:", "content/cells/b.yml:")) for p in org.problems())

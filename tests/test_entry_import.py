"""`bulletin import`: a filled template becomes meetings, checked by the build's own rules, all rows clean or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crafted import Org, meeting
from filling import fill, good, run, template, write_csv

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def org2(org: Org) -> Org:
    org.cell("b", name="Chi bộ B")
    org.cell("c", name="Chi bộ C")
    org.cell("old", name="Chi bộ Cũ", active=False)
    org.meetings("a", 2024, [meeting("2024-11-05")])
    return org


def snapshot(org: Org) -> dict[str, bytes]:
    """Every file under content/meetings/, hidden ones too."""
    folder = org.root / "content" / "meetings"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_clean_file_adds_each_meeting_to_its_year_file(org2: Org, capsys: Capsys) -> None:
    filled = fill(
        template(org2, capsys, "2024-12"),
        {
            "a": good(dt.date(2024, 12, 5)),
            "b": good("06/12/2024", kind="Thường kỳ kết hợp chuyên đề", topic="ho-chi-minh/nep-song", online="Có", score=92.5),
            "c": {},  # did not report
        },
    )
    code, out, err = run(org2, capsys, "import", str(filled))
    assert code == 0, err
    assert "content/meetings/a/2024.yml:7  dòng 3  05/12/2024  Thường kỳ" in out
    assert "content/meetings/b/2024.yml:3  dòng 4  06/12/2024  Thường kỳ kết hợp chuyên đề" in out
    assert "Chưa báo cáo (dòng để trống) 1 chi bộ:\n    dòng 5  c  Chi bộ C" in out
    assert "Đã ghi 2 cuộc sinh hoạt vào 2 tệp." in out
    data = org2.load()  # the build accepts what the import wrote
    added = data.meetings["b"][0]
    assert (added.date, added.kind, added.topic, added.present, added.excused, added.online, added.score) == (
        dt.date(2024, 12, 6),
        "ket-hop",
        "ho-chi-minh/nep-song",
        9,
        1,
        True,
        92.5,
    )
    assert [m.date.day for m in data.meetings["a"]] == [5, 5]
    new_file = (org2.root / "content/meetings/b/2024.yml").read_text(encoding="utf-8")
    assert new_file.startswith(
        "# yaml-language-server: $schema=../../../schemas/meetings.schema.json\n# Chi bộ B: sinh hoạt năm 2024\n"
    )


def test_every_bad_row_is_reported_at_once_by_row_and_column(org2: Org, capsys: Capsys) -> None:
    path = template(org2, capsys, "2024-12")
    spare = 6  # first spare row: after the 3 active cells (rows 3-5)
    filled = fill(
        path,
        {
            "a": good("31/11/2024", present=12),  # not a real date; more present than members
            "b": good(dt.date(2024, 12, 6), kind="Họp mặt", duration=None, speakers="bốn"),
            "c": good(dt.date(2024, 12, 7), kind="Chuyên đề", score=120, online="chắc có"),
            spare: {"cell": "xyz", "members": 10, **good(dt.date(2024, 12, 8))},
            spare + 1: {"cell": "old", "members": 10, **good(dt.date(2024, 12, 8))},
            spare + 2: good(dt.date(2024, 12, 8), members=10),
            spare + 3: {"cell": "c", "members": 10, **good(dt.date(2024, 12, 7), kind="Thường kỳ", speakers=10)},
            spare + 4: {"cell": "b", "members": 10, **good(dt.date(2025, 1, 3), topic="ho-chi-minh/nep-son")},
        },
    )
    before = snapshot(org2)
    code, out, err = run(org2, capsys, "import", str(filled))
    assert code == 1
    assert "Thêm mới" not in out
    expected = [
        "Trang tính 'Sinh hoạt':",
        "Dòng 4, cột 'Hình thức': phải là một trong: thuong-ky, chuyen-de, ket-hop, bat-thuong; đang là 'Họp mặt'",
        "Dòng 4, cột 'Số phút': chưa điền (bắt buộc)",
        "Dòng 4, cột 'Số phát biểu': phải là một số nguyên, nhưng đang là 'bốn'",
        "Dòng 3, cột 'Ngày họp': không phải một ngày có thật: '2024-11-31'",
        "Dòng 5, cột 'Trực tuyến': phải là true hoặc false, nhưng đang là 'chắc có'",
        "Dòng 5, cột 'Điểm chất lượng': không được lớn hơn 100, đang là 120",
        "Dòng 6, cột 'Mã chi bộ': không có chi bộ 'xyz'",
        "Dòng 7, cột 'Mã chi bộ': chi bộ 'old' đã thôi hoạt động",
        "Dòng 8, cột 'Mã chi bộ': chưa điền mã chi bộ",
        "Dòng 9, cột 'Số phát biểu': số phát biểu (10) lớn hơn số dự họp (9)",
        "Dòng 10, cột 'Ngày họp': ngày 03/01/2025 sau ngày tính số liệu 31/12/2024",
        "Dòng 10, cột 'Đề cương': không có đề cương 'ho-chi-minh/nep-son' trong thư mục topics/ (có phải 'ho-chi-minh/nep-song'?)",  # noqa: E501
    ]
    for line in expected:
        assert line in err, line
    assert "Dòng 3, cột 'Số dự họp'" not in err  # a row with a bad field gets no cross-field checks (as in the build)
    assert snapshot(org2) == before


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            good("2024-12-05", present=12),
            "Dòng 3, cột 'Số dự họp': dự họp (12) + vắng có lý do (1) + miễn sinh hoạt (0) lớn hơn số đảng viên (10)",
        ),
        (good("2024-12-05", kind="Chuyên đề"), "Dòng 3, cột 'Đề cương': sinh hoạt 'chuyen-de' cần trường `topic`"),
        (good("2024-12-05", members=0), "Dòng 3, cột 'Số đảng viên': phải từ 1 trở lên, đang là 0"),
        (good("2024-12-05", present=9.5), "Dòng 3, cột 'Số dự họp': phải là một số nguyên, nhưng đang là 9.5"),
        (good("ngày 5"), "Dòng 3, cột 'Ngày họp': phải là một ngày dạng YYYY-MM-DD, nhưng đang là 'ngày 5'"),
        ({"date": dt.date(2024, 12, 5)}, "Dòng 3, cột 'Hình thức': chưa điền (bắt buộc)"),
    ],
)
def test_each_kind_of_bad_row(org2: Org, capsys: Capsys, row: dict[str, object], expected: str) -> None:
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-12"), {"a": row})))
    assert code == 1
    assert expected in err


def test_two_rows_for_one_cell_and_day_are_refused(org2: Org, capsys: Capsys) -> None:
    filled = fill(
        template(org2, capsys, "2024-12"), {"b": good("2024-12-05"), 6: {"cell": "b", "members": 10, **good("2024-12-05")}}
    )
    code, _, err = run(org2, capsys, "import", str(filled))
    assert code == 1 and "Dòng 6, cột 'Ngày họp': trùng chi bộ và ngày họp với dòng 4" in err


def test_a_second_meeting_in_a_spare_row_is_added(org2: Org, capsys: Capsys) -> None:
    rows = {"b": good("2024-12-05"), 6: {"cell": "b", "members": 10, **good("2024-12-20", kind="Bất thường", duration=30)}}
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-12"), rows)))
    assert code == 0, err
    assert [(m.date.day, m.kind) for m in org2.load().meetings["b"]] == [(5, "thuong-ky"), (20, "bat-thuong")]


def test_importing_the_same_file_twice_changes_nothing(org2: Org, capsys: Capsys) -> None:
    filled = fill(template(org2, capsys, "2024-12"), {"a": good("2024-12-05"), "b": good("2024-12-06", guests="Ông X; Bà Y")})
    assert run(org2, capsys, "import", str(filled))[0] == 0
    after_first = snapshot(org2)
    code, out, _ = run(org2, capsys, "import", str(filled))
    assert code == 0
    assert "Thêm mới 0 cuộc sinh hoạt" in out
    assert "Đã có, bỏ qua 2 dòng:\n    dòng 3  a  05/12/2024\n    dòng 4  b  06/12/2024" in out
    assert snapshot(org2) == after_first


def test_a_row_that_differs_from_a_recorded_meeting_is_a_conflict_and_nothing_is_written(org2: Org, capsys: Capsys) -> None:
    filled = fill(template(org2, capsys, "2024-11"), {"a": good("2024-11-05", present=8), "b": good("2024-11-06")})
    before = snapshot(org2)
    code, _, err = run(org2, capsys, "import", str(filled))
    assert code == 1
    assert "Khác với dữ liệu đã có (không ghi đè):" in err
    assert "Dòng 3: khác với cuộc sinh hoạt ngày 05/11/2024 đã ghi ở content/meetings/a/2024.yml:1" in err
    assert "Số dự họp: 10 → 8; Vắng có lý do: 0 → 1" in err
    assert snapshot(org2) == before  # b's clean row is not written either


def test_a_dry_run_prints_the_summary_and_writes_nothing(org2: Org, capsys: Capsys) -> None:
    filled = fill(template(org2, capsys, "2024-12"), {"a": good("2024-12-05"), "c": good("2024-12-09")})
    before = snapshot(org2)
    code, out, _ = run(org2, capsys, "import", "--dry-run", str(filled))
    assert code == 0
    assert "content/meetings/c/2024.yml:3  dòng 5  09/12/2024  Thường kỳ" in out
    assert "Chạy thử (--dry-run): chưa ghi tệp nào." in out
    assert snapshot(org2) == before
    assert not (org2.root / "content/meetings/c").exists()


EDITED = (
    b"# yaml-language-server: $schema=../../../schemas/meetings.schema.json\r\n"
    b"# Ghi ch\xc3\xba c\xe1\xbb\xa7a v\xc4\x83n ph\xc3\xb2ng   (kho\xe1\xba\xa3ng tr\xe1\xba\xafng th\xe1\xbb\xaba)\r\n"
    b"\r\n"
    b"- {date: 2024-01-05, kind: thuong-ky, members: 10, present: 10, duration: 100, speakers: 4}   # flow style\r\n"
    b"- date: '2024-02-05'\r\n"
    b"  kind:   thuong-ky\r\n"
    b"  members: 10 # s\xe1\xbb\x91 c\xc5\xa9\r\n"
    b"  present: 10\r\n"
    b"  duration: 100\r\n"
    b"  speakers: 4\r\n"
    b"  notes: |\r\n"
    b"    D\xc3\xb2ng m\xe1\xbb\x99t\r\n"
    b"    - kh\xc3\xb4ng ph\xe1\xba\xa3i m\xe1\xbb\x99t m\xe1\xbb\xa5c\r\n"
    b"# cu\xe1\xbb\x91i t\xe1\xbb\x87p, kh\xc3\xb4ng xu\xe1\xbb\x91ng d\xc3\xb2ng"
)


@pytest.mark.parametrize("indent", ["", "  "])
def test_existing_comments_and_formatting_are_kept_byte_for_byte(org2: Org, capsys: Capsys, indent: str) -> None:
    lines = EDITED.split(b"\r\n")
    old = b"\r\n".join(line if line.startswith(b"#") or not line else indent.encode() + line for line in lines)
    path = org2.write("content/meetings/c/2024.yml", old)
    org2.load()  # the edited file is valid as it is
    filled = fill(template(org2, capsys, "2024-12"), {"c": good("2024-12-09", guests="Ông Hư Cấu, Ủy viên", notes='Có "ngoặc"')})
    code, out, err = run(org2, capsys, "import", str(filled))
    assert code == 0, err
    new = path.read_bytes()
    assert new.startswith(old + b"\r\n")  # the last line is ended, nothing before it changes
    added = new[len(old) + 2 :].decode("utf-8").split("\r\n")
    assert added == [
        f"{indent}- date: 2024-12-09",
        f"{indent}  kind: thuong-ky",
        f"{indent}  members: 10",
        f"{indent}  present: 9",
        f"{indent}  duration: 100",
        f"{indent}  speakers: 4",
        f"{indent}  excused: 1",
        f"{indent}  guests:",
        f'{indent}    - "Ông Hư Cấu, Ủy viên"',
        f'{indent}  notes: "Có \\"ngoặc\\""',
        "",
    ]
    assert "content/meetings/c/2024.yml:15" in out
    assert [m.date.month for m in org2.load().meetings["c"]] == [1, 2, 12]


def test_a_file_it_cannot_append_to_safely_is_refused(org2: Org, capsys: Capsys) -> None:
    org2.write("content/meetings/c/2024.yml", "[]\n")
    filled = fill(template(org2, capsys, "2024-12"), {"b": good("2024-12-05"), "c": good("2024-12-09")})
    before = snapshot(org2)
    code, _, err = run(org2, capsys, "import", str(filled))
    assert code == 1
    assert "Dòng 5: tệp meetings/c/2024.yml: không thêm được vào cuối tệp" in err
    assert snapshot(org2) == before


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_csv_is_imported_like_the_spreadsheet(org2: Org, capsys: Capsys, tmp_path: Path, delimiter: str) -> None:
    rows = [
        {"cell": "b", "cell_name": "Chi bộ B", "members": "10", **good("06/12/2024", kind="thuong-ky", score="85,5")},
        {"cell": "c", "cell_name": "Chi bộ C", "members": "10"},
    ]
    path = write_csv(tmp_path / "bao-cao.csv", rows, delimiter=delimiter)
    code, out, err = run(org2, capsys, "import", str(path))
    assert code == 0, err
    assert "content/meetings/b/2024.yml:3  dòng 3  06/12/2024  Thường kỳ" in out
    assert "dòng 4  c  Chi bộ C" in out
    assert org2.load().meetings["b"][0].score == 85.5


def test_a_csv_in_a_legacy_code_page_is_refused(org2: Org, capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "cu.csv"
    path.write_bytes(b"M\xe3 chi b\xf4,Ng\xe0y h\xf4p\n")  # Latin-1, as an old Excel saves
    code, _, err = run(org2, capsys, "import", str(path))
    assert code == 1 and "UTF-8" in err


def test_missing_columns_are_reported_before_any_row(org2: Org, capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "thieu.csv"
    path.write_text("Mã chi bộ,Ngày họp,Cột lạ\nb,05/12/2024,x\n", encoding="utf-8")
    code, _, err = run(org2, capsys, "import", str(path))
    assert code == 1
    assert "Dòng 1, cột 'Cột lạ': cột không có trong biểu mẫu" in err
    assert "Dòng 1, cột 'Số dự họp': thiếu cột này trong dòng tiêu đề" in err


def test_new_meeting_appends_a_stub_prefilled_from_the_previous_meeting(org2: Org, capsys: Capsys) -> None:
    org2.meetings("b", 2024, [meeting("2024-10-03", members=14, present=12, exempt=2)])
    code, out, err = run(org2, capsys, "new", "meeting", "b", "2024-12-04")
    assert code == 0, err
    path = org2.root / "content/meetings/b/2024.yml"
    first = len(path.read_text(encoding="utf-8").splitlines()) - 6
    assert out.strip().startswith(f"content/meetings/b/2024.yml:{first}: đã thêm khung cuộc sinh hoạt ngày 04/12/2024")
    stub = path.read_text(encoding="utf-8").splitlines()[first - 1 :]
    assert stub == [
        "- date: 2024-12-04",
        "  kind: thuong-ky",
        "  members: 14   # theo cuộc họp trước, sửa nếu khác",
        "  present:   # số đảng viên dự họp",
        "  duration:   # số phút",
        "  speakers:   # số đảng viên phát biểu",
        "  exempt: 2",
    ]
    # Until the editor fills it in, the build names the empty fields on their lines.
    problems = org2.problems()
    assert f"content/meetings/b/2024.yml:{first + 3}: cuộc sinh hoạt thiếu trường bắt buộc `present`" in problems[0]


def test_new_meeting_refuses_a_taken_day_and_starts_a_year_file(org2: Org, capsys: Capsys) -> None:
    code, _, err = run(org2, capsys, "new", "meeting", "a", "2024-11-05")
    assert code == 1 and "đã có cuộc sinh hoạt ngày 05/11/2024" in err
    code, out, _ = run(org2, capsys, "new", "meeting", "a", "2024-12-02")
    assert code == 0
    code, out, _ = run(org2, capsys, "new", "meeting", "c", "2024-12-03")
    assert code == 1, "an unfilled stub stops further entry until it is filled in"
    org2.meetings("a", 2024, [meeting("2024-11-05"), meeting("2024-12-02")])
    code, out, _ = run(org2, capsys, "new", "meeting", "c", "2024-12-03")
    assert code == 0 and out.startswith("content/meetings/c/2024.yml:3:")
    assert (org2.root / "content/meetings/c/2024.yml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_a_row_dated_before_the_cell_was_founded_is_refused(org2: Org, capsys: Capsys) -> None:
    org2.cell("b", name="Chi bộ B", founded="2024-12-10")
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-12"), {"b": good("2024-12-05")})))
    assert code == 1
    assert "Dòng 4, cột 'Ngày họp': ngày 05/12/2024 trước ngày thành lập chi bộ (10/12/2024, trường `founded`)" in err


def test_entry_follows_each_cells_lifetime_not_its_active_flag(org2: Org, capsys: Capsys) -> None:
    """The template lists the cells that existed in the month, the import accepts a dissolved
    cell's meeting from before its dissolution, and `new meeting` refuses a day outside its life."""
    from openpyxl import load_workbook

    from filling import row_of

    org2.cell("gone", name="Chi bộ Giải thể", dissolved="2024-05-20")
    org2.cell("new", name="Chi bộ Mới", founded="2024-06-10")
    ws = load_workbook(template(org2, capsys, "2024-04")).active
    ids = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert "gone" in ids and "new" not in ids and "old" not in ids
    ws = load_workbook(template(org2, capsys, "2024-06")).active
    ids = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert "gone" not in ids and "new" in ids
    assert row_of(ws, "new")
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-04"), {"gone": good("2024-04-08")})))
    assert code == 0, err
    assert [m.date for m in org2.load().meetings["gone"]] == [dt.date(2024, 4, 8)]
    code, _, err = run(org2, capsys, "new", "meeting", "gone", "2024-05-21")
    assert code == 1 and "sau ngày giải thể chi bộ (20/05/2024, trường `dissolved`)" in err
    code, _, err = run(org2, capsys, "new", "meeting", "new", "2024-06-09")
    assert code == 1 and "trước ngày thành lập chi bộ (10/06/2024, trường `founded`)" in err
    code, _, err = run(org2, capsys, "new", "meeting", "old", "2024-06-09")
    assert code == 1 and "đã thôi hoạt động" in err


@pytest.mark.parametrize("dry", [False, True])
def test_a_joint_meeting_whose_partner_has_no_record_is_refused_by_row_and_column(org2: Org, capsys: Capsys, dry: bool) -> None:
    before = snapshot(org2)
    joint = good("2024-12-05", kind="Chuyên đề", topic="ho-chi-minh/nep-song", joint_with="b")
    filled = fill(template(org2, capsys, "2024-12"), {"a": joint})
    code, _, err = run(org2, capsys, "import", *(["--dry-run"] if dry else []), str(filled))
    assert code == 1, err
    assert "Dòng 3, cột 'Sinh hoạt chung với': chi bộ 'b' chưa ghi cuộc sinh hoạt chung ngày 05/12/2024" in err
    assert snapshot(org2) == before
    org2.load()  # the data still builds


@pytest.mark.parametrize(
    ("partner", "words"),
    [("a", "không thể sinh hoạt chung với chính chi bộ mình"), ("bb", "không có chi bộ 'bb' (có phải 'b'?)")],
)
def test_a_joint_meeting_with_itself_or_an_unknown_cell_is_refused(org2: Org, capsys: Capsys, partner: str, words: str) -> None:
    joint = good("2024-12-05", kind="Chuyên đề", topic="ho-chi-minh/nep-song", joint_with=partner)
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-12"), {"a": joint})))
    assert code == 1 and f"Dòng 3, cột 'Sinh hoạt chung với': {words}" in err, err


def test_both_sides_of_a_joint_meeting_in_one_batch_are_accepted(org2: Org, capsys: Capsys) -> None:
    both = {
        "a": good("2024-12-05", kind="Chuyên đề", topic="ho-chi-minh/nep-song", joint_with="b"),
        "b": good("2024-12-05", kind="Chuyên đề", topic="ho-chi-minh/nep-song", joint_with="a"),
    }
    code, _, err = run(org2, capsys, "import", str(fill(template(org2, capsys, "2024-12"), both)))
    assert code == 0, err
    assert org2.load().meetings["b"][0].joint_with == ("a",)


def test_the_template_says_joint_meetings_take_cell_ids() -> None:
    from bulletin.entry.columns import BY_KEY

    hint = BY_KEY["joint_with"].hint
    assert "Mã chi bộ" in hint and "người" not in hint

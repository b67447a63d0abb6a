"""Personal data stays minimal: the site publishes counts, never who was absent."""

from __future__ import annotations

import pytest

from crafted import Org, meeting

PRIVACY = (
    "trang chỉ công bố số lượng (dự họp `present`, vắng có lý do `excused`, miễn sinh hoạt `exempt`), "
    "không bao giờ ghi tên người vắng mặt"
)


@pytest.mark.parametrize(
    "field",
    ["absent", "absentees", "absent_members", "absences", "missing", "vang", "vắng", "vang_mat", "nguoi_vang", "Người vắng",
     "danh_sach_vang", "vang_khong_ly_do", "khong_du_hop", "nghi_hop"],
)  # fmt: skip
def test_a_field_naming_absentees_is_refused_with_the_reason(org: Org, field: str) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05", present=8, excused=1, **{field: ["Nguyễn Văn Hư Cấu", "Trần Thị Giả Định"]})])
    (problem,) = org.problems()
    assert problem == (
        f"content/meetings/a/2024.yml:8: trường `{field}` không được dùng: {PRIVACY}. "
        "Hãy ghi số người vào `excused` và bỏ danh sách tên"
    )


def test_a_list_of_names_in_a_count_is_refused_with_the_reason(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05", present=8, excused=["Nguyễn Văn Hư Cấu"])])
    (problem,) = org.problems()
    assert problem == f"content/meetings/a/2024.yml:7: `excused` là số người (một số nguyên), không phải danh sách tên: {PRIVACY}"


def test_a_cell_cannot_carry_absentees_either(org: Org) -> None:
    org.cell("b", absentees=["Nguyễn Văn Hư Cấu"])
    (problem,) = org.problems()
    assert f"trường `absentees` không được dùng: {PRIVACY}" in problem and "excused" in problem


def test_honest_unknown_fields_keep_their_usual_message(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05", presnt=3)])
    (problem,) = org.problems()
    assert "trường `presnt` không có trong định dạng (có phải `present`?)" in problem

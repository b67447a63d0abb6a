"""`bulletin template`: the monthly spreadsheet sent to the cells, read back with openpyxl."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from bulletin.data.model import MEETING_FIELDS, MEETING_KINDS
from bulletin.entry.columns import BY_KEY, COLUMNS, GUIDE, LISTS, SHEET
from crafted import Org
from filling import template

EXCEL_EPOCH = dt.date(1899, 12, 30)


@pytest.fixture
def org3(org: Org) -> Org:
    org.cell("a", name="Chi bộ Văn phòng", members=12)
    org.cell("b", name="Chi bộ Ấp Bắc", members=7)
    org.cell("c", name="Chi bộ Đã giải thể", active=False)
    org.outline("dan-van-kheo/tiep-dan", title="Tiếp dân")
    return org


def test_one_row_per_active_cell_with_id_name_and_members_prefilled(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(template(org3, capsys, "2024-11"))
    assert wb.sheetnames[0] == SHEET and wb.active.title == SHEET
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == [c.heading for c in COLUMNS]
    # Every meeting field has a column, in the model's order, under its Vietnamese heading.
    assert [c.key for c in COLUMNS[2:]] == [f.name for f in MEETING_FIELDS]
    assert "Số dự họp" in [c.value for c in ws[1]]
    assert all(isinstance(c.value, str) and c.value for c in ws[2])  # the hint row
    assert ws["G2"].value == BY_KEY["present"].hint == "Số nguyên từ 0 trở lên; bắt buộc"
    prefilled = [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 6).value) for r in (3, 4)]
    assert prefilled == [("b", "Chi bộ Ấp Bắc", 7), ("a", "Chi bộ Văn phòng", 12)]  # Vietnamese order: Ấ before V
    assert "c" not in [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]  # dissolved cells get no row
    assert ws.freeze_panes == "C3"


def test_prefilled_columns_are_locked_and_the_rest_open(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    ws = load_workbook(template(org3, capsys, "2024-11"))[SHEET]
    assert ws.protection.sheet
    assert ws["A3"].protection.locked and ws["B3"].protection.locked and ws["A1"].protection.locked
    assert ws["A3"].fill.fgColor.rgb.endswith("E7E6E6")  # grey: visibly read-only
    assert not any(ws.cell(3, col).protection.locked for col in range(3, len(COLUMNS) + 1))
    spare = ws.max_row
    assert not ws.cell(spare, 1).protection.locked  # a spare row: the clerk picks the cell id
    assert ws.cell(spare, 2).value.startswith("=IFERROR(VLOOKUP(")


def _validations(ws) -> dict[str, object]:  # type: ignore[no-untyped-def]
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[rng.coord.split(":")[0].rstrip("0123456789") + ("+" if rng.min_row > 3 else "")] = dv
    return by_column


def test_drop_downs_come_from_a_hidden_list_sheet(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(template(org3, capsys, "2024-11"))
    ws, lists = wb[SHEET], wb[LISTS]
    assert lists.sheet_state == "hidden"
    dvs = _validations(ws)

    def values(letter: str) -> list[object]:
        dv = dvs[letter]
        assert dv.type == "list" and dv.showErrorMessage
        first, last = dv.formula1.split("!")[1].replace("$", "").split(":")
        return [c.value for row in lists[first:last] for c in row]

    assert values(BY_KEY["kind"].letter) == list(MEETING_KINDS.values())
    assert values(BY_KEY["topic"].letter) == ["dan-van-kheo/tiep-dan", "ho-chi-minh/nep-song"]
    assert values(BY_KEY["online"].letter) == ["Có", "Không"]
    assert values("A+") == ["b", "a"]  # spare rows: active cell ids
    assert str(dvs[BY_KEY["kind"].letter].sqref) == f"D3:D{ws.max_row}"


def test_dates_are_held_to_the_month_and_counts_bounded(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    ws = load_workbook(template(org3, capsys, "2024-02"))[SHEET]
    dvs = _validations(ws)
    date = dvs[BY_KEY["date"].letter]
    assert (date.type, date.operator) == ("date", "between")
    assert EXCEL_EPOCH + dt.timedelta(days=int(date.formula1)) == dt.date(2024, 2, 1)
    assert EXCEL_EPOCH + dt.timedelta(days=int(date.formula2)) == dt.date(2024, 2, 29)  # leap year
    assert ws["C3"].number_format == "DD/MM/YYYY"
    numeric = [c for c in COLUMNS if c.field is not None and c.field.type in ("int", "number")]
    bounds = {c.key: (dvs[c.letter].type, dvs[c.letter].formula1, dvs[c.letter].formula2) for c in numeric}
    members, present = BY_KEY["members"].letter, BY_KEY["present"].letter
    assert bounds["members"] == ("whole", "1", "5000")
    assert bounds["present"] == ("whole", "0", f"{members}3")  # relative: each row against its own member count
    assert bounds["excused"] == bounds["exempt"] == ("whole", "0", f"{members}3")
    assert bounds["speakers"] == ("whole", "0", f"{present}3")
    assert bounds["duration"] == ("whole", "1", "1440")
    assert bounds["score"] == ("decimal", "0", "100")


def test_instructions_sheet_in_vietnamese(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    ws = load_workbook(template(org3, capsys, "2024-11"))[GUIDE]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "BIỂU MẪU BÁO CÁO SINH HOẠT CHI BỘ THÁNG 11/2024" in text
    assert "để trống cả dòng" in text
    assert "dan-van-kheo/tiep-dan" in text and "Tiếp dân" in text


def test_csv_template_is_utf8_with_bom_and_the_same_columns(org3: Org, capsys: pytest.CaptureFixture[str]) -> None:
    path = template(org3, capsys, "2024-11", "--csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == [c.heading for c in COLUMNS]
    assert rows[1] == [c.hint for c in COLUMNS]
    assert rows[2][:2] == ["b", "Chi bộ Ấp Bắc"] and rows[2][5] == "7"
    assert len(rows) == 4


def test_a_bad_month_is_refused(org: Org, capsys: pytest.CaptureFixture[str]) -> None:
    from filling import run

    with pytest.raises(SystemExit) as stopped:  # refused by the argument's type, as argparse does: exit 2
        run(org, capsys, "template", "2024-13")
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "YYYY-MM" in err and "tháng 13 không có" in err

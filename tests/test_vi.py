"""Vietnamese formats: numbers, dates, sort order, ASCII ids; and links between pages."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest

from bulletin.pages import links
from bulletin.text import vi


def test_numbers_use_a_decimal_comma_and_dot_thousands() -> None:
    assert vi.percent(71.4) == "71,4%"
    assert vi.number(1234) == "1.234"
    assert vi.number(1234.5) == "1.234,5"
    assert vi.percent(None) == "–"
    assert vi.threshold(90.0) == "90" and vi.threshold(89.5) == "89,5"


def test_dates_and_quarters() -> None:
    assert vi.date(dt.date(2024, 3, 5)) == "05/03/2024"
    assert vi.month(2024, 3) == "tháng 3/2024"
    assert [vi.quarter(q) for q in (1, 2, 3, 4)] == ["Quý I", "Quý II", "Quý III", "Quý IV"]


def test_vietnamese_sort_order() -> None:
    names = ["Đông", "Dũng", "Ấp Bắc", "An", "Zeta", "Bình", "Ân", "Ăn", "dân", "Đào", "Ơn", "Ôn", "On", "Uy", "Ư"]
    assert sorted(names, key=vi.sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Ấp Bắc",
        "Bình",
        "dân",
        "Dũng",
        "Đào",
        "Đông",
        "On",
        "Ôn",
        "Ơn",
        "Uy",
        "Ư",
        "Zeta",
    ]


def test_ascii_fold_turns_d_stroke_into_d() -> None:
    assert vi.ascii_fold("Đảng ủy Khối") == "Dang uy Khoi"


def test_relative_links_for_both_url_styles() -> None:
    assert links.relative("chi-bo/a.md", "chuyen-de/t/x.md", True) == "../../chuyen-de/t/x/"
    assert links.relative("chi-bo/a.md", "chuyen-de/t/x.md", False) == "../chuyen-de/t/x.html"
    assert links.relative("tong-hop/index.md", "chi-bo/a.md", True, "nam-2024") == "../chi-bo/a/#nam-2024"
    assert links.relative("tong-hop/index.md", "tong-hop/chi-bo.csv", True) == "chi-bo.csv"
    assert links.relative("tong-hop/index.md", "tong-hop/chi-bo.csv", False) == "chi-bo.csv"
    assert links.relative("chi-bo/index.md", "chi-bo/index.md", True) == "./"


DOCS = [
    "index.md",
    "a.md",
    "chi-bo/index.md",
    "chi-bo/a.md",
    "chi-bo/ab.md",
    "chi-bo-x/a.md",
    "tong-hop/2024/index.md",
    "tong-hop/2024/theo-thang-2/index.md",
    "tong-hop/tong-hop-2024.xlsx",
    "tong-hop/bao-cao/q.docx",
    "chuyen-de/t/x.md",
    "chuyen-de/t/x.docx",
    "chuyen-de/t/index.md",
    "./a.md",
    "chi-bo/../tong-hop/index.md",
    "chi-bo//a.md",
    "a/b/c/d/e.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_relative_links_are_posixpaths_relpath_between_the_final_urls(directory_urls: bool) -> None:
    for here in DOCS:
        for there in DOCS:
            a, b = links.page_url(here, directory_urls), links.page_url(there, directory_urls)
            base = a if a.endswith("/") else posixpath.dirname(a) + "/"
            rel = posixpath.relpath("/" + b, "/" + base)
            assert links._relpath(b, base) == rel, (here, there)


def test_heading_ids_fold_d_stroke_and_marks() -> None:
    assert vi.slugify("Định hướng sinh hoạt chi bộ tháng 5") == "dinh-huong-sinh-hoat-chi-bo-thang-5"
    assert vi.slugify("II. Nội dung: “Dân vận khéo”") == "ii-noi-dung-dan-van-kheo"
    assert vi.slugify("Đảng ủy Khối", "_") == "dang_uy_khoi"


def test_thresholds_and_figures_show_enough_decimals_that_a_comparison_never_looks_wrong() -> None:
    from bulletin.text import vi as v

    assert (v.threshold(89.96), v.threshold(90.0), v.threshold(89.5), v.threshold(1234.5)) == ("89,96", "90", "89,5", "1.234,5")
    assert v.ratio_pct(8995, 10000, 89.96) == "89,95%"  # not "90,0%" beside "≥ 89,96%"
    assert v.ratio_pct(8964, 10000, 89.62) == "89,64%"  # met: not "89,6%" beside "≥ 89,62%"
    assert v.ratio_pct(2159, 2400, 90) == "89,96%" and v.ratio_pct(9, 10, 90) == "90,0%"
    assert v.exact_pct(2159, 2400, 89.9584, fewest=2) == (3, 89.958)

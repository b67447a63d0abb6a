"""Real MkDocs builds: what an editor gets from `bulletin build` and `mkdocs build`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.data.load import is_published
from crafted import ROOT, Org, full_year, meeting
from scan import live_markup

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


@pytest.fixture
def built(org: Org) -> Org:
    org.cell("b", name="Chi bộ <script>alert(1)</script> Đông", secretary="X <img src=x onerror=alert(1)>")
    org.meetings("a", 2024, full_year(2024))
    org.meetings(
        "b",
        2024,
        [
            meeting(
                "2024-01-20", notes="**Đạt** <script>alert(2)</script> [bấm](javascript:alert(3)) ![x](http://evil.example/a.png)"
            ),
            meeting("2024-02-05", "ket-hop", guests=["<b>Khách</b>"]),
        ],
    )
    org.issue("2024-03", topics=["ho-chi-minh/nep-song"], number=3)
    org.mkdocs_yml()
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr
    return org


def html(org: Org, page: str) -> str:
    return (org.root / "site" / page).read_text(encoding="utf-8")


def test_every_page_of_the_contract_is_built(built: Org) -> None:
    for page in [
        "index.html",
        "chi-bo/a/index.html",
        "chi-bo/index.html",
        "tong-hop/index.html",
        "chuyen-de/index.html",
        "chuyen-de/ho-chi-minh/index.html",
        "chuyen-de/ho-chi-minh/nep-song/index.html",
        "ban-tin/index.html",
        "ban-tin/2024-03/index.html",
        "tong-hop/chi-bo.csv",
        "tong-hop/chi-bo.json",
    ]:
        assert (built.root / "site" / page).is_file(), page


def test_raw_yaml_and_data_folders_never_reach_the_site(built: Org) -> None:
    built.write("content/secrets.yml", "password: x\n")
    built.write("content/.DS_Store", b"\x00")
    built.write("content/index.md~", "backup")
    assert run(str(BIN / "bulletin"), "build", cwd=built.root).returncode == 0
    site = built.root / "site"
    assert not list(site.rglob("*.yml")) and not list(site.rglob("*.yaml"))
    assert not (site / "cells").exists() and not (site / "meetings").exists() and not (site / "bulletin").exists()
    assert not (site / ".DS_Store").exists() and not (site / "index.md~").exists()


# Files an office PC leaves in content/: none is the editors' page or asset.
NOT_THE_EDITORS = [
    "content/secrets.yml",
    "content/assets/secrets.yml",
    "content/.env",
    "content/assets/.htaccess",
    "content/.git/config",
    "content/.git/HEAD",
    "content/.DS_Store",
    "content/assets/Thumbs.db",
    "content/assets/desktop.ini",
    "content/~$bien-ban.docx",
    "content/assets/~$bien-ban.docx",
    "content/assets/.~lock.bien-ban.docx#",
    "content/index.md~",
    "content/index.md.bak",
    "content/index.md.orig",
    "content/.index.md.swp",
    "content/#index.md#",
    "content/index - Copy.md",
    "content/index - Bản sao.md",
    "content/index copy.md",
    "content/index (2).md",
    "content/assets/bien-ban - Copy.docx",
    "content/_nhap.md",
    "content/_rieng/ke-hoach.md",
    "content/assets/_nhap/so-do.png",
    "content/huong-dan.pdf",  # an attachment outside assets/
    "content/assets/script.sh",
    "content/assets/so-lieu.xlsx",
    "content/cells/ghi-chu.md",  # a page inside a data folder
]
THE_EDITORS = ["content/lich-su.md", "content/gioi-thieu/to-chuc.md", "content/assets/bien-ban.docx", "content/assets/so-do.png"]


@pytest.mark.parametrize("path", NOT_THE_EDITORS)
def test_files_that_are_not_the_editors_are_never_published(path: str) -> None:
    assert not is_published(path.removeprefix("content/"))


@pytest.mark.parametrize("path", THE_EDITORS)
def test_hand_written_pages_and_assets_are_published(path: str) -> None:
    assert is_published(path.removeprefix("content/"))


def test_a_real_build_publishes_only_the_editors_files(org: Org, tmp_path_factory: pytest.TempPathFactory) -> None:
    for path in [*NOT_THE_EDITORS, *THE_EDITORS]:
        if not path.startswith("content/cells/"):  # the loader refuses that one (tested in test_load)
            org.write(path, "# Trang\n" if path.endswith(".md") else b"x")
    outside = tmp_path_factory.mktemp("home") / "luong.pdf"
    outside.write_bytes(b"%PDF private")
    (org.root / "content/assets/luong.pdf").symlink_to(outside)  # a link out of content/
    org.mkdocs_yml()
    result = run(str(BIN / "bulletin"), "build", cwd=org.root)
    assert result.returncode == 0, result.stderr
    site = org.root / "site"

    def built_as(path: str) -> Path:
        rel = path.removeprefix("content/")
        return site / (rel[: -len(".md")] + "/index.html" if rel.endswith(".md") else rel)

    assert [p for p in THE_EDITORS if not built_as(p).is_file()] == []
    assert [p for p in NOT_THE_EDITORS if built_as(p).exists()] == []
    assert not (site / "assets/luong.pdf").exists()
    assert org.load().pages == ["gioi-thieu/to-chuc.md", "index.md", "lich-su.md"]


def test_markup_in_data_never_becomes_live_html(built: Org) -> None:
    for page_path in (built.root / "site").rglob("*.html"):
        assert live_markup(page_path.read_text(encoding="utf-8")) == [], page_path
    page = html(built, "chi-bo/b/index.html")
    assert "javascript:" not in page and "evil.example" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, shown as text
    assert "<strong>Đạt</strong>" in page  # Markdown in notes still renders
    assert "&lt;b&gt;Khách&lt;/b&gt;" in page


def test_cell_page_shows_profile_figures_reasons_and_meetings(built: Org) -> None:
    page = html(built, "chi-bo/b/index.html")
    assert "Cơ quan" in page and "Bí thư chi bộ" in page
    assert "Sinh hoạt thường kỳ tháng 1 muộn: ngày 20/01/2024" in page
    assert "Chưa sinh hoạt thường kỳ 10 tháng: tháng 3, 4, 5" in page
    assert '<a href="../../chuyen-de/ho-chi-minh/nep-song/">Nếp sống giản dị</a>' in page


def test_links_between_generated_pages_resolve(built: Org) -> None:
    import re

    site = built.root / "site"
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#:/][^"#:]*)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            if href.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"


def test_exports_cover_every_cell_and_year(built: Org) -> None:
    raw = (built.root / "site/tong-hop/chi-bo.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["cell"], r["year"]) for r in rows] == [("a", "2024"), ("b", "2024")]
    a = rows[0]
    assert (
        a["meetings"],
        a["regular_months"],
        a["thematic_quarters"],
        a["attendance_pct"],
        a["speakers_pct"],
        a["compliant"],
    ) == ("12", "12", "4", "100.0", "40.0", "true")
    assert "Chưa sinh hoạt thường kỳ 10 tháng: tháng 3, 4, 5" in rows[1]["reasons"]
    data = json.loads((built.root / "site/tong-hop/chi-bo.json").read_text(encoding="utf-8"))
    assert data[0] == {
        "cell": "a",
        "cell_name": "Chi bộ A",
        "kind": "co-quan",
        "parent": None,
        "year": 2024,
        "meetings": 12,
        "regular_months": 12,
        "months_due": 12,
        "thematic_quarters": 4,
        "quarters_due": 4,
        "meetings_not_due": 0,
        "regular_months_not_due": 0,
        "attendance_pct": 100.0,
        "speakers_pct": 40.0,
        "meetings_under_attendance": 0,
        "meetings_under_speakers": 0,
        "meetings_off_time": 0,
        "rule_sets": ["HD 12"],
        "compliant": True,
        "reasons": [],
        "score_avg": None,
        "score_band": None,
        "rating": None,
        "rating_flagged": False,
        "supervision_visits": None,
    }


def test_a_failed_build_keeps_the_previous_site_and_lists_every_error(built: Org) -> None:
    before = html(built, "chi-bo/a/index.html")
    built.meetings("a", 2024, [meeting("2024-01-05", presnt=3), meeting("2024-02-05", speakers=99)])
    built.cell("c", kind="sai")
    for command in ([str(BIN / "bulletin"), "build"], [str(BIN / "mkdocs"), "build"]):
        result = run(*command, cwd=built.root)
        assert result.returncode == 1
        # presnt: its own line; speakers > present: the `speakers:` line of the second meeting (line 8 + 5).
        for where in ("content/meetings/a/2024.yml:7:", "content/meetings/a/2024.yml:13:", "content/cells/c.yml:2:"):
            assert where in result.stderr
        assert "Traceback" not in result.stderr
        assert html(built, "chi-bo/a/index.html") == before


def test_a_strict_warning_after_the_site_was_cleaned_still_keeps_the_old_site(built: Org) -> None:
    before = html(built, "index.html")
    built.write("content/index.md", "# Trang chủ\n\n[hỏng](khong-co.md)\n")
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=built.root)
    assert result.returncode == 1
    assert html(built, "index.html") == before
    assert not [p for p in built.root.iterdir() if p.name.startswith(".site.")]


def test_validate_exit_codes(built: Org) -> None:
    ok = run(str(BIN / "bulletin"), "validate", cwd=built.root)
    assert ok.returncode == 0 and "Dữ liệu hợp lệ: 2 chi bộ, 14 cuộc sinh hoạt" in ok.stdout
    built.cell("c", members=-1)
    bad = run(str(BIN / "bulletin"), "validate", cwd=built.root)
    assert bad.returncode == 1 and "content/cells/c.yml:" in bad.stderr


def test_another_organisation_builds_with_f_and_paths_relative_to_its_config(built: Org, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    shutil.copytree(built.root, other / "other", ignore=shutil.ignore_patterns("site"))
    result = run(str(BIN / "mkdocs"), "build", "-f", "other/mkdocs.yml", cwd=other)
    assert result.returncode == 0, result.stderr
    assert (other / "other/site/chi-bo/a/index.html").is_file()


def test_export_writes_a_docs_folder_plain_mkdocs_can_build(built: Org, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    result = run(str(BIN / "bulletin"), "export", str(out), cwd=built.root)
    assert result.returncode == 0, result.stderr
    assert (out / "chi-bo/a.md").is_file() and (out / "index.md").is_file() and (out / "tong-hop/chi-bo.csv").is_file()
    assert not list(out.rglob("*.yml"))
    plain = tmp_path / "mkdocs.yml"
    plain.write_text(
        "site_name: x\ndocs_dir: docs\ntheme: {name: material, font: false}\nmarkdown_extensions: [attr_list, toc]\n"
    )
    result = run(str(BIN / "mkdocs"), "build", "-f", str(plain), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/chi-bo/a/index.html").is_file()


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_work_with_and_without_directory_urls(org: Org, use_directory_urls: bool) -> None:
    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml(f"use_directory_urls: {str(use_directory_urls).lower()}\n")
    assert run(str(BIN / "mkdocs"), "build", cwd=org.root).returncode == 0
    name = "chi-bo/a/index.html" if use_directory_urls else "chi-bo/a.html"
    target = "../../chuyen-de/ho-chi-minh/nep-song/" if use_directory_urls else "../chuyen-de/ho-chi-minh/nep-song.html"
    assert f'href="{target}"' in html(org, name)


def test_the_sample_site_builds_strict(tmp_path: Path) -> None:
    result = run(str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "site/chi-bo").glob("*/index.html"))) >= 40

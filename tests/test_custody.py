"""No command destroys what it did not create: output folders, the sample, exports, published releases.

Each refusal is checked with the data afterwards: every file of the project, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin import cli
from bulletin.data.custody import SITE_MARK, Guarded, UnsafeOutput, check_output, is_our_site
from bulletin.deploy.releases import PublishError, Releases, publish
from bulletin.mkdocs.building import swap
from crafted import ROOT, Org, meeting


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) and its digest."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".bulletin.lock" not in p.name and ".cache" not in p.parts
    }


@pytest.fixture
def project(org: Org) -> Org:
    org.mkdocs_yml()
    org.meetings("a", 2024, [meeting("2024-01-05")])
    org.write(".git/config", "[core]\n")
    return org


def build(org: Org, out: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["-f", str(org.root / "mkdocs.yml"), "build", "-d", str(out)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("content", "đó chính là thư mục dữ liệu"),
        ("topics", "đó chính là thư mục dữ liệu"),
        ("content/meetings", "nằm trong thư mục dữ liệu"),
        ("content/meetings/a", "nằm trong thư mục dữ liệu"),
        ("content/new-site", "nằm trong thư mục dữ liệu"),
        ("topics/ho-chi-minh", "nằm trong thư mục dữ liệu"),
        (".", "chứa thư mục dữ liệu"),
        ("..", "chứa thư mục dữ liệu"),
        ("/", "chứa thư mục dữ liệu"),
        (".git", "đó chính là thư mục dữ liệu"),
        ("content/../content", "đó chính là thư mục dữ liệu"),
    ],
)
def test_build_refuses_the_data_the_project_and_their_parents(
    project: Org, capsys: pytest.CaptureFixture[str], out: str, why: str
) -> None:
    before = snapshot(project.root)
    target = out if out == "/" else project.root / out
    code, err = build(project, target, capsys)
    assert code == 1
    assert why in err and "Không dùng" in err and "Traceback" not in err
    assert snapshot(project.root) == before


def test_build_refuses_a_symlink_to_the_data_naming_where_it_leads(project: Org, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / "link").symlink_to(project.root / "content")
    before = snapshot(project.root)
    code, err = build(project, project.root / "link", capsys)
    assert code == 1 and "thực chất là" in err and "thư mục dữ liệu" in err
    assert snapshot(project.root) == before and (project.root / "link").is_symlink()


def test_build_refuses_a_folder_it_did_not_build(
    project: Org, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("home")
    (elsewhere / "thesis.docx").write_bytes(b"years of work")
    (elsewhere / "photos").mkdir()
    (elsewhere / "photos/a.jpg").write_bytes(b"\xff\xd8")
    before = snapshot(elsewhere)
    code, err = build(project, elsewhere, capsys)
    assert code == 1 and "không phải do bulletin tạo ra" in err and "thesis.docx" in err
    assert snapshot(elsewhere) == before


def test_build_refuses_a_published_release_and_the_symlink_to_it(
    project: Org, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    srv = tmp_path_factory.mktemp("srv")
    target = srv / "site"
    publish(target, lambda out: (out.mkdir(), (out / "index.html").write_text("<html><head></head></html>")))
    before = snapshot(srv)
    for out in (target, Releases.of(target).folder, Releases.of(target).folder / Releases.of(target).names()[0]):
        code, err = build(project, out, capsys)
        assert code == 1 and "bản đã xuất bản" in err, out
    code, err = build(project, srv, capsys)
    assert code == 1 and "không phải do bulletin tạo ra" in err
    assert snapshot(srv) == before and target.is_symlink()


def test_a_file_is_not_an_output_folder(project: Org, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = build(project, project.root / "content/index.md", capsys)
    assert code == 1 and "là một tệp" in err


def test_plain_mkdocs_is_stopped_by_the_plugin_before_it_empties_anything(project: Org) -> None:
    """MkDocs' own guard only compares site_dir with docs_dir: `-d topics` would empty the outlines."""
    before = snapshot(project.root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for out, said in (("topics", "Không dùng"), ("topics/ho-chi-minh", "Không dùng"), (".", "docs_dir")):  # ".": MkDocs' floor
        result = subprocess.run(
            [str(ROOT / ".venv/bin/mkdocs"), "build", "-d", out], cwd=project.root, capture_output=True, text=True, env=env
        )
        assert result.returncode != 0
        assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert snapshot(project.root) == before


def test_what_a_build_left_may_be_replaced_and_nothing_else(tmp_path: Path) -> None:
    guarded = Guarded.of(tmp_path / "project", tmp_path / "project/content")
    site = tmp_path / "site"
    site.mkdir()
    check_output(site, guarded)  # empty
    check_output(tmp_path / "new", guarded)  # not there yet
    (site / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutput, match=r"notes\.txt"):
        check_output(site, guarded)
    (site / SITE_MARK).write_text("bulletin\n")
    assert is_our_site(site)
    check_output(site, guarded)
    for foreign in (".git", "mkdocs.yml", "content"):
        (site / foreign).mkdir()
        assert not is_our_site(site)
        with pytest.raises(UnsafeOutput):
            check_output(site, guarded)
        (site / foreign).rmdir()
    legacy = tmp_path / "old-site"  # built before the mark existed
    (legacy / "assets/bulletin").mkdir(parents=True)
    (legacy / "index.html").write_text("<html></html>")
    check_output(legacy, guarded)


def test_the_swap_checks_again_just_before_it_deletes(tmp_path: Path) -> None:
    guarded = Guarded.of(tmp_path / "p", tmp_path / "p/content")
    final, staging = tmp_path / "site", tmp_path / ".site.building-1"
    final.mkdir()
    (final / SITE_MARK).write_text("bulletin\n")
    staging.mkdir()
    (final / "someone-else.xlsx").write_bytes(b"x")
    (final / SITE_MARK).unlink()  # during the build, the folder stopped being ours
    with pytest.raises(UnsafeOutput):
        swap(staging, final, guarded)
    assert (final / "someone-else.xlsx").read_bytes() == b"x" and not staging.exists()


SEGMENTS = st.sampled_from(["content", "topics", "meetings", "a", "..", ".", "site", ".git", "link"])


@settings(max_examples=300, deadline=None)
@given(st.lists(SEGMENTS, min_size=0, max_size=5))
def test_no_path_that_reaches_the_data_is_ever_accepted(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    base = tmp_path_factory.getbasetemp() / "hyp"
    root = base / "org"
    if not root.exists():
        (root / "content/meetings/a").mkdir(parents=True)
        (root / "topics").mkdir()
        (root / ".git").mkdir()
        (root / "link").symlink_to(root / "content")
    guarded = Guarded.of(root, root / "content", root / "topics")
    out = root.joinpath(*parts) if parts else root
    real = Path(os.path.realpath(out))
    touches = [d for d in guarded.data if real == d or d.is_relative_to(real) or real.is_relative_to(d)]
    if touches or root.is_relative_to(real):
        with pytest.raises(UnsafeOutput):
            check_output(out, guarded)


# -- export ------------------------------------------------------------------


def export(org: Org, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = cli.main(["-f", str(org.root / "mkdocs.yml"), "export", str(out), *extra])
    return code, capsys.readouterr().err


def test_export_force_only_overwrites_an_earlier_export(
    project: Org, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project.root)
    for out in (project.root / "content", project.root, project.root / "topics"):
        code, err = export(project, out, capsys, "--force")
        assert code == 1 and "thư mục dữ liệu" in err
    assert snapshot(project.root) == before
    stranger = tmp_path_factory.mktemp("docs")
    (stranger / "index.md").write_text("# Someone's docs\n")
    code, err = export(project, stranger, capsys, "--force")
    assert code == 1 and "không phải do bulletin tạo ra" in err
    assert (stranger / "index.md").read_text() == "# Someone's docs\n"
    out = tmp_path_factory.mktemp("export") / "out"
    assert export(project, out, capsys)[0] == 0
    code, err = export(project, out, capsys)
    assert code == 1 and "--force" in err
    assert export(project, out, capsys, "--force")[0] == 0


# -- publish -----------------------------------------------------------------


def fake_site(out: Path) -> None:
    (out / "assets/bulletin").mkdir(parents=True)
    (out / "index.html").write_text("<html><head></head><body>x</body></html>")


@pytest.mark.parametrize(
    "stranger",
    [
        {"index.html": "<p>another app</p>"},  # a home page but not our assets
        {"notes.txt": "x", "photos/a.jpg": "y"},
        {"index.html": "x", "assets/bulletin/b.css": "x", ".git/config": "x"},  # ours-looking, inside a repository
        {"mkdocs.yml": "site_name: x", "content/index.md": "# x"},  # a project
    ],
)
def test_publish_adopts_only_a_site_this_tool_built(tmp_path: Path, stranger: dict[str, str]) -> None:
    target = tmp_path / "site"
    for rel, text in stranger.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text)
    before = snapshot(target)
    with pytest.raises(PublishError, match="không phải trang do bulletin tạo ra"):
        publish(target, fake_site)
    assert not target.is_symlink() and snapshot(target) == before
    assert Releases.of(target).names() == []


def test_publish_takes_an_empty_folder_and_an_old_site_and_prunes_only_its_own(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    publish(empty, fake_site)
    assert empty.is_symlink() and len(Releases.of(empty).names()) == 1
    target = tmp_path / "site"
    fake_site(target)  # an old `bulletin build` site
    publish(target, fake_site)
    releases = Releases.of(target)
    # Someone parks a folder named like a release in the releases folder: it is not ours to prune.
    parked = releases.folder / "20000101-000000"
    parked.mkdir()
    (parked / "keep.txt").write_text("mine")
    for _ in range(4):
        publish(target, fake_site, keep=1)
    assert (parked / "keep.txt").read_text() == "mine"
    assert len([n for n in releases.names() if n != "20000101-000000"]) == 2


def test_publish_refuses_a_target_in_the_data(project: Org) -> None:
    before = snapshot(project.root)
    with pytest.raises(PublishError, match="thư mục dữ liệu"):
        publish(project.root / "content", fake_site, guarded=Guarded.of(project.root, project.root / "content"))
    assert snapshot(project.root) == before


# -- sample ------------------------------------------------------------------


@pytest.fixture
def sample_project(project: Org) -> Org:
    (project.root / "content/cells/a.yml").unlink()
    shutil.rmtree(project.root / "content/meetings")
    return project


def sample(org: Org, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = cli.main(["-f", str(org.root / "mkdocs.yml"), "sample", "--until", "2024-12-31", *extra])
    out, err = capsys.readouterr()
    return code, out + err


def test_sample_writes_into_empty_folders_and_refuses_real_data(project: Org, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project.root)  # a real organisation: cell a and its meetings
    for extra in ((), ("--force",)):
        code, output = sample(project, capsys, *extra)
        assert code == 1 and "Không ghi dữ liệu mẫu" in output and "content/cells/a.yml" in output
        assert snapshot(project.root) == before


def test_sample_force_replaces_only_its_own_untouched_files(sample_project: Org, capsys: pytest.CaptureFixture[str]) -> None:
    org = sample_project
    assert sample(org, capsys)[0] == 0
    written = snapshot(org.root / "content")
    code, output = sample(org, capsys)
    assert code == 1 and "--force" in output  # not without being told
    assert sample(org, capsys, "--force")[0] == 0
    assert snapshot(org.root / "content") == written  # deterministic
    # Anything it did not write, or that was changed since, stops it: nothing is deleted.
    year_file = next((org.root / "content/meetings").rglob("2024.yml"))
    for change in (
        lambda: (org.root / "content/cells/that-cua-toi.yml").write_text("name: Thật\n"),  # a real cell added
        lambda: year_file.write_text(year_file.read_text() + "- date: 2024-12-30\n"),  # a meeting appended (import)
        lambda: year_file.write_text(year_file.read_text().replace("members: ", "members:  ", 1)),  # an edit by hand
        lambda: (org.root / "content/meetings/ghi-chu.txt").write_text("x"),
    ):
        change()
        changed = snapshot(org.root / "content")
        code, output = sample(org, capsys, "--force")
        assert code == 1 and "không phải do `bulletin sample` tạo ra" in output and "Traceback" not in output
        assert snapshot(org.root / "content") == changed
        for folder in ("cells", "meetings", "ratings"):  # the sample's committee and ratings are its own files too
            shutil.rmtree(org.root / "content" / folder)
        (org.root / "content/committee.yml").unlink()
        assert sample(org, capsys)[0] == 0


@pytest.mark.parametrize("change", ["committee.yml", "ratings/2025.yml"])
def test_sample_never_replaces_a_committee_or_ratings_it_did_not_write(
    sample_project: Org, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """The committee and the year's ratings are an organisation's own records: `sample --force`
    replaces them only as the sample wrote them."""
    org = sample_project
    assert sample(org, capsys)[0] == 0
    target = org.root / "content" / change
    target.write_text(target.read_text(encoding="utf-8").replace("\n", "\n# sửa tay\n", 1), encoding="utf-8")
    changed = snapshot(org.root / "content")
    code, output = sample(org, capsys, "--force")
    assert code == 1 and f"content/{change}" in output
    assert snapshot(org.root / "content") == changed

"""Atomic releases without MkDocs: what `bulletin publish` and `bulletin rollback` promise readers."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bulletin.data.custody import mark
from bulletin.deploy.releases import BrokenRelease, PublishError, Releases, publish, rollback
from bulletin.deploy.sitecheck import check_site

PAGE = (
    '<!doctype html><html><head><title>{title}</title><link rel="stylesheet" href="assets/bulletin/b.css"></head>'
    "<body>{body}</body></html>"
)


def fake_site(out: Path, title: str = "v1", body: str = '<a href="a/">A</a> <a href="https://example.org/">x</a>') -> None:
    """A small built site, as MkDocs would leave it."""
    (out / "a").mkdir(parents=True)
    (out / "assets/bulletin").mkdir(parents=True)
    (out / "index.html").write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    (out / "a/index.html").write_text(PAGE.format(title=title, body='<a href="../">home</a>').replace('"assets', '"../assets'))
    (out / "assets/bulletin/b.css").write_text("body{}\n")


def tree(folder: Path) -> dict[str, str]:
    """Every file of a folder and its digest: to compare a release before and after."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def served(target: Path) -> str:
    return json.loads((target / "release.json").read_text())["release"]


def test_publish_makes_target_a_symlink_to_a_complete_stamped_release(tmp_path: Path) -> None:
    target = tmp_path / "site"
    name = publish(target, fake_site)
    assert target.is_symlink() and served(target) == name
    assert os.readlink(target) == f"site.releases/{name}"  # relative: the tree can move
    assert f'<meta name="bulletin-release" content="{name}">' in (target / "index.html").read_text()
    assert f'<meta name="bulletin-release" content="{name}">' in (target / "a/index.html").read_text()
    assert (target / "assets/bulletin/b.css").read_text().endswith(f"/* bulletin-release: {name} */\n")


def test_a_new_release_replaces_the_old_and_the_old_is_kept_for_rollback(tmp_path: Path) -> None:
    target = tmp_path / "site"
    first = publish(target, fake_site)
    second = publish(target, lambda out: fake_site(out, title="v2"))
    assert second > first and served(target) == second and "v2" in (target / "index.html").read_text()
    assert Releases.of(target).names() == [first, second]
    assert rollback(target) == first
    assert served(target) == first and "v1" in (target / "index.html").read_text()
    assert rollback(target, to=second) == second and served(target) == second


def test_only_the_current_and_keep_previous_releases_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "site"
    names = [publish(target, fake_site, keep=2) for _ in range(4)]
    assert Releases.of(target).names() == names[1:]
    publish(target, fake_site, keep=0)
    assert len(Releases.of(target).names()) == 1


def test_a_failing_build_leaves_the_served_release_untouched(tmp_path: Path) -> None:
    target = tmp_path / "site"
    publish(target, fake_site)
    before = tree(target)

    def fails(out: Path) -> None:
        fake_site(out, title="half")
        raise RuntimeError("the build broke half-way")

    with pytest.raises(RuntimeError):
        publish(target, fails)
    assert tree(target) == before
    assert not [p for p in Releases.of(target).folder.iterdir() if p.name.startswith(".building-")]


def test_a_release_with_a_broken_link_is_refused_and_each_broken_link_named(tmp_path: Path) -> None:
    target = tmp_path / "site"
    publish(target, fake_site)
    before = tree(target)
    with pytest.raises(BrokenRelease) as e:
        publish(target, lambda out: fake_site(out, body='<a href="khong-co/">x</a><img src="anh.png">'))
    assert "index.html: liên kết tới 'khong-co/'" in str(e.value)
    assert "index.html: liên kết tới 'anh.png'" in str(e.value)
    assert tree(target) == before and len(Releases.of(target).names()) == 1


KILLED_PUBLISH = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from bulletin.deploy.releases import publish

    def slow(out):
        out.mkdir(parents=True)
        for i in range(10_000):
            (out / f"p{i}.html").write_text("<html><head></head><body>half</body></html>")
            if i == 50:
                Path(sys.argv[2]).write_text("building")  # tell the test we are mid-way
            time.sleep(0.01)

    publish(sys.argv[1], slow)
    """
)


def test_a_publish_killed_mid_build_leaves_the_previous_release_whole(tmp_path: Path) -> None:
    target, ready = tmp_path / "site", tmp_path / "ready"
    first = publish(target, fake_site)
    before = tree(target)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_PUBLISH, str(target), str(ready)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert ready.exists(), "the publish never started building"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert served(target) == first and tree(target) == before
    # The next publish clears the killed one's leftovers and goes ahead.
    second = publish(target, fake_site)
    assert served(target) == second
    assert not [p for p in Releases.of(target).folder.iterdir() if p.name.startswith(".building-")]


def test_two_publishes_at_once_are_refused_not_interleaved(tmp_path: Path) -> None:
    target = tmp_path / "site"

    def nested(out: Path) -> None:
        fake_site(out)
        publish(target, fake_site)  # a second publish while the first holds the lock

    with pytest.raises(PublishError, match="Đang có một lần xuất bản khác"):
        publish(target, nested)
    assert not target.exists()


@pytest.mark.parametrize("kind", ["missing", "folder", "data"])
def test_rollback_of_what_was_never_published_creates_nothing(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "content"
    if kind != "missing":
        target.mkdir()
        (target / "organization.yml").write_text("name: x\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(PublishError, match="chưa được xuất bản"):
        rollback(target)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_rollback_needs_an_earlier_release(tmp_path: Path) -> None:
    target = tmp_path / "site"
    publish(target, fake_site)
    with pytest.raises(PublishError, match="Không còn bản xuất bản nào trước"):
        rollback(target)
    with pytest.raises(PublishError, match=r"Không có bản xuất bản '\.\./x'"):
        rollback(target, to="../x")


def test_a_plain_site_folder_from_before_is_kept_as_the_oldest_release(tmp_path: Path) -> None:
    target = tmp_path / "site"
    fake_site(target, title="built by bulletin build")
    mark(target)  # as `bulletin build` leaves it: its manifest lists every file
    publish(target, lambda out: fake_site(out, title="v2"))
    assert target.is_symlink()
    old = Releases.of(target).names()[0]
    rollback(target, to=old)
    assert "built by bulletin build" in (target / "index.html").read_text()


def test_check_site_finds_every_kind_of_dangling_reference(tmp_path: Path) -> None:
    site = tmp_path / "s"
    fake_site(site, body='<a href="a/#x">ok</a><a href="#top">ok</a><a href="mailto:x@y">ok</a><a href="a">dir ok</a>')
    assert check_site(site) == []
    (site / "b").mkdir()
    (site / "index.html").write_text(
        '<html><head><script src="assets/x.js"></script></head><body><a href="../../etc/passwd">out</a>'
        '<a href="b/">no index</a><a href="/a/">absolute ok</a><a href="/khong/">absolute missing</a></body></html>'
    )
    (site / "search").mkdir()
    (site / "search/search_index.json").write_text(json.dumps({"docs": [{"location": "a/"}, {"location": "mat/#h"}]}))
    (site / "sitemap.xml").write_text(
        "<urlset><url><loc>https://intranet/bt/a/</loc></url><url><loc>https://intranet/bt/c/</loc></url></urlset>"
    )
    problems = check_site(site, base_path="/bt/")
    assert problems == [
        "index.html: liên kết tới '../../etc/passwd' không có trong bản xuất bản",
        "index.html: liên kết tới '/a/' không có trong bản xuất bản",  # outside /bt/, where the site lives
        "index.html: liên kết tới '/khong/' không có trong bản xuất bản",
        "index.html: liên kết tới 'assets/x.js' không có trong bản xuất bản",
        "index.html: liên kết tới 'b/' không có trong bản xuất bản",
        "search/search_index.json: trang 'mat/' không có trong bản xuất bản",
        "sitemap.xml: trang 'https://intranet/bt/c/' không có trong bản xuất bản",
    ]

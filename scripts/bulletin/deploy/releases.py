"""Releases: every publish is a complete, checked folder; readers see one through a symlink.

    TARGET                 -> TARGET.releases/20261123-101500   (a symlink: what the web server serves)
    TARGET.releases/
        20261120-080000/   the previous releases, kept for `bulletin rollback`
        20261123-101500/   the current one
        .building-…/       a build in progress (removed by the next publish if it was killed)
        .lock              one publish or rollback at a time

A new release is built and checked beside the others; readers move to it in one
step, `os.replace` of a symlink (rename(2), atomic on Linux): a request is served
wholly from the old release or wholly from the new one, and a build that fails or
is killed never changes what TARGET shows.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bulletin.data.custody import Guarded, UnsafeOutput, check_output, is_empty, is_our_site, mark
from bulletin.data.durable import fsync_dir as _fsync_dir
from bulletin.deploy.sitecheck import check_site

BUILDING = ".building-"
STAMP = "bulletin-release"  # <meta name="bulletin-release" content="<id>"> in every page
_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.I)
_NAME = re.compile(r"^\d{8}-\d{6}(-\d+)?$")


class PublishError(Exception):
    """A publish or rollback that could not go ahead; TARGET is unchanged."""


class BrokenRelease(PublishError):
    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … và {len(problems) - 50} lỗi khác" if len(problems) > 50 else ""
        super().__init__(f"Bản xây dựng có {len(problems)} lỗi liên kết, không xuất bản:\n{shown}{more}")
        self.problems = problems


@dataclass(frozen=True)
class Releases:
    target: Path  # absolute; a symlink once published (never resolved: readers go through it)

    @classmethod
    def of(cls, target: str | Path) -> Releases:
        path = Path(target)
        return cls(Path(os.path.abspath(path)))

    @property
    def folder(self) -> Path:
        return self.target.with_name(self.target.name + ".releases")

    def names(self) -> list[str]:
        """Every complete release, oldest first (names sort by time); a folder someone else put here is none."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_dir() and _NAME.match(p.name) and is_our_site(p))

    def current(self) -> str | None:
        if not self.target.is_symlink():
            return None
        real = self.target.resolve()
        return real.name if real.parent == self.folder.resolve() else None

    def previous(self) -> str | None:
        current = self.current()
        older = [n for n in self.names() if current is None or n < current]
        return older[-1] if older else None

    def new_name(self, now: dt.datetime | None = None) -> str:
        base = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
        taken = set(self.names()) | {p.name[len(BUILDING) :] for p in self._building()}
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        return name

    def _building(self) -> list[Path]:
        return [p for p in self.folder.iterdir() if p.name.startswith(BUILDING)] if self.folder.is_dir() else []

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One publish or rollback at a time; the lock dies with its process, even under SIGKILL."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PublishError(f"Đang có một lần xuất bản khác vào {self.target}; hãy đợi nó xong.") from None
            yield

    def clean_stale(self) -> list[str]:
        """Remove builds left by a killed publish (only call while holding the lock)."""
        stale = self._building()
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
        return [p.name for p in stale]

    def activate(self, name: str) -> None:
        """Point TARGET at a release in one atomic step."""
        release = self.folder / name
        if not release.is_dir():
            raise PublishError(f"Không có bản xuất bản '{name}' trong {self.folder}")
        if self.target.exists() and not self.target.is_symlink():
            self.check_adoptable()
            if is_empty(self.target):
                self.target.rmdir()
            else:
                self._adopt_folder(before=name)
        link = self.target.with_name(f".{self.target.name}.swap-{os.getpid()}")
        link.unlink(missing_ok=True)
        # Relative, so the whole tree can be moved or mounted elsewhere.
        link.symlink_to(os.path.relpath(release, self.target.parent))
        os.replace(link, self.target)
        _fsync_dir(self.target.parent)

    def check_adoptable(self) -> None:
        """TARGET, if a plain folder, must be empty or a site this tool built: it becomes a release, pruned one day."""
        if self.target.is_symlink() or not self.target.exists():
            return
        if not self.target.is_dir():
            raise PublishError(f"{self.target} là một tệp, không phải thư mục trang; hãy chọn đường dẫn khác.")
        if not (is_empty(self.target) or is_our_site(self.target)):
            sample = ", ".join(sorted(p.name for p in self.target.iterdir())[:5])
            raise PublishError(
                f"Không xuất bản vào {self.target}: thư mục này không phải trang do bulletin tạo ra ({sample}), "
                "nên không được nhận làm bản cũ (rồi có ngày bị xóa). Hãy chọn một đường dẫn mới hoặc một thư mục trống."
            )

    def _adopt_folder(self, before: str) -> None:
        """A plain site folder from before releases: keep it as a release older than `before`.

        The only moment TARGET is missing is between this rename and the symlink's,
        once, on the first publish."""
        if not self.target.is_dir():
            raise PublishError(f"{self.target} là một tệp, không phải thư mục trang; hãy chọn đường dẫn khác.")
        mtime = dt.datetime.fromtimestamp(self.target.stat().st_mtime, dt.UTC)
        newest = dt.datetime.strptime(before[:15], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC) - dt.timedelta(seconds=1)
        name = self.new_name(min(mtime, newest))
        mark(self.target)  # recognised already (check_adoptable); now ours to prune, whatever its age
        self.target.rename(self.folder / name)

    def prune(self, keep: int) -> list[str]:
        """Delete all but the current release and the `keep` newest others."""
        current = self.current()
        others = [n for n in self.names() if n != current]
        doomed = others[: max(0, len(others) - keep)]
        for name in doomed:
            if is_our_site(self.folder / name):  # names() says so; checked again right before deleting
                shutil.rmtree(self.folder / name, ignore_errors=True)
        return doomed


def stamp(folder: Path, name: str) -> None:
    """Mark every page and the package's own assets with the release, and write release.json.

    Support staff (and the deploy test) can then tell which release a page came from."""
    meta = f'<meta name="{STAMP}" content="{name}">'.encode()
    for page in folder.rglob("*.html"):
        html = page.read_bytes()
        m = _HEAD.search(html)
        if m:
            page.write_bytes(html[: m.end()] + meta + html[m.end() :])
    for asset in (folder / "assets" / "bulletin").glob("*"):
        if asset.suffix in (".css", ".js"):
            with asset.open("a", encoding="utf-8") as f:
                f.write(f"\n/* {STAMP}: {name} */\n")
    published = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (folder / "release.json").write_text(json.dumps({"release": name, "published": published}) + "\n", encoding="utf-8")


def publish(
    target: str | Path, build: Callable[[Path], None], keep: int = 3, base_path: str = "/", guarded: Guarded | None = None
) -> str:
    """Build a new release with `build(folder)`, check it, and only then make TARGET show it.

    Returns the new release's name. Any failure (an exception, a broken link, a kill)
    leaves TARGET showing the release it showed before. TARGET may not be, contain or
    lie inside `guarded` (the project's data), and a plain folder there must be empty
    or a site this tool built."""
    releases = Releases.of(target)
    if guarded is not None:
        try:
            for path in (releases.target, releases.folder):
                check_output(path, guarded, releases_allowed=True, contents=False)
        except UnsafeOutput as e:
            raise PublishError(str(e)) from None
    releases.check_adoptable()  # before building: say so now, not after minutes of work
    with releases.lock():
        releases.clean_stale()
        name = releases.new_name()
        staging = releases.folder / f"{BUILDING}{name}"
        try:
            build(staging)
            stamp(staging, name)
            problems = check_site(staging, base_path)
            if problems:
                raise BrokenRelease(problems)
            staging.rename(releases.folder / name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        releases.activate(name)
        releases.prune(keep)
    return name


def rollback(target: str | Path, to: str | None = None) -> str:
    """Show the release before the current one (or `to`) again; returns its name."""
    releases = Releases.of(target)
    with releases.lock():
        if to is not None and to not in releases.names():
            raise PublishError(f"Không có bản xuất bản '{to}'; các bản đang giữ: {', '.join(releases.names()) or 'không có'}")
        name = to or releases.previous()
        if name is None:
            raise PublishError(f"Không còn bản xuất bản nào trước bản hiện tại của {releases.target}")
        releases.activate(name)
    return name

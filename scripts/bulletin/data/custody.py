"""Never destroy what this tool did not create: which folders a command may empty, swap or prune.

A command that replaces a folder (`bulletin build`'s swap, `publish`'s adoption and
pruning, `export --force`, MkDocs emptying site_dir) first asks `check_output`:
the folder must be new, empty, or recognisably something this tool wrote, and it
must not be, contain or lie inside the organisation's data. Symlinks are resolved
first, so `-d` a link to the data or to a published release is seen for what it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SITE_MARK = ".bulletin-site"  # written into every site a build of this tool finishes
EXPORT_MARK = ".bulletin-export"  # written into every folder `bulletin export` fills
RELEASES_SUFFIX = ".releases"  # TARGET.releases/ of `bulletin publish`
# Never inside a site we built: a folder holding one of these is someone's project, not our output.
FOREIGN = frozenset({".git", ".hg", ".svn", "mkdocs.yml", "content", "topics", "cells", "meetings", "docs"})


class UnsafeOutput(Exception):
    """The folder given may hold something this tool did not create; nothing was touched."""


@dataclass(frozen=True)
class Guarded:
    """Folders no output may be, contain or lie inside (data), and folders no output may be or contain (root)."""

    data: tuple[Path, ...]  # content/, topics/, docs_dir, the project's .git and cache
    root: Path | None = None  # the folder of mkdocs.yml: an output may live inside it (site/), not be it

    @classmethod
    def of(cls, root: Path, *data: Path) -> Guarded:
        root = root.resolve()
        return cls(tuple(_real(p) for p in (*data, root / ".git")), root)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def is_our_site(folder: Path) -> bool:
    """A site a build of this tool wrote: its mark, a release's stamp, or (sites built before the mark)
    a home page beside the package's own assets; and nothing a project or a data folder would hold."""
    if not folder.is_dir():
        return False
    names = {p.name for p in folder.iterdir()}
    if names & FOREIGN:
        return False
    built_before = "index.html" in names and (folder / "assets" / "bulletin").is_dir()
    return SITE_MARK in names or "release.json" in names or built_before


def is_our_export(folder: Path) -> bool:
    return folder.is_dir() and (folder / EXPORT_MARK).is_file() and not ({p.name for p in folder.iterdir()} & FOREIGN)


def is_empty(folder: Path) -> bool:
    return folder.is_dir() and not any(folder.iterdir())


def _shown(given: Path, real: Path) -> str:
    return str(given) if _real(given) == Path(os.path.abspath(given)) else f"{given} (thực chất là {real})"


def _release_of(real: Path) -> Path | None:
    """The published release (or the folder of releases) `real` is, or lies inside."""
    for p in (real, *real.parents):
        if p.name.endswith(RELEASES_SUFFIX) or p.parent.name.endswith(RELEASES_SUFFIX):
            return p
    return None


def check_output(
    out: Path,
    guarded: Guarded,
    recognised: Iterable[str] = ("site",),
    releases_allowed: bool = False,
    contents: bool = True,
) -> None:
    """Raise UnsafeOutput unless `out` may be emptied or replaced by a command of this tool.

    `recognised` names what the folder may already hold: "site" (a site we built),
    "export" (a folder `bulletin export` filled). `releases_allowed`: for `publish`, whose
    own releases folder is its business. `contents` False: only where the folder is matters
    (publish judges what is in its own folders itself).
    """
    real = _real(out)
    shown = _shown(out, real)
    refuse = f"Không dùng {shown} làm thư mục kết quả"
    if real.exists() and not real.is_dir():
        raise UnsafeOutput(f"{refuse}: đó là một tệp, không phải thư mục.")
    for data in guarded.data:
        if real == data:
            raise UnsafeOutput(f"{refuse}: đó chính là thư mục dữ liệu {data}; xây dựng vào đó sẽ xóa dữ liệu.")
        if data.is_relative_to(real):
            raise UnsafeOutput(f"{refuse}: thư mục này chứa thư mục dữ liệu {data}; xây dựng vào đó sẽ xóa dữ liệu.")
        if real.is_relative_to(data):
            raise UnsafeOutput(f"{refuse}: thư mục này nằm trong thư mục dữ liệu {data}.")
    if guarded.root is not None and guarded.root.is_relative_to(real):
        what = "chính là" if guarded.root == real else "chứa"
        raise UnsafeOutput(f"{refuse}: thư mục này {what} thư mục dự án {guarded.root} (nơi có mkdocs.yml).")
    # A new folder there is `publish` building its next release (MkDocs has not made it yet).
    occupied = real.exists() and not is_empty(real)
    release = None if releases_allowed or not occupied else _release_of(real)
    if release is not None:
        raise UnsafeOutput(
            f"{refuse}: đó là (hoặc nằm trong) bản đã xuất bản {release}; "
            "chỉ `bulletin publish` và `bulletin rollback` được thay đổi các bản xuất bản."
        )
    if not contents or not real.exists() or is_empty(real):
        return
    kinds = set(recognised)
    if ("site" in kinds and is_our_site(real)) or ("export" in kinds and is_our_export(real)):
        return
    sample = sorted(p.name for p in real.iterdir())[:5]
    raise UnsafeOutput(
        f"{refuse}: thư mục đã có nội dung không phải do bulletin tạo ra ({', '.join(sample)}"
        f"{', …' if len(list(real.iterdir())) > 5 else ''}). Hãy chọn một thư mục trống hoặc chưa có; "
        "nếu chắc chắn không cần nội dung cũ, tự xóa thư mục đó trước."
    )


def mark(folder: Path, name: str = SITE_MARK) -> None:
    """Say this folder was written by this tool, so a later command may replace it."""
    (folder / name).write_text("bulletin\n", encoding="utf-8")

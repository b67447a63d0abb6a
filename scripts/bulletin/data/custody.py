"""Never destroy what this tool did not create: which folders a command may empty, swap or prune.

A command that replaces a folder (`bulletin build`'s swap, `publish`'s adoption and
pruning, `export --force`, MkDocs emptying site_dir) first asks `check_output`:
the folder must be new, empty, or something this tool wrote, and it
must not be, contain or lie inside the organisation's data. "Something this tool
wrote" is proved by the mark's manifest (every file the tool wrote there): a mark
alone is not proof, and a file beyond the manifest (a user's notes dropped into
site/) makes the folder no longer ours to delete. Symlinks are resolved
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


MANIFEST_HEADER = "bulletin"
SHOWN = 5  # foreign files named in a refusal


def files_in(folder: Path) -> list[str]:
    """Every file (and symlink) under `folder`, as relative POSIX paths; links are not followed."""
    found = []
    for top, dirs, files in os.walk(folder):
        rel = Path(top).relative_to(folder)
        found += [(rel / f).as_posix() for f in files]
        found += [(rel / d).as_posix() for d in dirs if os.path.islink(os.path.join(top, d))]
    return sorted(found)


def strangers(folder: Path, name: str = SITE_MARK) -> list[str] | None:
    """The files of `folder` its mark `name` does not list; None when there is no mark with a manifest."""
    try:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 2 or lines[0] != MANIFEST_HEADER:  # a bare mark (older versions): not proof
        return None
    listed = set(lines[1:]) | {name}
    return [f for f in files_in(folder) if f not in listed]


def _ours(folder: Path, name: str) -> bool:
    if not folder.is_dir() or {p.name for p in folder.iterdir()} & FOREIGN:
        return False
    return strangers(folder, name) == []


def is_our_site(folder: Path) -> bool:
    """A site a build of this tool wrote: its mark lists every file in it, and nothing in it is what
    a project or a data folder would hold."""
    return _ours(folder, SITE_MARK)


def is_our_export(folder: Path) -> bool:
    return _ours(folder, EXPORT_MARK)


def foreign_note(folder: Path, name: str = SITE_MARK) -> str:
    """Which files of `folder` this tool did not write (up to SHOWN), for a refusal."""
    found = strangers(folder, name)
    if found is None:
        found = sorted(p.name for p in folder.iterdir())
    more = f", … (tổng cộng {len(found)} tệp)" if len(found) > SHOWN else ""
    return ", ".join(found[:SHOWN]) + more


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
    mark_name = EXPORT_MARK if "export" in kinds and (real / EXPORT_MARK).exists() else SITE_MARK
    raise UnsafeOutput(
        f"{refuse}: thư mục có nội dung không phải do bulletin tạo ra ({foreign_note(real, mark_name)}). "
        "Hãy chọn một thư mục trống hoặc chưa có; nếu chắc chắn không cần nội dung cũ, "
        "tự chuyển các tệp đó đi hoặc tự xóa thư mục trước."
    )


def mark(folder: Path, name: str = SITE_MARK) -> None:
    """Say this folder was written by this tool, listing every file in it now, so a later command
    may replace it, and only while nobody has added a file of their own."""
    listed = [f for f in files_in(folder) if f != name]
    (folder / name).write_text("\n".join([MANIFEST_HEADER, *listed]) + "\n", encoding="utf-8")

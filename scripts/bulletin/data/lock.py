"""One writer at a time, and readers that see a batch wholly before or wholly after it.

A lock file beside mkdocs.yml (`.bulletin.lock`) is locked with flock(2):
writers (`import`, `new meeting`, `new-issue`, `sample`) hold it exclusively from
reading the data they change to the end of their batch, so two imports can never
both append to the same year file; readers (`validate`, `build`, `export`,
`template`) hold it shared for the whole load, so a batch cannot be applied
half-way through their reading. The kernel drops the lock when its process
dies, even under SIGKILL, so a crashed command never leaves the data locked.

A second writer waits up to BULLETIN_LOCK_TIMEOUT seconds (default 120), saying
so on stderr, then gives up with a Vietnamese message: it never proceeds unlocked.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

LOCK_NAME = ".bulletin.lock"
TIMEOUT_ENV = "BULLETIN_LOCK_TIMEOUT"
_DEFAULT_TIMEOUT = 120.0

# Locks this process holds: {lock file: [mode, depth]}. A reader inside a writer (import loads
# the data it then writes) must not wait for itself: flock is per open file, not per process.
_held: dict[Path, list[int]] = {}


class DataBusy(Exception):
    """Another command kept the data locked longer than we may wait."""


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, _DEFAULT_TIMEOUT))
    except ValueError:
        return _DEFAULT_TIMEOUT


@contextmanager
def _locked(root: Path, mode: int) -> Iterator[None]:
    path = Path(os.path.realpath(root)) / LOCK_NAME
    held = _held.get(path)
    if held is not None and (held[0] == fcntl.LOCK_EX or mode == fcntl.LOCK_SH):
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1
        return
    if held is not None:
        raise RuntimeError("cannot upgrade a shared data lock to an exclusive one")  # a programming error
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:
        if mode == fcntl.LOCK_SH and e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            yield  # a read-only project (a mounted copy): nobody can write to it, so nothing to wait for
            return
        raise DataBusy(f"Không tạo được tệp khóa {path} ({e.strerror}); cần quyền ghi vào thư mục dự án.") from None
    try:
        _acquire(fd, mode, path)
        _held[path] = [mode, 1]
        try:
            yield
        finally:
            del _held[path]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, mode: int, path: Path) -> None:
    deadline = time.monotonic() + _timeout()
    told = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not told:
            print(f"Đang có người khác ghi dữ liệu ({path.parent}); đang chờ…", file=sys.stderr, flush=True)
            told = True
        if time.monotonic() >= deadline:
            raise DataBusy(
                f"Đang có người khác ghi dữ liệu ({path.parent}) và chưa xong sau {_timeout():g} giây; "
                "không làm gì cả. Hãy chạy lại lệnh sau ít phút."
            )
        time.sleep(0.05)


def writing(root: Path) -> AbstractContextManager[None]:
    """Hold the data of the project at `root` (the folder of mkdocs.yml) for writing."""
    return _locked(root, fcntl.LOCK_EX)


def reading(root: Path) -> AbstractContextManager[None]:
    """Hold it for reading: no batch is applied while this is held."""
    return _locked(root, fcntl.LOCK_SH)

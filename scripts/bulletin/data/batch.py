"""Writing a batch of data files all or nothing, even when the process is killed mid-way.

How: (1) every new file is written whole to a hidden temp file in its own
folder and fsynced; (2) a journal naming each (temp, target) pair is written
and fsynced: that is the commit point; (3) each temp replaces its target with
os.replace (atomic on one filesystem), then the journal is removed.

What is guaranteed:
- every data file is at any moment either its old or its new content, never a
  mix (os.replace), and a reader never sees a temp file (hidden names, which
  the loader ignores);
- killed before the commit point: nothing has changed; the next run deletes the
  stray temps;
- killed after it: the next `bulletin import` or `bulletin new meeting` finishes
  the batch (`recover`) before doing anything else, and until then the loader
  refuses to build (it reports the pending journal), so no site is ever built
  from half a batch.
Not guaranteed: surviving a power cut on a filesystem that reorders renames
(folders are fsynced after each step to make that unlikely).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from bulletin.data.durable import fsync_dir as _fsync_dir

# In content/meetings/; hidden, so the loader skips it. One name per batch (pid and time), so two
# writers can never overwrite each other's commit point even if one ran without the data lock.
JOURNAL = ".bulletin-import.journal"  # the name of old versions, still recovered
JOURNALS = ".bulletin-import*.journal"
_TEMP_MARK = ".bulletin-tmp-"
# Tests: "S" sleeps S seconds after every step, "S@N" only after step N; each step is announced on stderr.
PAUSE_ENV = "BULLETIN_IMPORT_PAUSE"
_steps = 0


def _step(name: str) -> None:
    global _steps
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        _steps += 1
        seconds, _, only = pause.partition("@")
        print(f"[atomic] {_steps} {name}", file=sys.stderr, flush=True)
        if not only or int(only) == _steps:
            time.sleep(float(seconds))


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_batch(root: Path, files: dict[Path, bytes]) -> None:
    """Replace (or create) every file of `files`, all under `root`, as one batch."""
    recover(root)
    pairs: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f"{_TEMP_MARK}{os.getpid()}-{target.name}")
            _write_synced(temp, data)
            pairs.append((temp, target))
            _step(f"temp {target.relative_to(root)}")
        for folder in {t.parent for _, t in pairs}:
            _fsync_dir(folder)
        journal = root / f".bulletin-import-{os.getpid()}-{time.time_ns()}.journal"
        staged = journal.with_name(journal.name + ".new")
        _write_synced(staged, json.dumps([[str(t.relative_to(root)), str(p.relative_to(root))] for t, p in pairs]).encode())
        os.replace(staged, journal)
        _fsync_dir(root)
    except BaseException:
        for temp, _ in pairs:
            temp.unlink(missing_ok=True)
        raise
    _step("journal")
    _finish(root, journal, pairs)


def _finish(root: Path, journal: Path, pairs: list[tuple[Path, Path]]) -> None:
    for temp, target in pairs:
        if temp.exists():  # gone when an earlier, interrupted finish already moved it
            os.replace(temp, target)
            _fsync_dir(target.parent)
        _step(f"replace {target.relative_to(root)}")
    journal.unlink(missing_ok=True)
    _fsync_dir(root)


def _journals(root: Path) -> list[Path]:
    """Committed batches not yet finished, oldest first (a journal's name holds its time)."""
    return sorted(root.glob(JOURNALS), key=lambda p: (p.stat().st_mtime_ns, p.name)) if root.is_dir() else []


def pending(root: Path) -> bool:
    return bool(_journals(root))


def recover(root: Path) -> list[Path]:
    """Finish committed batches that were interrupted, drop the temps of uncommitted ones; return the files finished.

    Call only while holding the data lock for writing (`lock.writing`)."""
    finished: list[Path] = []
    for journal in _journals(root):
        pairs = [(root / t, root / p) for t, p in json.loads(journal.read_text())]
        finished += [p for t, p in pairs if t.exists()]
        _finish(root, journal, pairs)
    if root.is_dir():
        for stray in root.glob(f"*/{_TEMP_MARK}*"):
            stray.unlink()
        for staged in root.glob(JOURNALS + ".new"):
            staged.unlink(missing_ok=True)
    return finished

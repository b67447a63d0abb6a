"""Validated records of files that did not change, kept between runs.

Parsing YAML is most of what `bulletin validate` costs (PyYAML builds a Python object per
scalar, even with libyaml). An editor changes one or two files between runs, so the records a
file produced are kept under the hash of its text and of everything their validity depends on
(the as-of date, the outline library, the validator's own code); a file is parsed and checked
again only when one of those changed. Only files with no problem are kept, so every problem is
still reported on every run. The cache is a local file beside mkdocs.yml; deleting it is safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

# How a file's records are written to disk and read back (by the file's path): plain tuples
# pickle several times faster than dataclasses, whose __getstate__/__setstate__ run in Python.
Convert = Callable[[str, Any], Any]


def _as_is(rel: str, records: Any) -> Any:
    return records


_CODE = (
    "model.py",
    "fields.py",
    "meeting_checks.py",
    "yamlmarks.py",
    "yamlfast.py",
    "yamlnodes.py",
    "files.py",
    "load.py",
    "recordcache.py",
)


@cache
def code_digest() -> str:
    """Changing the validator invalidates what it accepted before."""
    here = Path(__file__).parent
    h = hashlib.blake2b(digest_size=16)
    for name in _CODE:
        path = here / name
        h.update(path.read_bytes() if path.exists() else name.encode())
    return h.hexdigest()


# What this process last read or wrote, by cache file and that file's identity: a process that
# loads again and again (the rebuilds of `mkdocs serve`) unpickles the cache once. With `defer`,
# a changed cache is written only by `flush()` (at the end of the serve session): pickling every
# record again after each saved file would cost more than the file's own parse.
# Both hold records as the loader made them; only the file holds them packed.
_MEMORY: dict[Path, tuple[tuple[int, int], dict[str, tuple[str, Any]]]] = {}
_PENDING: dict[Path, tuple[dict[str, tuple[str, Any]], Convert]] = {}
defer = False

# A data file's size, times and inode (`identity`), and the digest its text had, by cache and file:
# what a serving process read before, so that a rebuild reads again only the files saved since.
Identity = tuple[int, int, int, int]
_SEEN: dict[tuple[Path, str], tuple[Identity, bytes, str]] = {}


def identity(path: Path) -> Identity | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _identity(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


def flush() -> None:
    """Write the caches whose saving was deferred."""
    for path, (entries, pack) in list(_PENDING.items()):
        _write(path, entries, pack)
    _PENDING.clear()


def _write(path: Path, entries: dict[str, tuple[str, Any]], pack: Convert) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        packed = {rel: (digest, pack(rel, records)) for rel, (digest, records) in entries.items()}
        with temp.open("wb") as fh:  # streamed in frames: no second copy of the pickle in memory
            pickle.dump(packed, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
        _MEMORY[path] = (_identity(path), entries)
    except OSError:
        pass  # a cache that cannot be written only costs time


class RecordCache:
    def __init__(self, folder: Path | None, context: str, pack: Convert = _as_is, unpack: Convert = _as_is) -> None:
        self.path = folder / "records.pickle" if folder else None
        self.pack, self.unpack = pack, unpack
        self.salt = f"{code_digest()}\n{context}\n".encode()
        self._old: dict[str, tuple[str, Any]] | None = None
        self._new: dict[str, tuple[str, Any]] = {}

    def _digest(self, text: str) -> str:
        return hashlib.blake2b(self.salt + text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def _entries(self) -> dict[str, tuple[str, Any]]:
        if self._old is None:
            self._old = {}
            remembered = _MEMORY.get(self.path) if self.path is not None else None
            if self.path is not None and remembered is not None and remembered[0] == _identity(self.path):
                self._old = remembered[1]
            elif self.path is not None and self.path.is_file():
                try:
                    packed = pickle.loads(self.path.read_bytes())
                    self._old = {rel: (digest, self.unpack(rel, kept)) for rel, (digest, kept) in packed.items()}
                except Exception:  # a cache from another version or a torn file: start afresh
                    self._old = {}
        return self._old

    def get(self, rel: str, text: str, seen: Identity | None = None) -> Any | None:
        """The records of this file's text; `seen`: the file's identity taken before reading it."""
        if self.path is None:
            return None
        digest = self._digest(text)
        hit = self._entries().get(rel)
        if hit is None or hit[0] != digest:
            return None
        self._new[rel] = hit
        self._saw(rel, seen, digest)
        return hit[1]

    def put(self, rel: str, text: str, records: Any, seen: Identity | None = None) -> None:
        if self.path is not None:
            self._new[rel] = (digest := self._digest(text), records)
            self._saw(rel, seen, digest)

    def unread(self, rel: str, seen: Identity) -> Any | None:
        """While serving (`defer`): the records of a file not read again, because its identity is
        the one it had when this process last read it. Saved files change their time (and size,
        or inode when an editor writes a new file): an unchanged identity is an unchanged text."""
        if not defer or self.path is None:
            return None
        known = _SEEN.get((self.path, rel))
        if known is None or known[0] != seen or known[1] != self.salt:
            return None
        hit = self._entries().get(rel)
        if hit is None or hit[0] != known[2]:
            return None
        self._new[rel] = hit
        return hit[1]

    def _saw(self, rel: str, seen: Identity | None, digest: str) -> None:
        if defer and seen is not None and self.path is not None:
            _SEEN[(self.path, rel)] = (seen, self.salt, digest)

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); atomically."""
        if self.path is None or self._new == self._old:
            return
        if defer:  # remembered under the identity of the file still on disk
            _MEMORY[self.path] = (_identity(self.path), self._new)
            _PENDING[self.path] = (self._new, self.pack)
            return
        _write(self.path, self._new, self.pack)

"""Writing the quarterly report's files into the office's folder without losing their work.

The office opens the .docx in Word and finishes it by hand (assessment, proposals, signature), so
a second run of `bulletin report` must never replace that work. The folder keeps a small record
(`.bulletin-report.json`) of the bytes this command wrote: a file still holding them is replaced
freely (nothing of anyone's is lost); any other existing file, edited by hand or never written by
this command, is refused, naming it; with `--force` it is first renamed aside (kept, never
overwritten), then the new report is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from bulletin.data.durable import fsync_dir

RECORD = ".bulletin-report.json"


class ReportExists(Exception):
    """An existing file this command may not replace; the message is Vietnamese and names it."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record(out: Path) -> dict[str, str]:
    try:
        value = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _ours(path: Path, record: dict[str, str]) -> bool:
    try:
        return record.get(path.name) == _digest(path.read_bytes())
    except OSError:
        return False


def _aside(path: Path, now: dt.datetime) -> Path:
    stem = f"{path.stem}.cu-{now:%Y%m%d-%H%M%S}"
    target = path.with_name(stem + path.suffix)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{stem}-{n}{path.suffix}")
    return target


def write_report(out: Path, files: dict[str, bytes], force: bool = False, now: dt.datetime | None = None) -> list[str]:
    """Write `files` (by file name) into `out`; return lines to print. Checks every target before
    writing any, so a refusal leaves the folder as it was."""
    out.mkdir(parents=True, exist_ok=True)
    record = _record(out)
    theirs = [out / name for name in files if (out / name).exists() and not _ours(out / name, record)]
    if theirs and not force:
        names = ", ".join(str(p) for p in theirs)
        raise ReportExists(
            f"Không ghi đè: {names} đã có và không phải bản lệnh này vừa ghi (có thể văn phòng đã sửa tay). "
            "Ghi sang thư mục khác (--out THƯ_MỤC), hoặc thêm --force để giữ bản cũ dưới tên khác rồi ghi bản mới."
        )
    lines: list[str] = []
    stamp = now or dt.datetime.now()
    for path in theirs:
        kept = _aside(path, stamp)
        os.rename(path, kept)
        lines.append(f"Đã giữ bản cũ: {kept}")
    for name, content in files.items():
        target = out / name
        temp = out / f".{name}.tmp"
        temp.write_bytes(content)
        os.replace(temp, target)
        record[name] = _digest(content)
        lines.append(str(target))
    temp = out / f"{RECORD}.tmp"
    temp.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temp, out / RECORD)
    fsync_dir(out)
    return lines

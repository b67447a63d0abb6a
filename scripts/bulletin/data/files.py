"""Reading the editors' files: text encodings and Markdown front matter."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_FENCE = "---"
# A line read back from UTF-8 saved in a Western code page has, for each letter that was not
# ASCII, a lead byte read as one of Â..ô followed by a continuation byte read as one of
# \x80..¿ or a cp1252 sign (€, ‚, …, Ÿ). A text without such a pair has no such line, and the
# line-by-line check below (a Python loop over every letter) is skipped. One pair of classes:
# the search is linear.
_CP1252_SIGNS = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_SUSPECT = re.compile(rf"[\xc2-\xf4][\x80-\xbf{re.escape(_CP1252_SIGNS)}]")


class UnreadableFile(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_text(path: Path) -> str:
    """Read an editor's file as UTF-8, with or without BOM, any line ending, in composed form (NFC).

    Files saved by Excel or Notepad as UTF-16/UTF-32 or in a legacy code page (cp1258,
    TCVN3), and UTF-8 that was decoded and saved again in a Western code page
    ("Äáº£ng" for "Đảng"), are refused with the line of the first bad byte or
    letter, never shown garbled.
    """
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise UnreadableFile(1, "tệp đang lưu dạng UTF-32; hãy lưu lại với mã UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        raise UnreadableFile(1, "tệp đang lưu dạng UTF-16 (Unicode của Excel/Notepad); hãy lưu lại với mã UTF-8")
    if b"\x00" in data:
        raise UnreadableFile(data[: data.index(b"\x00")].count(b"\n") + 1, "tệp chứa ký tự NUL, không phải văn bản")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad_line = data[: e.start].count(b"\n") + 1
        raise UnreadableFile(bad_line, "tệp không phải mã UTF-8 (có thể lưu bằng bảng mã cũ); hãy lưu lại với mã UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n") if _SUSPECT.search(text) else (), start=1):
        if _double_encoded(line):
            raise UnreadableFile(number, f"chữ bị lỗi mã hóa hai lần ('{line.strip()[:30]}'): mở lại bản gốc và lưu với mã UTF-8")
    # Decomposed letters (macOS, some keyboards) look the same but search and sort apart.
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16 has a NUL in every other byte."""
    sample = data[:200]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def _double_encoded(line: str) -> bool:
    """UTF-8 read as a Western code page (cp1252, with latin-1 for the bytes it lacks, as
    Windows does) and saved again: mapped back to those bytes, the line is valid UTF-8
    that reads differently. Real Vietnamese never maps back (ạ, ế, đ are in neither),
    so this does not fire on honest text."""
    if line.isascii():
        return False
    raw = bytearray()
    for ch in line:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return False
            raw.append(ord(ch))
    try:
        return raw.decode("utf-8") != line
    except UnicodeDecodeError:
        return False


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split '---' YAML front matter from a Markdown body.

    Returns (front matter, body, the body's first line). Raises UnreadableFile
    when the front matter is missing or not closed.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise UnreadableFile(1, "thiếu phần đầu (front matter): tệp phải bắt đầu bằng dòng '---'")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in (_FENCE, "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise UnreadableFile(1, "phần đầu (front matter) chưa được đóng bằng dòng '---'")

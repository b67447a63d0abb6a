"""Reading the editors' files: text encodings and Markdown front matter."""

from __future__ import annotations

from pathlib import Path

_FENCE = "---"


class UnreadableFile(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_text(path: Path) -> str:
    """Read an editor's file as UTF-8, with or without BOM, any line ending.

    Files saved by Excel or Notepad as UTF-16 or in a legacy code page are
    refused with the line of the first bad byte, never shown garbled.
    """
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(1, "tệp đang lưu dạng UTF-16; hãy lưu lại với mã UTF-8")
    if b"\x00" in data:
        raise UnreadableFile(data[: data.index(b"\x00")].count(b"\n") + 1, "tệp chứa ký tự NUL, không phải văn bản")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise UnreadableFile(line, "tệp không phải mã UTF-8 (có thể lưu bằng bảng mã cũ); hãy lưu lại với mã UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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

"""Text as office PCs save it: every encoding is read correctly or refused with a clear error,
in data files and in Markdown files with front matter alike, and never shown garbled."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.data.files import _SUSPECT, UnreadableFile, _double_encoded, read_text
from crafted import Org
from test_build import BIN, run

NAME = "Chi bộ Sở Tư pháp – Đảng ủy Khối"
CELL = f"name: {NAME}\nkind: co-quan\nsecretary: Bí thư Hư Cấu\nmembers: 9\n"
OUTLINE = "---\ntitle: Nếp sống giản dị, tiết kiệm\nsummary: Học và làm theo Bác\n---\n\n## I. Mục đích\n\nĐảng viên gương mẫu.\n"
BULLETIN = "---\ntitle: Bản tin tháng 3/2024\ndate: 2024-03-01\n---\n\nLời mở đầu của Ban Thường vụ.\n"


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def cr(text: str) -> str:
    return text.replace("\n", "\r")


READABLE = {
    "UTF-8": lambda t: t.encode(),
    "UTF-8 with BOM (Notepad, Excel's 'CSV UTF-8')": lambda t: t.encode("utf-8-sig"),
    "Windows line endings": lambda t: crlf(t).encode(),
    "BOM and Windows line endings": lambda t: crlf(t).encode("utf-8-sig"),
    "old Mac line endings (CR)": lambda t: cr(t).encode(),
    "decomposed letters (NFD, macOS)": lambda t: unicodedata.normalize("NFD", t).encode(),
}


@pytest.mark.parametrize("how", sorted(READABLE))
def test_every_kind_of_file_reads_the_same_whatever_the_utf8_flavour(org: Org, how: str) -> None:
    encode = READABLE[how]
    org.write("content/cells/b.yml", encode(CELL))
    org.write("topics/ho-chi-minh/nep-song.md", encode(OUTLINE))
    org.write("content/bulletin/2024-03.md", encode(BULLETIN))
    data = org.load()
    assert data.cells["b"].name == NAME  # composed (NFC), no BOM, no \r
    outline = data.outlines["ho-chi-minh/nep-song"]
    assert (outline.title, outline.summary) == ("Nếp sống giản dị, tiết kiệm", "Học và làm theo Bác")
    assert "\r" not in outline.body and "\ufeff" not in outline.body and "Đảng viên gương mẫu." in outline.body
    assert data.issues[0].title == "Bản tin tháng 3/2024" and "\r" not in data.issues[0].body


def test_line_numbers_stay_true_with_a_bom_and_windows_line_endings(org: Org) -> None:
    org.write("content/cells/b.yml", crlf(CELL + "membres: 3\n").encode("utf-8-sig"))
    (problem,) = org.problems()
    assert problem.startswith("content/cells/b.yml:5: trường `membres` không có trong định dạng")


# how the file is saved: (bytes, what the message says, its line in the cell file, in the outline)
REFUSED = {
    "UTF-16 LE with BOM (Excel 'Unicode Text')": (lambda t: t.encode("utf-16"), "UTF-16", 1, 1),
    "UTF-16 BE with BOM": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "UTF-16", 1, 1),
    "UTF-16 without BOM": (lambda t: t.encode("utf-16-le"), "UTF-16", 1, 1),
    "UTF-32 with BOM": (lambda t: t.encode("utf-32"), "UTF-32", 1, 1),
    "Windows-1258 (Vietnamese ANSI)": (lambda t: t.encode("cp1258", errors="replace"), "không phải mã UTF-8", 1, 2),
    "TCVN3 bytes (an old Vietnamese font encoding)": (
        lambda t: t.replace("Chi bộ", "Chi b\xe9").encode("latin-1", "replace"),
        "không phải mã UTF-8",
        1,
        2,
    ),
    "UTF-8 decoded as Windows-1252 and saved again": (
        lambda t: t.encode().decode("latin-1").encode(),
        "mã hóa hai lần",
        1,
        2,
    ),
    "a NUL byte inside": (lambda t: t.replace("kind", "ki\x00nd").encode(), "ký tự NUL", 2, 3),
}
# The outline carries the same fields, so each trouble lands on a known line of its front matter.
OUTLINE_WITH_FIELDS = f"---\ntitle: {NAME}\nkind: x\n---\n\nNội dung.\n"


@pytest.mark.parametrize("how", sorted(REFUSED))
@pytest.mark.parametrize("kind", ["cell", "outline"])
def test_other_encodings_are_refused_with_a_clear_message_and_line(org: Org, how: str, kind: str) -> None:
    encode, words, cell_line, outline_line = REFUSED[how]
    rel, text, line = (
        ("content/cells/b.yml", CELL, cell_line)
        if kind == "cell"
        else ("topics/ho-chi-minh/nep-song.md", OUTLINE_WITH_FIELDS, outline_line)
    )
    org.write(rel, encode(text))
    problems = [p for p in org.problems() if p.startswith(rel)]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{rel}:{line}: ") and words in problems[0], problems[0]
    assert "Traceback" not in problems[0]


def test_a_built_page_shows_exactly_what_the_editor_typed(org: Org) -> None:
    org.write("content/cells/b.yml", crlf(unicodedata.normalize("NFD", CELL)).encode("utf-8-sig"))
    org.write("topics/ho-chi-minh/nep-song.md", crlf(OUTLINE).encode("utf-8-sig"))
    org.mkdocs_yml()
    result = run(str(BIN / "bulletin"), "build", "--strict", cwd=org.root)
    assert result.returncode == 0, result.stderr
    cell = (org.root / "site/chi-bo/b/index.html").read_text(encoding="utf-8")
    outline = (org.root / "site/chuyen-de/ho-chi-minh/nep-song/index.html").read_text(encoding="utf-8")
    assert NAME in cell and "Nếp sống giản dị, tiết kiệm" in outline and "Đảng viên gương mẫu." in outline
    for page in (cell, outline):
        assert "\ufeff" not in page and "\r" not in page and "Ã" not in page and "á»" not in page


def as_windows_reads_it(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, the five bytes it leaves undefined as Latin-1."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode())


VIETNAMESE = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
letters = st.sampled_from(VIETNAMESE) | st.characters(max_codepoint=0x2200, exclude_categories=["Cs"])


@given(st.text(letters, max_size=30), st.booleans())
def test_the_quick_screen_for_double_encoding_never_hides_a_bad_line(text: str, mangle: bool) -> None:
    """read_text skips its letter-by-letter check when a text has no lead-then-continuation pair;
    any line the check would refuse has one."""
    text = as_windows_reads_it(text) if mangle else text
    if any(_double_encoded(line) for line in text.split("\n")):
        assert _SUSPECT.search(text), text


def test_every_vietnamese_letter_double_encoded_is_refused(tmp_path: Path) -> None:
    for letter in VIETNAMESE:
        path = tmp_path / "x.yml"
        path.write_text(f"name: {as_windows_reads_it(letter)}\n", encoding="utf-8")
        if letter.isascii():
            assert read_text(path)
            continue
        with pytest.raises(UnreadableFile, match="mã hóa hai lần"):
            read_text(path)

"""Loading and validating the editors' files into a Dataset.

Every problem of a run is collected before anything is raised, so an editor
fixes a whole batch at once instead of one error per build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from bulletin.data import fields
from bulletin.data.assets import asset_problem
from bulletin.data.batch import pending as pending_batch
from bulletin.data.files import UnreadableFile, read_text, split_front_matter
from bulletin.data.meeting_checks import meeting_problems, outside_life, suggest
from bulletin.data.model import (
    BULLETIN_FIELDS,
    CELL_FIELDS,
    COMMITTEE_FIELDS,
    MEETING_FIELDS,
    ORGANIZATION_FIELDS,
    OUTLINE_FIELDS,
    RATING_LEVELS,
    Cell,
    Dataset,
    Issue,
    Meeting,
    Member,
    Organization,
    Outline,
    Rating,
    Source,
)
from bulletin.data.problems import InvalidData, Problems, quoted
from bulletin.data.recordcache import RecordCache, identity
from bulletin.data.references import reference_problems, resolve_guests, suggest_id
from bulletin.data.settings import Settings
from bulletin.data.yamlmarks import MarkedDict, MarkedList, YamlError, parse
from bulletin.text.nesting import refused
from bulletin.text.vi import ascii_fold

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YEAR = re.compile(r"^\d{4}$")
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

DATA_DIRS = ("cells", "meetings", "bulletin", "ratings")
# .js for the theme's own files: in content/assets/ the loader refuses it (data/assets.py).
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".pdf", ".docx"})
_COPY = re.compile(r"(?: - copy| copy| - bản sao| \(\d+\))$", re.I)  # Windows, macOS, Vietnamese Windows
ID_RULE = "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'van-phong-so'"


@dataclass(frozen=True)
class Layout:
    """Where an organisation's files are; every path is relative to `root`, the folder of mkdocs.yml."""

    root: Path
    content: Path
    topics: Path

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def is_ignored(name: str) -> bool:
    """Hidden files, editor backups and lock files: never data, never published."""
    return name.startswith((".", "~$", "#")) or name.endswith(("~", ".bak", ".swp", ".tmp"))


def is_published(docs_path: str) -> bool:
    """Whether a file of content/ may reach the site as it is (docs-relative, '/'-separated).

    Only hand-written pages (`*.md`) and assets (`assets/`, by suffix): data files, and
    anything the format does not name (a backup, a secrets.yml dropped in by mistake),
    stay out of site/. A name starting with `_` is a draft or a private note
    (`content/_nhap/ke-hoach.md`), and a copy made by a file manager ("index - Copy.md",
    "index (2).md") is a backup: neither is published.
    """
    parts = docs_path.split("/")
    if any(is_ignored(p) or p.startswith("_") for p in parts) or parts[0] in DATA_DIRS:
        return False
    stem, suffix = os.path.splitext(parts[-1])
    if _COPY.search(stem):
        return False
    if suffix == ".md":
        return True
    return parts[0] == "assets" and suffix.lower() in ASSET_SUFFIXES


def stays_inside(content: Path, path: Path) -> bool:
    """Whether a file really lives in content/: a symlink to /etc or a home folder is never published."""
    return path.resolve().is_relative_to(content.resolve())


def load(layout: Layout, settings: Settings) -> Dataset:
    """Load an organisation's data; raise InvalidData listing every problem found."""
    loader = _Loader(layout, settings)
    with _no_cycle_collection():
        dataset = loader.run()
    if loader.problems:
        raise InvalidData(loader.problems)
    return dataset


def load_outlines(layout: Layout, settings: Settings) -> dict[str, Outline]:
    """Only the outline library (for tools that need it without the meeting data)."""
    loader = _Loader(layout, settings)
    outlines = dict(loader._outlines())
    if loader.problems:
        raise InvalidData(loader.problems)
    return outlines


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Loading makes a million small dicts, lists and records, and no reference cycles; the
    cyclic collector walked the growing heap again and again meanwhile (a tenth of a cold
    `bulletin validate` at 1,000 cells). Reference counting still frees everything dropped."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class _Loader:
    def __init__(self, layout: Layout, settings: Settings) -> None:
        self.layout = layout
        self.settings = settings
        self.problems = Problems()
        self.cache: RecordCache | None = None  # made once the outlines are known
        self.committee_broken = False

    def run(self) -> Dataset:
        content = self.layout.content
        if not content.is_dir():
            self.problems.add(self.layout.rel(content), 1, "không tìm thấy thư mục dữ liệu")
            return Dataset(Organization(name=""))
        data = Dataset(self._organization())
        data.committee = self._committee()
        data.cells = dict(self._cells())
        data.outlines = dict(self._outlines())
        data.meetings = self._meetings(data)
        if self.cache is not None:
            self.cache.save()
        data.ratings = self._ratings(data)
        # A committee.yml with errors would make every reference to it an error too, hiding the
        # real one: its own errors are reported, and nothing is checked against it.
        checked = replace(data, committee=None) if self.committee_broken else data
        cells_dir = self.layout.content / "cells"
        failed = {p.stem for p in cells_dir.glob("*.yml") if p.is_file()} - set(data.cells) if cells_dir.is_dir() else set()
        for path, line, message in [*resolve_guests(checked), *reference_problems(checked, failed)]:
            self.problems.add(path, line, message)
        data.issues = sorted(self._issues(data), key=lambda i: i.key)
        data.pages = sorted(
            p.relative_to(content).as_posix()
            for p in content.rglob("*.md")
            if is_published(p.relative_to(content).as_posix()) and stays_inside(content, p)
        )
        for page in data.pages:
            self._page(content / page)
        self._assets(content / "assets")
        return data

    def _page(self, path: Path) -> None:
        """A hand-written page: bounded in length and nesting like every Markdown body."""
        # The whole file is judged (front matter too): MkDocs' own reader takes what it is given.
        text = self._text(path)
        if text is not None:
            self._shallow(self.layout.rel(path), text, 1)

    def _assets(self, folder: Path) -> None:
        """Nothing in assets/ that a browser would run (data/assets.py says why)."""
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder.parent).as_posix()
            hidden = any(is_ignored(p) or p.startswith("_") for p in rel.split("/"))
            if hidden or not path.is_file() or not stays_inside(folder.parent, path):  # never published
                continue
            try:
                problem = asset_problem(path)
            except OSError as e:
                problem = (1, f"không mở được tệp ({e.strerror})")
            if problem is not None:
                self.problems.add(self.layout.rel(path), *problem)

    # -- reading -----------------------------------------------------------

    def _yaml(self, path: Path) -> Any:
        text = self._text(path)
        return _UNREADABLE if text is None else self._parse(path, text)

    def _text(self, path: Path) -> str | None:
        try:
            return read_text(path)
        except UnreadableFile as e:
            self.problems.add(self.layout.rel(path), e.line, str(e))
        except OSError as e:
            self.problems.add(self.layout.rel(path), 1, f"không mở được tệp ({e.strerror})")
        return None

    def _parse(self, path: Path, text: str) -> Any:
        try:
            return parse(text)
        except YamlError as e:
            self.problems.add(self.layout.rel(path), e.line, str(e))
        return _UNREADABLE

    def _markdown(self, path: Path) -> tuple[Any, str, int]:
        """Front matter (parsed) and body of a Markdown file."""
        rel = self.layout.rel(path)
        try:
            head, body, body_line = split_front_matter(read_text(path))
            return parse(head, first_line=2), body, body_line
        except (UnreadableFile, YamlError) as e:
            self.problems.add(rel, e.line, str(e))
        except OSError as e:
            self.problems.add(rel, 1, f"không mở được tệp ({e.strerror})")
        return _UNREADABLE, "", 1

    def _shallow(self, rel: str, body: str, body_line: int) -> bool:
        """A Markdown body nested no deeper than the format allows (text/nesting.py says why)."""
        deep = refused(body)
        if deep is not None:
            self.problems.add(rel, body_line + deep.line - 1, deep.message())
        return deep is None

    def _entries(self, folder: Path, suffix: str, what: str) -> Iterator[Path]:
        """The data files of a folder, reporting files whose names the format does not allow."""
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if is_ignored(path.name):
                continue
            if path.is_file() and path.suffix == suffix:
                yield path
            elif path.suffix in (".yaml", ".YML", ".yml") and suffix == ".yml":
                self.problems.add(self.layout.rel(path), 1, f"{what}: đổi đuôi tệp thành '.yml'")
            else:
                self.problems.add(self.layout.rel(path), 1, f"{what}: tệp hoặc thư mục không thuộc định dạng")

    # -- records -------------------------------------------------------------

    def _organization(self) -> Organization:
        path = self.layout.content / "organization.yml"
        rel = self.layout.rel(path)
        if not path.is_file():
            self.problems.add(rel, 1, "thiếu tệp thông tin Đảng bộ (organization.yml, có trường `name`)")
            return Organization(name="")
        data = self._yaml(path)
        if data is _UNREADABLE:
            return Organization(name="")
        values = fields.check_record(data, ORGANIZATION_FIELDS, rel, self.problems, what="thông tin Đảng bộ")
        return Organization(**values) if values else Organization(name="")

    def _committee(self) -> dict[str, Member] | None:
        """content/committee.yml: the committee members who follow cells; None when the file is absent,
        so an organisation that does not track supervision builds as before."""
        path = self.layout.content / "committee.yml"
        if not path.exists():
            return None
        before = len(self.problems)
        members = self._members(path)
        self.committee_broken = len(self.problems) > before
        return members

    def _members(self, path: Path) -> dict[str, Member] | None:
        rel = self.layout.rel(path)
        items = self._yaml(path)
        members: dict[str, Member] = {}
        if items is None:  # an empty file (or only comments): no committee, as if absent
            return None
        if items is _UNREADABLE:
            return members
        if not isinstance(items, MarkedList):
            self.problems.add(
                rel, getattr(items, "line", 1), "committee.yml phải là một danh sách, mỗi người bắt đầu bằng '- id: ...'"
            )
            return members
        for index, item in enumerate(items):
            line = items.line_of(index)
            values = fields.check_record(item, COMMITTEE_FIELDS, rel, self.problems, line=line, what="cấp ủy viên")
            if not values:
                continue
            if not ID.match(values["id"]):
                self.problems.add(rel, item.line_of("id"), f"mã cấp ủy viên '{quoted(values['id'])}' không hợp lệ: {ID_RULE}")
                continue
            if values["id"] in members:
                first = members[values["id"]].source.line
                self.problems.add(rel, item.line_of("id"), f"mã cấp ủy viên '{quoted(values['id'])}' đã dùng ở dòng {first}")
                continue
            members[values["id"]] = Member(source=Source(rel, line), **values)
        return members

    def _ratings(self, data: Dataset) -> dict[tuple[str, int], Rating]:
        """content/ratings/<YYYY>.yml: `<cell id>: <level>` for each cell rated that year."""
        ratings: dict[tuple[str, int], Rating] = {}
        for path in self._entries(self.layout.content / "ratings", ".yml", "thư mục xếp loại"):
            rel = self.layout.rel(path)
            if not YEAR.match(path.stem):
                self.problems.add(rel, 1, "tệp xếp loại phải đặt tên theo năm, ví dụ ratings/2025.yml")
                continue
            items = self._yaml(path)
            if items is _UNREADABLE or items is None:
                continue
            if not isinstance(items, MarkedDict):
                self.problems.add(rel, getattr(items, "line", 1), "tệp xếp loại gồm các dòng '<mã chi bộ>: <mức xếp loại>'")
                continue
            for key, line in items.duplicates:
                self.problems.add(rel, line, f"chi bộ `{quoted(key)}` được xếp loại hai lần")
            year = int(path.stem)
            if self._rating_year_ok(year, rel):
                for cell_id, level in items.items():
                    rating = self._rating(data, rel, year, cell_id, level, items.line_of(cell_id))
                    if rating:
                        ratings[(cell_id, year)] = rating
        return ratings

    def _rating_year_ok(self, year: int, rel: str) -> bool:
        """A year is rated at its review, in its December at the earliest (kiểm điểm cuối năm)."""
        as_of = self.settings.as_of
        if as_of < dt.date(year, 12, 1):
            self.problems.add(
                rel,
                1,
                f"năm {year} chưa kết thúc (ngày tính số liệu {as_of:%d/%m/%Y}): chỉ xếp loại sau khi kiểm điểm cuối năm",
            )
            return False
        return True

    def _rating(self, data: Dataset, rel: str, year: int, cell_id: Any, level: Any, line: int) -> Rating | None:
        if cell_id not in data.cells:
            if not self._cell_file_exists(str(cell_id)):  # a cell whose file failed has its own error
                hint = suggest_id(str(cell_id), data.cells)
                self.problems.add(rel, line, f"không có chi bộ '{quoted(cell_id)}' {hint}".rstrip())
            return None
        if level is None or (isinstance(level, str) and not level.strip()):
            self.problems.add(rel, line, f"chi bộ '{cell_id}' chưa ghi mức xếp loại ({', '.join(RATING_LEVELS)})")
            return None
        if not isinstance(level, str) or level not in RATING_LEVELS:
            choices = ", ".join(RATING_LEVELS)
            hint = rating_hint(str(level))
            self.problems.add(rel, line, f"mức xếp loại phải là một trong: {choices}; đang là '{quoted(level)}' {hint}".rstrip())
            return None
        cell = data.cells[cell_id]
        if cell.founded and cell.founded > dt.date(year, 12, 31):
            self.problems.add(
                rel, line, f"chi bộ '{cell_id}' thành lập ngày {cell.founded:%d/%m/%Y}, sau năm {year} được xếp loại"
            )
            return None
        if cell.dissolved and cell.dissolved < dt.date(year, 1, 1):
            self.problems.add(
                rel, line, f"chi bộ '{cell_id}' đã giải thể ngày {cell.dissolved:%d/%m/%Y}, trước năm {year} được xếp loại"
            )
            return None
        return Rating(cell_id, year, level, Source(rel, line))

    def _cell_file_exists(self, cell_id: str) -> bool:
        return bool(ID.match(cell_id)) and (self.layout.content / "cells" / f"{cell_id}.yml").is_file()

    def _cells(self) -> Iterator[tuple[str, Cell]]:
        for path in self._entries(self.layout.content / "cells", ".yml", "thư mục chi bộ"):
            rel = self.layout.rel(path)
            if not ID.match(path.stem):
                self.problems.add(rel, 1, f"tên tệp chi bộ '{path.stem}' không hợp lệ: {ID_RULE}")
                continue
            data = self._yaml(path)
            if data is _UNREADABLE:
                continue
            values = fields.check_record(data, CELL_FIELDS, rel, self.problems, what="chi bộ")
            if values and not self._lifetime_ok(values, rel, data):
                continue
            if values:
                where = data.line_of("supervisor")
                values["supervisor"] = tuple(replace(a, line=a.line or where) for a in values["supervisor"] or ())
                yield path.stem, Cell(id=path.stem, source=Source(rel, data.line), **values)

    def _lifetime_ok(self, values: dict[str, Any], rel: str, data: Any) -> bool:
        founded, dissolved = values["founded"], values["dissolved"]
        if founded and dissolved and dissolved < founded:
            line = data.line_of("dissolved")
            self.problems.add(rel, line, f"ngày giải thể ({dissolved:%d/%m/%Y}) trước ngày thành lập ({founded:%d/%m/%Y})")
            return False
        as_of = self.settings.as_of
        if dissolved and "active" in data and bool(data["active"]) != (dissolved > as_of):
            # `active` written beside a dissolution date must agree with it at the as-of date.
            said, day = str(bool(data["active"])).lower(), f"{dissolved:%d/%m/%Y}"
            why = f"đã giải thể ngày {day}" if dissolved <= as_of else f"ngày giải thể {day} còn sau ngày tính số liệu"
            self.problems.add(
                rel,
                data.line_of("active"),
                f"`active: {said}` mâu thuẫn với `dissolved` ({why}); bỏ dòng `active` (ngày giải thể đã đủ)",
            )
            return False
        if dissolved and dissolved <= as_of:
            values["active"] = False  # dissolved by the as-of date
        return True

    def _outlines(self) -> Iterator[tuple[str, Outline]]:
        topics = self.layout.topics
        if not topics.is_dir():
            return
        for theme_dir in sorted(topics.iterdir()):
            if is_ignored(theme_dir.name):
                continue
            rel = self.layout.rel(theme_dir)
            if not theme_dir.is_dir():
                if theme_dir.suffix == ".md":
                    self.problems.add(rel, 1, "đề cương phải nằm trong thư mục của một chủ đề, ví dụ topics/dan-van-kheo/")
                continue
            if theme_dir.name not in self.settings.themes:
                known = ", ".join(self.settings.themes)
                self.problems.add(rel, 1, f"chủ đề '{theme_dir.name}' chưa được khai báo trong mkdocs.yml (đang có: {known})")
                continue
            for path in self._entries(theme_dir, ".md", "thư mục đề cương"):
                outline = self._outline(theme_dir.name, path)
                if outline:
                    yield outline.ref, outline

    def _outline(self, theme: str, path: Path) -> Outline | None:
        rel = self.layout.rel(path)
        if not ID.match(path.stem):
            self.problems.add(rel, 1, f"tên tệp đề cương '{path.stem}' không hợp lệ: {ID_RULE}")
            return None
        head, body, body_line = self._markdown(path)
        if head is _UNREADABLE:
            return None
        values = fields.check_record(head, OUTLINE_FIELDS, rel, self.problems, line=2, what="đề cương")
        if not self._shallow(rel, body, body_line):
            return None
        if not values:
            return None
        return Outline(theme=theme, id=path.stem, body=body, source=Source(rel, 1), **values)

    def _meetings(self, data: Dataset) -> dict[str, list[Meeting]]:
        result: dict[str, list[Meeting]] = {}
        if pending_batch(self.layout.content / "meetings"):
            self.problems.add(
                self.layout.rel(self.layout.content / "meetings"),
                1,
                "một lần nhập dữ liệu bị ngắt giữa chừng; chạy lại `bulletin import` (tệp nào cũng được) để hoàn tất",
            )
        for cell_dir in self._dirs(self.layout.content / "meetings"):
            rel_dir = self.layout.rel(cell_dir)
            if cell_dir.name not in data.cells:
                if not (self.layout.content / "cells" / f"{cell_dir.name}.yml").is_file():
                    self.problems.add(
                        rel_dir, 1, f"không có chi bộ '{cell_dir.name}' (thiếu tệp content/cells/{cell_dir.name}.yml)"
                    )
                continue
            meetings: list[Meeting] = []
            for path in self._entries(cell_dir, ".yml", "thư mục sinh hoạt"):
                if not YEAR.match(path.stem):
                    self.problems.add(self.layout.rel(path), 1, "tệp sinh hoạt phải đặt tên theo năm, ví dụ 2024.yml")
                    continue
                meetings.extend(self._year_file(path, int(path.stem), cell_dir.name, data))
            seen: dict[tuple[dt.date, str], Meeting] = {}
            cell = data.cells[cell_dir.name]
            for m in meetings:
                # Checked here, not with the rest of the record: the record cache keys a file by its
                # own text, and the cell's dates live in another file.
                outside = outside_life(cell, m.date)
                if outside:
                    self.problems.add(m.source.path, m.source.line, outside)
                twin = seen.setdefault((m.date, m.kind), m)
                if twin is not m:
                    self.problems.add(
                        m.source.path, m.source.line, f"trùng cuộc sinh hoạt cùng ngày và hình thức với dòng {twin.source.line}"
                    )
            result[cell_dir.name] = sorted(meetings, key=lambda m: (m.date, m.source.line))
        return result

    def _dirs(self, folder: Path) -> Iterator[Path]:
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if is_ignored(path.name):
                continue
            if path.is_dir():
                yield path
            else:
                self.problems.add(
                    self.layout.rel(path), 1, "tệp sinh hoạt phải nằm trong thư mục của chi bộ: meetings/<mã chi bộ>/<năm>.yml"
                )

    def _year_file(self, path: Path, year: int, cell_id: str, data: Dataset) -> Iterator[Meeting]:
        rel = self.layout.rel(path)
        if self.cache is None:
            # What a meeting's validity depends on besides its file: the as-of date and the outlines.
            context = f"{self.settings.as_of}\n{sorted(data.outlines)}"
            self.cache = RecordCache(self.settings.cache_dir, context, pack=_packed, unpack=_unpacked)
        seen = identity(path)  # before reading: a file saved during the read differs next time
        kept = self.cache.unread(rel, seen) if seen is not None else None
        if kept is not None:
            yield from kept
            return
        text = self._text(path)
        if text is None:
            return
        kept = self.cache.get(rel, text, seen)
        if kept is not None:
            yield from kept
            return
        before = len(self.problems)
        meetings = list(self._meetings_of(path, rel, text, year, cell_id, data))
        if len(self.problems) == before:
            self.cache.put(rel, text, meetings, seen)
        yield from meetings

    def _meetings_of(self, path: Path, rel: str, text: str, year: int, cell_id: str, data: Dataset) -> Iterator[Meeting]:
        items = self._parse(path, text)
        if items is _UNREADABLE or items is None:
            return
        if not isinstance(items, MarkedList):
            self.problems.add(
                rel, getattr(items, "line", 1), "tệp sinh hoạt phải là một danh sách, mỗi cuộc họp bắt đầu bằng '- date: ...'"
            )
            return
        for index, item in enumerate(items):
            line = items.line_of(index)
            values = fields.check_record(item, MEETING_FIELDS, rel, self.problems, line=line, what="cuộc sinh hoạt")
            if values and self._meeting_ok(values, item, year, data, rel):
                values["cell_id"], values["source"] = cell_id, Source(rel, line)
                yield _meeting_of(values)

    def _meeting_ok(self, m: dict[str, Any], item: MarkedDict, year: int, data: Dataset, rel: str) -> bool:
        found = meeting_problems(m, year, data.outlines, self.settings.as_of)
        for name, message in found:
            # The line of the field the problem is shown on (`present:`, `speakers:`), so an
            # editor's "go to line" lands where the fix goes; a defaulted field: the meeting's line.
            self.problems.add(rel, item.line_of(name), message)
        return not found

    def _issues(self, data: Dataset) -> Iterator[Issue]:
        numbers: dict[tuple[int, int], str] = {}
        for path in self._entries(self.layout.content / "bulletin", ".md", "thư mục bản tin"):
            rel = self.layout.rel(path)
            match = MONTH.match(path.stem)
            if not match:
                self.problems.add(rel, 1, "tệp bản tin phải đặt tên theo tháng, ví dụ 2024-03.md")
                continue
            year, month = int(match[1]), int(match[2])
            head, body, body_line = self._markdown(path)
            if head is _UNREADABLE:
                continue
            values = fields.check_record(head, BULLETIN_FIELDS, rel, self.problems, line=2, what="bản tin")
            if not self._shallow(rel, body, body_line):
                continue
            if not values:
                continue
            before = len(self.problems)
            for index, ref in enumerate(values["topics"]):
                if ref not in data.outlines:
                    where = head["topics"].line_of(index) if isinstance(head["topics"], MarkedList) else head.line_of("topics")
                    self.problems.add(
                        rel, where, f"không có đề cương '{ref}' trong thư mục topics/ {suggest(ref, data.outlines)}".rstrip()
                    )
            start = dt.date(year, month, 1)
            if not (start - dt.timedelta(days=31) <= values["date"] < _next_month(start)):
                self.problems.add(
                    rel, head.line_of("date"), f"ngày phát hành {values['date']:%d/%m/%Y} không khớp với số tháng {month}/{year}"
                )
            if values["number"] is not None:
                twin = numbers.setdefault((year, values["number"]), rel)
                if twin != rel:
                    self.problems.add(rel, head.line_of("number"), f"số {quoted(values['number'])} năm {year} đã dùng ở {twin}")
            if len(self.problems) == before:
                yield Issue(year=year, month=month, body=body, source=Source(rel, 1), **values)


_UNREADABLE = object()


def _setters(cls: type[Any]) -> list[tuple[str, Callable[[Any, Any], None]]]:
    """Each field of a frozen, slotted dataclass with its slot's own setter.

    The dataclass's generated __init__ sets each field through object.__setattr__ (it is frozen):
    4 µs a meeting, a tenth of a cold validation at 70,000 meetings. The slots' descriptors set
    the same fields in half the time. No default is filled in and no __post_init__ runs: every
    field must be given, which check_record's values (defaults included) do.
    """
    assert not hasattr(cls, "__post_init__")
    return [(f.name, getattr(cls, f.name).__set__) for f in dataclasses.fields(cls)]


_MEETING_SETTERS = _setters(Meeting)
assert {f.name for f in MEETING_FIELDS} | {"cell_id", "source"} == {name for name, _ in _MEETING_SETTERS}
assert _MEETING_SETTERS[-1][0] == "source"


def _meeting_of(values: dict[str, Any]) -> Meeting:
    """Meeting(**values), every field given."""
    meeting = object.__new__(Meeting)
    for name, put in _MEETING_SETTERS:
        put(meeting, values[name])
    return meeting


def _meeting_from(values: tuple[Any, ...]) -> Meeting:
    """Meeting(*values), every field given in order."""
    meeting = object.__new__(Meeting)
    for (_, put), value in zip(_MEETING_SETTERS, values, strict=True):
        put(meeting, value)
    return meeting


# The record cache's file keeps a meeting as a tuple of its values, and the path once per file:
# pickling 70,000 dataclasses went through their __getstate__/__setstate__ in Python and cost
# more than parsing the files.
_MEETING_VALUES = attrgetter(*(name for name, _ in _MEETING_SETTERS[:-1]))


def _packed(rel: str, meetings: list[Meeting]) -> list[tuple[int, tuple[Any, ...]]]:
    return [(m.source.line, _MEETING_VALUES(m)) for m in meetings]


def _unpacked(rel: str, packed: list[tuple[int, tuple[Any, ...]]]) -> list[Meeting]:
    return [_meeting_from((*values, Source(rel, line))) for line, values in packed]


def rating_hint(level: str) -> str:
    """'tôt', 'Hoàn thành tốt nhiệm vụ', 'xuat sac' -> the level meant, as people write them."""
    folded = " ".join(ascii_fold(level).lower().replace("-", " ").split())
    names = {" ".join(ascii_fold(name).lower().split()): key for key, name in RATING_LEVELS.items()}
    names.update({key.replace("-", " "): key for key in RATING_LEVELS})
    key = names.get(folded)
    if key is None:
        close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.5)
        key = names[close[0]] if close else None
    return f"(có phải '{key}' — {RATING_LEVELS[key]}?)" if key else ""


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)

"""The data model: every record editors write, its fields, and the loaded dataset.

The field specs below are the single source of the data format: the validator
(`fields.py`), the JSON Schema files (`schema.py`) and the editors' format page
(`pages/guide.py`) are all derived from them, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

FieldType = Literal["str", "int", "number", "bool", "date", "enum", "list[str]", "markdown", "assignments", "periods"]


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    doc: str  # Vietnamese, shown to editors in the format page and the JSON Schema
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    label: str = ""  # short Vietnamese heading (spreadsheet column); `doc` when empty

    @property
    def heading(self) -> str:
        return self.label or self.doc


CELL_KINDS: dict[str, str] = {
    "co-quan": "Cơ quan",
    "doanh-nghiep": "Doanh nghiệp",
    "don-vi-su-nghiep": "Đơn vị sự nghiệp",
    "khu-dan-cu": "Khu dân cư",
    "luc-luong-vu-trang": "Lực lượng vũ trang",
}

MEETING_KINDS: dict[str, str] = {
    "thuong-ky": "Thường kỳ",
    "chuyen-de": "Chuyên đề",
    "ket-hop": "Thường kỳ kết hợp chuyên đề",
    "bat-thuong": "Bất thường",
}
REGULAR_KINDS = frozenset({"thuong-ky", "ket-hop"})
THEMATIC_KINDS = frozenset({"chuyen-de", "ket-hop"})
TIMED_KINDS = frozenset({"thuong-ky", "chuyen-de", "ket-hop"})

DEFAULT_THEMES: dict[str, str] = {
    "ho-chi-minh": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "dan-van-kheo": "Dân vận khéo",
    "phong-chong-tham-nhung": "Phòng, chống tham nhũng, tiêu cực",
}

ORGANIZATION_FIELDS = (
    Field("name", "str", "Tên đầy đủ của Đảng bộ", required=True),
    Field("short_name", "str", "Tên viết tắt, dùng trên thanh tiêu đề"),
    Field("bulletin_title", "str", "Tên bản tin", default="Bản tin sinh hoạt nội bộ"),
    Field("committee", "str", "Tên cấp ủy ở tiêu đề báo cáo quý, ví dụ 'Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh'"),
    Field("superior", "str", "Tên tổ chức đảng cấp trên ở tiêu đề báo cáo, ví dụ 'Đảng bộ tỉnh Sơn Hà'"),
    Field("place", "str", "Địa danh ở dòng ngày tháng của báo cáo, ví dụ 'Sơn Hà'"),
    Field("abbreviation", "str", "Chữ viết tắt tên cấp ủy trong số văn bản ('Số …-BC/ĐUK')", default="ĐU"),
)

CELL_FIELDS = (
    Field("name", "str", "Tên chi bộ", required=True),
    Field("kind", "enum", "Loại hình chi bộ", required=True, choices=tuple(CELL_KINDS)),
    Field("secretary", "str", "Bí thư chi bộ", required=True),
    Field("members", "int", "Số đảng viên hiện nay", required=True, minimum=1),
    Field("parent", "str", "Đảng bộ cơ sở cấp trên (bỏ trống nếu là chi bộ cơ sở)"),
    Field(
        "supervisor",
        "assignments",
        "Cấp ủy viên phụ trách: mã trong committee.yml (hoặc họ tên nếu không có committee.yml); "
        "khi thay đổi, ghi danh sách `- member: <mã>` kèm `from`/`to` (YYYY-MM-DD)",
    ),
    Field("active", "bool", "Còn hoạt động (false: đã giải thể, không rõ ngày; vẫn giữ lịch sử)", default=True),
    Field(
        "online_allowed",
        "periods",
        "Được cấp ủy cho phép sinh hoạt trực tuyến: true, hoặc danh sách khoảng thời gian `- from: ... to: ...` "
        "(bỏ trống: không được phép)",
        default=(),
    ),
    Field(
        "founded",
        "date",
        "Ngày thành lập (YYYY-MM-DD), nếu thành lập giữa chừng: chỉ tính các tháng, quý trọn vẹn từ ngày này",
    ),
    Field(
        "dissolved",
        "date",
        "Ngày giải thể, sáp nhập (YYYY-MM-DD): chỉ tính các tháng, quý trọn vẹn đến ngày này",
    ),
)

MEETING_FIELDS = (
    Field("date", "date", "Ngày sinh hoạt (YYYY-MM-DD), trong năm của tệp", required=True, label="Ngày họp"),
    Field("kind", "enum", "Hình thức sinh hoạt", required=True, choices=tuple(MEETING_KINDS), label="Hình thức"),
    Field("topic", "str", "Đề cương chuyên đề '<chủ đề>/<mã>' (bắt buộc với chuyen-de, ket-hop)", label="Đề cương"),
    Field("members", "int", "Tổng số đảng viên của chi bộ lúc họp", required=True, minimum=1, label="Số đảng viên"),
    Field("present", "int", "Số đảng viên dự họp", required=True, minimum=0, label="Số dự họp"),
    Field("duration", "int", "Thời gian sinh hoạt (phút)", required=True, minimum=1, maximum=1440, label="Số phút"),
    Field("speakers", "int", "Số đảng viên phát biểu", required=True, minimum=0, label="Số phát biểu"),
    Field("exempt", "int", "Số đảng viên miễn sinh hoạt", default=0, minimum=0, label="Miễn sinh hoạt"),
    Field("excused", "int", "Số đảng viên vắng có lý do", default=0, minimum=0, label="Vắng có lý do"),
    Field("online", "bool", "Sinh hoạt trực tuyến", default=False, label="Trực tuyến"),
    Field(
        "guests",
        "list[str]",
        "Cấp ủy cấp trên dự họp: mã cấp ủy viên trong committee.yml, hoặc họ tên, chức vụ của khách khác",
        default=(),
        label="Cấp trên dự họp",
    ),
    Field("score", "number", "Điểm chất lượng sinh hoạt (0–100)", minimum=0, maximum=100, label="Điểm chất lượng"),
    Field(
        "model",
        "bool",
        "Sinh hoạt điểm (cuộc sinh hoạt mẫu để các chi bộ khác dự, học tập)",
        default=False,
        label="Sinh hoạt điểm",
    ),
    Field("minutes", "bool", "Đã thông qua biên bản", label="Biên bản"),
    Field("resolution", "bool", "Đã ra nghị quyết", label="Nghị quyết"),
    Field(
        "joint_with",
        "list[str]",
        "Sinh hoạt chuyên đề chung với chi bộ (mã chi bộ); chi bộ kia cũng ghi cuộc họp cùng ngày, cùng đề cương",
        default=(),
        label="Sinh hoạt chung với",
    ),
    Field("notes", "markdown", "Ghi chú (Markdown)", label="Ghi chú"),
)

COMMITTEE_FIELDS = (
    Field(
        "id",
        "str",
        "Mã cấp ủy viên (chữ thường không dấu, số, dấu gạch ngang), dùng trong `supervisor` và `guests`",
        required=True,
    ),
    Field("name", "str", "Họ và tên", required=True),
    Field("role", "str", "Chức vụ, ví dụ 'Ủy viên Ban Thường vụ Đảng ủy Khối'", required=True),
)

RATING_LEVELS: dict[str, str] = {
    "xuat-sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan-thanh": "Hoàn thành nhiệm vụ",
    "khong-hoan-thanh": "Không hoàn thành nhiệm vụ",
}

OUTLINE_FIELDS = (
    Field("title", "str", "Tên chuyên đề", required=True),
    Field("summary", "str", "Tóm tắt một, hai câu"),
    Field("year", "int", "Năm ban hành đề cương", minimum=1930, maximum=2100),
    Field("duration", "int", "Thời gian gợi ý (phút)", minimum=1, maximum=1440),
    Field("references", "list[str]", "Văn bản được trích dẫn", default=()),
    Field("tags", "list[str]", "Từ khóa", default=()),
)

BULLETIN_FIELDS = (
    Field("title", "str", "Tiêu đề số bản tin", required=True),
    Field("date", "date", "Ngày phát hành (YYYY-MM-DD)", required=True),
    Field("number", "int", "Số bản tin", minimum=1),
    Field("topics", "list[str]", "Đề cương giới thiệu trong số này '<chủ đề>/<mã>'", default=()),
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was written, for error messages and 'edit this' hints."""

    path: str
    line: int = 1


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` to `end`, both included; None is open-ended."""

    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Assignment:
    """A committee member (by id, or a free-text name without committee.yml) following a cell."""

    member: str
    period: Period = Period()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the higher committee who follows cells (cấp ủy viên phụ trách)."""

    id: str
    name: str
    role: str
    source: Source = Source("")


@dataclass(frozen=True, slots=True)
class Rating:
    """The committee's rating of a cell for a year (xếp loại), entered after the year's review."""

    cell_id: str
    year: int
    level: str
    source: Source = Source("")


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    short_name: str | None = None
    bulletin_title: str = "Bản tin sinh hoạt nội bộ"
    committee: str | None = None
    superior: str | None = None
    place: str | None = None
    abbreviation: str = "ĐU"


@dataclass(frozen=True, slots=True)
class Cell:
    id: str
    name: str
    kind: str
    secretary: str
    members: int
    parent: str | None = None
    supervisor: tuple[Assignment, ...] = ()
    active: bool = True  # False when dissolved (on `dissolved`, or on a date not recorded)
    online_allowed: tuple[Period, ...] = ()  # empty: not designated for online meetings
    founded: dt.date | None = None  # first day the cell existed; None: before its records begin
    dissolved: dt.date | None = None  # last day it existed; None: still exists, or date unknown
    source: Source = Source("")

    def supervisors_on(self, day: dt.date) -> tuple[str, ...]:
        return tuple(a.member for a in self.supervisor if a.period.covers(day))

    def online_allowed_on(self, day: dt.date) -> bool:
        return any(p.covers(day) for p in self.online_allowed)


@dataclass(frozen=True, slots=True)
class Meeting:
    cell_id: str
    date: dt.date
    kind: str
    members: int
    present: int
    duration: int
    speakers: int
    topic: str | None = None
    exempt: int = 0
    excused: int = 0
    online: bool = False
    guests: tuple[str, ...] = ()
    score: float | None = None
    model: bool = False
    minutes: bool | None = None
    resolution: bool | None = None
    joint_with: tuple[str, ...] = ()
    notes: str | None = None
    source: Source = Source("")

    @property
    def expected(self) -> int:
        """Members expected to attend: everyone not exempt (miễn sinh hoạt)."""
        return self.members - self.exempt


@dataclass(frozen=True, slots=True)
class Outline:
    theme: str
    id: str
    title: str
    body: str
    summary: str | None = None
    year: int | None = None
    duration: int | None = None
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: Source = Source("")

    @property
    def ref(self) -> str:
        return f"{self.theme}/{self.id}"


@dataclass(frozen=True, slots=True)
class Issue:
    """One monthly bulletin issue (số bản tin)."""

    year: int
    month: int
    title: str
    date: dt.date
    body: str
    number: int | None = None
    topics: tuple[str, ...] = ()
    source: Source = Source("")

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Dataset:
    organization: Organization
    cells: dict[str, Cell] = field(default_factory=dict)
    meetings: dict[str, list[Meeting]] = field(default_factory=dict)  # by cell id, by date
    outlines: dict[str, Outline] = field(default_factory=dict)  # by "theme/id"
    issues: list[Issue] = field(default_factory=list)  # by month
    pages: list[str] = field(default_factory=list)  # hand-written pages, docs-relative
    committee: dict[str, Member] | None = None  # None: no committee.yml (supervision not tracked)
    ratings: dict[tuple[str, int], Rating] = field(default_factory=dict)  # by (cell id, year)

    def meetings_of(self, cell_id: str) -> list[Meeting]:
        return self.meetings.get(cell_id, [])

    def years(self) -> list[int]:
        return sorted({m.date.year for ms in self.meetings.values() for m in ms})

"""The fictional sample organisation that ships in content/: cells and their meetings.

Deterministic (seeded), so `bulletin sample` rewrites the same files. Every
name is made up; the province of Sơn Hà does not exist. Cells follow profiles
(on time, missing months, skipping a quarter's thematic meeting, low
attendance, few speakers, late or short meetings) so every rule has cases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin.devtools import sample_committee as committee

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Đức", "Ngọc", "Quốc", "Thu", "Xuân", "Kim", "Đình"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Uyên",
    "Vinh",
    "Yến",
]

NOTES = [
    "Chi bộ thống nhất **ba nhiệm vụ trọng tâm** của tháng; phân công chi ủy viên theo dõi.",
    "Đánh giá việc thực hiện nghị quyết tháng trước: hoàn thành 4/5 chỉ tiêu.",
    "Thảo luận sôi nổi; nhiều ý kiến liên hệ thực tiễn công việc chuyên môn.",
    "Kiểm điểm tiến độ cải cách hành chính; giao *bộ phận một cửa* báo cáo vào kỳ sau.",
    "Cấp ủy viên phụ trách dự và phát biểu chỉ đạo.",
]

# (id, name, kind, parent) — every organisation and name is fictional.
P_YT = "Đảng bộ Sở Y tế"
P_GD = "Đảng bộ Sở Giáo dục và Đào tạo"
P_DL = "Đảng bộ Công ty Điện lực Sơn Hà"
P_CN = "Đảng bộ Công ty Cổ phần Cấp nước Sơn Hà"
P_TC = "Đảng bộ Sở Tài chính"
P_VP = "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh"
CELLS = [
    ("van-phong-so-y-te", "Chi bộ Văn phòng Sở Y tế", "co-quan", P_YT),
    ("phong-nghiep-vu-y", "Chi bộ Phòng Nghiệp vụ Y", "co-quan", P_YT),
    ("benh-vien-da-khoa-tinh", "Chi bộ Khoa Nội, Bệnh viện Đa khoa tỉnh", "don-vi-su-nghiep", P_YT),
    ("trung-tam-kiem-soat-benh-tat", "Chi bộ Trung tâm Kiểm soát bệnh tật", "don-vi-su-nghiep", P_YT),
    ("benh-vien-y-hoc-co-truyen", "Chi bộ Bệnh viện Y học cổ truyền", "don-vi-su-nghiep", P_YT),
    ("van-phong-so-gddt", "Chi bộ Văn phòng Sở Giáo dục và Đào tạo", "co-quan", P_GD),
    ("phong-giao-duc-trung-hoc", "Chi bộ Phòng Giáo dục Trung học", "co-quan", P_GD),
    ("truong-thpt-chuyen", "Chi bộ Trường THPT Chuyên Sơn Hà", "don-vi-su-nghiep", P_GD),
    ("truong-cao-dang-su-pham", "Chi bộ Trường Cao đẳng Sư phạm", "don-vi-su-nghiep", P_GD),
    ("dien-luc-thanh-pho", "Chi bộ Điện lực Thành phố", "doanh-nghiep", P_DL),
    ("dien-luc-ven-bien", "Chi bộ Điện lực Ven Biển", "doanh-nghiep", P_DL),
    ("phong-ky-thuat-dien-luc", "Chi bộ Phòng Kỹ thuật", "doanh-nghiep", P_DL),
    ("doi-quan-ly-van-hanh", "Chi bộ Đội Quản lý vận hành lưới điện", "doanh-nghiep", P_DL),
    ("tu-ve-dien-luc", "Chi bộ Quân sự Công ty Điện lực", "luc-luong-vu-trang", P_DL),
    ("nha-may-nuoc-so-1", "Chi bộ Nhà máy nước số 1", "doanh-nghiep", P_CN),
    ("xi-nghiep-xay-lap", "Chi bộ Xí nghiệp Xây lắp", "doanh-nghiep", P_CN),
    ("van-phong-cap-nuoc", "Chi bộ Văn phòng Công ty Cấp nước", "doanh-nghiep", P_CN),
    ("van-phong-so-tai-chinh", "Chi bộ Văn phòng Sở Tài chính", "co-quan", P_TC),
    ("phong-quan-ly-ngan-sach", "Chi bộ Phòng Quản lý ngân sách", "co-quan", P_TC),
    ("phong-tai-chinh-doanh-nghiep", "Chi bộ Phòng Tài chính doanh nghiệp", "co-quan", P_TC),
    ("phong-tong-hop", "Chi bộ Phòng Tổng hợp", "co-quan", P_VP),
    ("phong-kinh-te-nganh", "Chi bộ Phòng Kinh tế ngành", "co-quan", P_VP),
    ("trung-tam-hanh-chinh-cong", "Chi bộ Trung tâm Phục vụ hành chính công", "don-vi-su-nghiep", P_VP),
    ("so-tu-phap", "Chi bộ Sở Tư pháp", "co-quan", None),
    ("ban-dan-toc", "Chi bộ Ban Dân tộc", "co-quan", None),
    ("so-ngoai-vu", "Chi bộ Sở Ngoại vụ", "co-quan", None),
    ("thanh-tra-tinh", "Chi bộ Thanh tra tỉnh", "co-quan", None),
    ("lien-minh-hop-tac-xa", "Chi bộ Liên minh Hợp tác xã tỉnh", "co-quan", None),
    ("bao-son-ha", "Chi bộ Báo Sơn Hà", "don-vi-su-nghiep", None),
    ("dai-phat-thanh-truyen-hinh", "Chi bộ Đài Phát thanh và Truyền hình", "don-vi-su-nghiep", None),
    ("thu-vien-tinh", "Chi bộ Thư viện tỉnh", "don-vi-su-nghiep", None),
    ("trung-tam-chuyen-doi-so", "Chi bộ Trung tâm Chuyển đổi số", "don-vi-su-nghiep", None),
    ("trung-tam-xuc-tien-dau-tu", "Chi bộ Trung tâm Xúc tiến đầu tư", "don-vi-su-nghiep", None),
    ("ngan-hang-chinh-sach", "Chi bộ Ngân hàng Chính sách xã hội chi nhánh tỉnh", "doanh-nghiep", None),
    ("cong-ty-xo-so", "Chi bộ Công ty Xổ số kiến thiết", "doanh-nghiep", None),
    ("cong-ty-moi-truong-do-thi", "Chi bộ Công ty Môi trường đô thị", "doanh-nghiep", None),
    ("quy-dau-tu-phat-trien", "Chi bộ Quỹ Đầu tư phát triển", "doanh-nghiep", None),
    ("cong-ty-cang-son-ha", "Chi bộ Công ty Cảng Sơn Hà", "doanh-nghiep", None),
    ("cong-ty-duoc-pham", "Chi bộ Công ty Dược phẩm Sơn Hà", "doanh-nghiep", None),
    ("quan-su-co-quan-khoi", "Chi bộ Quân sự cơ quan Đảng ủy Khối", "luc-luong-vu-trang", None),
    ("khu-tap-the-giao-thong", "Chi bộ Khu tập thể Giao thông", "khu-dan-cu", None),
    ("khu-nha-o-cong-vu", "Chi bộ Khu nhà ở công vụ tỉnh", "khu-dan-cu", None),
    ("ap-doan-ket", "Chi bộ Ấp Đoàn Kết, Nông trường Sơn Hà", "khu-dan-cu", None),
    ("kho-bac-nha-nuoc", "Chi bộ Kho bạc Nhà nước tỉnh", "co-quan", None),
    ("dang-uy-khoi-van-phong", "Chi bộ Văn phòng Đảng ủy Khối", "co-quan", None),
]

# Profiles by cell id; every other cell is "good" (with rare slips).
PROFILES = {
    "phong-nghiep-vu-y": "misses",
    "truong-cao-dang-su-pham": "skips-quarter",
    "doi-quan-ly-van-hanh": "low-attendance",
    "xi-nghiep-xay-lap": "misses",
    "phong-tai-chinh-doanh-nghiep": "few-speakers",
    "trung-tam-hanh-chinh-cong": "late",
    "lien-minh-hop-tac-xa": "short",
    "cong-ty-cang-son-ha": "low-attendance",
    "khu-tap-the-giao-thong": "skips-quarter",
    "ap-doan-ket": "misses",
    "cong-ty-duoc-pham": "late",
    "thu-vien-tinh": "few-speakers",
}
# Cells that start and end mid-year: they owe only the months and quarters they existed for in full.
DISSOLVED = {"trung-tam-xuc-tien-dau-tu": dt.date(2025, 5, 20)}
FOUNDED = {"trung-tam-chuyen-doi-so": dt.date(2025, 6, 10)}
FIRST_YEAR = 2023
# HD 42 (from 28/10/2025): a ket-hop meeting lasts at least 120 minutes. Cells lengthen their
# ket-hop meetings from then on, except this one, which kept the old 90–120 habit until the
# end of 2025 (so the sample shows a verdict under each guidance).
HD_42_START = dt.date(2025, 10, 28)
SLOW_TO_ADAPT = "bao-son-ha"
GUEST_NOTE = "Cấp ủy viên phụ trách dự và phát biểu chỉ đạo."


@dataclass(frozen=True)
class Featured:
    """A meeting a hand-written bulletin issue describes (content/bulletin/*.md): pinned here so
    the records say what the news says. tests/test_sample.py checks the issues against them."""

    cell: str
    date: str
    kind: str
    topic: str | None = None
    guests: bool = False
    online: bool = False
    duration: int = 120


PCTN = "phong-chong-tham-nhung"
FEATURED = (
    Featured("so-tu-phap", "2025-10-09", "chuyen-de", f"{PCTN}/chuan-muc-dao-duc-cach-mang", guests=True),
    Featured("thanh-tra-tinh", "2025-10-09", "chuyen-de", f"{PCTN}/chuan-muc-dao-duc-cach-mang", guests=True),
    Featured("trung-tam-chuyen-doi-so", "2025-11-06", "thuong-ky", online=True, duration=100),
    Featured("trung-tam-hanh-chinh-cong", "2026-02-24", "chuyen-de", "dan-van-kheo/tiep-dan-va-doi-thoai", guests=True),
    Featured("thu-vien-tinh", "2026-03-19", "chuyen-de", f"{PCTN}/nhung-dieu-dang-vien-khong-duoc-lam", guests=True),
    Featured("so-ngoai-vu", "2026-03-19", "chuyen-de", f"{PCTN}/nhung-dieu-dang-vien-khong-duoc-lam", guests=True),
    Featured("quy-dau-tu-phat-trien", "2026-05-21", "chuyen-de", f"{PCTN}/kiem-soat-quyen-luc-trong-cong-tac-can-bo"),
    Featured("truong-thpt-chuyen", "2026-08-20", "chuyen-de", "dan-van-kheo/thuc-hien-dan-chu-o-co-so"),
    Featured("xi-nghiep-xay-lap", "2026-10-22", "chuyen-de", "ho-chi-minh/tu-phe-binh-va-phe-binh", guests=True),
)


@dataclass
class Written:
    cells: int = 0
    meetings: int = 0


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _cell_yaml(
    name: str,
    kind: str,
    parent: str | None,
    secretary: str,
    members: int,
    supervisor: str,
    founded: dt.date | None,
    dissolved: dt.date | None,
) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/cell.schema.json",
        f"# Dữ liệu mẫu hư cấu: tên người và tổ chức đều không có thật. ({_BLANK.decode()})",
        f"name: {json.dumps(name, ensure_ascii=False)}",
        f"kind: {kind}",
    ]
    if parent:
        lines.append(f"parent: {json.dumps(parent, ensure_ascii=False)}")
    # A committee member's id (committee.yml), or several with periods: written by the caller.
    supervision = supervisor if supervisor.startswith("supervisor:") else f"supervisor: {supervisor}"
    lines += [f"secretary: {secretary}", supervision, f"members: {members}"]
    if founded:
        lines.append(f"founded: {founded.isoformat()}   # thành lập giữa năm: tính từ tháng trọn vẹn đầu tiên")
    if dissolved:
        lines.append(f"dissolved: {dissolved.isoformat()}   # sáp nhập khi sắp xếp tổ chức; giữ lại lịch sử sinh hoạt")
    return "\n".join(lines) + "\n"


def _meeting_yaml(m: dict[str, object]) -> str:
    out = []
    for key, value in m.items():
        if isinstance(value, list):
            out.append(f"  {key}:")
            out += [f"    - {json.dumps(v, ensure_ascii=False)}" for v in value]
        elif isinstance(value, bool):
            out.append(f"  {key}: {'true' if value else 'false'}")
        elif isinstance(value, str) and key == "notes":
            out.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
        else:
            out.append(f"  {key}: {value}")
    out[0] = "- " + out[0][2:]
    return "\n".join(out)


def _months(year: int, until: dt.date) -> list[int]:
    last = 12 if year < until.year else until.month
    return list(range(1, last + 1))


def _meeting_day(rng: random.Random, profile: str, year: int, month: int, until: dt.date) -> int:
    late = profile == "late" and rng.random() < 0.3
    day = rng.randint(16, 24) if late else rng.randint(2, 12) if rng.random() > 0.005 else rng.randint(16, 20)
    if (year, month) == (until.year, until.month):
        day = min(day, until.day)
    return day


def issued_by(topics: dict[str, int], year: int) -> list[str]:
    """Outlines a cell could have used in `year`: those issued by then (else the oldest)."""
    eligible = sorted(ref for ref, issued in topics.items() if issued <= year)
    return eligible or sorted(ref for ref, issued in topics.items() if issued == min(topics.values()))


def meetings_for(
    cell_id: str,
    year: int,
    members: int,
    supervisor: str,
    all_topics: dict[str, int],
    rng: random.Random,
    until: dt.date,
    profile: str | None = None,
) -> list[dict[str, object]]:
    profile = profile or PROFILES.get(cell_id, "good")
    topics = issued_by(all_topics, year)
    missed = set()
    if profile == "misses":
        missed = set(rng.sample(range(1, 13), rng.randint(1, 3)))
    elif rng.random() < 0.05:
        missed = {rng.randint(1, 12)}
    skipped_quarter = rng.randint(1, 4) if profile == "skips-quarter" or rng.random() < 0.04 else None
    result = []
    for month in _months(year, until):
        if month in missed:
            continue
        quarter = (month - 1) // 3 + 1
        thematic_month = month % 3 == 2 and quarter != skipped_quarter
        day = _meeting_day(rng, profile, year, month, until)
        exempt = rng.choice([0, 0, 0, 1, 1, 2]) if members > 10 else 0
        expected = members - exempt
        if profile == "low-attendance":
            present = max(1, round(expected * rng.uniform(0.68, 0.86)))
        else:
            present = expected - rng.choice([0, 0, 0, 0, 0, 1, 1, 2] if expected > 8 else [0, 0, 0, 0, 0, 1])
        absent = expected - present
        excused = absent if profile != "low-attendance" else absent // 2
        if profile == "short" and rng.random() < 0.5:
            duration = rng.choice([60, 70, 75, 80])
        else:
            duration = rng.choice([90, 95, 100, 105, 110, 120]) if rng.random() > 0.006 else rng.choice([80, 130])
        low, high = (0.15, 0.28) if profile == "few-speakers" else (0.33, 0.6)
        speakers = max(1, min(present, round(present * rng.uniform(low, high))))
        m: dict[str, object] = {"date": dt.date(year, month, day).isoformat()}
        if thematic_month and rng.random() < 0.5:
            m["kind"] = "ket-hop"
            m["topic"] = rng.choice(topics)
        else:
            m["kind"] = "thuong-ky"
        m.update(members=members, present=present)
        if excused:
            m["excused"] = excused
        if exempt:
            m["exempt"] = exempt
        m.update(duration=duration, speakers=speakers)
        if year >= 2025 and rng.random() < 0.1:
            m["online"] = True
        if month % 3 == 1 and rng.random() < 0.5:
            m["guests"] = [f"{supervisor}, cấp ủy viên phụ trách"]
        if year >= 2025:
            m["score"] = rng.randint(72, 96)
        if rng.random() < 0.12:
            m["notes"] = rng.choice(NOTES)
        result.append(m)
        if thematic_month and m["kind"] == "thuong-ky":
            result.append(_separate_thematic(rng, year, month, members, present, topics, until))
    if rng.random() < 0.07:
        result.append(_extraordinary(rng, year, members, until))
    return sorted(result, key=lambda m: str(m["date"]))


def _separate_thematic(
    rng: random.Random, year: int, month: int, members: int, present: int, topics: list[str], until: dt.date
) -> dict[str, object]:
    day = min(rng.randint(18, 27), until.day) if (year, month) == (until.year, until.month) else rng.randint(18, 27)
    held = max(1, present - rng.choice([0, 0, 0, 1]))
    return {
        "date": dt.date(year, month, day).isoformat(),
        "kind": "chuyen-de",
        "topic": rng.choice(topics),
        "members": members,
        "present": held,
        "excused": members - held,
        "duration": rng.choice([90, 100, 110, 120]),
        "speakers": max(1, round(held * rng.uniform(0.35, 0.65))),
    }


def _extraordinary(rng: random.Random, year: int, members: int, until: dt.date) -> dict[str, object]:
    month = rng.randint(1, 12 if year < until.year else max(1, until.month - 1))
    present = members - rng.choice([0, 1, 2])
    return {
        "date": dt.date(year, month, rng.randint(18, 28)).isoformat(),
        "kind": "bat-thuong",
        "members": members,
        "present": present,
        "excused": members - present,
        "duration": rng.choice([45, 60]),
        "speakers": max(1, present // 3),
        "notes": "Sinh hoạt bất thường: cho ý kiến về công tác nhân sự.",
    }


SAMPLE_FOLDERS = ("cells", "meetings", "ratings")
SAMPLE_FILES = ("committee.yml",)
# Every file the generator writes carries this mark with a digest of the file's own text (the
# digest's place zeroed), so `sample --force` can tell its untouched files from anyone else's:
# a real cell, a meeting an import appended, an edit by hand.
_MARK = re.compile(rb"bulletin-sample:([0-9a-f]{16})")
_BLANK = b"bulletin-sample:" + b"0" * 16


class NotOurs(Exception):
    """The sample folders hold files the generator did not write (or that were changed since)."""


def _sealed(text: str) -> bytes:
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:16].encode()
    return data.replace(_BLANK, b"bulletin-sample:" + digest, 1)


def is_sample_file(path: Path) -> bool:
    """Written by the generator and unchanged since."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    m = _MARK.search(data)
    if m is None:
        return False
    blanked = data[: m.start()] + _BLANK + data[m.end() :]
    return hashlib.sha256(blanked).hexdigest()[:16].encode() == m[1]


def clear_sample(content: Path, force: bool) -> None:
    """Make way for a new sample: refuse (touching nothing) unless the folders are empty, new, or, with
    `force`, hold only files an earlier run wrote and nobody changed; then delete those files only."""
    files = [
        p
        for folder in SAMPLE_FOLDERS
        if (content / folder).is_dir()
        for p in sorted((content / folder).rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(content).parts)
    ] + [content / name for name in SAMPLE_FILES if (content / name).is_file()]
    if not files:
        return
    shown = [f"content/{p.relative_to(content).as_posix()}" for p in files]
    if not force:
        raise NotOurs(
            f"Không ghi dữ liệu mẫu: {content} đã có {len(files)} tệp dữ liệu (cells/, meetings/, ratings/, committee.yml; "
            f"ví dụ {shown[0]}). Lệnh `bulletin sample` chỉ ghi vào thư mục trống hoặc chưa có; "
            "thêm --force để thay một bộ dữ liệu mẫu cũ (chỉ các tệp mẫu chưa ai sửa)."
        )
    foreign = [s for p, s in zip(files, shown, strict=True) if not is_sample_file(p)]
    if foreign:
        listed = "\n".join(f"  {s}" for s in foreign[:20]) + (
            f"\n  … và {len(foreign) - 20} tệp khác" if len(foreign) > 20 else ""
        )
        raise NotOurs(
            f"Không ghi dữ liệu mẫu: {len(foreign)} tệp không phải do `bulletin sample` tạo ra, hoặc đã được sửa "
            f"(dữ liệu thật, cuộc họp đã nhập, sửa tay); không xóa tệp nào:\n{listed}"
        )
    for p in files:
        p.unlink()
    for folder in SAMPLE_FOLDERS:  # the cells' folders the sample made, now empty
        for d in sorted((content / folder).rglob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()


def _adjust(cell_id: str, ms: list[dict[str, object]], supervisor: str, founded: dt.date | None) -> list[dict[str, object]]:
    """Make a generated year true to itself and to the guidance of its dates, without drawing
    from the random stream (so the other cells' records stay as they were)."""
    out = []
    for m in ms:
        day = dt.date.fromisoformat(str(m["date"]))
        if founded and day < founded:
            continue
        adapts = not (cell_id == SLOW_TO_ADAPT and day.year == 2025) and PROFILES.get(cell_id) != "short"
        if m["kind"] == "ket-hop" and day >= HD_42_START and int(str(m["duration"])) < 120 and adapts:
            m["duration"] = int(str(m["duration"])) + 30
        if m.get("notes") == GUEST_NOTE and not m.get("guests"):
            m["guests"] = [f"{supervisor}, cấp ủy viên phụ trách"]
        out.append(m)
    for f in FEATURED:
        if f.cell == cell_id and ms and f.date[:4] == str(ms[0]["date"])[:4]:
            out = _feature(out, f, supervisor)
    return sorted(out, key=lambda m: str(m["date"]))


def _feature(ms: list[dict[str, object]], f: Featured, supervisor: str) -> list[dict[str, object]]:
    """Put the featured meeting in: it replaces the month's meeting of the same role."""
    month = f.date[:7]
    regular = f.kind in ("thuong-ky", "ket-hop")
    same_month = [m for m in ms if str(m["date"])[:7] == month]
    base = next((m for m in same_month if m["kind"] in ("thuong-ky", "ket-hop")), same_month[0] if same_month else None)
    members = int(str(base["members"])) if base else 10
    exempt = int(str(base.get("exempt", 0))) if base else 0
    present = members - exempt - (1 if members - exempt > 8 else 0)
    kept = [
        m
        for m in ms
        if str(m["date"])[:7] != month or (m["kind"] in ("thuong-ky", "ket-hop")) != regular or m["kind"] == "bat-thuong"
    ]
    m: dict[str, object] = {"date": f.date, "kind": f.kind}
    if f.topic:
        m["topic"] = f.topic
    m.update(members=members, present=present)
    if members - exempt - present:
        m["excused"] = members - exempt - present
    if exempt:
        m["exempt"] = exempt
    m.update(duration=f.duration, speakers=max(1, round(present * 0.5)))
    if f.online:
        m["online"] = True
    if f.guests:
        m["guests"] = [f"{supervisor}, cấp ủy viên phụ trách"]
    extra = []
    if f.kind == "thuong-ky" and base and base["kind"] == "ket-hop":
        # The replaced meeting was the quarter's thematic one too: it is held apart later in the month.
        extra.append(dict(m, date=f"{month}-20", kind="chuyen-de", topic=base["topic"], online=False))
        extra[0].pop("online")
    return [*kept, m, *extra]


def write_sample(content: Path, topics: dict[str, int], until: dt.date, seed: int = 2026) -> Written:
    """Write content/cells and content/meetings (`clear_sample` first).

    `topics` maps outline refs to the year each was issued."""
    rng = random.Random(seed)
    written = Written()
    for index, (cell_id, name, kind, parent) in enumerate(CELLS):
        members = rng.randint(4, 40)
        secretary, supervisor = person(rng), person(rng)  # the name is drawn still: the stream stays as it was
        founded, dissolved = FOUNDED.get(cell_id), DISSOLVED.get(cell_id)
        path = content / "cells" / f"{cell_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _cell_yaml(name, kind, parent, secretary, members, committee.supervisor_yaml(index, cell_id), founded, dissolved)
        if online := committee.online_yaml(cell_id):
            text += online + "\n"
        path.write_bytes(_sealed(text))
        written.cells += 1
        first = founded.year if founded else FIRST_YEAR
        last = dissolved.year if dissolved else until.year
        size = max(3, members - rng.randint(0, 3) * (until.year - first))
        for year in range(first, last + 1):
            # The dissolved cell's last year draws from its own stream, so adding it left the
            # other cells' records unchanged.
            own = random.Random(f"{seed}/{cell_id}/{year}") if dissolved and year == dissolved.year else rng
            size = max(3, size + own.choice([-1, 0, 0, 1, 1]))
            if year == until.year:
                size = members
            end = min(until, dissolved) if dissolved else until
            ms = _adjust(cell_id, meetings_for(cell_id, year, size, supervisor, topics, own, end), supervisor, founded)
            ms = committee.apply(index, cell_id, ms, seed)
            folder = content / "meetings" / cell_id
            folder.mkdir(parents=True, exist_ok=True)
            header = (
                "# yaml-language-server: $schema=../../../schemas/meetings.schema.json\n"
                f"# {name}: sinh hoạt năm {year} (dữ liệu mẫu hư cấu; {_BLANK.decode()})\n"
            )
            (folder / f"{year}.yml").write_bytes(_sealed(header + "\n".join(_meeting_yaml(m) for m in ms) + "\n"))
            written.meetings += len(ms)
    rated = [c[0] for c in CELLS if c[0] not in FOUNDED or FOUNDED[c[0]].year <= 2025]
    for rel, text in committee.files(rated, PROFILES, seed).items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_sealed(f"{text}# dữ liệu mẫu hư cấu; {_BLANK.decode()}\n"))
    return written

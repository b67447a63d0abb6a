"""The sample's committee (content/committee.yml), who follows which cell, their visits, online
designations, model and joint meetings, minutes and resolutions, and the 2025 ratings.

Applied to the generated records after the fact, from random streams of its own (keyed by cell
and date), so the rest of the sample (every figure the other cells show) stays as it was. Every
name is fictional.
"""

from __future__ import annotations

import datetime as dt
import random

# (id, name, role): fictional members of the Đảng ủy Khối who follow cells.
COMMITTEE = (
    ("tran-van-hung", "Trần Văn Hùng", "Phó Bí thư Thường trực Đảng ủy Khối"),
    ("le-thi-mai", "Lê Thị Mai", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Đảng ủy Khối"),
    ("nguyen-quoc-bao", "Nguyễn Quốc Bảo", "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối"),
    ("pham-thu-ha", "Phạm Thu Hà", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo và Dân vận Đảng ủy Khối"),
    ("vo-minh-tuan", "Võ Minh Tuấn", "Đảng ủy viên, Chánh Văn phòng Đảng ủy Khối"),
    ("dang-thi-lan", "Đặng Thị Lan", "Đảng ủy viên, Phó Trưởng Ban Tổ chức Đảng ủy Khối"),
    ("ho-duc-long", "Hồ Đức Long", "Đảng ủy viên, Bí thư Đoàn Khối"),
)
MEMBER_IDS = [m[0] for m in COMMITTEE]
REASSIGNED = dt.date(2026, 4, 1)  # assignments changed after the first quarter of 2026
# Cells the assigned member rarely or never attends (the figures' "cells never visited").
RARELY = {"ap-doan-ket": 0.05, "khu-tap-the-giao-thong": 0.05, "cong-ty-cang-son-ha": 0.08, "tu-ve-dien-luc": 0.0}
VISIT_RATE = 0.45
# Cells the committee designated for online meetings (seed 001 and 004 describe pilots).
ONLINE_ALWAYS = {"trung-tam-chuyen-doi-so"}
ONLINE_FROM = {"dai-phat-thanh-truyen-hinh": dt.date(2025, 7, 1), "ngan-hang-chinh-sach": dt.date(2026, 1, 1)}
# One online meeting held without designation, so the rule has its case on a cell page.
ONLINE_UNDESIGNATED = ("phong-nghiep-vu-y", "2026")
# Joint thematic meetings the bulletin issues describe (both cells keep their own record).
JOINT = {("so-tu-phap", "2025-10-09"): "thanh-tra-tinh", ("thu-vien-tinh", "2026-03-19"): "so-ngoai-vu"}
MODEL = {("so-tu-phap", "2025-10-09"), ("trung-tam-hanh-chinh-cong", "2026-02-24"), ("xi-nghiep-xay-lap", "2026-10-22")}
GUEST_SUFFIX = ", cấp ủy viên phụ trách"


def assignment(index: int, cell_id: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """(member, from, to): cells are shared round the committee; every fifth cell changed hands."""
    first = MEMBER_IDS[index % len(MEMBER_IDS)]
    if index % 5 == 2:
        second = MEMBER_IDS[(index + 3) % len(MEMBER_IDS)]
        return [(first, None, REASSIGNED - dt.timedelta(days=1)), (second, REASSIGNED, None)]
    return [(first, None, None)]


def supervisor_yaml(index: int, cell_id: str) -> str:
    spans = assignment(index, cell_id)
    if len(spans) == 1:
        return f"supervisor: {spans[0][0]}"
    lines = ["supervisor:   # phân công lại từ quý II năm 2026"]
    for member, start, end in spans:
        lines.append(f"  - member: {member}")
        if start:
            lines.append(f"    from: {start.isoformat()}")
        if end:
            lines.append(f"    to: {end.isoformat()}")
    return "\n".join(lines)


def online_yaml(cell_id: str) -> str:
    if cell_id in ONLINE_ALWAYS:
        return "online_allowed: true   # thí điểm sinh hoạt trực tuyến"
    if cell_id in ONLINE_FROM:
        return f"online_allowed:\n  - from: {ONLINE_FROM[cell_id].isoformat()}"
    return ""


def _member_on(index: int, cell_id: str, day: dt.date) -> str:
    for member, start, end in assignment(index, cell_id):
        if (start is None or start <= day) and (end is None or day <= end):
            return member
    return MEMBER_IDS[0]


def _online_ok(cell_id: str, day: dt.date) -> bool:
    return cell_id in ONLINE_ALWAYS or (cell_id in ONLINE_FROM and day >= ONLINE_FROM[cell_id])


def apply(index: int, cell_id: str, ms: list[dict[str, object]], seed: int) -> list[dict[str, object]]:
    """The year's records with the committee in them."""
    undesignated_done = False
    for m in ms:
        day = dt.date.fromisoformat(str(m["date"]))
        rng = random.Random(f"{seed}/committee/{cell_id}/{day.isoformat()}/{m['kind']}")
        member = _member_on(index, cell_id, day)
        guests = [str(g) for g in m.get("guests", [])]  # type: ignore[attr-defined]
        named = any(g.endswith(GUEST_SUFFIX) for g in guests)
        guests = [g for g in guests if not g.endswith(GUEST_SUFFIX)]
        rate = RARELY.get(cell_id, VISIT_RATE)
        # A note saying the member attended (or a featured meeting) always has them as a guest.
        if named or (m["kind"] != "bat-thuong" and rng.random() < rate):
            guests.insert(0, member)
        if guests:
            m["guests"] = guests
        else:
            m.pop("guests", None)
        if m.get("online") and not _online_ok(cell_id, day):
            if (cell_id, str(day.year)) == ONLINE_UNDESIGNATED and not undesignated_done:
                undesignated_done = True
            else:
                m.pop("online")
        if _online_ok(cell_id, day) and m["kind"] == "thuong-ky" and rng.random() < 0.3:
            m["online"] = True
        key = (cell_id, str(m["date"]))
        if key in MODEL:
            m["model"] = True
        if day.year >= 2026 and m["kind"] != "chuyen-de":
            m["minutes"] = True
            m["resolution"] = rng.random() > 0.04 if m["kind"] != "bat-thuong" else True
        if key in JOINT and m["kind"] == "chuyen-de":
            m["joint_with"] = [JOINT[key]]
    if (cell_id, str(ms[0]["date"])[:4] if ms else "") == ONLINE_UNDESIGNATED and not undesignated_done:
        regular = [m for m in ms if m["kind"] == "thuong-ky"]
        if regular:
            regular[len(regular) // 2]["online"] = True
    return ms


def committee_yaml() -> str:
    lines = [
        "# yaml-language-server: $schema=../schemas/committee.schema.json",
        "# Cấp ủy viên phụ trách chi bộ. Dữ liệu mẫu hư cấu: mọi tên người đều không có thật.",
    ]
    for member, name, role in COMMITTEE:
        lines += [f"- id: {member}", f"  name: {name}", f"  role: {role}"]
    return "\n".join(lines) + "\n"


# The 2025 ratings: by profile, with two that contradict the record on purpose (flagged for UBKT).
RATING_BY_PROFILE = {"misses": "hoan-thanh", "skips-quarter": "hoan-thanh", "low-attendance": "hoan-thanh"}
CONTRADICTING = {"phong-nghiep-vu-y": "tot", "doi-quan-ly-van-hanh": "xuat-sac"}


def ratings_yaml(cells: list[str], profiles: dict[str, str], seed: int, year: int) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/ratings.schema.json",
        f"# Xếp loại chi bộ năm {year}, sau kiểm điểm cuối năm (dữ liệu mẫu hư cấu).",
    ]
    for cell_id in cells:
        rng = random.Random(f"{seed}/rating/{cell_id}/{year}")
        level = CONTRADICTING.get(cell_id) or RATING_BY_PROFILE.get(profiles.get(cell_id, "good"))
        if level is None:
            level = "xuat-sac" if rng.random() < 0.2 else "tot"
        lines.append(f"{cell_id}: {level}")
    return "\n".join(lines) + "\n"


def files(cells: list[str], profiles: dict[str, str], seed: int) -> dict[str, str]:
    """The committee and its ratings, by their path under content/ (the caller seals and writes them)."""
    return {"committee.yml": committee_yaml(), "ratings/2025.yml": ratings_yaml(cells, profiles, seed, 2025)}

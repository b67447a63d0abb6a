"""Checks of references between records: committee members named by cells and meetings,
and joint meetings (sinh hoạt chung) that each cell records on its own.

They run after everything is loaded (a meeting's partner may be in any file), and are never
cached with a meeting file, since they depend on other files.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Collection, Iterator

from bulletin.data.model import Dataset, Meeting, Member
from bulletin.data.problems import quoted
from bulletin.text.vi import ascii_fold

# A guest written as an id ("nguyen-van-a") refers to a committee member; anything else
# ("Ông Lê Văn C, Phó Giám đốc Sở") is a free-text guest and stays allowed.
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z0-9]+$")

Found = tuple[str, int, str]


def suggest_id(value: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"(có phải '{close[0]}'?)" if close else ""


def is_member_ref(guest: str) -> bool:
    return bool(_ID.match(guest))


def member_guests(m: Meeting, members: Collection[str]) -> tuple[str, ...]:
    """The committee members (ids) among a meeting's guests."""
    return tuple(g for g in m.guests if g in members)


def _folded(text: str) -> str:
    """'  Phạm  Thu Hà ' -> 'pham thu ha': how a clerk's spelling of a name is compared."""
    return " ".join(ascii_fold(text).lower().split())


def resolve_guests(data: Dataset) -> list[Found]:
    """Rewrite each meeting's guests that name a committee member, by id in any case
    ("Pham-Thu-Ha") or by name in any spelling of its marks ("Phạm Thu Hà", "Pham Thu Ha"), to
    that member's id, so a visit written either way is counted; return the problems: a guest
    close to a member's id or name (a likely typo, otherwise silently not counted) and a member
    listed twice in one meeting."""
    if not data.committee:
        return []
    by_key: dict[str, str] = {}
    for member in data.committee.values():
        by_key.setdefault(member.id, member.id)
        by_key.setdefault(_folded(member.name), member.id)
    found: list[Found] = []
    for cell_id, meetings in data.meetings.items():
        resolved: list[Meeting] = []
        for m in meetings:
            guests, problems = _resolve(m, by_key, data.committee)
            found.extend(problems)
            resolved.append(dataclasses.replace(m, guests=guests) if guests != m.guests else m)
        data.meetings[cell_id] = resolved
    return found


def _resolve(m: Meeting, by_key: dict[str, str], committee: dict[str, Member]) -> tuple[tuple[str, ...], list[Found]]:
    guests: list[str] = []
    problems: list[Found] = []
    free: set[str] = set()
    for g in m.guests:
        key = _folded(g)
        member = by_key.get(key) or by_key.get(key.replace(" ", "-"))
        if member is None:
            if not is_member_ref(g):  # ids are checked (with a suggestion) by _guests
                close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.8)
                if close:
                    problems.append(
                        (
                            m.source.path,
                            m.source.line,
                            f"`guests`: '{g[:60]}' gần giống cấp ủy viên (có phải '{by_key[close[0]]}'?): "
                            "ghi đúng mã hoặc họ tên để lượt dự được tính; khách khác ghi kèm chức vụ",
                        )
                    )
            if key in free:
                problems.append((m.source.path, m.source.line, f"`guests`: '{g[:60]}' được ghi hai lần; xóa một lần"))
                continue
            free.add(key)
            guests.append(g)
        elif member in guests:
            problems.append(
                (
                    m.source.path,
                    m.source.line,
                    f"`guests`: cấp ủy viên '{member}' ({committee[member].name}) được ghi hai lần; xóa một lần",
                )
            )
        else:
            guests.append(member)
    return tuple(guests), problems


def reference_problems(data: Dataset, failed_cells: Collection[str] = ()) -> Iterator[Found]:
    """`failed_cells`: cells whose file exists but has errors of its own; a reference to one is
    not reported again as a cell that does not exist."""
    yield from _supervisors(data)
    yield from _guests(data)
    yield from _joint(data, failed_cells)


def _supervisors(data: Dataset) -> Iterator[Found]:
    if data.committee is None:
        return
    for cell in data.cells.values():
        for a in cell.supervisor:
            if a.member not in data.committee:
                hint = suggest_id(a.member, data.committee)
                yield (
                    cell.source.path,
                    a.line or cell.source.line,
                    f"`supervisor`: không có cấp ủy viên mã '{quoted(a.member)}' trong content/committee.yml {hint}".rstrip(),
                )


def _guests(data: Dataset) -> Iterator[Found]:
    if data.committee is None:
        return
    for meetings in data.meetings.values():
        for m in meetings:
            for g in m.guests:
                if is_member_ref(g) and g not in data.committee:
                    hint = suggest_id(g, data.committee)
                    yield (
                        m.source.path,
                        m.source.line,
                        f"`guests`: không có cấp ủy viên mã '{quoted(g)}' trong content/committee.yml {hint} "
                        "(khách khác ghi họ tên, chức vụ)".replace("  ", " "),
                    )


def _joint(data: Dataset, failed_cells: Collection[str]) -> Iterator[Found]:
    for meetings in data.meetings.values():
        for m in meetings:
            for partner in m.joint_with:
                message = joint_problem(data, m, partner, failed_cells)
                if message:
                    yield m.source.path, m.source.line, message


def joint_problem(data: Dataset, m: Meeting, partner: str, failed_cells: Collection[str] = ()) -> str | None:
    """Why `m`'s `joint_with: [partner]` does not hold in `data`, or None (also used by the import,
    against the data as it would be after the batch)."""
    if partner == m.cell_id:
        return "`joint_with`: không thể sinh hoạt chung với chính chi bộ mình"
    if partner in failed_cells:
        return None  # its own file's errors are reported
    if partner not in data.cells:
        hint = suggest_id(partner, data.cells)
        return f"`joint_with`: không có chi bộ '{partner[:60]}' {hint}".rstrip()
    if joint_partner(data, m, partner) is None:
        return (
            f"`joint_with`: chi bộ '{partner}' chưa ghi cuộc sinh hoạt chung ngày {m.date:%d/%m/%Y}"
            + (f" với đề cương '{m.topic}'" if m.topic else "")
            + f" (thêm vào content/meetings/{partner}/{m.date.year}.yml)"
        )
    return None


def joint_partner(data: Dataset, m: Meeting, partner: str) -> Meeting | None:
    """The partner cell's own record of a joint meeting: same date, same topic."""
    for other in data.meetings_of(partner):
        if other.date == m.date and other.topic == m.topic:
            return other
    return None

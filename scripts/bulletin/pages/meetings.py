"""A cell's meetings in one year, newest first; a meeting that falls short of a rule is marked in words."""

from __future__ import annotations

from collections.abc import Iterable

from bulletin.data.model import MEETING_KINDS, Meeting
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.html import esc, link, table, unseen
from bulletin.rules.verdicts import first_regular_meetings, judged_meetings, meeting_breaches
from bulletin.text import vi

HEADERS = [
    "Ngày",
    "Hình thức",
    "Chuyên đề",
    "Dự họp",
    "Vắng có lý do",
    "Thời gian",
    "Phát biểu",
    "Trực tuyến",
    "Cấp ủy dự",
    "Điểm",
    "Ghi chú",
]


NOT_DUE = "cuộc sinh hoạt ở tháng chưa đến hạn đánh giá, được ghi nhận nhưng chưa tính vào kết quả"


def breaches_by_meeting(ctx: Context, held: list[Meeting], due: Iterable[int]) -> dict[int, list[str]]:
    """Each meeting's shortfalls in words, by id(); the deadline rule needs the month's first
    regular meeting. A meeting under the attendance or speakers target is marked here even when
    the year's figure meets it. Only meetings in due months are judged (as the verdict and the
    exports judge them); the others get no entry."""
    judged = judged_meetings(held, due)
    firsts = first_regular_meetings(judged)
    return {id(m): [b.text for b in meeting_breaches(m, ctx.settings.rules, id(m) in firsts)] for m in judged}


def meetings_table(ctx: Context, doc: str, held: list[Meeting], breaches: dict[int, list[str]]) -> str:
    if not held:
        return "<p><em>Không có cuộc sinh hoạt nào được ghi nhận.</em></p>"
    rows, attrs, pending = [], [], False
    for m in sorted(held, key=lambda m: m.date, reverse=True):
        found = breaches.get(id(m), [])
        topic = "–"
        if m.topic and m.topic in ctx.data.outlines:
            topic = link(ctx.url(doc, links.outline_doc(m.topic)), esc(ctx.data.outlines[m.topic].title))
        notes = _record(ctx, doc, m) + (ctx.notes(m.notes) if m.notes else "")
        if found:
            notes = "".join(f'<p class="bt-bad">⚠ {esc(b)}</p>' for b in found) + notes
        day = vi.date(m.date)
        if found:
            day += '<br><span class="bt-flag bt-bad">⚠ chưa bảo đảm yêu cầu</span>'
        elif id(m) not in breaches:
            # A short badge: the date column stays narrow on a phone; the legend below says why.
            day += f'<br><span class="bt-flag" title="{NOT_DUE}">chưa tính</span>'
            pending = True
        rows.append(
            [
                day,
                esc(MEETING_KINDS[m.kind]) + ('<br><span class="bt-flag">★ sinh hoạt điểm</span>' if m.model else ""),
                topic,
                f"{m.present}/{m.expected}",
                str(m.excused),
                f"{m.duration} phút",
                str(m.speakers),
                "có" if m.online else "",
                "<br>".join(esc(ctx.member_name(g)) for g in m.guests),
                vi.number(m.score, 1 if isinstance(m.score, float) else 0) if m.score is not None else "",
                notes,
            ]
        )
        attrs.append('class="bt-breach"' if found else "")
    caption = f"Các cuộc sinh hoạt năm {held[0].date.year}" if held else "Các cuộc sinh hoạt"
    legend = f'<p class="bt-legend bt-not-due"><span class="bt-flag">chưa tính</span>: {NOT_DUE}.</p>\n' if pending else ""
    return table(HEADERS, rows, cls="bt-meetings", row_attrs=attrs, caption=unseen(caption)) + legend


def _record(ctx: Context, doc: str, m: Meeting) -> str:
    """A joint meeting's partner cells (linked to their own record), and whether minutes and a
    resolution were adopted, when the record says so."""
    out = []
    for partner in ctx.joint_partners(m):
        cell = ctx.data.cells[partner]
        out.append(
            f"<p>Sinh hoạt chung với {link(ctx.url(doc, links.cell_doc(partner), f'nam-{m.date.year}'), esc(cell.name))}</p>"
        )
    said = []
    if m.minutes is not None:
        said.append("đã thông qua biên bản" if m.minutes else "chưa thông qua biên bản")
    if m.resolution is not None:
        said.append("đã ra nghị quyết" if m.resolution else "chưa ra nghị quyết")
    if said:
        out.append(f"<p>{esc('; '.join(said).capitalize())}.</p>")
    return "".join(out)

"""The year at a glance: a mark per month (regular meeting) and per quarter (thematic meeting).

A mark is a symbol AND a word (never colour alone), so strips read in print, in
greyscale and to a screen reader. A month is judged once it is due (rules.due: ended, and the
cell existed on every day of it); the month in progress is "open": not missed, but owed; a month
the cell did not exist for in full (founded or dissolved during it) is "not counted".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from bulletin.data.model import REGULAR_KINDS, THEMATIC_KINDS, Meeting
from bulletin.data.settings import Settings
from bulletin.pages.html import esc
from bulletin.rules.verdicts import CellYear
from bulletin.text import vi


@dataclass(frozen=True)
class Status:
    key: str  # css class suffix and test handle
    symbol: str
    word: str


HELD = Status("held", "✓", "đã họp")
LATE = Status("late", "⚠", "họp muộn")
MISSED = Status("missed", "✗", "không họp")
OPEN = Status("open", "…", "đang diễn ra")
PENDING = Status("pending", "·", "chưa đến")
NOT_OWED = Status("none", "–", "không tính")
Q_HELD = Status("held", "✓", "đã có chuyên đề")
Q_MISSED = Status("missed", "✗", "thiếu chuyên đề")
Q_OPEN = Status("open", "…", "đang diễn ra")
Q_PENDING = Status("pending", "·", "chưa đến")
Q_NOT_OWED = Status("none", "–", "không tính")
NOT_OWED = Status("none", "–", "không tính")


@dataclass(frozen=True)
class Mark:
    label: str  # "T3", "Quý I"
    status: Status
    title: str  # the whole sentence, for a tooltip and for screen readers


def _current(year: int, as_of: dt.date) -> tuple[int, int]:
    """The month and quarter in progress in `year` (0 if none)."""
    if year != as_of.year:
        return 0, 0
    return as_of.month, (as_of.month - 1) // 3 + 1


def month_marks(cy: CellYear, held: list[Meeting], settings: Settings) -> list[Mark]:
    """Twelve marks for the year's regular meetings; `held` are the cell's meetings that year."""
    firsts: dict[int, dt.date] = {}
    for m in sorted(held, key=lambda m: m.date):
        if m.kind in REGULAR_KINDS:
            firsts.setdefault(m.date.month, m.date)
    day = settings.rules.deadline_day
    now, _ = _current(cy.year, settings.as_of)
    marks = []
    for mo in range(1, 13):
        when = vi.month(cy.year, mo).capitalize()
        if mo not in cy.owed_months:
            # Checked first: a month not owed is never judged, even with a meeting in it.
            met = f", có họp ngày {vi.date(firsts[mo])}" if mo in firsts else ""
            why = "chi bộ chưa thành lập hoặc đã giải thể trong tháng"
            mark = Mark(f"T{mo}", NOT_OWED, f"{when}: không tính ({why}{met})")
        elif mo in cy.late_months:
            mark = Mark(f"T{mo}", LATE, f"{when}: họp muộn, ngày {vi.date(firsts[mo])} (chậm nhất ngày {day})")
        elif mo in firsts:
            mark = Mark(f"T{mo}", HELD, f"{when}: đã họp ngày {vi.date(firsts[mo])}")
        elif mo in cy.due_months:
            mark = Mark(f"T{mo}", MISSED, f"{when}: không sinh hoạt thường kỳ")
        elif mo == now:
            overdue = settings.as_of.day > day
            owed = f"đã quá ngày {day}" if overdue else f"hạn ngày {day}/{mo}"
            mark = Mark(f"T{mo}", OPEN, f"{when}: đang diễn ra, chưa sinh hoạt thường kỳ ({owed})")
        else:
            mark = Mark(f"T{mo}", PENDING, f"{when}: chưa đến")
        marks.append(mark)
    return marks


def quarter_marks(cy: CellYear, held: list[Meeting], settings: Settings) -> list[Mark]:
    firsts: dict[int, dt.date] = {}
    for m in sorted(held, key=lambda m: m.date):
        if m.kind in THEMATIC_KINDS:
            firsts.setdefault((m.date.month - 1) // 3 + 1, m.date)
    _, now = _current(cy.year, settings.as_of)
    marks = []
    for q in range(1, 5):
        name = vi.quarter(q)
        if q not in cy.owed_quarters:
            met = f", có chuyên đề ngày {vi.date(firsts[q])}" if q in firsts else ""
            mark = Mark(name, Q_NOT_OWED, f"{name}: không tính (chi bộ chưa tồn tại trọn quý{met})")
        elif q in firsts:
            mark = Mark(name, Q_HELD, f"{name}: đã sinh hoạt chuyên đề ngày {vi.date(firsts[q])}")
        elif q in cy.due_quarters:
            mark = Mark(name, Q_MISSED, f"{name}: chưa sinh hoạt chuyên đề")
        elif q == now:
            mark = Mark(name, Q_OPEN, f"{name}: đang diễn ra, chưa sinh hoạt chuyên đề (hạn hết tháng {q * 3})")
        else:
            mark = Mark(name, Q_PENDING, f"{name}: chưa đến")
        marks.append(mark)
    return marks


def owed(cy: CellYear, months: list[Mark], quarters: list[Mark], settings: Settings) -> list[str]:
    """What a secretary still has to do this year, in plain words (empty for a finished year)."""
    if cy.year != settings.as_of.year:
        return []
    r = settings.rules
    todo = []
    for i, mark in enumerate(months, start=1):
        if mark.status is OPEN:
            when = f"đã quá ngày {r.deadline_day}, cần họp ngay" if settings.as_of.day > r.deadline_day else ""
            when = when or f"chậm nhất ngày {r.deadline_day}/{i}"
            todo.append(f"Sinh hoạt thường kỳ tháng {i} ({when})")
        elif mark.status is PENDING:
            todo.append(f"Sinh hoạt thường kỳ tháng {i} (chậm nhất ngày {r.deadline_day}/{i})")
    for q, mark in enumerate(quarters, start=1):
        if mark.status in (Q_OPEN, Q_PENDING):
            todo.append(f"Sinh hoạt chuyên đề {vi.quarter(q)} (trong tháng {q * 3 - 2}–{q * 3})")
    if cy.attendance_short:
        shown = vi.ratio_pct(cy.present, cy.expected, r.attendance_min)
        todo.append(f"Nâng tỷ lệ dự họp: đang là {shown}, chỉ tiêu ≥ {vi.threshold(r.attendance_min)}% cả năm")
    if cy.speakers_short:
        shown = vi.ratio_pct(cy.speakers, cy.present, r.speakers_min)
        todo.append(f"Nâng tỷ lệ phát biểu: đang là {shown}, chỉ tiêu ≥ {vi.threshold(r.speakers_min)}% cả năm")
    return todo


def mark_html(mark: Mark, label: bool = False) -> str:
    """One mark: the symbol (hidden from screen readers), the word, and the sentence as a tooltip.
    With `label`, the month or quarter is shown too (the strips); without, the word is only
    for screen readers (the overview's grid, whose columns name the month)."""
    s = mark.status
    if not label:
        return status_html(s)
    return f'<span class="bt-when">{esc(mark.label)}</span>{_symbol(s)}<span class="bt-word">{esc(s.word)}</span>'


@functools.cache
def status_html(s: Status) -> str:
    """A mark without its label says only its status: one string per status, however many marks
    a 1,000-cell grid shows."""
    return f'{_symbol(s)}<span class="bt-sr">{esc(s.word)}</span>'


def _symbol(s: Status) -> str:
    return f'<span class="bt-sym" aria-hidden="true">{s.symbol}</span>'


def strip_html(marks: list[Mark], caption: str, cls: str) -> str:
    items = "".join(f'<li class="bt-m-{m.status.key}" title="{esc(m.title)}">{mark_html(m, label=True)}</li>' for m in marks)
    # Kept out of the search index: "đã họp" × 12 months × every year of every cell finds nothing useful.
    strip = f'<ol class="bt-strip {cls}">{items}</ol>'
    return f'<div class="bt-strip-box" data-search-exclude><p class="bt-strip-cap">{esc(caption)}</p>{strip}</div>'


def legend_html(deadline_day: int) -> str:
    pairs = [
        (HELD, "đã sinh hoạt thường kỳ"),
        (LATE, f"họp muộn (sau ngày {deadline_day})"),
        (MISSED, "không họp (tháng đã qua)"),
        (OPEN, "tháng, quý đang diễn ra"),
        (PENDING, "chưa đến"),
        (NOT_OWED, "không tính (chi bộ chưa thành lập hoặc đã giải thể)"),
    ]
    items = "".join(
        f'<li class="bt-m-{s.key}"><span class="bt-sym" aria-hidden="true">{s.symbol}</span> {esc(text)}</li>'
        for s, text in pairs
    )
    return f'<ul class="bt-legend" aria-label="Chú giải" data-search-exclude>{items}</ul>'

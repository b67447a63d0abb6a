"""A cell-year's verdict: which rules it meets, and why not, in words a committee can sign.

Which rule applies to which meeting, and where each comes from:
- a regular meeting every month due (thuong-ky or ket-hop counts) and a thematic meeting every
  quarter due (chuyen-de or ket-hop counts); what is due comes from `rules.due`, the one calendar;
- attendance ≥ 90% and speakers ≥ 30%: the committee's own targets ("chỉ tiêu của Đảng ủy"),
  judged on the year's figures over its meetings in due months, bat-thuong included; a meeting under
  either target on its own is marked on its row and counted ("2 buổi dưới 30% phát biểu"),
  but the verdict stays the year's;
- duration: each thuong-ky, chuyen-de and ket-hop meeting, by the rule set in force on its date
  (`Rules.rule_set_on`): HD 12 (90–120 minutes) before 28/10/2025, HD 42 from then (at least 90;
  at least 120 for ket-hop), or a committee's own set from its start date;
- "chậm nhất ngày 15": the month's first regular meeting, a committee target too.
Only meetings in DUE months are judged (figures, marks, duration, lateness): a month not owed
(the cell founded or dissolved in it) is never judged, and the month in progress is judged once it
ends. Meetings in other months are counted apart (`meetings_not_due`) and shown, unjudged.
Thresholds are compared on exact fractions, never on rounded figures: 89.95% is under 90%.
Repeated reasons are grouped ("3 buổi sinh hoạt dưới 90 phút: 08/02, 12/03, 05/04 (HD 12: ...)").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from bulletin.data.model import MEETING_KINDS, REGULAR_KINDS, THEMATIC_KINDS, TIMED_KINDS, Dataset, Meeting
from bulletin.data.settings import TARGETS_SOURCE, Rules, RuleSet, Settings, minutes_text
from bulletin.rules.due import DueCalendar, Lifetime, due_months, judged_years, owed_months, quarter_of, whole_quarters
from bulletin.rules.quality import online_reasons
from bulletin.text import vi

BreachKind = Literal["duration", "late", "attendance", "speakers"]


@dataclass(frozen=True, slots=True)
class Breach:
    """One meeting's shortfall against a per-meeting rule; `text` is shown on its row (built on
    demand: a build judges every meeting, and most breaches are only counted)."""

    kind: BreachKind
    meeting: Meeting
    limit: float  # the threshold: a percentage, or the deadline day
    rule_set: RuleSet | None = None  # for duration
    over: bool = False  # duration above the upper bound (HD 12's 120 minutes)

    @property
    def text(self) -> str:
        m = self.meeting
        if self.kind == "duration":
            assert self.rule_set is not None
            low, high = self.rule_set.bounds(m.kind) or (0, None)
            return (
                f"Sinh hoạt ngày {vi.date(m.date)} ({kind_words(m.kind)}) kéo dài {m.duration} phút "
                f"({self.rule_set.short}: {minutes_text(low, high)})"
            )
        if self.kind == "late":
            return (
                f"Sinh hoạt thường kỳ tháng {m.date.month} muộn: ngày {vi.date(m.date)} "
                f"({TARGETS_SOURCE}: chậm nhất ngày {int(self.limit)})"
            )
        if self.kind == "attendance":
            shown = vi.ratio_pct(m.present, m.expected, self.limit)
            return f"Dự họp {shown} số phải dự ({TARGETS_SOURCE}: ≥ {vi.threshold(self.limit)}%)"
        shown = vi.ratio_pct(m.speakers, m.present, self.limit)
        return f"Phát biểu {shown} số dự họp ({TARGETS_SOURCE}: ≥ {vi.threshold(self.limit)}%)"


@dataclass(frozen=True, slots=True)
class CellYear:
    cell_id: str
    year: int
    meetings: int  # every meeting of the year, every kind
    meetings_not_due: int  # of which in a month not due (unjudged: not owed, or not ended yet)
    regular_months: tuple[int, ...]  # months with a regular meeting (due or not)
    thematic_quarters: tuple[int, ...]  # quarters with a thematic meeting (due or not)
    due_months: tuple[int, ...]  # months owed and ended (rules.due)
    due_quarters: tuple[int, ...]
    owed_months: tuple[int, ...]  # months the cell existed for in full, ended or not (due ⊆ owed)
    owed_quarters: tuple[int, ...]
    late_months: tuple[int, ...]  # months whose first regular meeting was after the deadline
    present: int  # the year's sums, over the meetings in due months
    expected: int
    speakers: int
    attendance_pct: float | None  # rounded, for display; the verdict uses the sums
    speakers_pct: float | None
    attendance_short: bool
    speakers_short: bool
    off_time: int  # timed meetings outside their rule set's bounds
    timed: int
    rule_sets: tuple[str, ...]  # the sets that judged this year's meetings ("HD 12", "HD 42")
    marks: tuple[str, ...]  # meetings under a target on their own: counted, not reasons
    reasons: tuple[str, ...]  # worst first
    full_reasons: tuple[str, ...] = ()  # the same, every date of a grouped reason listed (exports)
    under_attendance: int = 0  # meetings under the attendance target on their own (the marks' counts)
    under_speakers: int = 0

    @property
    def compliant(self) -> bool:
        return not self.reasons

    @property
    def months_due(self) -> int:
        return len(self.due_months)

    @property
    def quarters_due(self) -> int:
        return len(self.due_quarters)

    @property
    def missing_months(self) -> tuple[int, ...]:
        return tuple(m for m in self.due_months if m not in self.regular_months)

    @property
    def missing_quarters(self) -> tuple[int, ...]:
        return tuple(q for q in self.due_quarters if q not in self.thematic_quarters)

    @property
    def months_held_due(self) -> int:
        return self.months_due - len(self.missing_months)

    @property
    def quarters_held_due(self) -> int:
        return self.quarters_due - len(self.missing_quarters)

    @property
    def months_held_not_due(self) -> tuple[int, ...]:
        """Months with a regular meeting that are not due: held early in a month not yet ended,
        or in a month the cell did not exist for in full (founded or dissolved in it)."""
        return tuple(m for m in self.regular_months if m not in self.due_months)


def severity(cy: CellYear) -> tuple[int, int, int, float]:
    """Sort key, worst first: months and quarters missed; then the year's attendance and speakers
    under target; then meetings off time and months late; then the lowest attendance.
    Counting reasons instead would rank eight short meetings above three missed months."""
    return (
        -(len(cy.missing_months) + len(cy.missing_quarters)),
        -(cy.attendance_short + cy.speakers_short),
        -(cy.off_time + len(cy.late_months)),
        cy.attendance_pct if cy.attendance_pct is not None else 100.0,
    )


SEVERITY_NOTE = (
    "Thứ tự xếp theo mức độ: trước hết là số tháng không sinh hoạt thường kỳ và số quý không sinh hoạt "
    "chuyên đề; tiếp đến tỷ lệ dự họp, tỷ lệ phát biểu cả năm dưới chỉ tiêu; sau cùng là số buổi "
    "không bảo đảm thời lượng và số tháng sinh hoạt muộn."
)


def kind_words(kind: str) -> str:
    """'thường kỳ kết hợp chuyên đề'."""
    name = MEETING_KINDS[kind]
    return name[0].lower() + name[1:]


def meeting_breaches(m: Meeting, rules: Rules, first_regular: bool) -> list[Breach]:
    """The per-meeting rules a meeting falls short of (`Breach.text` words them for its row)."""
    found = []
    if (duration := duration_breach(m, rules)) is not None:
        found.append(duration)
    if first_regular and m.date.day > rules.deadline_day:
        found.append(Breach("late", m, rules.deadline_day))
    if vi.below(m.present, m.expected, rules.attendance_min):
        found.append(Breach("attendance", m, rules.attendance_min))
    if vi.below(m.speakers, m.present, rules.speakers_min):
        found.append(Breach("speakers", m, rules.speakers_min))
    return found


def duration_breach(m: Meeting, rules: Rules) -> Breach | None:
    """A thuong-ky, chuyen-de or ket-hop meeting outside the bounds of the rule set in force on its
    date (the first of `meeting_breaches`, which the quarter's figures need alone)."""
    rs = rules.rule_set_on(m.date) if m.kind in TIMED_KINDS else None
    bounds = rs.bounds(m.kind) if rs else None
    if bounds:
        low, high = bounds
        over = high is not None and m.duration > high
        if m.duration < low or over:
            return Breach("duration", m, low, rs, over)
    return None


def judged_meetings(held: list[Meeting], due: Iterable[int]) -> list[Meeting]:
    """The meetings a verdict judges: those in a due month (`rules.due`). The rest (a month the cell
    did not exist for in full, or one not ended yet) are neither late, short nor counted."""
    months = set(due)
    return [m for m in held if m.date.month in months]


def first_regular_meetings(meetings: list[Meeting]) -> set[int]:
    """ids of each month's first regular meeting (the one the deadline rule judges)."""
    firsts: dict[tuple[int, int], Meeting] = {}
    for m in sorted(meetings, key=lambda m: m.date):
        if m.kind in REGULAR_KINDS:
            firsts.setdefault((m.date.year, m.date.month), m)
    return {id(m) for m in firsts.values()}


def _days(meetings: Iterable[Meeting], limit: int | None = 6) -> str:
    """'08/02, 12/03, 05/04' (the year is the page's); a long list ends in '…' on a page (`limit`),
    never in an export (`limit=None`: every date)."""
    days = [f"{m.date.day:02d}/{m.date.month:02d}" for m in sorted(meetings, key=lambda m: m.date)]
    return ", ".join(days) if limit is None or len(days) <= limit else ", ".join(days[: limit - 1]) + ", …"


def _months(months: Iterable[int]) -> str:
    return ", ".join(str(m) for m in months)


def _duration_reasons(breaches: list[Breach], cut: int | None = 6) -> list[str]:
    groups: dict[tuple[str, str, bool, int, int | None], list[Breach]] = {}
    for b in breaches:
        assert b.rule_set is not None
        low, high = b.rule_set.bounds(b.meeting.kind) or (0, None)
        # Kinds with the same bounds in a set are grouped together ("sinh hoạt"); HD 42's ket-hop
        # (at least 120) is grouped apart from its other kinds (at least 90).
        uniform = len({(lo, hi) for _, lo, hi in b.rule_set.minutes}) == 1
        groups.setdefault((b.rule_set.short, "" if uniform else b.meeting.kind, b.over, low, high), []).append(b)
    out = []
    for (short, kind, over, low, high), group in groups.items():
        if len(group) == 1:
            out.append(group[0].text)
            continue
        what = f"sinh hoạt {kind_words(kind)}" if kind else "sinh hoạt"
        limit = f"quá {high} phút" if over else f"dưới {low} phút"
        days = _days((b.meeting for b in group), cut)
        out.append(f"{len(group)} buổi {what} {limit}: {days} ({short}: {minutes_text(low, high)})")
    return out


def _late_reason(breaches: list[Breach], rules: Rules, limit: int | None = 6) -> list[str]:
    if len(breaches) <= 1:
        return [b.text for b in breaches]
    return [
        f"{len(breaches)} tháng sinh hoạt thường kỳ muộn: {_days((b.meeting for b in breaches), limit)} "
        f"({TARGETS_SOURCE}: chậm nhất ngày {rules.deadline_day})"
    ]


def _marks(breaches: list[Breach], rules: Rules) -> list[str]:
    out = []
    low_att = [b.meeting for b in breaches if b.kind == "attendance"]
    low_spk = [b.meeting for b in breaches if b.kind == "speakers"]
    if low_att:
        out.append(f"{len(low_att)} buổi dưới {vi.threshold(rules.attendance_min)}% dự họp ({_days(low_att)})")
    if low_spk:
        out.append(f"{len(low_spk)} buổi dưới {vi.threshold(rules.speakers_min)}% phát biểu ({_days(low_spk)})")
    return out


def judge_year(cell_id: str, year: int, meetings: list[Meeting], settings: Settings, life: Lifetime) -> CellYear:
    rules = settings.rules
    everything = [m for m in meetings if m.date.year == year]
    owed = owed_months(life, year)
    months = due_months(life, year, settings.as_of)
    quarters = whole_quarters(months)
    regular = sorted({m.date.month for m in everything if m.kind in REGULAR_KINDS})
    thematic = sorted({quarter_of(m.date.month) for m in everything if m.kind in THEMATIC_KINDS})
    held = judged_meetings(everything, months)
    present = sum(m.present for m in held)
    expected = sum(m.expected for m in held)
    speakers = sum(m.speakers for m in held)
    attendance_short = vi.below(present, expected, rules.attendance_min)
    speakers_short = vi.below(speakers, present, rules.speakers_min)

    firsts = first_regular_meetings(held)
    breaches = [b for m in held for b in meeting_breaches(m, rules, id(m) in firsts)]
    off_time = [b for b in breaches if b.kind == "duration"]
    late = [b for b in breaches if b.kind == "late"]

    reasons = []
    missing = [mo for mo in months if mo not in regular]
    if len(missing) == 1:
        reasons.append(f"Chưa sinh hoạt thường kỳ tháng {missing[0]}")
    elif missing:
        reasons.append(f"Chưa sinh hoạt thường kỳ {len(missing)} tháng: tháng {_months(missing)}")
    missing_q = [q for q in quarters if q not in thematic]
    if len(missing_q) == 1:
        reasons.append(f"{vi.quarter(missing_q[0])} chưa sinh hoạt chuyên đề")
    elif missing_q:
        reasons.append(f"{len(missing_q)} quý chưa sinh hoạt chuyên đề: {', '.join(vi.quarter(q) for q in missing_q)}")
    if attendance_short:
        reasons.append(
            f"Tỷ lệ dự họp cả năm {vi.ratio_pct(present, expected, rules.attendance_min)} "
            f"({TARGETS_SOURCE}: ≥ {vi.threshold(rules.attendance_min)}%)"
        )
    if speakers_short:
        reasons.append(
            f"Tỷ lệ phát biểu cả năm {vi.ratio_pct(speakers, present, rules.speakers_min)} "
            f"({TARGETS_SOURCE}: ≥ {vi.threshold(rules.speakers_min)}%)"
        )
    # The export lists every date of a grouped reason (machine-readable); a page cuts long lists.
    full_reasons = reasons + _duration_reasons(off_time, None) + _late_reason(late, rules, None)
    reasons += _duration_reasons(off_time)
    reasons += _late_reason(late, rules)
    timed = [m.date for m in held if m.kind in TIMED_KINDS]
    sets = in_force(rules, min(timed), max(timed)) if timed else ()
    return CellYear(
        cell_id=cell_id,
        year=year,
        meetings=len(everything),
        meetings_not_due=len(everything) - len(held),
        regular_months=tuple(regular),
        thematic_quarters=tuple(thematic),
        due_months=months,
        due_quarters=quarters,
        owed_months=owed,
        owed_quarters=whole_quarters(owed),
        late_months=tuple(b.meeting.date.month for b in late),
        present=present,
        expected=expected,
        speakers=speakers,
        attendance_pct=vi.pct(present, expected),
        speakers_pct=vi.pct(speakers, present),
        attendance_short=attendance_short,
        speakers_short=speakers_short,
        off_time=len(off_time),
        timed=len(timed),
        rule_sets=tuple(rs.short for rs in sets),
        marks=tuple(_marks(breaches, rules)),
        reasons=tuple(reasons),
        full_reasons=tuple(full_reasons),
        under_attendance=sum(1 for b in breaches if b.kind == "attendance"),
        under_speakers=sum(1 for b in breaches if b.kind == "speakers"),
    )


def in_force(rules: Rules, first: dt.date, last: dt.date) -> tuple[RuleSet, ...]:
    """The rule sets in force on some day from `first` to `last`, oldest first."""
    current = rules.rule_set_on(first)
    later = tuple(rs for rs in rules.rule_sets if first < rs.start <= last)
    return ((current,) if current else ()) + later


def judge(
    data: Dataset, settings: Settings, calendar: DueCalendar | None = None, memo: JudgeMemo | None = None
) -> dict[str, list[CellYear]]:
    """Every cell's judged years (`rules.due.judged_years`), oldest first. With committee.yml, an
    online meeting of a cell not designated for it is a reason too (rules/quality.py). A `memo`
    kept across the rebuilds of one process judges again only the cells whose inputs changed."""
    calendar = calendar or DueCalendar(data, settings.as_of)
    if memo is not None:
        memo.start(repr((settings, data.committee is not None)))
    result = {}
    for cell_id, cell in data.cells.items():
        meetings = data.meetings_of(cell_id)
        life = calendar.lives[cell_id]
        kept = memo.get(cell_id, cell, life, meetings) if memo is not None else None
        if kept is not None:
            result[cell_id] = kept
            continue
        years = [judge_year(cell_id, y, meetings, settings, life) for y in judged_years(life, settings.as_of)]
        if data.committee is not None:
            years = [replace(cy, reasons=cy.reasons + online_reasons(cell, meetings, cy.year)) for cy in years]
        result[cell_id] = years
        if memo is not None:
            memo.put(cell_id, cell, life, meetings, years)
    return result


class JudgeMemo:
    """A cell's judged years, kept while its inputs stay the same: the cell, its lifetime, the very
    meeting objects it was judged on (the record cache hands back the same objects for a file that
    did not change), and the settings. `mkdocs serve` keeps one across its rebuilds, so a saved
    meeting file costs the judging of its own cell, not of the whole organisation."""

    def __init__(self) -> None:
        self._context: str | None = None
        self._cells: dict[str, tuple[str, list[Meeting], list[CellYear]]] = {}
        self._digests: dict[str, tuple[list[CellYear], str]] = {}

    def start(self, context: str) -> None:
        """A judging pass under these settings: what was judged under others is dropped."""
        if context != self._context:
            self._context = context
            self._cells.clear()
            self._digests.clear()

    def get(self, cell_id: str, cell: object, life: Lifetime, meetings: list[Meeting]) -> list[CellYear] | None:
        kept = self._cells.get(cell_id)
        if kept is None or kept[0] != repr((cell, life)) or len(kept[1]) != len(meetings):
            return None
        # Identity, not equality: comparing 70,000 meetings field by field would cost what judging does.
        if not all(a is b for a, b in zip(kept[1], meetings, strict=True)):
            return None
        return kept[2]

    def put(self, cell_id: str, cell: object, life: Lifetime, meetings: list[Meeting], years: list[CellYear]) -> None:
        self._cells[cell_id] = (repr((cell, life)), list(meetings), years)

    def digest(self, cell_id: str, years: list[CellYear], make: Callable[[], str]) -> str:
        """`make()`'s digest of a cell's records, made again only when its judged years were."""
        kept = self._digests.get(cell_id)
        if kept is None or kept[0] is not years:
            kept = self._digests[cell_id] = (years, make())
        return kept[1]

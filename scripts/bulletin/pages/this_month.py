"""The month in progress: which cells have not held their regular meeting yet, and who to call.

The clerk's question ("who has not met in November?") answered on the overview and on the home
page: the cells expected to meet this month (rules.monthly's calendar) without a regular meeting
recorded so far, with their secretary (bí thư) and the committee member who follows them (cấp ủy
viên phụ trách).
"""

from __future__ import annotations

from dataclasses import dataclass

from bulletin.data.model import Cell
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.html import esc, link, unseen
from bulletin.pages.sortable import Col, Row, sortable_table
from bulletin.rules.monthly import Calendar, MonthFigures, month_figures
from bulletin.text import vi


@dataclass(frozen=True)
class ThisMonth:
    year: int
    month: int
    expected: int  # cells expected to meet this month
    not_met: list[Cell]  # in Vietnamese order
    figures: MonthFigures

    @property
    def met(self) -> int:
        return self.expected - len(self.not_met)


def this_month(ctx: Context) -> ThisMonth:
    as_of = ctx.settings.as_of
    calendar = Calendar(ctx.data, as_of)
    figures = month_figures(ctx.data, ctx.settings, as_of.year, as_of.month, calendar=calendar)
    expected = [cid for cid in ctx.cells_sorted if calendar.expected_to_meet(cid, as_of.year, as_of.month)]
    # Nothing recorded yet this month: every expected cell is still to meet.
    missing = set(expected) if figures.status == "no-data" else set(figures.not_met)
    return ThisMonth(as_of.year, as_of.month, len(expected), [ctx.data.cells[c] for c in expected if c in missing], figures)


def summary(ctx: Context, tm: ThisMonth) -> str:
    """One sentence: how many cells have met so far this month."""
    when = f"{vi.month(tm.year, tm.month).capitalize()} (tính đến ngày {vi.date(ctx.settings.as_of)})"
    if not tm.expected:
        return f"{when}: không có chi bộ nào phải sinh hoạt."
    if not tm.not_met:
        return f"{when}: cả {vi.number(tm.expected)} chi bộ đã sinh hoạt thường kỳ."
    return (
        f"{when}: {vi.number(tm.met)}/{vi.number(tm.expected)} chi bộ đã sinh hoạt thường kỳ; "
        f"<strong>{vi.number(len(tm.not_met))} chi bộ chưa sinh hoạt</strong>{_deadline(ctx, tm)}."
    )


def _deadline(ctx: Context, tm: ThisMonth) -> str:
    day = ctx.settings.rules.deadline_day
    if ctx.settings.as_of.day > day:
        return f" (đã quá hạn ngày {day}/{tm.month})"
    return f" (hạn ngày {day}/{tm.month})"


def not_met_table(ctx: Context, doc: str, tm: ThisMonth, table_id: str = "bt-this-month") -> str:
    """The cells still to meet this month, with whom to call; sortable, in Vietnamese order."""
    if not tm.not_met:
        return ""
    cols = [Col("Chi bộ", "num"), Col("Trực thuộc", "num"), Col("Bí thư"), Col("Cấp ủy viên phụ trách")]
    rows = [
        Row(
            cells=[
                (link(ctx.url(doc, links.cell_doc(cell.id)), esc(cell.name)), ctx.rank[cell.name]),
                (esc(ctx.parent_name(cell)), ctx.rank[ctx.parent_name(cell)]),
                (esc(cell.secretary), None),
                (esc(cell.supervisor or "–"), None),
            ],
            attrs=ctx.filter_attrs(cell),
        )
        for cell in tm.not_met
    ]
    caption = unseen(f"Chi bộ chưa sinh hoạt thường kỳ {vi.month(tm.year, tm.month)}")
    return sortable_table(table_id, cols, rows, cls="bt-thismonth", caption=caption)

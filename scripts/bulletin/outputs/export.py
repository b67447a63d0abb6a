"""The overview's table as files: CSV for Excel (UTF-8 with BOM) and JSON.

Every count is over the months and quarters due (`rules.due`), as the pages count them, so a
clerk subtracting `regular_months` from `months_due` finds exactly the months the reasons name.
Meetings in a month not due (the month in progress, or a month the cell did not exist for in
full) are counted apart, in the `*_not_due` columns. The rates are the year's, over every meeting.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from bulletin.data.model import CELL_KINDS, Dataset
from bulletin.data.settings import Rules, Settings
from bulletin.rules.quality import band, score_average
from bulletin.rules.ratings import contradictions
from bulletin.rules.supervision import Supervision
from bulletin.rules.verdicts import CellYear, judged_meetings
from bulletin.text import cells, vi

COLUMNS = (
    "cell",
    "cell_name",
    "kind",
    "parent",
    "year",
    "meetings",
    "regular_months",
    "months_due",
    "thematic_quarters",
    "quarters_due",
    "meetings_not_due",
    "regular_months_not_due",
    "attendance_pct",
    "speakers_pct",
    "meetings_under_attendance",
    "meetings_under_speakers",
    "meetings_off_time",
    "rule_sets",
    "compliant",
    "reasons",
    "score_avg",
    "score_band",
    "rating",
    "rating_flagged",
    "supervision_visits",
)


def rows(
    data: Dataset, judged: dict[str, list[CellYear]], rules: Rules, settings: Settings | None = None
) -> list[dict[str, Any]]:
    """One row per cell and year, every year, cells in Vietnamese order. `score_band` uses the
    settings' bands; `rating` is the level's id (ratings/<YYYY>.yml); `supervision_visits` is
    empty without committee.yml."""
    settings = settings or Settings(rules=rules)
    sup = Supervision(data)
    visits: Counter[tuple[str, int]] = Counter((v.cell_id, v.date.year) for v in sup.visits)
    out = []
    for cell_id in sorted(data.cells, key=lambda c: vi.sort_key(data.cells[c].name)):
        cell = data.cells[cell_id]
        for cy in judged[cell_id]:
            held = [m for m in data.meetings_of(cell_id) if m.date.year == cy.year]
            in_due = judged_meetings(held, cy.due_months)
            out.append(
                {
                    "cell": cell_id,
                    "cell_name": cell.name,
                    "kind": cell.kind,
                    "parent": cell.parent,
                    "year": cy.year,
                    "meetings": len(in_due),
                    "regular_months": cy.months_held_due,
                    "months_due": cy.months_due,
                    "thematic_quarters": cy.quarters_held_due,
                    "quarters_due": cy.quarters_due,
                    "meetings_not_due": len(held) - len(in_due),
                    "regular_months_not_due": len(cy.months_held_not_due),
                    "attendance_pct": _rate(cy.present, cy.expected, rules.attendance_min),
                    "speakers_pct": _rate(cy.speakers, cy.present, rules.speakers_min),
                    "meetings_under_attendance": cy.under_attendance,  # counted once, by the verdict
                    "meetings_under_speakers": cy.under_speakers,
                    "meetings_off_time": cy.off_time,
                    "rule_sets": list(cy.rule_sets),
                    "compliant": cy.compliant,
                    "reasons": list(cy.full_reasons or cy.reasons),
                    "score_avg": (avg := score_average(held)),
                    "score_band": band(avg, settings),
                    "rating": rating.level if (rating := data.ratings.get((cell_id, cy.year))) else None,
                    "rating_flagged": bool(rating and contradictions(rating, cy, rules)),
                    "supervision_visits": visits[(cell_id, cy.year)] if sup.enabled else None,
                }
            )
    return out


def _rate(num: int, den: int, minimum: float) -> float | None:
    """Two decimals, or more when two would cross the threshold the verdict is judged on."""
    return vi.exact_pct(num, den, minimum, fewest=2)[1] if den > 0 else None


def to_json(table: list[dict[str, Any]]) -> str:
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def to_csv(table: list[dict[str, Any]]) -> bytes:
    """Excel opens UTF-8 only with a BOM; reasons are joined with '; ' in one cell.

    Every text field an editor wrote (a cell's name, its parent) is made inert (`cells.inert`):
    a name typed as `=HYPERLINK(…)` reaches Excel as text, never as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in table:
        values = dict(row, reasons="; ".join(row["reasons"]), kind=CELL_KINDS[row["kind"]], rule_sets=", ".join(row["rule_sets"]))
        values["compliant"] = "true" if row["compliant"] else "false"
        values["rating_flagged"] = "true" if row["rating_flagged"] else "false"
        writer.writerow(["" if values[c] is None else cells.inert(values[c]) for c in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")

"""The overview's table as files: CSV for Excel (UTF-8 with BOM) and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bulletin.data.model import CELL_KINDS, Dataset
from bulletin.rules.verdicts import CellYear
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
    "attendance_pct",
    "speakers_pct",
    "compliant",
    "reasons",
)


def rows(data: Dataset, judged: dict[str, list[CellYear]]) -> list[dict[str, Any]]:
    """One row per cell and year, every year, cells in Vietnamese order."""
    out = []
    for cell_id in sorted(data.cells, key=lambda c: vi.sort_key(data.cells[c].name)):
        cell = data.cells[cell_id]
        for cy in judged[cell_id]:
            out.append(
                {
                    "cell": cell_id,
                    "cell_name": cell.name,
                    "kind": cell.kind,
                    "parent": cell.parent,
                    "year": cy.year,
                    "meetings": cy.meetings,
                    "regular_months": len(cy.regular_months),
                    "months_due": cy.months_due,
                    "thematic_quarters": len(cy.thematic_quarters),
                    "quarters_due": cy.quarters_due,
                    "attendance_pct": cy.attendance_pct,
                    "speakers_pct": cy.speakers_pct,
                    "compliant": cy.compliant,
                    "reasons": list(cy.reasons),
                }
            )
    return out


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
        values = dict(row, reasons="; ".join(row["reasons"]), kind=CELL_KINDS[row["kind"]])
        values["compliant"] = "true" if row["compliant"] else "false"
        writer.writerow(["" if values[c] is None else cells.inert(values[c]) for c in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")

"""Helpers for the data-entry tests: run a `bulletin` command over a crafted organisation, fill a template as a clerk would."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bulletin.cli import main
from bulletin.entry.columns import BY_KEY, COLUMNS, SHEET
from crafted import Org


def run(org: Org, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `bulletin -f <org>/mkdocs.yml ARGS...` in this process; return (exit code, stdout, stderr)."""
    org.mkdocs_yml()
    code = main(["-f", str(org.root / "mkdocs.yml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def template(org: Org, capsys: pytest.CaptureFixture[str], month: str, *extra: str) -> Path:
    out = org.root / f"mau-{month}{'.csv' if '--csv' in extra else '.xlsx'}"
    code, _, err = run(org, capsys, "template", month, "--out", str(out), *extra)
    assert code == 0, err
    return out


def row_of(ws: Any, cell_id: str) -> int:
    for row in range(3, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == cell_id:
            return row
    raise KeyError(cell_id)


def fill(path: Path, rows: dict[str | int, dict[str, Any]], out: Path | None = None) -> Path:
    """Write values (by column key) into the rows of given cell ids, or given row numbers (the spare rows)."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    for which, values in rows.items():
        row = which if isinstance(which, int) else row_of(ws, which)
        for key, value in values.items():
            ws.cell(row=row, column=COLUMNS.index(BY_KEY[key]) + 1, value=value)
    target = out or path.with_name(f"filled-{path.name}")
    wb.save(target)
    return target


def write_csv(path: Path, rows: list[dict[str, Any]], delimiter: str = ",", hints: bool = True) -> Path:
    """A CSV as Excel saves it ('CSV UTF-8'): BOM, headings, the hint row, then the rows."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow([c.heading for c in COLUMNS])
        if hints:
            writer.writerow([c.hint for c in COLUMNS])
        for values in rows:
            writer.writerow([values.get(c.key, "") for c in COLUMNS])
    return path


def good(day: Any, **extra: Any) -> dict[str, Any]:
    """A row that breaks no rule (members 10, as the crafted cells have)."""
    values: dict[str, Any] = {"date": day, "kind": "Thường kỳ", "present": 9, "excused": 1, "duration": 100, "speakers": 4}
    values.update(extra)
    return values

"""The committee's yearly rating of each cell (xếp loại) against the record.

A rating of "hoàn thành xuất sắc" or "hoàn thành tốt" contradicts a record that missed a
month's regular meeting, a quarter's thematic meeting, or the attendance target; such a rating
is flagged for the inspection commission (UBKT), with the facts that contradict it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bulletin.data.model import RATING_LEVELS, Dataset, Rating
from bulletin.data.settings import Rules
from bulletin.rules.verdicts import CellYear
from bulletin.text import vi

HIGH = frozenset({"xuat-sac", "tot"})


@dataclass(frozen=True)
class Flag:
    rating: Rating
    facts: tuple[str, ...]


def counts(data: Dataset, year: int) -> dict[str, int]:
    """How many cells were rated at each level in `year` (every level, zeros included)."""
    found = Counter(r.level for (_, y), r in data.ratings.items() if y == year)
    return {level: found[level] for level in RATING_LEVELS}


def contradictions(rating: Rating, cy: CellYear | None, rules: Rules) -> tuple[str, ...]:
    if rating.level not in HIGH or cy is None:
        return ()
    facts = [f"không sinh hoạt thường kỳ tháng {mo}" for mo in cy.missing_months]
    facts += [f"{('quý ' + vi.QUARTERS[(q) - 1])} không sinh hoạt chuyên đề" for q in cy.missing_quarters]
    if cy.attendance_pct is not None and cy.attendance_pct < rules.attendance_min:
        facts.append(f"tỷ lệ dự họp {vi.percent(cy.attendance_pct)} (chỉ tiêu ≥ {vi.threshold(rules.attendance_min)}%)")
    return tuple(facts)


def flags(data: Dataset, judged: dict[str, list[CellYear]], rules: Rules) -> list[Flag]:
    """Every contradicting rating, newest year first, then by cell id."""
    by_key = {(cy.cell_id, cy.year): cy for cys in judged.values() for cy in cys}
    out = []
    for key, rating in data.ratings.items():
        facts = contradictions(rating, by_key.get(key), rules)
        if facts:
            out.append(Flag(rating, facts))
    return sorted(out, key=lambda f: (-f.rating.year, f.rating.cell_id))

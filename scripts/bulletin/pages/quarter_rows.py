"""A quarter's figures as labelled lines of text: the overview's quarter table and the quarterly
report print the very same strings, from the same `QuarterFigures`."""

from __future__ import annotations

from bulletin.data.settings import Settings
from bulletin.rules.quarterly import QuarterFigures
from bulletin.text import vi


def _share(num: int, den: int, pct: float | None) -> str:
    return f"{vi.number(num)}/{vi.number(den)} ({vi.percent(pct)})"


def quarter_rows(q: QuarterFigures, settings: Settings) -> list[tuple[str, str]]:
    r = settings.rules
    rows = [
        ("Chi bộ phải sinh hoạt cả quý", vi.number(q.cells_due)),
        ("Sinh hoạt thường kỳ: tháng đã họp / tháng phải họp", _share(q.months_held, q.months_due, q.months_pct)),
        ("Chi bộ có sinh hoạt chuyên đề / chi bộ phải sinh hoạt", _share(q.thematic_cells, q.cells_due, q.thematic_pct)),
        ("Số cuộc sinh hoạt (mọi hình thức)", vi.number(q.meetings)),
        ("Số cuộc sinh hoạt chuyên đề (kể cả kết hợp)", vi.number(q.thematic_meetings)),
        (f"Tỷ lệ dự họp (chỉ tiêu ≥ {vi.threshold(r.attendance_min)}%)", vi.percent(q.attendance_pct)),
        (f"Tỷ lệ phát biểu (chỉ tiêu ≥ {vi.threshold(r.speakers_min)}%)", vi.percent(q.speakers_pct)),
        (
            "Cuộc họp đúng thời gian theo văn bản có hiệu lực vào ngày họp / cuộc phải tính thời gian",
            _share(q.timed_ok, q.timed, q.duration_pct),
        ),
    ]
    if q.visits is not None and q.cells_visited is not None:
        rows.append(("Lượt cấp ủy viên phụ trách dự sinh hoạt", vi.number(q.visits)))
        rows.append(
            ("Chi bộ được cấp ủy viên phụ trách dự / chi bộ phải sinh hoạt", _share(q.cells_visited, q.cells_due, q.visited_pct))
        )
    score = "–" if q.score_avg is None else f"{vi.number(q.score_avg)} ({vi.number(q.scored)} cuộc được chấm)"
    rows.append(("Điểm chất lượng sinh hoạt bình quân", score))
    rows.append(("Chi bộ chưa đạt yêu cầu trong quý", vi.number(len(q.short))))
    return rows

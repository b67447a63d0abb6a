"""A year's attendance and speakers per month as inline SVG: no script, nothing loaded.

Two lines that differ in shape, not only colour (solid with round dots for
attendance, dashed with squares for speakers), the two thresholds as labelled
dotted lines, and the figures in <title>/<desc> for screen readers.
"""

from __future__ import annotations

from bulletin.data.settings import Rules
from bulletin.pages.html import esc
from bulletin.rules.summary import MonthFigures
from bulletin.text import vi

W, H = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 34, 30


def _x(month: int) -> float:
    return LEFT + (month - 0.5) * (W - LEFT - RIGHT) / 12


def _y(pct: float) -> float:
    return TOP + (100 - min(pct, 100)) * (H - TOP - BOTTOM) / 100


def _series(points: list[tuple[int, float | None]], cls: str, square: bool) -> str:
    """A line broken at months without meetings, and a marker per month with a figure."""
    paths: list[list[str]] = []
    run: list[str] = []
    for month, value in points:
        if value is None:
            run = []
            continue
        run.append(f"{_x(month):.1f},{_y(value):.1f}")
        if len(run) == 1:
            paths.append(run)
    lines = "".join(f'<polyline class="{cls}" points="{" ".join(p)}"/>' for p in paths if len(p) > 1)
    marks = []
    for month, value in points:
        if value is None:
            continue
        x, y = _x(month), _y(value)
        shape = (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"/>'
            if square
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
        )
        marks.append(shape)
    return f'{lines}<g class="{cls}-dot">{"".join(marks)}</g>'


def describe(figures: list[MonthFigures]) -> str:
    """The chart in words: every month with meetings."""
    parts = [
        f"tháng {f.month}: dự họp {vi.percent(f.attendance_pct)}, phát biểu {vi.percent(f.speakers_pct)}"
        for f in figures
        if f.meetings
    ]
    return "; ".join(parts) + "." if parts else "Chưa có cuộc sinh hoạt nào."


def chart_svg(year: int, figures: list[MonthFigures], rules: Rules) -> str:
    uid = f"bt-chart-{year}"
    title = f"Tỷ lệ dự họp và phát biểu theo tháng, năm {year}"
    grid = []
    for pct in (0, 50, 100):
        y = _y(pct)
        grid.append(f'<line class="bt-c-grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        grid.append(f'<text class="bt-c-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{pct}%</text>')
    for value, cls, name in (
        (rules.attendance_min, "bt-c-att", "dự họp"),
        (rules.speakers_min, "bt-c-spk", "phát biểu"),
    ):
        y = _y(value)
        grid.append(f'<line class="{cls}-min" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        grid.append(
            f'<text class="bt-c-axis" x="{W - RIGHT}" y="{y + 13:.1f}" text-anchor="end">'
            f"chỉ tiêu {name} ≥ {vi.threshold(value)}%</text>"
        )
    months = "".join(
        f'<text class="bt-c-axis" x="{_x(mo):.1f}" y="{H - 10}" text-anchor="middle">T{mo}</text>' for mo in range(1, 13)
    )
    att = _series([(f.month, f.attendance_pct) for f in figures], "bt-c-att", square=False)
    spk = _series([(f.month, f.speakers_pct) for f in figures], "bt-c-spk", square=True)
    legend = (
        f'<g class="bt-c-legend"><line class="bt-c-att" x1="{LEFT}" x2="{LEFT + 24}" y1="14" y2="14"/>'
        f'<circle class="bt-c-att-dot" cx="{LEFT + 12}" cy="14" r="4"/>'
        f'<text x="{LEFT + 30}" y="18">Tỷ lệ dự họp</text>'
        f'<line class="bt-c-spk" x1="{LEFT + 150}" x2="{LEFT + 174}" y1="14" y2="14"/>'
        f'<rect class="bt-c-spk-dot" x="{LEFT + 158.5}" y="10.5" width="7" height="7"/>'
        f'<text x="{LEFT + 180}" y="18">Tỷ lệ phát biểu</text></g>'
    )
    return (
        f'<figure class="bt-chart" data-search-exclude><svg viewBox="0 0 {W} {H}" role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{esc(title)}</title>'
        f'<desc id="{uid}-d">{esc(describe(figures))}</desc>'
        f"{''.join(grid)}{months}{att}{spk}{legend}</svg>"
        # On a phone the drawing shrinks to half size: its legend is repeated here in page-size text.
        '<figcaption class="bt-c-key" aria-hidden="true"><span class="bt-c-key-att">● Tỷ lệ dự họp</span> '
        '<span class="bt-c-key-spk">■ Tỷ lệ phát biểu</span></figcaption></figure>'
    )

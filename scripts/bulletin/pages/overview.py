"""The committee's overview (tong-hop/): every cell against the rules, every year."""

from __future__ import annotations

from .. import links, vi
from ..model import CELL_KINDS
from .cells import status_badge
from .context import Context
from .html import esc, front_matter, link, table

DOC = "tong-hop/index.md"
CSV = "tong-hop/chi-bo.csv"
JSON = "tong-hop/chi-bo.json"


def overview(ctx: Context) -> str:
    years = sorted({cy.year for cys in ctx.judged.values() for cy in cys}, reverse=True)
    out = [
        front_matter("Tổng hợp", hide=("navigation", "toc")),
        "# Tổng hợp sinh hoạt chi bộ\n",
        f"<p>Số liệu tính đến ngày {vi.date(ctx.settings.as_of)}. Tải bảng tổng hợp mọi năm: "
        f"{link(ctx.url(DOC, CSV), 'chi-bo.csv (Excel)')} · {link(ctx.url(DOC, JSON), 'chi-bo.json')}</p>\n",
    ]
    jump = " · ".join(f'<a href="#nam-{y}">Năm {y}</a>' for y in years)
    out.append(f"<p>{jump}</p>\n")
    for year in years:
        out.append(f"\n## Năm {year} {{ #nam-{year} }}\n")
        rows, attrs = [], []
        entries = [(cid, cy) for cid in ctx.cells_sorted for cy in ctx.judged[cid] if cy.year == year]
        short = sum(1 for _, cy in entries if not cy.compliant)
        out.append(f"<p>{len(entries)} chi bộ; {short} chi bộ chưa đạt.</p>\n")
        for cell_id, cy in entries:
            cell = ctx.data.cells[cell_id]
            reasons = "<br>".join(esc(r) for r in cy.reasons)
            rows.append(
                [
                    link(ctx.url(DOC, links.cell_doc(cell_id), f"nam-{year}"), esc(cell.name)),
                    esc(CELL_KINDS[cell.kind]),
                    esc(cell.parent or "–"),
                    str(cy.meetings),
                    f"{cy.months_held_due}/{cy.months_due}",
                    f"{cy.quarters_held_due}/{cy.quarters_due}",
                    vi.percent(cy.attendance_pct),
                    vi.percent(cy.speakers_pct),
                    status_badge(cy),
                    reasons,
                ]
            )
            attrs.append("" if cy.compliant else 'class="bt-short"')
        headers = [
            "Chi bộ",
            "Loại hình",
            "Trực thuộc",
            "Số cuộc",
            "Tháng có SH thường kỳ",
            "Quý có SH chuyên đề",
            "Dự họp",
            "Phát biểu",
            "Kết quả",
            "Lý do",
        ]
        out.append(table(headers, rows, cls="bt-overview", row_attrs=attrs) + "\n")
    return "\n".join(out)

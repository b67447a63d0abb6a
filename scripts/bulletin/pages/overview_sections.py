"""The overview's sections on supervision, quality, ratings and the quarters (with their reports),
and the page of ratings flagged for the inspection commission.

Self-contained blocks: `overview.py` only appends them, so a redesign of the overview's layout
moves them as a whole.
"""

from __future__ import annotations

from bulletin.data.model import RATING_LEVELS
from bulletin.pages import links
from bulletin.pages.cells import status_badge
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, link, table, unseen
from bulletin.pages.quarter_rows import quarter_rows
from bulletin.pages.sortable import Col, Row, sortable_table
from bulletin.rules import ratings
from bulletin.rules.quality import band, band_labels
from bulletin.text import vi


def sections(ctx: Context, doc: str, year: int) -> str:
    out = [quarters_section(ctx, doc, year)]
    if ctx.supervision.enabled:
        out.append(supervision_section(ctx, doc, year))
    out.append(cells_section(ctx, doc, year))
    return "\n".join(out)


def _quarters(ctx: Context, year: int) -> list[int]:
    """The quarters of `year` begun by the as-of date."""
    as_of = ctx.settings.as_of
    return [q for q in range(1, 5) if year < as_of.year or (year == as_of.year and 3 * q - 2 <= as_of.month)]


def quarters_section(ctx: Context, doc: str, year: int) -> str:
    quarters = _quarters(ctx, year)
    if not quarters:
        return ""
    figures = [ctx.quarter(year, q) for q in quarters]
    labels = [label for label, _ in quarter_rows(figures[0], ctx.settings)]
    columns = [dict(quarter_rows(f, ctx.settings)) for f in figures]
    rows = [[esc(label)] + [esc(col.get(label, "–")) for col in columns] for label in labels]
    headers = ["Chỉ tiêu"] + [
        f"{vi.quarter(f.quarter)}" + ("" if f.ended else f"<br><small>đến {vi.date(ctx.settings.as_of)}</small>") for f in figures
    ]
    out = [
        "\n## Từng quý { #theo-quy }\n",
        table(headers, rows, cls="bt-quarters-table", caption=unseen(f"Chỉ tiêu từng quý năm {year}")),
    ]
    reports = []
    for f in figures:
        if f.ended:
            docx = link(ctx.url(doc, links.report_file(year, f.quarter, "docx")), "Word")
            pdf = (
                " · " + link(ctx.url(doc, links.report_file(year, f.quarter, "pdf")), "PDF")
                if ctx.settings.print_edition and ctx.settings.report_pdf
                else ""
            )
            reports.append(
                f"<li>Báo cáo tình hình sinh hoạt chi bộ {('quý ' + vi.QUARTERS[(f.quarter) - 1])} năm {year}: {docx}{pdf}</li>"
            )
    if reports:
        out.append(
            "<p><strong>Báo cáo quý</strong> (dự thảo để Văn phòng hoàn thiện):</p>"
            f'<ul class="bt-reports">{"".join(reports)}</ul>'
        )
    return "\n".join(out) + "\n"


def supervision_section(ctx: Context, doc: str, year: int) -> str:
    sup = ctx.supervision
    as_of = ctx.settings.as_of
    months = [mo for mo in range(1, 13) if (year, mo) <= (as_of.year, as_of.month)]
    if not months:
        return ""
    visits = [sup.month_visits(year, mo, as_of) for mo in months]
    out = ["\n## Cấp ủy viên phụ trách dự sinh hoạt { #cap-uy-du }\n"]
    out.append(
        f"<p>Một lượt là một cấp ủy viên dự một cuộc sinh hoạt của chi bộ mình phụ trách. "
        f"{link(ctx.url(doc, links.MEMBERS_INDEX), 'Từng cấp ủy viên phụ trách')}.</p>"
    )
    out.append(
        table(
            ["Tháng", *[f"T{mo}" for mo in months], "Cả năm"],
            [["Số lượt dự", *map(vi.number, visits), vi.number(sum(visits))]],
            cls="bt-visits",
            caption=unseen(f"Số lượt cấp ủy viên phụ trách dự sinh hoạt từng tháng năm {year}"),
        )
    )
    rows = []
    for q in _quarters(ctx, year):
        visited, due, _ = sup.quarter_share(ctx.calendar, year, q, last_month=min(3 * q, months[-1]), cutoff=as_of)
        rows.append([vi.quarter(q), f"{vi.number(visited)}/{vi.number(due)}", vi.percent(vi.pct(visited, due))])
    out.append(
        table(
            ["Quý", "Chi bộ được dự / phải sinh hoạt", "Tỷ lệ"],
            rows,
            cls="bt-visited",
            caption=unseen(f"Chi bộ được cấp ủy viên phụ trách dự, từng quý năm {year}"),
        )
    )
    never = sup.never_visited(ctx.calendar, year, months[-1], as_of)
    never.sort(key=lambda c: vi.sort_key(ctx.data.cells[c].name))
    out.append(f"\n### Chi bộ chưa có cấp ủy viên phụ trách dự năm {year} ({len(never)}) {{ #chua-duoc-du }}\n")
    if never:
        items = "".join(f"<li>{link(ctx.url(doc, links.cell_doc(c)), esc(ctx.data.cells[c].name))}</li>" for c in never)
        out.append(f'<ul class="bt-never">{items}</ul>')
    else:
        out.append('<p class="bt-ok">✓ Chi bộ nào cũng đã có cấp ủy viên phụ trách dự.</p>')
    return "\n".join(out) + "\n"


def cells_section(ctx: Context, doc: str, year: int) -> str:
    """Each cell's verdict beside its average score (with the band) and the committee's rating."""
    entries = ctx.by_year.get(year, [])
    if not entries:
        return ""
    bands = {label: 0 for label in band_labels(ctx.settings)}
    levels = ratings.counts(ctx.data, year)
    rows = []
    for cell, cy in entries:
        avg = ctx.score_avg(cell.id, year)
        label = band(avg, ctx.settings)
        if label:
            bands[label] += 1
        rating = ctx.data.ratings.get((cell.id, year))
        rows.append(
            Row(
                cells=[
                    (link(ctx.url(doc, links.cell_doc(cell.id), f"nam-{year}"), esc(cell.name)), ctx.rank[cell.name]),
                    (status_badge(cy), len(cy.reasons)),
                    (vi.number(avg) if avg is not None else "–", avg),
                    (esc(label or "–"), None),
                    (
                        esc(RATING_LEVELS[rating.level]) if rating else "–",
                        list(RATING_LEVELS).index(rating.level) if rating else None,
                    ),
                ],
                attrs=ctx.filter_attrs(cell),
            )
        )
    out = ["\n## Chất lượng sinh hoạt và xếp loại { #chat-luong }\n"]
    band_text = ", ".join(f"{label}: {vi.number(n)}" for label, n in bands.items())
    thresholds = "; ".join(f"{label} từ {vi.threshold(minimum)} điểm" for minimum, label in ctx.settings.score_bands)
    out.append(
        f"<p>Điểm chất lượng bình quân năm (mức: {esc(thresholds)}; dưới đó: {esc(ctx.settings.score_below)}). "
        f"Số chi bộ theo mức: {esc(band_text)}.</p>"
    )
    if any(levels.values()):
        level_text = ", ".join(f"{RATING_LEVELS[k].lower()}: {vi.number(n)}" for k, n in levels.items())
        flagged = [f for f in ratings.flags(ctx.data, ctx.judged, ctx.settings.rules) if f.rating.year == year]
        flag_link = link(
            ctx.url(doc, links.FLAGS), f"{vi.number(len(flagged))} xếp loại trái với số liệu, đề nghị Ủy ban Kiểm tra xem xét"
        )
        out.append(f"<p>Xếp loại chi bộ năm {year}: {esc(level_text)}. {flag_link}.</p>")
    else:
        out.append(f"<p>Chưa có xếp loại chi bộ năm {year} (content/ratings/{year}.yml).</p>")
    cols = [Col("Chi bộ", "num"), Col("Kết quả", "num"), Col("Điểm bình quân", "num"), Col("Mức"), Col("Xếp loại", "num")]
    out.append(
        sortable_table(
            "bt-quality", cols, rows, cls="bt-quality", caption=unseen(f"Chất lượng sinh hoạt và xếp loại từng chi bộ năm {year}")
        )
    )
    return "\n".join(out) + "\n"


def flags_page(ctx: Context) -> str:
    doc = links.FLAGS
    found = ratings.flags(ctx.data, ctx.judged, ctx.settings.rules)
    out = [
        front_matter("Xếp loại cần xem xét", hide=("navigation",)),
        "# Xếp loại chi bộ cần Ủy ban Kiểm tra xem xét\n",
        f"<p>Chi bộ được xếp loại “hoàn thành xuất sắc” hoặc “hoàn thành tốt nhiệm vụ” trong khi số liệu sinh hoạt năm đó "
        f"thiếu tháng sinh hoạt thường kỳ, thiếu sinh hoạt chuyên đề trong quý, hoặc tỷ lệ dự họp dưới chỉ tiêu "
        f"{vi.threshold(ctx.settings.rules.attendance_min)}%. {link(ctx.url(doc, overview_doc()), 'Về trang tổng hợp')}.</p>\n",
    ]
    if not found:
        out.append('<p class="bt-ok">✓ Không có xếp loại nào trái với số liệu.</p>')
        return "\n".join(out) + "\n"
    rows = []
    for f in found:
        cell = ctx.data.cells[f.rating.cell_id]
        facts = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in f.facts) + "</ul>"
        rows.append(
            [
                str(f.rating.year),
                link(ctx.url(doc, links.cell_doc(cell.id), f"nam-{f.rating.year}"), esc(cell.name)),
                esc(RATING_LEVELS[f.rating.level]),
                facts,
                f"<code>{esc(f.rating.source.path)}:{f.rating.source.line}</code>",
            ]
        )
    out.append(table(["Năm", "Chi bộ", "Xếp loại", "Số liệu không phù hợp", "Nguồn"], rows, cls="bt-flags"))
    return "\n".join(out) + "\n"


def overview_doc() -> str:
    return "tong-hop/index.md"

"""The chuyên đề library (chuyen-de/), a page per theme, and a page per outline."""

from __future__ import annotations

from .. import links, vi
from ..model import Outline
from ..safe_md import neutralise
from .context import Context
from .html import esc, front_matter, link, md_text, table

INDEX = "chuyen-de/index.md"


def _outlines_of(ctx: Context, theme: str) -> list[Outline]:
    found = [o for o in ctx.data.outlines.values() if o.theme == theme]
    return sorted(found, key=lambda o: (-(o.year or 0), vi.sort_key(o.title)))


def _outline_rows(ctx: Context, doc: str, outlines: list[Outline]) -> str:
    rows = []
    for o in outlines:
        cells = {m.cell_id for m in ctx.topic_uses.get(o.ref, [])}
        rows.append(
            [
                link(ctx.url(doc, links.outline_doc(o.ref)), f"<strong>{esc(o.title)}</strong>")
                + (f"<br><small>{esc(o.summary)}</small>" if o.summary else ""),
                str(o.year or "–"),
                f"{o.duration} phút" if o.duration else "–",
                vi.number(len(cells)),
            ]
        )
    return table(["Chuyên đề", "Năm", "Thời gian gợi ý", "Số chi bộ đã sinh hoạt"], rows, cls="bt-outlines") + "\n"


def library(ctx: Context) -> str:
    out = [front_matter("Chuyên đề"), "# Thư viện đề cương sinh hoạt chuyên đề\n"]
    for theme, name in ctx.settings.themes.items():
        outlines = _outlines_of(ctx, theme)
        if not outlines:
            continue
        out.append(f"\n## {md_text(name)}\n")
        out.append(f"<p>{link(ctx.url(INDEX, links.theme_doc(theme)), 'Xem chủ đề')} · {len(outlines)} đề cương</p>\n")
        out.append(_outline_rows(ctx, INDEX, outlines))
    return "\n".join(out)


def theme_page(ctx: Context, theme: str) -> str:
    doc = links.theme_doc(theme)
    name = ctx.theme_name(theme)
    return front_matter(name) + f"# {md_text(name)}\n\n" + _outline_rows(ctx, doc, _outlines_of(ctx, theme))


def outline_page(ctx: Context, o: Outline) -> str:
    doc = links.outline_doc(o.ref)
    facts = [f"Chủ đề: {link(ctx.url(doc, links.theme_doc(o.theme)), esc(ctx.theme_name(o.theme)))}"]
    if o.year:
        facts.append(f"Năm: {o.year}")
    if o.duration:
        facts.append(f"Thời gian gợi ý: {o.duration} phút")
    out = [front_matter(o.title, description=o.summary or o.title), f"# {md_text(o.title)}\n"]
    out.append(f'<p class="bt-facts">{" · ".join(facts)}</p>\n')
    if o.summary:
        out.append(f'<p class="bt-summary">{esc(o.summary)}</p>\n')
    if o.references:
        items = "".join(f"<li>{esc(r)}</li>" for r in o.references)
        out.append(f'<div class="bt-references"><p><strong>Văn bản trích dẫn</strong></p><ul>{items}</ul></div>\n')
    out.append(neutralise(o.body).strip() + "\n")
    out.append(_backlinks(ctx, doc, o))
    return "\n".join(out)


def _backlinks(ctx: Context, doc: str, o: Outline) -> str:
    out = ["\n## Đã sử dụng {: #da-su-dung }\n"]
    issues = ctx.topic_issues.get(o.ref, [])
    if issues:
        items = "".join(f"<li>{link(ctx.url(doc, links.issue_doc(i.key)), esc(i.title))}</li>" for i in issues)
        out.append(f"<p><strong>Giới thiệu trong bản tin</strong></p><ul>{items}</ul>\n")
    uses = ctx.topic_uses.get(o.ref, [])
    if uses:
        rows = [
            [link(ctx.url(doc, links.cell_doc(m.cell_id)), esc(ctx.data.cells[m.cell_id].name)), vi.date(m.date)] for m in uses
        ]
        out.append(table(["Chi bộ đã sinh hoạt", "Ngày"], rows, cls="bt-uses") + "\n")
    if not issues and not uses:
        out.append("<p><em>Chưa có chi bộ nào sinh hoạt theo đề cương này.</em></p>\n")
    return "\n".join(out)

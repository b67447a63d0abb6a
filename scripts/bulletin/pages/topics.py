"""The chuyên đề library (chuyen-de/), a page per theme, a page per outline, and the tags index.

An outline page is laid out for taking the outline away: its tools (copy, download, print) sit
under the title; everything from the title to the `bt-outline-end` marker is the outline, which
the copy script copies and the print style prints; what follows (where it was used) is neither.
"""

from __future__ import annotations

from typing import Any

from bulletin.data.model import Outline
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.html import editor_body, esc, front_matter, link, md_text, table
from bulletin.text import vi

INDEX = links.LIBRARY
END = '<div class="bt-outline-end" hidden></div>'


def _outlines_of(ctx: Context, theme: str) -> list[Outline]:
    found = [o for o in ctx.data.outlines.values() if o.theme == theme]
    return sorted(found, key=lambda o: (-(o.year or 0), vi.sort_key(o.title)))


def _cells_used(ctx: Context, o: Outline) -> int:
    return len({m.cell_id for m in ctx.topic_uses.get(o.ref, [])})


def _facts(o: Outline, cells: int | None = None) -> list[str]:
    facts = []
    if o.year:
        facts.append(f"Năm {o.year}")
    if o.duration:
        facts.append(f"{vi.number(o.duration)} phút")
    if cells is not None:
        facts.append(f"{vi.number(cells)} chi bộ đã sinh hoạt" if cells else "chưa chi bộ nào sinh hoạt")
    return facts


def _outline_list(ctx: Context, doc: str, outlines: list[Outline]) -> str:
    """Outlines as cards: they read on a phone as well as on a desktop, unlike a wide table."""
    items = []
    for o in outlines:
        facts = "".join(f"<span>{esc(f)}</span>" for f in _facts(o, _cells_used(ctx, o)))
        docx = link(ctx.url(doc, links.outline_docx(o.ref)), "Tải về (.docx)", cls="bt-docx")
        summary = f'<p class="bt-card-summary">{esc(o.summary)}</p>' if o.summary else ""
        items.append(
            f'<li class="bt-card"><p class="bt-card-title">{link(ctx.url(doc, links.outline_doc(o.ref)), esc(o.title))}</p>'
            f'{summary}<p class="bt-card-facts">{facts}{docx}</p></li>'
        )
    return f'<ul class="bt-cards">{"".join(items)}</ul>\n'


def _themes_with_outlines(ctx: Context) -> list[tuple[str, str, list[Outline]]]:
    themes = [(theme, name, _outlines_of(ctx, theme)) for theme, name in ctx.settings.themes.items()]
    return [t for t in themes if t[2]]


def library(ctx: Context) -> str:
    themes = _themes_with_outlines(ctx)
    total = sum(len(outlines) for _, _, outlines in themes)
    out = [front_matter("Chuyên đề"), "# Thư viện đề cương sinh hoạt chuyên đề\n"]
    out.append(
        f'<p class="bt-lead">{vi.number(total)} đề cương theo {vi.number(len(themes))} chủ đề. Mở một đề cương để '
        "<strong>sao chép</strong> vào văn bản của chi bộ, <strong>in</strong>, "
        "hoặc <strong>tải về</strong> tệp Word (.docx).</p>\n"
    )
    chips = [
        link(ctx.url(INDEX, INDEX, theme), f"{esc(name)} <small>({len(outlines)})</small>") for theme, name, outlines in themes
    ]
    if ctx.settings.tags_index:
        chips.append(link(ctx.url(INDEX, links.tags_doc()), "Tra theo từ khóa"))
    out.append(f'<nav class="bt-chips" aria-label="Chủ đề">{"".join(chips)}</nav>\n')
    for theme, name, outlines in themes:
        out.append(f"\n## {md_text(name)} {{: #{theme} }}\n")
        out.append(
            f'<p class="bt-facts">{vi.number(len(outlines))} đề cương · '
            f"{link(ctx.url(INDEX, links.theme_doc(theme)), 'Trang chủ đề')}</p>\n"
        )
        out.append(_outline_list(ctx, INDEX, outlines))
    if not themes:
        out.append("<p><em>Chưa có đề cương nào.</em></p>\n")
    return "\n".join(out)


def theme_page(ctx: Context, theme: str) -> str:
    doc = links.theme_doc(theme)
    name = ctx.theme_name(theme)
    outlines = _outlines_of(ctx, theme)
    back = link(ctx.url(doc, INDEX), "Thư viện đề cương")
    count = f"{vi.number(len(outlines))} đề cương" if outlines else "Chưa có đề cương nào"
    return (
        front_matter(
            name,
            hide=("toc",),  # a list of outlines, no headings: an empty right sidebar otherwise
            description=f"Đề cương sinh hoạt chuyên đề: {name}",
            section=INDEX,
            crumbs=[("Chuyên đề", ctx.url(doc, INDEX)), (name, "")],
        )
        + f"# {md_text(name)}\n\n"
        + f'<p class="bt-facts">{count} · {back}</p>\n\n'
        + _outline_list(ctx, doc, outlines)
    )


def tags_page(ctx: Context) -> str:
    """The index of outline tags; Material's tags plugin fills in the listing."""
    back = link(ctx.url(links.tags_doc(), INDEX), "Thư viện đề cương")
    return (
        front_matter(
            "Từ khóa",
            description="Đề cương sinh hoạt chuyên đề theo từ khóa",
            section=INDEX,
            crumbs=[("Chuyên đề", ctx.url(links.tags_doc(), INDEX)), ("Từ khóa", "")],
        )
        + "# Đề cương theo từ khóa\n\n"
        + f'<p class="bt-facts">Mỗi từ khóa dẫn tới các đề cương có từ khóa đó · {back}</p>\n\n'
        + "<!-- material/tags -->\n"
    )


def tag_order(tag: Any, *args: object) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Material's `tags_sort_by`: tags in Vietnamese order, whatever their case ("đ" after "d")."""
    return vi.sort_key(str(tag.name))


def _tools(ctx: Context, doc: str, o: Outline) -> str:
    """Copy and print need the script: hidden until it runs. The download is a plain link."""
    docx = ctx.url(doc, links.outline_docx(o.ref))
    return (
        '<div class="bt-outline-tools" data-search-exclude>'
        '<button type="button" class="md-button md-button--primary" data-bt-copy hidden>Sao chép đề cương</button>'
        f'<a class="md-button" href="{esc(docx)}" download>Tải về (.docx)</a>'
        '<button type="button" class="md-button" data-bt-print hidden>In đề cương</button>'
        '<span class="bt-copy-status" role="status" aria-live="polite"></span>'
        "</div>\n"
    )


def outline_page(ctx: Context, o: Outline) -> str:
    doc = links.outline_doc(o.ref)
    facts = [f"Chủ đề: {link(ctx.url(doc, links.theme_doc(o.theme)), esc(ctx.theme_name(o.theme)))}"]
    if o.year:
        facts.append(f"Năm: {o.year}")
    if o.duration:
        facts.append(f"Thời gian gợi ý: {vi.number(o.duration)} phút")
    tags = list(o.tags) or None
    crumbs = [
        ("Chuyên đề", ctx.url(doc, INDEX)),
        (ctx.theme_name(o.theme), ctx.url(doc, links.theme_doc(o.theme))),
        (o.title, ""),
    ]
    out = [
        front_matter(o.title, section=INDEX, crumbs=crumbs, description=o.summary or o.title, tags=tags),
        f"# {md_text(o.title)}\n",
    ]
    out.append(_tools(ctx, doc, o))
    out.append(f'<p class="bt-facts">{" · ".join(facts)}</p>\n')
    if o.summary:
        out.append(f'<p class="bt-summary"><em>{esc(o.summary)}</em></p>\n')
    if o.references:
        items = "".join(f"<li>{esc(r)}</li>" for r in o.references)
        out.append(f'<div class="bt-references"><p><strong>Văn bản trích dẫn</strong></p><ul>{items}</ul></div>\n')
    out.append(editor_body(ctx.markdown.blocks(o.body)))
    out.append(END + "\n")
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
        cells = _cells_used(ctx, o)
        held = f"{vi.number(cells)} chi bộ đã sinh hoạt theo đề cương này, trong {vi.number(len(uses))} buổi"
        if len(uses) > cells:
            held += " (có chi bộ sinh hoạt nhiều buổi)"
        out.append(f"<p><strong>{held}</strong></p>\n")
        rows = [
            [link(ctx.url(doc, links.cell_doc(m.cell_id)), esc(ctx.data.cells[m.cell_id].name)), vi.date(m.date)] for m in uses
        ]
        caption = f"Các buổi sinh hoạt theo đề cương, mới nhất trước ({vi.number(len(uses))} buổi)"
        out.append(table(["Chi bộ", "Ngày sinh hoạt"], rows, cls="bt-uses", caption=caption) + "\n")
    if not issues and not uses:
        out.append("<p><em>Chưa có chi bộ nào sinh hoạt theo đề cương này.</em></p>\n")
    return "\n".join(out)

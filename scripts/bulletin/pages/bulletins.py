"""Bulletin issues (ban-tin/<YYYY>-<MM>/) and their archive (ban-tin/).

The archive is ours, not Material's blog plugin: see the README ("Bulletin issues") for why.
It is one page, newest first, grouped by year with a jump list: twelve issues a year stay a
short page for years, readable offline and searchable with the browser's own find.
"""

from __future__ import annotations

from bulletin.data.model import Issue
from bulletin.pages import links
from bulletin.pages.context import Context
from bulletin.pages.figures import figures_html, heading
from bulletin.pages.html import editor_body, esc, front_matter, link, md_text
from bulletin.text import vi

INDEX = links.ARCHIVE
FEED_TITLE = "Nguồn tin (Atom) các số bản tin"


def issue_label(issue: Issue) -> str:
    number = f"Số {issue.number} · " if issue.number else ""
    return f"{number}{vi.month(issue.year, issue.month)} · phát hành {vi.date(issue.date)}"


def lead(issue: Issue) -> str:
    """The first paragraph of the body, as plain text."""
    for block in issue.body.strip().split("\n\n"):
        text = block.strip()
        if text and not text.startswith(("#", "-", "*", ">", "|", "1.")):
            return " ".join(text.split())
    return ""


def pdf_link(ctx: Context, doc: str, issue: Issue) -> str:
    """A link to the issue's print edition, or nothing when the build makes none."""
    if not ctx.settings.print_edition:
        return ""
    href = ctx.url(doc, links.issue_pdf(issue.key))
    return link(href, "⎙ Bản in (PDF, khổ A4)", cls="bt-pdf")


def _neighbours(ctx: Context, doc: str, issue: Issue) -> str:
    issues = ctx.data.issues  # by month, oldest first
    i = issues.index(issue)
    parts = []
    if i > 0:
        older = issues[i - 1]
        parts.append(link(ctx.url(doc, links.issue_doc(older.key)), f"← Số trước: {esc(vi.month(older.year, older.month))}"))
    parts.append(link(ctx.url(doc, INDEX), "Tất cả các số"))
    if i + 1 < len(issues):
        newer = issues[i + 1]
        parts.append(link(ctx.url(doc, links.issue_doc(newer.key)), f"Số sau: {esc(vi.month(newer.year, newer.month))} →"))
    return f'<p class="bt-issue-nav">{" · ".join(parts)}</p>\n'


def issue_page(ctx: Context, issue: Issue) -> str:
    doc = links.issue_doc(issue.key)
    crumbs = [
        ("Bản tin", ctx.url(doc, INDEX)),
        (str(issue.year), ctx.url(doc, INDEX, f"nam-{issue.year}")),
        (vi.month(issue.year, issue.month), ""),
    ]
    out = [front_matter(issue.title, description=lead(issue), section=INDEX, crumbs=crumbs), f"# {md_text(issue.title)}\n"]
    pdf = pdf_link(ctx, doc, issue)
    out.append(f'<p class="bt-facts">{esc(issue_label(issue))}{" · " + pdf if pdf else ""}</p>\n')
    out.append(editor_body(ctx.markdown.blocks(issue.body)))
    figures = ctx.issue_figures[issue.key]
    out.append(f"\n## {md_text(heading(figures))} {{ #so-lieu }}\n")
    out.append(figures_html(figures, ctx.data, lambda target: ctx.url(doc, target), ctx.issue_supervision.get(issue.key)) + "\n")
    if issue.topics:
        out.append("\n## Định hướng nội dung sinh hoạt chuyên đề\n")
        items = []
        for ref in issue.topics:
            o = ctx.data.outlines[ref]
            summary = f"<br>\n<small>{esc(o.summary)}</small>" if o.summary else ""
            items.append(f"<li>{link(ctx.url(doc, links.outline_doc(ref)), f'<strong>{esc(o.title)}</strong>')}{summary}</li>")
        out.append(f'<ul class="bt-featured">{"".join(items)}</ul>\n')
    out.append("\n" + _neighbours(ctx, doc, issue))
    return "\n".join(out)


def archive(ctx: Context) -> str:
    out = [front_matter("Bản tin"), f"# {md_text(ctx.data.organization.bulletin_title)}\n"]
    feed = link(ctx.url(INDEX, links.FEED), "nguồn tin Atom")
    out.append(
        '<p class="bt-lead">Mỗi tháng một số: mở một số để đọc trên máy, hoặc tải bản in (PDF, khổ A4) để in và '
        "phát cho chi bộ. Các số mới nhất ở trên cùng.</p>\n"
    )
    out.append(
        f'<p class="bt-feed"><small>Muốn được báo khi có số mới: thêm địa chỉ {feed} vào phần mềm thư '
        "(Thunderbird, Outlook) hoặc trình đọc tin.</small></p>\n"
    )
    years = sorted({i.year for i in ctx.data.issues}, reverse=True)
    if len(years) > 1:
        jumps = " · ".join(link(ctx.url(INDEX, INDEX, f"nam-{y}"), str(y)) for y in years)
        out.append(f'<p class="bt-years">Năm: {jumps}</p>\n')
    for year in years:
        out.append(f"\n## Năm {year} {{ #nam-{year} }}\n")
        items = []
        for issue in sorted((i for i in ctx.data.issues if i.year == year), key=lambda i: i.month, reverse=True):
            href = ctx.url(INDEX, links.issue_doc(issue.key))
            pdf = pdf_link(ctx, INDEX, issue)
            items.append(
                f"<li>{link(href, f'<strong>{esc(issue.title)}</strong>')}<br>\n"
                f"<small>{esc(issue_label(issue))}{' · ' + pdf if pdf else ''}</small><br>\n{esc(lead(issue))}</li>"
            )
        out.append(f'<ul class="bt-archive">{"".join(items)}</ul>\n')
    if not years:
        out.append("<p><em>Chưa có số bản tin nào.</em></p>\n")
    return "\n".join(out)

"""Bulletin issues (ban-tin/<YYYY>-<MM>/) and their archive (ban-tin/)."""

from __future__ import annotations

from .. import links, vi
from ..model import Issue
from ..safe_md import neutralise
from .context import Context
from .html import esc, front_matter, link, md_text

INDEX = "ban-tin/index.md"


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


def issue_page(ctx: Context, issue: Issue) -> str:
    doc = links.issue_doc(issue.key)
    out = [front_matter(issue.title, description=lead(issue)), f"# {md_text(issue.title)}\n"]
    out.append(f'<p class="bt-facts">{esc(issue_label(issue))}</p>\n')
    out.append(neutralise(issue.body).strip() + "\n")
    if issue.topics:
        out.append("\n## Định hướng nội dung sinh hoạt chuyên đề\n")
        items = []
        for ref in issue.topics:
            o = ctx.data.outlines[ref]
            summary = f"<br>\n<small>{esc(o.summary)}</small>" if o.summary else ""
            items.append(f"<li>{link(ctx.url(doc, links.outline_doc(ref)), f'<strong>{esc(o.title)}</strong>')}{summary}</li>")
        out.append(f'<ul class="bt-featured">{"".join(items)}</ul>\n')
    return "\n".join(out)


def archive(ctx: Context) -> str:
    out = [front_matter("Bản tin"), f"# {md_text(ctx.data.organization.bulletin_title)}\n"]
    years = sorted({i.year for i in ctx.data.issues}, reverse=True)
    for year in years:
        out.append(f"\n## Năm {year}\n")
        items = []
        for issue in sorted((i for i in ctx.data.issues if i.year == year), key=lambda i: i.month, reverse=True):
            href = ctx.url(INDEX, links.issue_doc(issue.key))
            items.append(
                f"<li>{link(href, f'<strong>{esc(issue.title)}</strong>')}<br>\n"
                f"<small>{esc(issue_label(issue))}</small><br>\n{esc(lead(issue))}</li>"
            )
        out.append(f'<ul class="bt-archive">{"".join(items)}</ul>\n')
    if not years:
        out.append("<p><em>Chưa có số bản tin nào.</em></p>\n")
    return "\n".join(out)

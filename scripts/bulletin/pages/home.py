"""What the home page says this month, generated where the editors' home page asks for it.

The home page stays hand-written (content/index.md); the line `<!-- bulletin:trang-chu -->` in it
is replaced, at every build, by: the organisation's standing this year ("18/44 chi bộ chưa đạt"),
the month in progress and the cells that have not met yet, the latest issue, and the outlines
suggested for the coming month (rules.suggest, the rule `bulletin new-issue` preselects by).
"""

from __future__ import annotations

from bulletin.pages import links
from bulletin.pages.bulletins import issue_label, lead, pdf_link
from bulletin.pages.cells import year_title
from bulletin.pages.context import Context
from bulletin.pages.html import esc, link
from bulletin.pages.this_month import not_met_table, summary, this_month
from bulletin.rules.suggest import choose_topics
from bulletin.text import vi

MARKER = "<!-- bulletin:trang-chu -->"
SUGGESTED = 3


def fill(markdown: str, ctx: Context, doc: str) -> str:
    """`markdown` with the marker (if any) replaced by this month's block."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, block(ctx, doc), 1)


def block(ctx: Context, doc: str) -> str:
    return "\n".join([_standing(ctx, doc), _month(ctx, doc), _latest_issue(ctx, doc), _suggested(ctx, doc)])


def _standing(ctx: Context, doc: str) -> str:
    year = ctx.latest_year
    entries = ctx.by_year.get(year, [])
    if not entries:
        return ""
    short = sum(1 for _, cy in entries if not cy.compliant)
    verdict, symbol = ("bt-bad", "✗") if short else ("bt-ok", "✓")
    more = link(ctx.url(doc, links.OVERVIEW, "chua-dat"), "xem danh sách và lý do")
    return (
        f'<p class="bt-headline {verdict}"><span aria-hidden="true">{symbol}</span> '
        f"<strong>{vi.number(short)}/{vi.number(len(entries))} chi bộ chưa đạt</strong> "
        f"{esc(year_title(ctx, year).lower())} · {more}</p>\n"
    )


def _month(ctx: Context, doc: str) -> str:
    tm = this_month(ctx)
    out = [f"\n## {vi.month(tm.year, tm.month).capitalize()} {{ #thang-nay }}\n", f"<p>{summary(ctx, tm)}</p>\n"]
    table = not_met_table(ctx, doc, tm, "bt-home-month")
    if table:
        out.append(table + "\n")
    return "\n".join(out)


def _latest_issue(ctx: Context, doc: str) -> str:
    if not ctx.data.issues:
        return ""
    issue = ctx.data.issues[-1]  # by month, oldest first
    pdf = pdf_link(ctx, doc, issue)
    return (
        "\n## Số bản tin mới nhất { #ban-tin-moi }\n\n"
        f'<p class="bt-latest"><strong>{link(ctx.url(doc, links.issue_doc(issue.key)), esc(issue.title))}</strong><br>\n'
        f"<small>{esc(issue_label(issue))}{' · ' + pdf if pdf else ''}</small><br>\n{esc(lead(issue))}</p>\n"
        f"<p>{link(ctx.url(doc, links.ARCHIVE), 'Các số trước')}</p>\n"
    )


def _suggested(ctx: Context, doc: str) -> str:
    as_of = ctx.settings.as_of
    year, month = (as_of.year + 1, 1) if as_of.month == 12 else (as_of.year, as_of.month + 1)
    issue = next((i for i in ctx.data.issues if (i.year, i.month) == (year, month)), None)
    if issue is not None and issue.topics:
        refs = [r for r in issue.topics if r in ctx.data.outlines]
        why = f"{esc(issue.title)} giới thiệu"
    else:
        refs = [c.ref for c in choose_topics(ctx.data, year, month, SUGGESTED)]
        why = "Gợi ý: đề cương chưa giới thiệu trong năm, ít chi bộ sinh hoạt nhất trong 12 tháng qua, lần lượt theo chủ đề"
    if not refs:
        return ""
    items = []
    for ref in refs:
        o = ctx.data.outlines[ref]
        summary_text = f"<br>\n<small>{esc(o.summary)}</small>" if o.summary else ""
        theme = esc(ctx.theme_name(o.theme))
        items.append(
            f"<li>{link(ctx.url(doc, links.outline_doc(ref)), f'<strong>{esc(o.title)}</strong>')} ({theme}){summary_text}</li>"
        )
    return (
        f"\n## Đề cương sinh hoạt chuyên đề {vi.month(year, month)} {{ #de-cuong-goi-y }}\n\n"
        f'<p class="bt-facts">{why}.</p>\n<ul class="bt-featured">{"".join(items)}</ul>\n'
    )

"""Tables the browser can sort and filter (assets/bulletin-tables.js), usable without it.

Every sortable cell carries its sort key as a number in `data-sort`, computed
here in Python: dates as YYYYMMDD, figures as plain decimals (so "71,4%" is
never compared as text), and names as their rank in Vietnamese order from
vi.sort_key. Why not Intl.Collator("vi") in the browser: old Android WebViews
and IE 11 ship without Vietnamese collation and fall back to the root order,
which puts "Ăn" before "Anh"; a number sorts the same everywhere, and the
server-side order is the one the page opens with (and the one CSV uses).

Filters work on row attributes (`data-kind`, `data-parent`, `data-name`);
the controls are rendered `hidden` and shown by the script, so a browser
without JavaScript sees the whole table and no dead controls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bulletin.pages.html import SCROLLS, esc

SortKey = int | float | None


@dataclass(frozen=True)
class Col:
    label: str  # HTML
    sort: str = ""  # "num": sortable by data-sort; "" not sortable
    cls: str = ""
    title: str = ""  # a longer header, for a tooltip and screen readers


@dataclass
class Row:
    cells: list[tuple[str, SortKey]]  # (HTML, sort key)
    attrs: dict[str, str] = field(default_factory=dict)  # data-* filter values, class


def _num(key: SortKey) -> str:
    if key is None:
        return ""
    return repr(float(key)) if isinstance(key, float) else str(key)


def sortable_table(
    table_id: str, cols: Sequence[Col], rows: Sequence[Row], cls: str = "", caption: str = "", searchable: bool = False
) -> str:
    """Like html.table, out of the search index unless asked (Material honours data-search-exclude):
    listing tables repeat what the pages they link to already hold, and grow with every row."""
    head = []
    for c in cols:
        attrs = f' data-sort-type="{c.sort}"' if c.sort else ""
        attrs += f' class="{c.cls}"' if c.cls else ""
        attrs += f' title="{esc(c.title)}"' if c.title else ""
        head.append(f'<th scope="col"{attrs}>{c.label}</th>')
    body = []
    for row in rows:
        attrs = "".join(f' {k}="{esc(v)}"' for k, v in row.attrs.items())
        tds = []
        for (html, key), c in zip(row.cells, cols, strict=True):
            sort = f' data-sort="{_num(key)}"' if c.sort else ""
            klass = f' class="{c.cls}"' if c.cls else ""
            tds.append(f"<td{klass}{sort}>{html}</td>")
        body.append(f"<tr{attrs}>{' '.join(tds)}</tr>\n")  # spaces keep words apart in search and copied text
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<div class="bt-table"{"" if searchable else " data-search-exclude"} {SCROLLS}>'
        f'<table id="{table_id}" class="bt-sortable {cls}">{cap}<thead><tr>{" ".join(head)}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


# A month's or quarter's filter: the statuses (strips.Status keys) each choice keeps.
PERIOD_STATUSES = (
    ("missed open", "Chưa họp"),
    ("missed", "Không họp (tháng, quý đã qua)"),
    ("late", "Họp muộn"),
    ("held late", "Đã họp"),
)


def period_key(period: str) -> str:
    """The row attribute holding a cell's mark for one period ('m10', 'q3')."""
    return f"data-p-{period}"


def filter_bar(
    table_id: str,
    kinds: Sequence[tuple[str, str]],
    parents: Sequence[tuple[str, str]],
    noun: str,
    periods: Sequence[tuple[str, str]] = (),
) -> str:
    """Controls above a table: a name search and selects by kind and parent; shown by the script.

    With `periods` (value, label: 'm10', 'Tháng 10'), two more selects find the rows whose mark for
    that month or quarter has a status ("who has not met in October?"): rows carry the marks as
    `data-p-<period>` attributes (period_key)."""

    def select(name: str, label: str, options: Sequence[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return f'<label>{label} <select data-filter="{name}"><option value="">Tất cả</option>{opts}</select></label>'

    return (
        f'<div class="bt-filters" data-for="{table_id}" data-noun="{esc(noun)}" hidden>'
        f'<label>Tìm <input type="search" data-filter="name" placeholder="tên chi bộ (có dấu hoặc không)"></label>'
        f"{select('kind', 'Loại hình', kinds)}{select('parent', 'Trực thuộc', parents)}"
        + (f"{select('period', 'Tháng, quý', periods)}{select('status', 'Tình trạng', PERIOD_STATUSES)}" if periods else "")
        + '<span class="bt-count" aria-live="polite"></span></div>'
    )

"""Where a page sits in the nav: the top-level item (a tab) that holds it.

Generated pages stay out of the nav (field notes: a nav of 1,000 pages costs seconds per page),
so MkDocs marks no tab active for them; the core names their section in page meta, and the
plugin lights that section's tab up for as long as the page renders.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

NavItem = Page | Section


def _holds(item: object, src_uri: str) -> bool:
    if isinstance(item, Page):
        return item.file.src_uri == src_uri
    return any(_holds(child, src_uri) for child in getattr(item, "children", None) or [])


def top_item(nav: Navigation, src_uri: str) -> NavItem | None:
    """The top-level nav item (tab) whose tree holds the page `src_uri`, if any."""
    for item in nav.items:
        if _holds(item, src_uri):
            return item  # type: ignore[no-any-return]
    return None


def light(item: NavItem) -> NavItem:
    """Mark `item` (and so its tab) active; returns what `unlight` must put out."""
    item.active = True
    return item


def unlight(item: NavItem | None) -> None:
    if item is not None:
        item.active = False

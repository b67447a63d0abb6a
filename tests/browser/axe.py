"""axe-core in a page: the accessibility rules (WCAG 2.1 AA) the browser tests hold every page kind to.

axe-core comes from npm, pinned by tests/browser/package-lock.json (`make test-browser` runs
`npm ci` there); it is injected into the page under test, never shipped with the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def violations(page: Any, impacts: tuple[str, ...] = BLOCKING) -> list[str]:
    """The page's violations of those impacts, one line each: rule, impact, where, what."""
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run `make test-browser`, which installs axe-core with npm ci")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
             runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           })"""
    )
    found = []
    for v in result["violations"]:
        if v["impact"] not in impacts:
            continue
        for node in v["nodes"][:3]:
            found.append(f"{v['id']} ({v['impact']}): {', '.join(map(str, node['target']))}: {node['failureSummary'][:160]}")
    return found

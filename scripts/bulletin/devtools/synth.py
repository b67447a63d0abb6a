"""A synthetic organisation of any size, for the benchmark: N cells × Y years, outlines, issues.

Meetings come from the same generator as the sample data (`sample.meetings_for`),
so the pages are shaped like real ones: one page per cell with its meeting tables.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bulletin.data.model import CELL_KINDS, DEFAULT_THEMES
from bulletin.devtools.sample import PROFILES, _cell_yaml, _meeting_yaml, meetings_for, person

OUTLINE_BODY = """\
## I. Mục đích, yêu cầu

1. Giúp đảng viên nắm vững nội dung chuyên đề số {n}.
2. Liên hệ với nhiệm vụ chính trị của cơ quan, đơn vị.

## II. Nội dung

### 1. Nội dung chính

Chi bộ nghiên cứu, thảo luận nội dung chuyên đề; mỗi đảng viên **liên hệ bản thân**.

### 2. Yêu cầu đối với đảng viên

- Gương mẫu trong công việc.
- Giữ gìn đoàn kết nội bộ.

## III. Câu hỏi gợi ý thảo luận

1. Chi bộ đã làm được gì?
2. Còn hạn chế gì, vì sao?

## IV. Liên hệ, nhiệm vụ của chi bộ

Chi bộ đề ra ba việc cụ thể, phân công người theo dõi.
"""

MKDOCS_YML = """\
site_name: Bản tin (tổng hợp thử tải)
docs_dir: content
site_dir: site
theme:
  name: material
  language: vi
  font: false
  features: [navigation.tabs, navigation.indexes]
plugins:
  - search
  - bulletin:
      as_of: {as_of}
      print_edition: !ENV [BULLETIN_PRINT_EDITION, true]
markdown_extensions: [attr_list, toc, admonition, pymdownx.details, pymdownx.superfences, sane_lists]
nav:
  - Trang chủ: index.md
  - Tổng hợp: tong-hop/index.md
  - Chi bộ: chi-bo/index.md
  - Chuyên đề: chuyen-de/index.md
  - Bản tin: ban-tin/index.md
"""


def synthesize(root: Path, cells: int, years: int, outlines: int = 50, issues: int = 60, seed: int = 7) -> dt.date:
    """Write a whole organisation under `root`; return its as-of date (the last day of its last year)."""
    rng = random.Random(seed)
    until = dt.date(2025, 12, 31)
    first = until.year - years + 1
    content = root / "content"
    (content / "cells").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(as_of=until.isoformat()), encoding="utf-8")
    (content / "organization.yml").write_text("name: Đảng bộ Khối thử tải (hư cấu)\n", encoding="utf-8")
    (content / "index.md").write_text("# Trang chủ\n\nDữ liệu thử tải, hư cấu.\n", encoding="utf-8")

    topics: dict[str, int] = {}
    themes = list(DEFAULT_THEMES)
    for n in range(outlines):
        theme = themes[n % len(themes)]
        ref = f"{theme}/de-cuong-{n:03d}"
        path = root / "topics" / f"{ref}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        year = first + n % years
        path.write_text(
            f'---\ntitle: "Chuyên đề số {n}"\nsummary: "Tóm tắt chuyên đề {n}."\nyear: {year}\nduration: 100\n---\n\n'
            + OUTLINE_BODY.format(n=n),
            encoding="utf-8",
        )
        topics[ref] = year

    kinds = list(CELL_KINDS)
    profiles = sorted(set(PROFILES.values()))
    parents = [f"Đảng bộ cơ sở số {i}" for i in range(1, max(2, cells // 12) + 1)]
    for i in range(cells):
        cell_id = f"chi-bo-{i:05d}"
        members = rng.randint(4, 40)
        supervisor = person(rng)
        parent = rng.choice(parents) if rng.random() < 0.7 else None
        text = _cell_yaml(f"Chi bộ số {i}", kinds[i % len(kinds)], parent, person(rng), members, supervisor, None, None)
        (content / "cells" / f"{cell_id}.yml").write_text(text, encoding="utf-8")
        profile = profiles[i % len(profiles)] if i % 4 == 0 else "good"
        folder = content / "meetings" / cell_id
        folder.mkdir(parents=True, exist_ok=True)
        for year in range(first, until.year + 1):
            ms = meetings_for(cell_id, year, members, supervisor, topics, rng, until, profile=profile)
            (folder / f"{year}.yml").write_text("\n".join(_meeting_yaml(m) for m in ms) + "\n", encoding="utf-8")

    bulletin = content / "bulletin"
    bulletin.mkdir(parents=True, exist_ok=True)
    refs = sorted(topics)
    for k in range(issues):
        year, month = until.year - k // 12, 12 - k % 12
        if year < first:
            break
        featured = "\n".join(f"  - {rng.choice(refs)}" for _ in range(2))
        (bulletin / f"{year}-{month:02d}.md").write_text(
            f'---\ntitle: "Bản tin tháng {month}/{year}"\ndate: {year}-{month:02d}-01\nnumber: {month}\n'
            f"topics:\n{featured}\n---\n\nLời mở đầu số {month}/{year}.\n\n## Định hướng sinh hoạt\n\nNội dung.\n",
            encoding="utf-8",
        )
    return until

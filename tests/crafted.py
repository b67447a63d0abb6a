"""A small crafted organisation, written as an editor would write it."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import yaml

from bulletin.data.load import Layout, load
from bulletin.data.model import Dataset
from bulletin.data.problems import InvalidData
from bulletin.data.settings import Rules, Settings

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2024, 12, 31)

MKDOCS_YML = """\
site_name: Thử nghiệm
docs_dir: content
site_dir: site
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
  - bulletin:
      as_of: {as_of}
markdown_extensions:
  - attr_list
  - toc
"""


def meeting(day: str, kind: str = "thuong-ky", **extra: Any) -> dict[str, Any]:
    """A meeting that breaks no rule unless told to."""
    m: dict[str, Any] = {"date": day, "kind": kind, "members": 10, "present": 10, "duration": 100, "speakers": 4}
    if kind in ("chuyen-de", "ket-hop"):
        m["topic"] = "ho-chi-minh/nep-song"
    m.update(extra)
    return m


def full_year(year: int, **extra: Any) -> list[dict[str, Any]]:
    """Twelve regular meetings on the 5th, one a quarter combined with a thematic part."""
    return [meeting(f"{year}-{mo:02d}-05", "ket-hop" if mo % 3 == 2 else "thuong-ky", **extra) for mo in range(1, 13)]


class Org:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.as_of = AS_OF
        self.rules = Rules()
        self.write("content/organization.yml", "name: Đảng bộ Khối Thử nghiệm (hư cấu)\n")
        self.cell("a", name="Chi bộ A")
        self.outline("ho-chi-minh/nep-song", title="Nếp sống giản dị")
        self.write("content/index.md", "# Trang chủ\n")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def cell(self, cell_id: str, **fields: Any) -> Path:
        data = {"name": f"Chi bộ {cell_id}", "kind": "co-quan", "secretary": "Bí thư Hư Cấu", "members": 10}
        data.update(fields)
        return self.write(f"content/cells/{cell_id}.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def meetings(self, cell_id: str, year: int, items: list[dict[str, Any]] | str) -> Path:
        text = items if isinstance(items, str) else yaml.safe_dump(items, allow_unicode=True, sort_keys=False)
        return self.write(f"content/meetings/{cell_id}/{year}.yml", text)

    def outline(self, ref: str, body: str = "## I. Mục đích\n\nNội dung.\n", **front: Any) -> Path:
        front.setdefault("title", ref)
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        return self.write(f"topics/{ref}.md", f"---\n{head}---\n\n{body}")

    def issue(self, key: str, body: str = "Lời mở đầu.\n", **front: Any) -> Path:
        year, month = key.split("-")
        front.setdefault("title", f"Bản tin tháng {int(month)}/{year}")
        front.setdefault("date", f"{key}-01")
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        return self.write(f"content/bulletin/{key}.md", f"---\n{head}---\n\n{body}")

    def mkdocs_yml(self, extra: str = "") -> Path:
        return self.write("mkdocs.yml", MKDOCS_YML.format(as_of=self.as_of.isoformat()) + extra)

    @property
    def layout(self) -> Layout:
        return Layout(root=self.root, content=self.root / "content", topics=self.root / "topics")

    @property
    def settings(self) -> Settings:
        return Settings(rules=self.rules, as_of=self.as_of)

    def load(self) -> Dataset:
        return load(self.layout, self.settings)

    def problems(self) -> list[str]:
        """Every problem of a load, as the editor reads them."""
        try:
            self.load()
        except InvalidData as e:
            return [str(p) for p in sorted(e.problems)]
        return []

"""The package's layers, read from the import graph: data flows upwards, imports only point down.

text < data < rules < pages < outputs < mkdocs (the adapter) < deploy, entry, devtools < cli.
Only the adapter imports MkDocs or Material; the three command packages on top don't import each other.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "bulletin"
RANK = {"text": 0, "data": 1, "rules": 2, "pages": 3, "outputs": 4, "mkdocs": 5, "deploy": 6, "entry": 6, "devtools": 6, "cli": 7}
ADAPTER_ONLY = {"mkdocs", "material"}


def layer_of(module: str) -> str:
    parts = module.split(".")
    assert parts[0] == "bulletin", module
    return parts[1] if len(parts) > 1 else "bulletin"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """Every module this one imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            # `from bulletin import rules` imports the subpackage, not just the package
            out += [
                (node.lineno, f"{target}.{a.name}")
                for a in node.names
                if (PACKAGE.parent / target.replace(".", "/") / a.name).is_dir()
            ]
        elif isinstance(node, ast.Call) and _imports_by_name(node.func) and node.args:
            first = node.args[0]  # importlib.import_module("bulletin.rules.verdicts") imports as surely
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and not first.value.startswith("."):
                out.append((node.lineno, first.value))
    return out


def _imports_by_name(func: ast.expr) -> bool:
    """importlib.import_module(...), import_module(...) or __import__(...)."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__")


def violations() -> list[str]:
    found = []
    for module, path in modules():
        here = layer_of(module)
        for line, target in imports_of(module, path):
            top = target.split(".")[0]
            where = f"{path.relative_to(PACKAGE.parent)}:{line}: {module} imports {target}"
            if top in ADAPTER_ONLY and here != "mkdocs":
                found.append(f"{where} (only bulletin.mkdocs may import MkDocs or Material)")
            if top != "bulletin" or target == "bulletin":
                continue
            there = layer_of(target)
            if here == "bulletin" or there == here:
                continue
            if there not in RANK or here not in RANK:
                found.append(f"{where} (a module outside the known layers: add it to RANK)")
            elif RANK[there] >= RANK[here]:
                found.append(f"{where} ({there} is not below {here})")
    return found


def test_every_module_belongs_to_a_layer() -> None:
    for module, _ in modules():
        layer = layer_of(module)
        assert layer == "bulletin" or layer in RANK, f"{module} is in no layer"


def test_imports_only_point_down_and_only_the_adapter_imports_mkdocs() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("bulletin.data.load", "from bulletin.rules import verdicts", "rules is not below data"),
        ("bulletin.rules.verdicts", "from ..pages.html import esc", "pages is not below rules"),
        ("bulletin.pages.cells", "def f():\n    import mkdocs.config\n", "only bulletin.mkdocs may import"),
        ("bulletin.entry.commands", "from bulletin.deploy import publish", "deploy is not below entry"),
        ("bulletin.text.vi", "from bulletin import data", "data is not below text"),
        ("bulletin.data.load", "import importlib\nimportlib.import_module('bulletin.rules.verdicts')", "rules is not below data"),
        ("bulletin.data.load", "from importlib import import_module\nimport_module('bulletin.pages')", "pages is not below data"),
        ("bulletin.rules.monthly", "def f():\n    __import__('bulletin.outputs.feed')\n", "outputs is not below rules"),
        ("bulletin.pages.cells", "import importlib\nimportlib.import_module('mkdocs.config')", "only bulletin.mkdocs may import"),
    ],
)
def test_the_check_catches_an_upward_import(
    tmp_path: Path, module: str, source: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself must fail on a bad import, or a green run would mean nothing."""
    fake = tmp_path / "bulletin"
    for name in RANK:
        if name != "cli":
            (fake / name).mkdir(parents=True)
    path = fake / (module.split(".", 1)[1].replace(".", "/") + ".py")
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert any(expected in v for v in violations())

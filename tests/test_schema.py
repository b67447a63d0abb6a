"""The JSON Schema files editors' editors use agree with the validator and are up to date."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bulletin.data.schema import schemas
from bulletin.pages.context import Context
from bulletin.pages.guide import format_page
from crafted import ROOT, Org, meeting


def test_committed_schema_files_are_generated_from_the_model() -> None:
    for name, body in schemas().items():
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == body, f"schemas/{name} is stale: run `make schemas`"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas()[f"{name}.schema.json"])


def test_every_sample_data_file_validates_against_its_schema_and_names_it() -> None:
    content = ROOT / "content"
    checks = [(content / "organization.yml", "organization", "../schemas/organization.schema.json")]
    checks += [(p, "cell", "../../schemas/cell.schema.json") for p in (content / "cells").glob("*.yml")]
    checks += [(p, "meetings", "../../../schemas/meetings.schema.json") for p in (content / "meetings").glob("*/*.yml")]
    assert len(checks) > 100
    for path, name, ref in checks:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={ref}\n"), path
        assert (path.parent / ref).resolve().is_file()
        data = yaml.load(text, Loader=yaml.BaseLoader if name == "never" else yaml.SafeLoader)
        data = json.loads(json.dumps(data, default=str))  # dates as the editor typed them
        _validator(name).validate(data)


@pytest.mark.parametrize(
    "bad",
    [{"presnt": 3}, {"kind": "thuongky"}, {"present": "ba"}, {"kind": "chuyen-de"}, {"date": "5/1/2024"}],
)
def test_the_schema_rejects_what_the_validator_rejects(org: Org, bad: dict[str, object]) -> None:
    item = meeting("2024-01-05", **bad)
    if bad.get("kind") == "chuyen-de":
        item.pop("topic")
    org.meetings("a", 2024, [item])
    assert org.problems()
    assert list(_validator("meetings").iter_errors([item]))


def test_the_schema_accepts_what_the_validator_accepts(org: Org) -> None:
    items = [
        meeting("2024-01-05", guests=["X"], score=88.5, online=True, notes="**ok**", exempt=1, present=9),
        meeting("2024-02-05", "ket-hop"),
    ]
    org.meetings("a", 2024, items)
    assert org.problems() == []
    assert not list(_validator("meetings").iter_errors(items))


def test_schema_paths_exist() -> None:
    assert sorted(p.name for p in Path(ROOT / "schemas").glob("*.json")) == sorted(schemas())


def test_the_format_page_and_the_schema_document_founded_and_dissolved(org: Org) -> None:
    schema = json.loads((ROOT / "schemas" / "cell.schema.json").read_text(encoding="utf-8"))
    assert {"founded", "dissolved"} <= set(schema["properties"])
    page = format_page(Context(org.load(), org.settings))
    for words in ("<code>founded</code>", "<code>dissolved</code>", "tính từ tháng 7 và quý III", "HD 42", "rule_sets"):
        assert words in page


def test_the_format_page_writes_defaults_as_yaml_and_documents_rule_sets(org: Org) -> None:
    page = format_page(Context(org.load(), org.settings))
    assert "mặc định <code>true</code>" in page and "mặc định <code>false</code>" in page
    assert "<code>True</code>" not in page and "<code>False</code>" not in page
    for words in ("`short`", "`title`", "`start`", "`minutes`", "giữ thời gian của bộ quy định áp dụng ngay trước đó"):
        assert words in page

"""JSON Schema files for the editors' YAML, derived from the field specs in `model.py`.

Editors' editors (VS Code with the YAML extension, for one) read the
`# yaml-language-server: $schema=...` line at the top of a data file and then
complete and check fields as the editor types.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bulletin.data.model import (
    BULLETIN_FIELDS,
    CELL_FIELDS,
    COMMITTEE_FIELDS,
    MEETING_FIELDS,
    ORGANIZATION_FIELDS,
    OUTLINE_FIELDS,
    RATING_LEVELS,
    Field,
)

BASE = "https://bulletin.invalid/schemas/"  # an id, never fetched

_TYPES: dict[str, dict[str, Any]] = {
    "str": {"type": "string", "minLength": 1},
    "markdown": {"type": "string", "minLength": 1},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"},
    "list[str]": {"type": "array", "items": {"type": "string", "minLength": 1}},
}
_DATE = _TYPES["date"]
_PERIOD = {
    "type": "object",
    "properties": {"from": _DATE, "to": _DATE},
    "additionalProperties": False,
}
_TYPES["assignments"] = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"member": {"type": "string", "minLength": 1}, "from": _DATE, "to": _DATE},
                "required": ["member"],
                "additionalProperties": False,
            },
        },
    ]
}
_TYPES["periods"] = {"oneOf": [{"type": "boolean"}, {"type": "array", "items": _PERIOD}]}


def _property(f: Field) -> dict[str, Any]:
    if f.type == "enum":
        prop: dict[str, Any] = {"enum": list(f.choices)}
    else:
        prop = dict(_TYPES[f.type])
    prop["description"] = f.doc
    if f.minimum is not None:
        prop["minimum"] = f.minimum
    if f.maximum is not None:
        prop["maximum"] = f.maximum
    if f.default not in (None, ()):
        prop["default"] = f.default
    return prop


def record(spec: Sequence[Field], title: str) -> dict[str, Any]:
    return {
        "title": title,
        "type": "object",
        "properties": {f.name: _property(f) for f in spec},
        "required": [f.name for f in spec if f.required],
        "additionalProperties": False,
    }


def meeting_schema() -> dict[str, Any]:
    item = record(MEETING_FIELDS, "Cuộc sinh hoạt chi bộ")
    # What JSON Schema can say of the cross-field rules: a thematic meeting names its outline.
    item["allOf"] = [
        {
            "if": {"properties": {"kind": {"enum": ["chuyen-de", "ket-hop"]}}, "required": ["kind"]},
            "then": {"required": ["topic"]},
        }
    ]
    return {"title": "Các cuộc sinh hoạt của một chi bộ trong một năm", "type": "array", "items": item}


def schemas() -> dict[str, dict[str, Any]]:
    named = {
        "organization": record(ORGANIZATION_FIELDS, "Thông tin Đảng bộ"),
        "cell": record(CELL_FIELDS, "Chi bộ"),
        "meetings": meeting_schema(),
        "outline": record(OUTLINE_FIELDS, "Phần đầu của đề cương chuyên đề"),
        "bulletin": record(BULLETIN_FIELDS, "Phần đầu của số bản tin"),
        "committee": {
            "title": "Cấp ủy viên phụ trách chi bộ",
            "type": "array",
            "items": record(COMMITTEE_FIELDS, "Cấp ủy viên"),
        },
        "ratings": {
            "title": "Xếp loại chi bộ trong năm: <mã chi bộ>: <mức>",
            "type": "object",
            "propertyNames": {"pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
            "additionalProperties": {
                "enum": list(RATING_LEVELS),
                "description": "; ".join(f"{k}: {v}" for k, v in RATING_LEVELS.items()),
            },
        },
    }
    return {
        f"{name}.schema.json": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{BASE}{name}.schema.json",
            **body,
        }
        for name, body in named.items()
    }


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in schemas().items():
        path = folder / name
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written

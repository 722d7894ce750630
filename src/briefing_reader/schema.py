"""A JSON Schema for the briefing format, generated from the dataclasses in `model.py`.

Editors that speak the YAML language server use it to autocomplete keys and underline
mistakes while an analyst types. Every scalar the loader reads is text, so dates are
strings with `format: date`, as JSON Schema validators for YAML expect.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any

from .model import Briefing, Pattern

SCHEMA_ID = "https://briefing-reader.invalid/briefing.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a briefing file."""
    definitions: dict[str, Any] = {}
    root = _record(Briefing, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """The schema as the text written to `briefings/briefing.schema.json`."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _record(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("internal"):
            continue
        schema = _type(hints[spec.name], definitions)
        schema["description"] = spec.metadata["doc"]
        if spec.metadata.get("example") is not None:
            schema["examples"] = [spec.metadata["example"]]
        properties[spec.name] = schema
        if spec.default is dataclasses.MISSING:
            required.append(spec.name)
    return {
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        inner = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        return {"anyOf": [_type(inner, definitions), {"type": "null"}]}
    if origin is typing.Annotated:
        base, *extras = typing.get_args(kind)
        schema = _type(base, definitions)
        for extra in extras:
            if isinstance(extra, Pattern):
                schema["pattern"] = extra.regex
        return schema
    if origin is tuple:
        return {"type": ["array", "null"], "items": _type(typing.get_args(kind)[0], definitions)}
    if kind is str:
        # Unquoted `NO` or `1.10` are text to the loader; YAML tools see a boolean or number.
        return {"type": ["string", "number", "boolean"], "pattern": r"\S"}
    if kind is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        name = kind.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _record(kind, definitions)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {kind!r}")

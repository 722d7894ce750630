"""A JSON Schema for the briefing format, generated from the field list of `model.fields_of`.

Editors that speak the YAML language server use it to autocomplete keys and underline
mistakes while an analyst types. Every scalar the loader reads is text, so dates are
strings with `format: date`, as JSON Schema validators for YAML expect.

Descriptions are in English (`description`, which every tool reads); beside each, the
`markdownDescription` that VS Code's YAML and JSON language servers show on hover holds the
English followed by every translation the catalogues have ("*Italiano:* …"). The schema is
the same whatever the interface's language.
"""

from __future__ import annotations

import json
from typing import Any

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, _, labelled_in
from .model import Briefing, TypeSpec, fields_of, type_spec

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
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in fields_of(cls):
        schema = _type(spec.annotation, definitions)
        schema.update(_described(spec.doc))
        if spec.example is not None:
            schema["examples"] = [spec.example]
        properties[spec.name] = schema
        if spec.required:
            required.append(spec.name)
    return {
        "title": cls.__name__,
        **_described((cls.__doc__ or "").strip()),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _described(english: str) -> dict[str, str]:
    """A description in English, and for editors that show Markdown, the same followed by
    each translation the catalogues have of it (none yet: the description alone)."""
    translated = []
    for code, name in LANGUAGES.items():
        if code == DEFAULT_LANGUAGE or not english:
            continue
        with labelled_in(code):
            text = _(english)
        if text != english:
            translated.append(f"*{name}:* {text}")
    if not translated:
        return {"description": english}
    return {"description": english, "markdownDescription": "\n\n".join([english, *translated])}


def _type(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    spec = type_spec(kind)
    schema = _shape(spec, definitions)
    return {"anyOf": [schema, {"type": "null"}]} if spec.optional else schema


def _shape(spec: TypeSpec, definitions: dict[str, Any]) -> dict[str, Any]:
    if spec.shape == "list":
        return {"type": ["array", "null"], "items": _type(spec.inner, definitions)}
    if spec.shape == "text":
        # Unquoted `NO` or `1.10` are text to the loader; YAML tools see a boolean or number.
        schema: dict[str, Any] = {"type": ["string", "number", "boolean"], "pattern": r"\S"}
        if spec.pattern is not None:
            schema["pattern"] = spec.pattern.regex
        return schema
    if spec.shape == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    name = spec.inner.__name__
    if name not in definitions:
        definitions[name] = {}
        definitions[name] = _record(spec.inner, definitions)
    return {"$ref": f"#/$defs/{name}"}

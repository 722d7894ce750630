"""The text `briefing new` writes: a briefing to start from.

It has every top-level key, each with a short comment on what goes there, written from the
model's own field list (so a field added to the model appears here too), the `$schema`
modeline that lets an editor check the file as it is typed, today's date and the marking.
As written it fails `validate` only on the title, the one required field it cannot fill:
the required lists are there and empty, which is valid. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt

from .model import Briefing, FieldSpec, fields_of, type_spec

SCHEMA_MODELINE = "# yaml-language-server: $schema={schema}"
"""The first line of the shipped briefing, with the schema's path relative to the file."""

SCHEMA_NAME = "briefing.schema.json"

DEFAULT_MARKING = "UNCLASSIFIED"

NAME = "new-briefing"
"""The default file name, after the date: 2026-01-21-new-briefing.yaml."""

_VALUES = {
    "classification": DEFAULT_MARKING,
}

_COMMENTS = {
    "date": "Required. The event's (first) day, YYYY-MM-DD.",
    "classification": "The source's marking (RESTRICTED, SECRET…), on every page.",
}
"""Comments that say more than the model's documentation of the field."""


def file_name(today: dt.date, number: int = 1) -> str:
    """'2026-01-21-new-briefing.yaml', or with `number` 2 and up, '…-new-briefing-2.yaml'."""
    suffix = "" if number == 1 else f"-{number}"
    return f"{today.isoformat()}-{NAME}{suffix}.yaml"


def skeleton(today: dt.date, *, schema: str = SCHEMA_NAME) -> str:
    """A briefing to start from, dated `today`, its modeline pointing at `schema` (a path
    relative to the file)."""
    lines = [
        SCHEMA_MODELINE.format(schema=schema),
        "# A new briefing: fill in the title and what the source says. Every field is",
        "# explained, with an example, in docs/format.md; optional keys may stay empty or go.",
        "# For long text, write > after the key and the paragraph indented below it.",
        "# Check it with: briefing validate THIS-FILE",
        "",
    ]
    for spec in fields_of(Briefing):
        if spec.name == "agenda":
            lines += ["", "# Each list holds items; the keys of an item follow (* required)."]
        lines += _lines(spec, today)
    return "\n".join(lines) + "\n"


def _lines(spec: FieldSpec, today: dt.date) -> list[str]:
    """A key with its value and comment; a list or a record has its keys on a comment line
    below."""
    shape = spec.kind.shape
    if spec.name == "date":
        value = f" {today.isoformat()}"
    elif spec.name in _VALUES:
        value = f" {_VALUES[spec.name]}"
    elif shape == "list":
        value = " []"
    else:
        value = ""
    lines = [f"{spec.name}:{value}  # {_comment(spec)}"]
    if shape == "list":
        lines.append(f"#   - {_keys(type_spec(spec.kind.inner).inner)}")
    elif shape == "record":
        lines.append(f"#   {_keys(spec.kind.inner)}")
    return lines


def _comment(spec: FieldSpec) -> str:
    """The model's documentation of the field, with its example, and whether it is
    required ('Required, may stay []' for a list that may be empty)."""
    if spec.name in _COMMENTS:
        return _COMMENTS[spec.name]
    words = spec.doc.replace(" (may be empty: [])", "")
    if isinstance(spec.example, str) and spec.kind.shape == "text":
        words = f"{words.rstrip('.')}, e.g. {spec.example}."
    if spec.required:
        return f"Required{', may stay []' if spec.kind.shape == 'list' else ''}. {words}"
    return words


def _keys(cls: type) -> str:
    """'title*, statement*, speaker, topics'."""
    return ", ".join(f"{field.name}{'*' if field.required else ''}" for field in fields_of(cls))

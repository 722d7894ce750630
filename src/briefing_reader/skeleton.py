"""The text `briefing new` writes: a briefing to start from.

It has every top-level key, each with a short comment on what goes there, written from the
model's own field list (so a field added to the model appears here too), the `$schema`
modeline that lets an editor check the file as it is typed, today's date and the marking.
As written it fails `validate` only on the title, the one required field it cannot fill:
the required lists are there and empty, which is valid. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
import re

from .i18n import N_, _
from .model import Briefing, FieldSpec, fields_of, type_spec

SCHEMA_MODELINE = "# yaml-language-server: $schema={schema}"  # not shown
"""The first line of the shipped briefing, with the schema's path relative to the file."""

SCHEMA_NAME = "briefing.schema.json"  # not shown

DEFAULT_MARKING = "UNCLASSIFIED"

NAME = "new-briefing"  # not shown
"""The default file name, after the date: 2026-01-21-new-briefing.yaml."""

_VALUES = {
    "classification": DEFAULT_MARKING,
}

_COMMENTS = {
    "date": N_("Required. The event's (first) day, YYYY-MM-DD."),
    "classification": N_("The source's marking (RESTRICTED, SECRET…), on every page."),
}
"""Comments that say more than the model's documentation of the field."""

_HEADER = N_(
    "A new briefing: fill in the title and what the source says. Every field is\n"
    "explained, with an example, in docs/format.md; optional keys may stay empty or go.\n"
    "For long text, write > after the key and the paragraph indented below it.\n"
    "Check it with: briefing validate THIS-FILE"
)
"""The comment that opens the file, a line of the message to a line of the file."""

_MAY_BE_EMPTY = re.compile(r" *\([^()]*\[\]\)")
"""A required list's documentation says in brackets that it may be empty, with "[]" in
them ("(may be empty: [])", in every language): the comment says so in its own words."""


def file_name(today: dt.date, number: int = 1) -> str:
    """'2026-01-21-new-briefing.yaml', or with `number` 2 and up, '…-new-briefing-2.yaml'."""
    suffix = "" if number == 1 else f"-{number}"
    return f"{today.isoformat()}-{NAME}{suffix}.yaml"


def skeleton(today: dt.date, *, schema: str = SCHEMA_NAME) -> str:
    """A briefing to start from, dated `today`, its modeline pointing at `schema` (a path
    relative to the file)."""
    lines = [SCHEMA_MODELINE.format(schema=schema)]
    lines += [f"# {line}" for line in _(_HEADER).splitlines()]
    lines.append("")
    for spec in fields_of(Briefing):
        if spec.name == "agenda":
            lists = _("Each list holds items; the keys of an item follow (* required).")
            lines += ["", f"# {lists}"]
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
    required ('Required, may stay []' for a list that may be empty), in the language in
    force."""
    if spec.name in _COMMENTS:
        return _(_COMMENTS[spec.name])
    words = _MAY_BE_EMPTY.sub("", _(spec.doc))
    if isinstance(spec.example, str) and spec.kind.shape == "text":
        words = _("{doc}, e.g. {example}.").format(doc=words.rstrip("."), example=spec.example)
    if not spec.required:
        return words
    if spec.kind.shape == "list":
        return _("Required, may stay []. {doc}").format(doc=words)
    return _("Required. {doc}").format(doc=words)


def _keys(cls: type) -> str:
    """'title*, statement*, speaker, topics'."""
    return ", ".join(f"{field.name}{'*' if field.required else ''}" for field in fields_of(cls))

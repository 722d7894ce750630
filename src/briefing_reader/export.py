"""A briefing as Markdown or JSON, for pasting into documents and piping into tools.

Both walk the field list of `model.fields_of`, so a field added to the model is exported
without a change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from .model import (
    SECTION_TITLES,
    SECTIONS,
    Briefing,
    Item,
    Quote,
    Source,
    fields_of,
    item_heading,
)
from .text import date_span, marking_text, printable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]"
)


_MARKDOWN_LINE_START = re.compile(r"^([-=]|\d+[.)])")


def _md(text: str | None) -> str:
    """Briefing text made literal in Markdown: no markup, no HTML, no control characters."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join((text or "").split())))
    return _MARKDOWN_LINE_START.sub(r"\\\1", escaped)


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown, marking first and last."""
    marking = f"**{_md(marking_text(briefing.classification))}**"
    lines = [marking, "", f"# {_md(briefing.title)}", ""]
    facts = [
        ("Event", briefing.event and _md(briefing.event)),
        ("Short name", briefing.short_name and _md(briefing.short_name)),
        ("Dates", date_span(briefing.date, briefing.end_date)),
        ("Place", briefing.place and _md(briefing.place)),
        ("Principal", briefing.principal and _md(briefing.principal)),
    ]
    lines += [f"- **{label}:** {value}" for label, value in facts if value]
    if briefing.summary:
        lines += ["", _md(briefing.summary)]
    for name in SECTIONS:
        items: tuple[Item, ...] = getattr(briefing, name)
        if items:
            lines += ["", f"## {SECTION_TITLES[name]}", ""]
            for item in items:
                lines += _markdown_item(item)
    if briefing.source:
        lines += ["", "## Source", ""]
        for spec in fields_of(Source):
            value = getattr(briefing.source, spec.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            if value:
                lines.append(f"- **{spec.label}:** {_md(value)}")
    lines += ["", marking, ""]
    return "\n".join(lines)


def _markdown_item(item: Item) -> list[str]:
    heading = item.speaker if isinstance(item, Quote) else item_heading(item)
    lines = [f"- **{_md(heading)}**"]
    for spec in fields_of(type(item)):
        value = getattr(item, spec.name)
        if spec.heading or not value:
            continue
        if isinstance(value, dt.date):
            lines.append(f"  {date_span(value)}")
        elif isinstance(value, tuple):  # topic tags
            lines.append(f"  {spec.label}: " + ", ".join(_md(part) for part in value))
        elif isinstance(item, Quote) and spec.name == "original":
            lines.append(f"  > {_md(value)}")
        else:
            lines.append(f"  {spec.label}: {_md(value)}")
    return [*lines, ""]


def to_json(briefing: Briefing) -> str:
    """The briefing as JSON, with the same keys as the YAML and dates as ISO strings.

    C1 controls and bidi overrides are written as \\u escapes: the data is unchanged, but
    printing the JSON to a terminal cannot reorder or drive it.
    """
    text = json.dumps(_plain(briefing), indent=2, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain: dict[str, Any] = {}
        for spec in fields_of(type(value)):
            field_value = getattr(value, spec.name)
            if field_value is not None and (field_value != () or spec.required):
                plain[spec.name] = _plain(field_value)
        return plain
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

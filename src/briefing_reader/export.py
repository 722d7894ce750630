"""A briefing as Markdown or JSON, for pasting into documents and piping into tools."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from .model import SECTION_TITLES, SECTIONS, Briefing, Item, Quote, item_heading
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
        source = briefing.source
        lines += ["", "## Source", ""]
        for label, value in (
            ("Publisher", source.publisher),
            ("Title", source.title),
            ("Kind", source.kind),
            ("Date", source.date and source.date.isoformat()),
            ("Language", source.language),
            ("URL", source.url),
            ("Reference", source.reference),
        ):
            if value:
                lines.append(f"- **{label}:** {_md(value)}")
    lines += ["", marking, ""]
    return "\n".join(lines)


_HEADING_FIELDS = frozenset({"title", "name", "short_name", "counterpart", "topics"})


def _markdown_item(item: Item) -> list[str]:
    heading = item.speaker if isinstance(item, Quote) else item_heading(item)
    lines = [f"- **{_md(heading)}**"]
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if field.metadata.get("internal") or field.name in _HEADING_FIELDS or not value:
            continue
        if isinstance(item, Quote) and field.name == "speaker":  # the quote's heading
            continue
        if isinstance(value, dt.date):
            lines.append(f"  {date_span(value)}")
        elif field.name == "original":
            lines.append(f"  > {_md(value)}")
        else:
            label = field.name.replace("_", " ").capitalize()
            lines.append(f"  {label}: {_md(value)}")
    if item.topics:
        lines.append("  Topics: " + ", ".join(_md(topic) for topic in item.topics))
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
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not f.metadata.get("internal")
            and getattr(value, f.name) is not None
            and (getattr(value, f.name) != () or f.default is dataclasses.MISSING)
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

"""The briefing as typed, frozen data: the single source of truth for the format.

The loader walks these dataclasses to check a YAML file, and `schema.py` walks them to
write the JSON Schema, so a field's type, whether it is required and its documentation
live here and nowhere else. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any

TOPIC_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A constraint on a text field: a regular expression and how to describe it."""

    regex: str
    expected: str


Topic = Annotated[str, Pattern(TOPIC_PATTERN, "a lowercase tag like 'air-defence'")]
Language = Annotated[str, Pattern(LANGUAGE_PATTERN, "a language code like 'en' or 'it'")]


def doc(text: str, *, default: Any = None, example: Any = None) -> Any:
    """A dataclass field carrying its documentation (used by the schema and the docs)."""
    return field(default=default, metadata={"doc": text, "example": example})


def required(text: str, *, example: Any = None) -> Any:
    """A required dataclass field carrying its documentation."""
    return field(metadata={"doc": text, "example": example})


def where() -> Any:
    """Where an item starts in its file (1-based line and column); not part of the format."""
    return field(default=0, compare=False, metadata={"internal": True})


TOPICS_DOC = (
    "Topic tags: lowercase words joined by hyphens. Items that share a tag are linked, "
    "across panes and across briefings."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaItem:
    """One item of the event's agenda."""

    title: str = required("What was discussed.", example="Deterrence and defence posture")
    day: dt.date | None = doc("The day it was discussed, for multi-day events.")
    summary: str | None = doc("What the source says about it.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=(), example=["deterrence"])
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """A position Italy took at the event."""

    title: str = required("The position in a few words.", example="Balkans and Southern Flank")
    statement: str = required("What Italy said, as the source reports it.")
    speaker: str | None = doc("Who stated it, if not the briefing's principal.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """A region of concern raised at the event."""

    name: str = required("The region.", example="Arctic")
    concern: str = required("Why it matters, as the source puts it.")
    raised_by: str | None = doc("Who raised it.", example="Italy")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Bilateral:
    """A meeting the principal held on the margins of the event."""

    counterpart: str = required("Who the principal met.", example="Chief of Defence of France")
    country: str | None = doc("The counterpart's country.", example="France")
    organisation: str | None = doc("The counterpart's organisation, if not a country.")
    summary: str | None = doc("What the meeting was about, as the source says.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Partner:
    """A partner country or organisation that took part."""

    name: str = required("The partner.", example="Japan")
    group: str | None = doc("The group it belongs to.", example="IP4")
    role: str | None = doc("How it took part.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Initiative:
    """A programme or initiative discussed at the event."""

    name: str = required("Its full name.")
    short_name: str | None = doc("Its acronym.", example="NSATU")
    summary: str | None = doc("What the source says about it.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Words quoted by the source, in the original language with a translation."""

    speaker: str = required("Who said it.")
    original: str = required("The words exactly as the source gives them.")
    translation: str | None = doc("A translation into the briefing's language.")
    language: Language | None = doc("The language of the original.", example="it")
    context: str | None = doc("When or why it was said.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """The document the briefing was written from."""

    publisher: str = required("Who published it.", example="Italian Defence Staff")
    title: str | None = doc("Its title.")
    kind: str | None = doc("What sort of document it is.", example="press release")
    date: dt.date | None = doc("When it was published.")
    language: Language | None = doc("The language it is written in.", example="it")
    url: str | None = doc("Where it can be found.")
    reference: str | None = doc("An archive reference or file name.")
    line: int = where()
    column: int = where()


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """A briefing: one event, what was said there, and where it came from."""

    title: str = required("The briefing's title.")
    date: dt.date = required("The event's (first) day.", example="2026-01-21")
    end_date: dt.date | None = doc("The event's last day, for an event of several days.")
    event: str | None = doc("The event's full name.")
    short_name: str | None = doc("The event's short name.", example="MCCS")
    place: str | None = doc("Where it took place.", example="NATO Headquarters, Brussels")
    principal: str | None = doc("Who represented Italy.")
    classification: str | None = doc(
        "The classification marking, shown as a banner.", example="UNCLASSIFIED"
    )
    language: Language | None = doc("The language the briefing is written in.", example="en")
    summary: str | None = doc("A paragraph on the event as a whole.")
    agenda: tuple[AgendaItem, ...] = required("What was on the agenda (may be empty: []).")
    positions: tuple[Position, ...] = required("Italy's positions (may be empty: []).")
    regions: tuple[Region, ...] = required("Regions of concern (may be empty: []).")
    bilaterals: tuple[Bilateral, ...] = required("Bilateral meetings (may be empty: []).")
    partners: tuple[Partner, ...] = doc("Partners and participants.", default=())
    initiatives: tuple[Initiative, ...] = doc("Initiatives discussed.", default=())
    quotes: tuple[Quote, ...] = doc("Quotations, original and translation.", default=())
    source: Source | None = doc("The source document.")

    @property
    def all_topics(self) -> frozenset[str]:
        """Every topic tagged anywhere in the briefing."""
        return frozenset(topic for _, item in self.items() for topic in item.topics)

    def items(self) -> list[tuple[str, Item]]:
        """Every item with the name of the section it belongs to, in file order."""
        return [(name, item) for name in SECTIONS for item in getattr(self, name)]


Item = AgendaItem | Position | Region | Bilateral | Partner | Initiative | Quote

SECTIONS: tuple[str, ...] = (
    "agenda",
    "positions",
    "regions",
    "bilaterals",
    "partners",
    "initiatives",
    "quotes",
)
"""The list fields of a briefing whose items carry topics, in reading order."""

SECTION_TITLES: dict[str, str] = {
    "agenda": "Agenda",
    "positions": "Italy's positions",
    "regions": "Regions of concern",
    "bilaterals": "Bilateral meetings",
    "partners": "Partners",
    "initiatives": "Initiatives",
    "quotes": "Quotes",
}


def item_heading(item: Item) -> str:
    """The one line that names an item in a list."""
    match item:
        case AgendaItem() | Position():
            return item.title
        case Region() | Partner():
            return item.name
        case Initiative():
            return f"{item.name} ({item.short_name})" if item.short_name else item.name
        case Bilateral():
            return item.counterpart
        case Quote():
            return f"{item.speaker}: «{_first_words(item.original)}»"


def _first_words(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"

"""The briefing as typed, frozen data: the single source of truth for the format.

`fields_of` walks these dataclasses once: the loader checks a YAML file against its field
list, `schema.py` writes the JSON Schema from it, the exports and the search read it, and
`docs.py` writes the field tables of docs/format.md from it. So a field's type, whether it
is required and its documentation live here and nowhere else. The sections of a briefing
are named once, in `SECTION_TABLE`, and the fields' labels in `FIELD_LABELS`; every text a
user reads (labels, titles, descriptions, a pattern's expectation) is a message of the
catalogue, in English here. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from .i18n import N_, _

TOPIC_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pattern:
    """A constraint on a text field: a regular expression, how to describe it in a problem
    (a message, marked with `N_` and translated where the problem is written), and what such
    a value is called in docs/format.md (in English, as the file is)."""

    regex: str
    expected: str
    noun: str


Topic = Annotated[str, Pattern(TOPIC_PATTERN, N_("a lowercase tag like 'air-defence'"), "topic")]
Language = Annotated[
    str, Pattern(LANGUAGE_PATTERN, N_("a language code like 'en' or 'it'"), "language code")
]


def doc(
    text: str,
    *,
    default: Any = None,
    example: Any = None,
    heading: bool = False,
    searched: bool = True,
) -> Any:
    """An optional dataclass field carrying its documentation (for the schema and the docs).

    `text` is a message of the catalogue (`po.py` reads the first argument of `doc` and
    `required` as one), so the schema can give it in every language. `heading` marks a field
    that names its item (exports show it in the item's heading); `searched=False` keeps the
    search from reading it. Its label is in `FIELD_LABELS`.
    """
    metadata = {"doc": text, "example": example, "heading": heading, "searched": searched}
    return field(default=default, metadata=metadata)


def required(text: str, *, example: Any = None, heading: bool = False) -> Any:
    """A required dataclass field carrying its documentation; as for `doc`."""
    return field(metadata={"doc": text, "example": example, "heading": heading})


def where() -> Any:
    """Where an item starts in its file (1-based line and column); not part of the format."""
    return field(default=0, compare=False, metadata={"internal": True})


def described(text: str) -> Callable[[type[T]], type[T]]:
    """Give a model class its description (the schema's), as a message of the catalogue: it
    stands for the class's docstring, which `po.py` could not read."""

    def describe(cls: type[T]) -> type[T]:
        cls.__doc__ = text
        return cls

    return describe


TOPICS_DOC = N_(
    "Topic tags: lowercase words joined by hyphens. Items that share a tag are linked, "
    "across panes and across briefings."
)


@described(N_("One item of the event's agenda."))
@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaItem:
    title: str = required(
        "What was discussed.", example="Deterrence and defence posture", heading=True
    )
    day: dt.date | None = doc("The day it was discussed, for multi-day events.")
    summary: str | None = doc("What the source says about it.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=(), example=["deterrence"])
    line: int = where()
    column: int = where()


@described(N_("A position Italy took at the event."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    title: str = required(
        "The position in a few words.", example="Balkans and Southern Flank", heading=True
    )
    statement: str = required("What Italy said, as the source reports it.")
    speaker: str | None = doc("Who stated it, if not the briefing's principal.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("A region of concern raised at the event."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    name: str = required("The region.", example="Arctic", heading=True)
    concern: str = required("Why it matters, as the source puts it.")
    raised_by: str | None = doc("Who raised it.", example="Italy")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("A meeting the principal held on the margins of the event."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Bilateral:
    counterpart: str = required(
        "Who the principal met.", example="Chief of Defence of France", heading=True
    )
    country: str | None = doc("The counterpart's country.", example="France")
    organisation: str | None = doc("The counterpart's organisation, if not a country.")
    summary: str | None = doc("What the meeting was about, as the source says.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("A partner country or organisation that took part."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Partner:
    name: str = required("The partner.", example="Japan", heading=True)
    group: str | None = doc("The group it belongs to.", example="IP4")
    role: str | None = doc("How it took part.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("A programme or initiative discussed at the event."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Initiative:
    name: str = required("Its full name.", heading=True)
    short_name: str | None = doc("Its acronym.", example="NSATU", heading=True)
    summary: str | None = doc("What the source says about it.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("Words quoted by the source, in the original language with a translation."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    speaker: str = required("Who said it.", heading=True)
    original: str = required("The words exactly as the source gives them.")
    translation: str | None = doc("A translation into the briefing's language.")
    language: Language | None = doc("The language of the original.", example="it")
    context: str | None = doc("When or why it was said.")
    topics: tuple[Topic, ...] = doc(TOPICS_DOC, default=())
    line: int = where()
    column: int = where()


@described(N_("The document the briefing was written from."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    publisher: str = required("Who published it.", example="Italian Defence Staff")
    title: str | None = doc("Its title.")
    kind: str | None = doc("What sort of document it is.", example="press release")
    date: dt.date | None = doc("When it was published.")
    language: Language | None = doc("The language it is written in.", example="it")
    url: str | None = doc("Where it can be found.")
    reference: str | None = doc("An archive reference or file name.")
    line: int = where()
    column: int = where()


@described(N_("A briefing: one event, what was said there, and where it came from."))
@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    title: str = required("The briefing's title.")
    date: dt.date = required("The event's (first) day.", example="2026-01-21")
    end_date: dt.date | None = doc(
        "The event's last day, for an event of several days.", searched=False
    )
    event: str | None = doc("The event's full name.")
    short_name: str | None = doc("The event's short name.", example="MCCS")
    place: str | None = doc("Where it took place.", example="NATO Headquarters, Brussels")
    principal: str | None = doc("Who represented Italy.")
    classification: str | None = doc(
        "The classification marking, shown as a banner.", example="UNCLASSIFIED"
    )
    language: Language | None = doc(
        "The language the briefing is written in.", example="en", searched=False
    )
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
        return frozenset(topic for _section, item in self.items() for topic in item.topics)

    def items(self) -> list[tuple[str, Item]]:
        """Every item with the name of the section it belongs to, in file order."""
        return [(name, item) for name in SECTIONS for item in getattr(self, name)]


Item = AgendaItem | Position | Region | Bilateral | Partner | Initiative | Quote


FIELD_LABELS: dict[str, str] = {
    # the briefing
    "title": N_("Title"),
    "date": N_("Date"),
    "end_date": N_("End date"),
    "event": N_("Event"),
    "short_name": N_("Short name"),
    "place": N_("Place"),
    "principal": N_("Principal"),
    "classification": N_("Classification"),
    "language": N_("Language"),
    "summary": N_("Summary"),
    "agenda": N_("Agenda"),
    "positions": N_("Positions"),
    "regions": N_("Regions"),
    "bilaterals": N_("Bilaterals"),
    "partners": N_("Partners"),
    "initiatives": N_("Initiatives"),
    "quotes": N_("Quotes"),
    "source": N_("Source"),
    # its items
    "day": N_("Day"),
    "topics": N_("Topics"),
    "statement": N_("Statement"),
    "speaker": N_("Speaker"),
    "name": N_("Name"),
    "concern": N_("Concern"),
    "raised_by": N_("Raised by"),
    "counterpart": N_("Counterpart"),
    "country": N_("Country"),
    "organisation": N_("Organisation"),
    "group": N_("Group"),
    "role": N_("Role"),
    "original": N_("Original"),
    "translation": N_("Translation"),
    "context": N_("Context"),
    # the source
    "publisher": N_("Publisher"),
    "kind": N_("Kind"),
    "url": N_("URL"),
    "reference": N_("Reference"),
    # where an item was found (not part of the format, never shown)
    "line": N_("Line"),
    "column": N_("Column"),
}
"""How exports and screens label each field, by its key, in whatever class it is: messages
of the catalogue, in English (`FieldSpec.label` gives one in the language in force). A
field added to the model needs a label here (`fields_of` says so)."""


@dataclass(frozen=True, slots=True)
class Section:
    """A list of items in a briefing: its key, the title that heads it in a summary, and the
    short title on its tab."""

    name: str
    title: str
    short_title: str


SECTION_TABLE: tuple[Section, ...] = (
    Section("agenda", N_("Agenda"), N_("Agenda")),
    Section("positions", N_("Italy's positions"), N_("Positions")),
    Section("regions", N_("Regions of concern"), N_("Regions")),
    Section("bilaterals", N_("Bilateral meetings"), N_("Bilaterals")),
    Section("partners", N_("Partners"), N_("Partners")),
    Section("initiatives", N_("Initiatives"), N_("Initiatives")),
    Section("quotes", N_("Quotes"), N_("Quotes")),
)
"""The list fields of a briefing whose items carry topics, in reading order: the one table
that names them (a test checks it against the fields of `Briefing`)."""

SECTIONS: tuple[str, ...] = tuple(section.name for section in SECTION_TABLE)
"""The sections' keys, in reading order."""


class Translated(Mapping[str, str]):
    """A table of messages (marked with `N_`) given in the language in force when read."""

    def __init__(self, messages: dict[str, str]) -> None:
        self._messages = messages

    def __getitem__(self, key: str) -> str:
        return _(self._messages[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)


SECTION_TITLES = Translated({section.name: section.title for section in SECTION_TABLE})
"""Each section's long title, which heads it in a summary or an export."""

SECTION_SHORT_TITLES = Translated({section.name: section.short_title for section in SECTION_TABLE})
"""Each section's short title, for tabs."""


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


# --- the field walk -----------------------------------------------------------------------

Shape = Literal["text", "date", "list", "record"]


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """What a model type holds, worked out once per type."""

    shape: Shape
    optional: bool = False
    """Whether YAML's null (an empty value, `~`, `null`) is allowed, meaning "absent"."""
    inner: Any = None
    """For a list, the type of its items; for a record, its dataclass."""
    pattern: Pattern | None = None
    """For text, the pattern it must match, if any."""


def _undefined(kind: Any) -> TypeError:
    """A type the format has no shape for: a mistake in the model, never in a user's file."""
    return TypeError(f"the model uses a type the format does not define: {kind!r}")  # not shown


@cache
def type_spec(kind: Any) -> TypeSpec:
    """How a type used in the model is read: text, a date, a list or a record (a dataclass),
    and whether it may be null. Raises TypeError for a type the format does not define."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        inner = [arg for arg in args if arg is not type(None)]
        if len(inner) != 1:
            raise _undefined(kind)
        return dataclasses.replace(type_spec(inner[0]), optional=True)
    if origin is typing.Annotated:
        spec = type_spec(args[0])
        patterns = [extra for extra in args[1:] if isinstance(extra, Pattern)]
        if spec.shape != "text" or len(patterns) != 1:
            raise _undefined(kind)
        re.compile(patterns[0].regex)  # a bad pattern fails here, not on a user's file
        return dataclasses.replace(spec, pattern=patterns[0])
    if origin is tuple:
        return TypeSpec("list", inner=args[0])
    if kind is str:
        return TypeSpec("text")
    if kind is dt.date:
        return TypeSpec("date")
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return TypeSpec("record", inner=kind)
    raise _undefined(kind)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a model class, with everything the loader, the schema, the exports,
    the search and the docs read about it."""

    name: str
    annotation: Any
    """The type as declared, `Annotated` patterns included: what the loader builds."""
    required: bool
    doc: str
    example: Any
    internal: bool
    """Not part of the format: where an item was found in its file."""
    heading: bool
    """Names its item, so exports show it in the item's heading rather than as a line."""
    label_message: str
    """How exports label it, in English: the catalogue's key, from `FIELD_LABELS`."""
    searched: bool
    """Whether the search reads it."""

    @property
    def label(self) -> str:
        """How exports label it, in the language in force."""
        return _(self.label_message)

    @property
    def kind(self) -> TypeSpec:
        """What the field holds (see `type_spec`); internal fields are not typed."""
        return type_spec(self.annotation)


def fields_of(cls: type, *, internal: bool = False) -> tuple[FieldSpec, ...]:
    """The fields of a model class in declaration order: the one walk of the model.

    Only the format's fields, unless `internal` asks for those that record where an item
    was found too. Worked out once per class.
    """
    return _all_fields(cls) if internal else _format_fields(cls)


@cache
def _all_fields(cls: type) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for spec in dataclasses.fields(cls):
        meta = spec.metadata
        specs.append(
            FieldSpec(
                name=spec.name,
                annotation=hints[spec.name],
                required=(
                    spec.default is dataclasses.MISSING
                    and spec.default_factory is dataclasses.MISSING
                ),
                doc=meta.get("doc", ""),
                example=meta.get("example"),
                internal=bool(meta.get("internal", False)),
                heading=bool(meta.get("heading", False)),
                label_message=_label(cls, spec.name),
                searched=bool(meta.get("searched", True)),
            )
        )
    return tuple(specs)


def _label(cls: type, name: str) -> str:
    if name not in FIELD_LABELS:
        raise KeyError(f"{cls.__name__}.{name} has no label in FIELD_LABELS")  # not shown
    return FIELD_LABELS[name]


@cache
def _format_fields(cls: type) -> tuple[FieldSpec, ...]:
    return tuple(spec for spec in _all_fields(cls) if not spec.internal)


def record_types() -> tuple[type, ...]:
    """Every model class a briefing is made of, `Briefing` first, in field order."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        for spec in fields_of(cls):
            kind = spec.kind
            while kind.shape == "list":
                kind = type_spec(kind.inner)
            if kind.shape == "record":
                visit(kind.inner)

    visit(Briefing)
    return tuple(found)


def _quick_pickling(cls: type) -> None:
    """Pickle a record as the tuple of its fields, with the names worked out once: the
    dataclass default asks `dataclasses.fields()` for every record read back, and that was
    two thirds of reading 10,000 briefings from the cache (390,000 records)."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    set_attribute = object.__setattr__

    def __getstate__(self: object) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            set_attribute(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 (a method replaced on the class)
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010


for _record in record_types():
    _quick_pickling(_record)


# --- briefings read in two steps ------------------------------------------------------------

Filler = Callable[[], Mapping[str, object]]
"""Makes the fields a briefing was made without (see `deferred`)."""

_DEFERRED: dict[int, tuple[Briefing, Filler]] = {}
"""Briefings made without some of their fields, by id, each kept with what fills it in."""


def deferred(known: Mapping[str, object], fill: Filler) -> Briefing:
    """A briefing made from some of its fields, the rest made by `fill` the first time one
    of them is read, on whatever thread reads it.

    The cache lists ten thousand briefings from their scalar fields and keeps each one's
    items as bytes until they are read: making every item of every briefing took seconds
    at start-up (see cache.py). To its readers, it is a Briefing like any other.
    """
    briefing: Briefing = object.__new__(Briefing)
    for name, value in known.items():
        object.__setattr__(briefing, name, value)
    _DEFERRED[id(briefing)] = (briefing, fill)
    return briefing


def filler_of(briefing: Briefing) -> Filler | None:
    """What will fill a briefing's deferred fields in; None once it is whole."""
    entry = _DEFERRED.get(id(briefing))
    return entry[1] if entry is not None and entry[0] is briefing else None


def any_deferred() -> bool:
    """Whether any briefing still has fields to fill (a cheap test before looking for them)."""
    return bool(_DEFERRED)


def made_whole(briefing: Briefing) -> Briefing:
    """The briefing with its deferred fields filled in, now (see `deferred`)."""
    if filler_of(briefing) is not None:
        _fill_on_first_read(briefing, "agenda")
    return briefing


def _fill_on_first_read(self: Briefing, name: str) -> object:
    """Called only for a field not yet set: fill the deferred fields in, then read it.

    Two threads may fill one briefing at once: both set the same values, and the entry goes
    only once every field is set, so a reader who finds it gone finds every field there."""
    entry = _DEFERRED.get(id(self))
    if entry is None or entry[0] is not self:
        raise AttributeError(name)
    for field_name, value in entry[1]().items():
        object.__setattr__(self, field_name, value)
    _DEFERRED.pop(id(self), None)
    return object.__getattribute__(self, name)


setattr(Briefing, "__getattr__", _fill_on_first_read)  # noqa: B010 (set after the dataclass)

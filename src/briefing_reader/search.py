"""Full-text search over every briefing in the library, with hits in context.

Each item is flattened once into a case-folded string of the fields `model.fields_of` lists;
a query matches an entry when every word of it occurs there. Imports neither Textual nor
Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .library import order_key
from .loader import LoadResult
from .model import Briefing, FieldSpec, fields_of, item_heading, type_spec
from .topics import ItemRef

OVERVIEW = "overview"
SOURCE = "source"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching entry: where it is, its heading, and a snippet with match spans."""

    ref: ItemRef
    briefing: Briefing
    heading: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One searchable thing: its place, and where its folded text sits in the briefing's."""

    ref: ItemRef
    heading: str
    source: object
    """What the text is made from, to rebuild it for a hit (only the folded text is kept)."""
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BriefingText:
    """One briefing's part of the search index, prepared away from the screen's thread."""

    path: Path
    briefing: Briefing | None
    order: tuple[int, int, str]
    folded: str
    """Every entry's folded text, one per line: a briefing is skipped with one test."""
    entries: tuple[_Entry, ...]

    @classmethod
    def of(cls, result: LoadResult) -> BriefingText:
        briefing = result.briefing
        entries: list[_Entry] = []
        parts: list[str] = []
        position = 0

        def add(ref: ItemRef, heading: str, source: object) -> None:
            nonlocal position
            folded = fold(_text_of(source))
            entries.append(_Entry(ref, heading, source, position, position + len(folded)))
            parts.append(folded)
            position += len(folded) + 1

        if briefing is not None:
            path = result.path
            add(ItemRef(path, OVERVIEW, 0), briefing.title, briefing)
            counters: dict[str, int] = {}
            for section, item in briefing.items():
                index = counters.get(section, 0)
                counters[section] = index + 1
                add(ItemRef(path, section, index), item_heading(item), item)
            if briefing.source is not None:
                add(ItemRef(path, SOURCE, 0), briefing.source.publisher, briefing.source)
        return cls(result.path, briefing, order_key(result), "\n".join(parts), tuple(entries))


def _text_of(source: object) -> str:
    return " · ".join(_flatten(source))


def _flatten(value: object) -> list[str]:
    """The searched fields of a briefing, an item or a source, whitespace collapsed."""
    parts: list[str] = []
    kind: Any = type(value)  # a type is hashable, whatever mypy thinks of type[object]
    for name in _searchable_fields(kind):
        field_value = getattr(value, name)
        if isinstance(field_value, str):
            parts.append(" ".join(field_value.split()))
        elif isinstance(field_value, tuple):  # topic tags: single words already
            parts.extend(str(element) for element in field_value)
        elif isinstance(field_value, dt.date):
            parts.append(field_value.isoformat())
    return parts


@cache
def _searchable_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class a search reads, in field order: text, dates and topic
    tags, never the lists of items or the source, which are entries of their own. A
    briefing's overview reads its date last, so its snippets open on its words."""
    specs = [spec for spec in fields_of(cls) if spec.searched and _holds_words(spec)]
    if cls is Briefing:
        specs.sort(key=lambda spec: spec.kind.shape == "date")
    return tuple(spec.name for spec in specs)


def _holds_words(spec: FieldSpec) -> bool:
    kind = type_spec(spec.kind.inner) if spec.kind.shape == "list" else spec.kind
    return kind.shape in ("text", "date")


def fold(text: str) -> str:
    """Lower-cased text of the same length, so match positions index the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


class SearchIndex:
    """Every overview, item and source in a library, ready to search.

    Kept up to date one briefing at a time (see BriefingText), like the topic index.
    """

    def __init__(self, results: Iterable[LoadResult] = ()) -> None:
        self._parts: dict[Path, BriefingText] = {}
        self._order: list[BriefingText] | None = None
        for result in results:
            self.add(BriefingText.of(result))

    def add(self, part: BriefingText) -> None:
        self._parts[part.path] = part
        self._order = None

    def remove(self, path: Path) -> None:
        if self._parts.pop(path, None) is not None:
            self._order = None

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        """Entries containing every word of `query` (case-insensitive), in library order."""
        terms = fold(query).split()
        if not terms:
            return []
        if self._order is None:
            self._order = sorted(self._parts.values(), key=lambda part: part.order)
        hits: list[SearchHit] = []
        for part in self._order:
            if part.briefing is None or not all(term in part.folded for term in terms):
                continue
            for entry in part.entries:
                folded = part.folded[entry.start : entry.end]
                if all(term in folded for term in terms):
                    hits.append(_hit(part.briefing, entry, folded, terms))
                    if len(hits) >= limit:
                        return hits
        return hits


def _hit(
    briefing: Briefing, entry: _Entry, folded: str, terms: list[str], width: int = 100
) -> SearchHit:
    text = _text_of(entry.source)
    first = min(folded.find(term) for term in terms)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    snippet = text[start:end]
    folded = folded[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    spans: list[tuple[int, int]] = []
    for term in terms:
        position = folded.find(term)
        while position != -1:
            spans.append((position + len(prefix), position + len(prefix) + len(term)))
            position = folded.find(term, position + len(term))
    return SearchHit(
        entry.ref, briefing, entry.heading, prefix + snippet + suffix, tuple(sorted(spans))
    )

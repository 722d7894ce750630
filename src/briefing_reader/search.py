"""Full-text search over every briefing in the library, with hits in context.

Each item is flattened once into a case-folded string; a query matches an entry when
every word of it occurs there. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import LoadResult
from .model import Briefing, item_heading
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
    ref: ItemRef
    briefing: Briefing
    heading: str
    text: str
    folded: str


def _flatten(value: object) -> list[str]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts: list[str] = []
        for spec in dataclasses.fields(value):
            if not spec.metadata.get("internal"):
                parts.extend(_flatten(getattr(value, spec.name)))
        return parts
    if isinstance(value, tuple):
        return [part for element in value for part in _flatten(element)]
    if isinstance(value, str):
        return [" ".join(value.split())]
    if isinstance(value, dt.date):
        return [value.isoformat()]
    return []


def _overview_text(briefing: Briefing) -> str:
    fields = (
        briefing.title,
        briefing.event,
        briefing.short_name,
        briefing.place,
        briefing.principal,
        briefing.classification,
        briefing.summary,
        briefing.date.isoformat(),
    )
    return " · ".join(" ".join(part.split()) for part in fields if part)


def fold(text: str) -> str:
    """Lower-cased text of the same length, so match positions index the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


class SearchIndex:
    """Every overview, item and source in a library, ready to search."""

    def __init__(self, results: Iterable[LoadResult]) -> None:
        self._entries: list[_Entry] = []
        for result in results:
            if result.briefing is not None:
                self._add_briefing(result.path, result.briefing)

    def _add(self, ref: ItemRef, briefing: Briefing, heading: str, text: str) -> None:
        self._entries.append(_Entry(ref, briefing, heading, text, fold(text)))

    def _add_briefing(self, path: Path, briefing: Briefing) -> None:
        self._add(ItemRef(path, OVERVIEW, 0), briefing, briefing.title, _overview_text(briefing))
        counters: dict[str, int] = {}
        for section, item in briefing.items():
            index = counters.get(section, 0)
            counters[section] = index + 1
            text = " · ".join(_flatten(item))
            self._add(ItemRef(path, section, index), briefing, item_heading(item), text)
        if briefing.source is not None:
            text = " · ".join(_flatten(briefing.source))
            self._add(ItemRef(path, SOURCE, 0), briefing, briefing.source.publisher, text)

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        """Entries containing every word of `query` (case-insensitive), in library order."""
        terms = fold(query).split()
        if not terms:
            return []
        hits: list[SearchHit] = []
        for entry in self._entries:
            if all(term in entry.folded for term in terms):
                hits.append(_hit(entry, terms))
                if len(hits) >= limit:
                    break
        return hits


def _hit(entry: _Entry, terms: list[str], width: int = 100) -> SearchHit:
    first = min(entry.folded.find(term) for term in terms)
    start = max(0, first - width // 3)
    end = min(len(entry.text), start + width)
    snippet = entry.text[start:end]
    folded = entry.folded[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(entry.text) else ""
    spans: list[tuple[int, int]] = []
    for term in terms:
        position = folded.find(term)
        while position != -1:
            spans.append((position + len(prefix), position + len(prefix) + len(term)))
            position = folded.find(term, position + len(term))
    return SearchHit(
        entry.ref, entry.briefing, entry.heading, prefix + snippet + suffix, tuple(sorted(spans))
    )

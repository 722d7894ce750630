"""Full-text search over every briefing in the library, with hits in context.

Each item is flattened once into a case-folded line of the fields `model.fields_of` lists,
kept as UTF-8 with the rest of its briefing's; a query matches an entry when every word of
it occurs in its line. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from .library import order_key
from .loader import LoadResult
from .model import (
    SECTIONS,
    Briefing,
    FieldSpec,
    Item,
    Source,
    fields_of,
    filler_of,
    item_heading,
    type_spec,
)
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


_Entry = tuple[ItemRef, object]
"""One searchable thing: its place, and what its text is made from."""


def _entries(path: Path, briefing: Briefing) -> Iterator[_Entry]:
    """A briefing's overview, items and source, in the order its folded text lists them."""
    yield ItemRef(path, OVERVIEW, 0), briefing
    for section in SECTIONS:
        for index, item in enumerate(getattr(briefing, section)):
            yield ItemRef(path, section, index), item
    if briefing.source is not None:
        yield ItemRef(path, SOURCE, 0), briefing.source


def _entry(path: Path, briefing: Briefing, number: int) -> _Entry | None:
    """The `number`th of `_entries`, without making the others; None past the last (a
    text read back from a doctored cache may have more lines than the briefing entries)."""
    if number == 0:
        return ItemRef(path, OVERVIEW, 0), briefing
    number -= 1
    for section in SECTIONS:
        items = getattr(briefing, section)
        if number < len(items):
            return ItemRef(path, section, number), items[number]
        number -= len(items)
    if number == 0 and briefing.source is not None:
        return ItemRef(path, SOURCE, 0), briefing.source
    return None


def _heading(source: object) -> str:
    if isinstance(source, Briefing):
        return source.title
    if isinstance(source, Source):
        return source.publisher
    return item_heading(cast(Item, source))


def _encode(text: str) -> bytes:
    """Folded text as UTF-8: a byte string holds a substring exactly where the text does,
    in half the room of a text with one character past Latin-1 (a dash, a curly quote)."""
    return text.encode("utf-8", "surrogatepass")


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """A matching entry before its snippet is made (`SearchIndex.hit`), known by its line in
    the briefing's search text. Which item that is is found when asked (`entry`): finding it
    makes the briefing's items, and a keystroke just after a warm start matches hundreds of
    briefings whose items are not made yet (it made them all, up to 590 ms at 10,000)."""

    path: Path
    briefing: Briefing
    line: int
    terms: tuple[str, ...]

    @property
    def key(self) -> tuple[Path, int]:
        """Which match this is, from one search to the next (its file, and its line)."""
        return self.path, self.line

    def entry(self) -> _Entry | None:
        """The item (or overview, or source) matched; None for a line with no entry (a
        doctored cache's search text, found out once its briefing is made)."""
        return _entry(self.path, self.briefing, self.line)


@dataclass(frozen=True, slots=True)
class BriefingText:
    """One briefing's part of the search index, prepared away from the screen's thread.

    It keeps one folded copy of the briefing's searched text, as UTF-8, and nothing per
    entry: the entries a search hits are made again from the briefing (`_entries`).
    """

    path: Path
    briefing: Briefing | None
    order: tuple[int, int, str]
    text: bytes
    """Every entry's folded text, one per line, in `_entries` order."""

    @classmethod
    def of(cls, result: LoadResult) -> BriefingText:
        briefing = result.briefing
        text = b""
        if briefing is not None:
            entries = _entries(result.path, briefing)
            lines = (fold(_text_of(source)).replace("\n", " ") for _, source in entries)
            text = _encode("\n".join(lines))
        return cls(result.path, briefing, order_key(result), text)

    @property
    def folded(self) -> str:
        """Every entry's folded text, one per line."""
        return self.text.decode("utf-8", "surrogatepass")


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
        hits = (self.hit(match) for match in self.matches(query, limit))
        return [hit for hit in hits if hit is not None]

    def matches(self, query: str, limit: int = 500) -> list[SearchMatch]:
        """`search`, without the hits' snippets: `hit` makes one when it is shown."""
        words = tuple(fold(query).split())
        if not words:
            return []
        terms = [_encode(word) for word in words]
        if self._order is None:
            self._order = sorted(self._parts.values(), key=lambda part: part.order)
        found: list[SearchMatch] = []
        for part in self._order:
            briefing, text = part.briefing, part.text
            if briefing is None or not all(term in text for term in terms):
                continue
            made = filler_of(briefing) is None  # its items made: a line is checked at once
            for number in _lines_with(text, terms):
                if made and _entry(part.path, briefing, number) is None:
                    break
                found.append(SearchMatch(part.path, briefing, number, words))
                if len(found) >= limit:
                    return found
        return found

    @staticmethod
    def hit(match: SearchMatch) -> SearchHit | None:
        """The match with its snippet; None for a line with no entry (see `entry`)."""
        entry = match.entry()
        return None if entry is None else _hit(match.briefing, entry, match.terms)


def _lines_with(text: bytes, terms: list[bytes]) -> Iterator[int]:
    """The numbers of the lines of `text` that hold every term, in order: found by looking
    for the longest term, not by splitting the whole text into lines (a keystroke looks
    through hundreds of briefings)."""
    anchor = max(terms, key=len)
    others = [term for term in terms if term is not anchor]
    number, counted = 0, 0
    position = text.find(anchor)
    while position != -1:
        start = text.rfind(b"\n", 0, position) + 1
        end = text.find(b"\n", position)
        end = len(text) if end == -1 else end
        number += text.count(b"\n", counted, start)
        counted = start
        line = text[start:end]
        if all(term in line for term in others):
            yield number
        position = text.find(anchor, end)


def _hit(briefing: Briefing, entry: _Entry, terms: Sequence[str], width: int = 100) -> SearchHit:
    ref, source = entry
    text = _text_of(source)
    folded = fold(text)
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
        ref, briefing, _heading(source), prefix + snippet + suffix, tuple(sorted(spans))
    )

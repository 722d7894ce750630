"""The topic index: every item tagged with a topic, across sections and briefings.

Imports neither Textual nor Rich.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .library import order_key
from .loader import LoadResult
from .model import Briefing, Item


@dataclass(frozen=True, slots=True)
class ItemRef:
    """Where an item lives: its file, its section and its position in that section."""

    path: Path
    section: str
    index: int


@dataclass(frozen=True, slots=True)
class TopicHit:
    """An item tagged with a topic, with the briefing it belongs to."""

    ref: ItemRef
    briefing: Briefing
    item: Item


@dataclass(frozen=True, slots=True)
class BriefingTopics:
    """One briefing's part of the topic index, prepared away from the screen's thread.

    Only counts are kept; the hits are made when a topic is opened, from the briefing.
    """

    path: Path
    briefing: Briefing | None
    order: tuple[int, int, str]
    counts: dict[str, int]

    @classmethod
    def of(cls, result: LoadResult) -> BriefingTopics:
        counts: dict[str, int] = {}
        if result.briefing is not None:
            for item in result.briefing.items():
                for topic in item[1].topics:
                    counts[topic] = counts.get(topic, 0) + 1
        return cls(result.path, result.briefing, order_key(result), counts)

    def hits(self, topic: str) -> list[TopicHit]:
        if self.briefing is None or topic not in self.counts:
            return []
        found: list[TopicHit] = []
        counters: dict[str, int] = {}
        for section, item in self.briefing.items():
            index = counters.get(section, 0)
            counters[section] = index + 1
            if topic in item.topics:
                found.append(TopicHit(ItemRef(self.path, section, index), self.briefing, item))
        return found


class TopicIndex:
    """Topic -> every item tagged with it, newest briefing first, then in section order.

    Kept up to date one briefing at a time, so a library of thousands fills as it loads
    and a saved file changes only its own entries.
    """

    def __init__(self, results: Iterable[LoadResult] = ()) -> None:
        self._parts: dict[Path, BriefingTopics] = {}
        self._counts: defaultdict[str, int] = defaultdict(int)
        self._order: list[Path] | None = None
        for result in results:
            self.add(BriefingTopics.of(result))

    def add(self, part: BriefingTopics) -> None:
        self.remove(part.path)
        self._parts[part.path] = part
        for topic, count in part.counts.items():
            self._counts[topic] += count
        self._order = None

    def remove(self, path: Path) -> None:
        part = self._parts.pop(path, None)
        if part is None:
            return
        for topic, count in part.counts.items():
            self._counts[topic] -= count
            if not self._counts[topic]:
                del self._counts[topic]
        self._order = None

    def _ordered(self) -> list[BriefingTopics]:
        if self._order is None:
            self._order = [p.path for p in sorted(self._parts.values(), key=lambda p: p.order)]
        return [self._parts[path] for path in self._order]

    def topics(self) -> list[str]:
        """Every topic, most used first, then alphabetically."""
        return sorted(self._counts, key=lambda topic: (-self._counts[topic], topic))

    def hits(self, topic: str) -> list[TopicHit]:
        """The items tagged with `topic` (none for an unknown topic)."""
        if topic not in self._counts:
            return []
        return [hit for part in self._ordered() for hit in part.hits(topic)]

    def count(self, topic: str) -> int:
        return self._counts.get(topic, 0)

    def briefing_count(self, topic: str) -> int:
        """How many briefings mention the topic."""
        return sum(1 for part in self._parts.values() if topic in part.counts)

    def briefings_with(self, topic: str) -> list[BriefingTopics]:
        """Each briefing's part of the index that mentions `topic`, in library order
        (newest first): the briefings to read it in, without looking at any item. Kept
        until the index changes (a screen asks again at every keypress)."""
        if topic not in self._counts:
            return []
        parts = self._ordered_parts()
        if self._with is None or self._with[0] is not parts:
            self._with = (parts, {})
        found = self._with[1].get(topic)
        if found is None:
            found = self._with[1][topic] = [part for part in parts if topic in part.counts]
        return list(found)

    _parts_in_order: tuple[list[Path], list[BriefingTopics]] | None = None
    _with: tuple[list[BriefingTopics], dict[str, list[BriefingTopics]]] | None = None

    def _ordered_parts(self) -> list[BriefingTopics]:
        """`_ordered()`, kept while the order it was made from stands (every change makes a
        new order list): ten thousand path lookups cost more than the topic test itself."""
        if self._order is None:
            self._ordered()
        order, kept = self._order, self._parts_in_order
        assert order is not None
        if kept is None or kept[0] is not order:
            kept = self._parts_in_order = (order, [self._parts[path] for path in order])
        return kept[1]

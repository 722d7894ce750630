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
    """One briefing's part of the topic index, prepared away from the screen's thread."""

    path: Path
    order: tuple[int, int, str]
    hits: dict[str, list[TopicHit]]

    @classmethod
    def of(cls, result: LoadResult) -> BriefingTopics:
        hits: defaultdict[str, list[TopicHit]] = defaultdict(list)
        if result.briefing is not None:
            counters: defaultdict[str, int] = defaultdict(int)
            for section, item in result.briefing.items():
                index = counters[section]
                counters[section] += 1
                for topic in item.topics:
                    ref = ItemRef(result.path, section, index)
                    hits[topic].append(TopicHit(ref, result.briefing, item))
        return cls(result.path, order_key(result), dict(hits))


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
        for topic, hits in part.hits.items():
            self._counts[topic] += len(hits)
        self._order = None

    def remove(self, path: Path) -> None:
        part = self._parts.pop(path, None)
        if part is None:
            return
        for topic, hits in part.hits.items():
            self._counts[topic] -= len(hits)
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
        return [hit for part in self._ordered() for hit in part.hits.get(topic, ())]

    def count(self, topic: str) -> int:
        return self._counts.get(topic, 0)

    def briefing_count(self, topic: str) -> int:
        """How many briefings mention the topic."""
        return sum(1 for part in self._parts.values() if topic in part.hits)

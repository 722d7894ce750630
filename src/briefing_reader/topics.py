"""The topic index: every item tagged with a topic, across sections and briefings.

Imports neither Textual nor Rich.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


class TopicIndex:
    """Topic -> every item tagged with it, newest briefing first, then in section order."""

    def __init__(self, results: Iterable[LoadResult]) -> None:
        hits: defaultdict[str, list[TopicHit]] = defaultdict(list)
        for result in results:
            if result.briefing is None:
                continue
            counters: defaultdict[str, int] = defaultdict(int)
            for section, item in result.briefing.items():
                index = counters[section]
                counters[section] += 1
                for topic in item.topics:
                    ref = ItemRef(result.path, section, index)
                    hits[topic].append(TopicHit(ref, result.briefing, item))
        self._hits = dict(hits)

    def topics(self) -> list[str]:
        """Every topic, most used first, then alphabetically."""
        return sorted(self._hits, key=lambda topic: (-len(self._hits[topic]), topic))

    def hits(self, topic: str) -> list[TopicHit]:
        """The items tagged with `topic` (none for an unknown topic)."""
        return list(self._hits.get(topic, ()))

    def count(self, topic: str) -> int:
        return len(self._hits.get(topic, ()))

    def briefing_count(self, topic: str) -> int:
        """How many briefings mention the topic."""
        return len({hit.ref.path for hit in self._hits.get(topic, ())})

"""The catalogue: the library and its indexes, owned in one place.

The reader's screens show what is here and never change it; the app applies each load
result (at start-up, and whenever a file changes on disk) and tells the screens what
changed. Keeping the library, the topic index and the search index behind one door means
they can never disagree. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .library import Library, order_key
from .loader import LoadResult
from .model import Briefing, any_deferred, filler_of, made_whole
from .search import BriefingText, SearchIndex
from .text import highest_marking
from .topics import BriefingTopics, TopicIndex


@dataclass(frozen=True, slots=True)
class Prepared:
    """A load result with its index entries, built away from the screen's thread."""

    result: LoadResult
    topics: BriefingTopics
    text: BriefingText

    @classmethod
    def of(cls, result: LoadResult) -> Prepared:
        return cls(result, BriefingTopics.of(result), BriefingText.of(result))

    @classmethod
    def kept(cls, result: LoadResult, text: bytes, counts: dict[str, int]) -> Prepared:
        """A result read back from the cache with its index entries (see cache.Kept):
        making them again would read every item of the briefing."""
        order = order_key(result)
        return cls(
            result,
            BriefingTopics(result.path, result.briefing, order, counts),
            BriefingText(result.path, result.briefing, order, text),
        )


@dataclass(frozen=True, slots=True)
class Change:
    """What one update did to the catalogue, for the screens that show it."""

    paths: frozenset[Path]
    """Files whose load result changed, appeared or vanished."""
    done: int
    """Files loaded so far (at start-up)."""
    total: int
    """Files found (at start-up)."""
    loaded: bool
    """Whether the whole library has loaded."""


class Catalogue:
    """Every briefing under `root`, its topics and its searchable text."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.library = Library()
        self.topics = TopicIndex()
        self.search = SearchIndex()
        self.loaded = False
        """Whether every file has been loaded; until then the library fills as it goes."""
        self.done = 0
        self.total = 0
        self._ordered: list[LoadResult] | None = None
        self._marking: tuple[str | None] | None = None

    # --- changes: the only way in ----------------------------------------------------------

    def apply(self, prepared: Iterable[Prepared]) -> Change:
        """Take new load results. A file that breaks keeps its last good version in the
        indexes, as it does on screen, so its topics and text stay findable."""
        paths: set[Path] = set()
        for entry in prepared:
            result, topics, text = entry.result, entry.topics, entry.text
            self.library.update(result)
            if result.briefing is None:
                kept = self.library.last_good.get(result.path)
                if kept is not None:
                    good = LoadResult(result.path, kept, ())
                    topics, text = BriefingTopics.of(good), BriefingText.of(good)
            self.topics.add(topics)
            self.search.add(text)
            paths.add(result.path)
        return self._changed(frozenset(paths))

    def remove(self, path: Path) -> Change:
        """Forget a file that was deleted or moved away."""
        self.library.remove(path)
        self.topics.remove(path)
        self.search.remove(path)
        return self._changed(frozenset({path}))

    def progress(self, done: int, total: int) -> None:
        """How far loading has come (for the screens' progress line)."""
        self.done, self.total = done, total

    def finish(self) -> Change:
        """Every file has been loaded, or found broken."""
        self.loaded = True
        return self._changed(frozenset())

    def _changed(self, paths: frozenset[Path]) -> Change:
        if paths:
            self._ordered = None
            self._marking = None
        return Change(paths, self.done, self.total, self.loaded)

    # --- reading ---------------------------------------------------------------------------

    def __contains__(self, path: object) -> bool:
        return path in self.library.results

    def __len__(self) -> int:
        return len(self.library.results)

    def result(self, path: Path) -> LoadResult | None:
        return self.library.results.get(path)

    def readable(self, path: Path) -> Briefing | None:
        """The briefing to show for `path`: the current one, or the last good one."""
        return self.library.readable(path)

    def ordered(self) -> list[LoadResult]:
        """Newest briefing first; files that failed to load last, by name."""
        if self._ordered is None:
            self._ordered = self.library.ordered()
        return self._ordered

    def unmade(self) -> list[Briefing]:
        """The briefings read from the cache whose items are not made yet (see
        model.deferred), newest first: the app makes them in the background once the list
        is complete, and a screen spanning the library waits for them (`make_all`)."""
        if not any_deferred():  # after the first seconds, always: ten thousand not looked at
            return []
        return [
            result.briefing
            for result in self.ordered()
            if result.briefing is not None and filler_of(result.briefing) is not None
        ]

    @property
    def marking(self) -> str | None:
        """The most restrictive marking in the library, for screens that span briefings."""
        if self._marking is None:
            shown = (self.library.readable(path) for path in self.library.results)
            markings = (briefing.classification for briefing in shown if briefing is not None)
            self._marking = (highest_marking(markings),)
        return self._marking[0]


def make_all(briefings: Iterable[Briefing], stop: threading.Event | None = None) -> None:
    """Make every deferred briefing whole (see `Catalogue.unmade`), until `stop` is set;
    off the screen's thread, as it may take seconds."""
    for briefing in briefings:
        if stop is not None and stop.is_set():
            return
        made_whole(briefing)

"""The command palette's entries come from the screen it was opened on, and act on it.

A screen that offers entries implements `palette_entries()`; they are built once, when
the palette opens, so a keystroke in the palette only matches (it never rebuilds a list
of ten thousand briefings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .text import plural, printable
from .topics import TopicIndex


class PaletteEntry(NamedTuple):
    title: str
    help: str
    run: Callable[[], object]


def topic_entries(index: TopicIndex, follow: Callable[[str], object]) -> Iterable[PaletteEntry]:
    """'Topic: ukraine — 11 items in 2 briefings' for every topic; `follow` opens one."""
    for topic in index.topics():
        counts = f"{plural(index.count(topic), 'item')} in "
        counts += plural(index.briefing_count(topic), "briefing")
        yield PaletteEntry(f"Topic: {printable(topic)}", counts, partial(follow, topic))


@runtime_checkable
class OffersCommands(Protocol):
    def palette_entries(self) -> Iterable[PaletteEntry]: ...


class ScreenCommands(Provider):
    """What the screen the palette was opened on offers: briefings, panes, topics…"""

    async def startup(self) -> None:
        screen = self.screen
        entries = screen.palette_entries() if isinstance(screen, OffersCommands) else ()
        self._entries = [(entry, Content(entry.title)) for entry in entries]

    async def discover(self) -> Hits:
        for entry, title in self._entries:
            yield DiscoveryHit(title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry, _ in self._entries:
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)

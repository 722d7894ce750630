"""The command palette's entries come from the screen it was opened on, and act on it.

A screen that offers entries implements `palette_entries()`; they are built once, when
the palette opens, so a keystroke in the palette only matches (it never rebuilds a list
of ten thousand briefings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class PaletteEntry(NamedTuple):
    title: str
    help: str
    run: Callable[[], object]


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

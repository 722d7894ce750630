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

from . import i18n
from .i18n import _, ngettext
from .text import printable
from .topics import TopicIndex


class PaletteEntry(NamedTuple):
    title: str
    help: str
    run: Callable[[], object]


def topic_entries(index: TopicIndex, follow: Callable[[str], object]) -> Iterable[PaletteEntry]:
    """'Topic: ukraine — 11 items in 2 briefings' for every topic; `follow` opens one."""
    for topic in index.topics():
        items, briefings = index.count(topic), index.briefing_count(topic)
        counts = _("{items} in {briefings}").format(
            items=ngettext("{count} item", "{count} items", items).format(count=i18n.number(items)),
            briefings=ngettext("{count} briefing", "{count} briefings", briefings).format(
                count=i18n.number(briefings)
            ),
        )
        title = _("Topic: {topic}").format(topic=printable(topic))
        yield PaletteEntry(title, counts, partial(follow, topic))


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
        for entry, _title in self._entries:
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)

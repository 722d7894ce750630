"""Command palette entries for every briefing, pane and topic in the library."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .navigation import PANE_TITLES, PANES, Location
from .text import headline, printable

if TYPE_CHECKING:
    from .app import BriefingApp


class LibraryCommands(Provider):
    """Open a briefing, go to a pane, or follow a topic, by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("BriefingApp", self.app)
        reader = app.reader
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for result in app.library.ordered():
            if result.briefing is not None:
                title = f"Open briefing: {result.briefing.date} {headline(result.briefing.title)}"
                location = Location(result.path, "overview")
                commands.append(
                    (title, printable(result.path.name), partial(reader.open, location))
                )
        for number, pane in enumerate(PANES, start=1):
            title = f"Go to pane: {PANE_TITLES[pane]}"
            commands.append((title, f"key {number}", partial(reader.action_show_pane, pane)))
        index = app.topic_index
        for topic in index.topics():
            help_text = f"{index.count(topic)} items in {index.briefing_count(topic)} briefings"
            title = f"Topic: {printable(topic)}"
            commands.append((title, help_text, partial(reader.action_topics, topic)))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)

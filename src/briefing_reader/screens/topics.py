"""Follow a topic: every item tagged with it, across panes and briefings, grouped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.signal import Signal
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..catalogue import Catalogue, Change
from ..commands import PaletteEntry, ScreenCommands, topic_entries
from ..model import item_heading
from ..navigation import PANE_TITLES
from ..text import date_span, headline, plural, printable
from ..topics import ItemRef, TopicHit
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner
from .base import ClosingScreen

PANE_COLUMN = max(len(title) for title in PANE_TITLES.values()) + 2


class TopicOption(Option):
    """A topic in the list of topics."""

    def __init__(self, topic: str, count: int) -> None:
        prompt = Text(f"{count:>4,} ", style="dim")
        prompt.append(f"#{printable(topic)}", style="bold")
        super().__init__(prompt)
        self.topic = topic


class HitOption(Option):
    """An item about the topic, carrying where it is."""

    def __init__(self, hit: TopicHit) -> None:
        prompt = Text(f"  {PANE_TITLES[hit.ref.section]:<{PANE_COLUMN}}", style="italic")
        prompt.append(headline(item_heading(hit.item)))
        super().__init__(prompt)
        self.ref = hit.ref


def _group_heading(hit: TopicHit) -> Option:
    text = Text(f"{date_span(hit.briefing.date, hit.briefing.end_date)}  ", style="bold")
    text.append(headline(hit.briefing.title), style="bold")
    return Option(text, disabled=True)


def _label(title: str) -> Option:
    return Option(Text(title, style="dim italic"), disabled=True)


class TopicScreen(ClosingScreen[ItemRef]):
    """Topics on the left; on the right, every item about the highlighted one."""

    COMMANDS: ClassVar = {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace,t", "dismiss(None)", "Back"),
        Binding("left,h", "focus_topics", "Topics", show=False),
        Binding("right,l", "focus_hits", "Items", show=False),
        Binding("tab", "switch_list", "Switch list", priority=True),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        changed: Signal[Change],
        topic: str | None,
        item_topics: tuple[str, ...] = (),
    ) -> None:
        super().__init__(id="topics")
        self.catalogue = catalogue
        self.changed = changed
        self.topic = topic
        self.item_topics = item_topics

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top")
        yield Static("Topics", id="topics-title")
        with Horizontal(id="topics-body"):
            yield NavList(id="topic-list")
            with Vertical(id="topic-hits-column"):
                yield Static(id="topic-heading")
                yield NavList(id="topic-hits")
        yield Footer()
        yield MarkingBanner(id="marking-bottom")

    def on_mount(self) -> None:
        self.changed.subscribe(self, self._catalogue_changed)
        self._fill()
        if self.topic is not None and self.topic in self.catalogue.topics.topics():
            self.set_focus(self.query_one("#topic-hits", NavList))
        else:
            self.set_focus(self.query_one("#topic-list", NavList))

    def _catalogue_changed(self, change: Change) -> None:
        if change.paths:
            self._fill()

    def _fill(self) -> None:
        """(Re)build both lists from the catalogue, keeping the topic and item in view."""
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.catalogue.marking)
        index = self.catalogue.topics
        everything = index.topics()
        topic_list = self.query_one("#topic-list", NavList)
        if not everything:
            topic_list.clear_options()
            self.query_one("#topic-hits", NavList).clear_options()
            self.query_one("#topic-heading", Static).update("No briefing has topic tags yet.")
            return
        # The item's own topics first, then every topic in the library, most used first.
        options: list[Option] = []
        mine = [topic for topic in self.item_topics if index.count(topic)]
        for title, topics in (("This item", mine), ("All topics", everything)):
            if topics:
                options.append(_label(title))
                options += [TopicOption(topic, index.count(topic)) for topic in topics]
        topic_list.set_options(options)
        if self.topic not in everything:
            self.topic = mine[0] if mine else everything[0]
        for position, option in enumerate(options):
            if isinstance(option, TopicOption) and option.topic == self.topic:
                topic_list.highlighted = position
                break
        self._show_topic(self.topic)

    def _show_topic(self, topic: str) -> None:
        hits_list = self.query_one("#topic-hits", NavList)
        before = hits_list.highlighted_option
        keep = before.ref if isinstance(before, HitOption) and topic == self.topic else None
        self.topic = topic
        index = self.catalogue.topics
        hits = index.hits(topic)
        counts = f"{plural(len(hits), 'item')} in {plural(index.briefing_count(topic), 'briefing')}"
        # one style for the whole line: a space where two styles meet vanishes when the
        # screen is exported as SVG or pasted into some editors ("#ukraine9 items")
        heading = Text(f"#{printable(topic)} · {counts}", style="bold")
        self.query_one("#topic-heading", Static).update(heading)
        options: list[Option] = []
        previous = None
        for hit in hits:
            if hit.ref.path != previous:
                options.append(_group_heading(hit))
                previous = hit.ref.path
            options.append(HitOption(hit))
        hits_list.set_options(options)
        refs = [option.ref if isinstance(option, HitOption) else None for option in options]
        if keep is not None and keep in refs:
            hits_list.highlighted = refs.index(keep)
        elif hits:
            hits_list.highlighted = 1  # the first item, under its briefing's heading

    @on(OptionList.OptionHighlighted, "#topic-list")
    def _topic_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option, TopicOption) and event.option.topic != self.topic:
            self._show_topic(event.option.topic)

    @on(OptionList.OptionSelected, "#topic-list")
    def _topic_selected(self, event: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#topic-hits", NavList))

    @on(OptionList.OptionSelected, "#topic-hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, HitOption):
            self.dismiss(event.option.ref)

    def show_topic(self, topic: str) -> None:
        """Highlight `topic` in the list and show its items."""
        topic_list = self.query_one("#topic-list", NavList)
        for position, option in enumerate(topic_list.options):
            if isinstance(option, TopicOption) and option.topic == topic:
                topic_list.highlighted = position
                self._show_topic(topic)
                self.set_focus(self.query_one("#topic-hits", NavList))
                return

    def palette_entries(self) -> Iterable[PaletteEntry]:
        return topic_entries(self.catalogue.topics, self.show_topic)

    def action_focus_topics(self) -> None:
        self.set_focus(self.query_one("#topic-list"))

    def action_focus_hits(self) -> None:
        self.set_focus(self.query_one("#topic-hits"))

    def action_switch_list(self) -> None:
        if self.query_one("#topic-list").has_focus:
            self.action_focus_hits()
        else:
            self.action_focus_topics()

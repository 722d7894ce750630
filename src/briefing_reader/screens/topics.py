"""Follow a topic: every item tagged with it, across panes and briefings, grouped."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..model import item_heading
from ..navigation import PANE_TITLES
from ..text import date_span, headline, printable
from ..topics import ItemRef, TopicHit
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner

if TYPE_CHECKING:
    from ..app import BriefingApp


def _group_heading(hit: TopicHit) -> Text:
    text = Text(f"{date_span(hit.briefing.date, hit.briefing.end_date)}  ", style="bold")
    text.append(headline(hit.briefing.title), style="bold")
    return text


def _hit_prompt(hit: TopicHit) -> Text:
    text = Text(f"  {PANE_TITLES[hit.ref.section]:<12}", style="cyan")
    text.append(headline(item_heading(hit.item)))
    return text


class TopicScreen(Screen[ItemRef | None]):
    """Topics on the left; on the right, every item about the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace,t", "dismiss(None)", "Back"),
        Binding("left,h", "focus_topics", "Topics", show=False),
        Binding("right,l", "focus_hits", "Items", show=False),
        Binding("tab", "switch_list", "Switch list", priority=True),
    ]

    def __init__(self, topic: str | None, item_topics: tuple[str, ...] = ()) -> None:
        super().__init__(id="topics")
        self.initial = topic
        self.item_topics = item_topics
        self.topics: list[str | None] = []
        self.refs: list[ItemRef | None] = []

    @property
    def briefing_app(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top", classes="marking")
        yield Static("Topics", id="topics-title")
        with Horizontal(id="topics-body"):
            yield NavList(id="topic-list")
            with Vertical(id="topic-hits-column"):
                yield Static(id="topic-heading")
                yield NavList(id="topic-hits")
        yield Footer()
        yield MarkingBanner(id="marking-bottom", classes="marking")

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.briefing_app.library_marking)
        index = self.briefing_app.topic_index
        everything = index.topics()
        if not everything:
            self.query_one("#topic-heading", Static).update("No briefing has topic tags yet.")
            return
        # The item's own topics first, then every topic in the library, most used first.
        groups = [("This item", list(self.item_topics)), ("All topics", everything)]
        options: list[Option] = []
        for title, topics in groups:
            if topics:
                options.append(Option(Text(title, style="dim italic"), disabled=True))
                self.topics.append(None)
            for topic in topics:
                prompt = Text(f"#{printable(topic)}", style="bold")
                prompt.append(f"  {index.count(topic)}", style="dim")
                options.append(Option(prompt))
                self.topics.append(topic)
        topic_list = self.query_one("#topic-list", NavList)
        topic_list.set_options(options)
        start = self.topics.index(self.initial) if self.initial in self.topics else 1
        topic_list.highlighted = start
        self._show_topic(self.topics[start] or everything[0])
        if self.initial in self.topics:
            self.query_one("#topic-hits", NavList).focus()
        else:
            topic_list.focus()

    def _show_topic(self, topic: str) -> None:
        index = self.briefing_app.topic_index
        hits = index.hits(topic)
        count, briefings = len(hits), index.briefing_count(topic)
        heading = Text(f"#{printable(topic)}", style="bold")
        plural = "s" if briefings != 1 else ""
        heading.append(f"  {count} items in {briefings} briefing{plural}", style="dim")
        self.query_one("#topic-heading", Static).update(heading)
        hits_list = self.query_one("#topic-hits", NavList)
        options: list[Option] = []
        self.refs = []
        previous = None
        for hit in hits:
            if hit.ref.path != previous:
                options.append(Option(_group_heading(hit), disabled=True))
                self.refs.append(None)
                previous = hit.ref.path
            options.append(Option(_hit_prompt(hit)))
            self.refs.append(hit.ref)
        hits_list.set_options(options)
        first = next((i for i, ref in enumerate(self.refs) if ref is not None), None)
        if first is not None:
            hits_list.highlighted = first

    @on(OptionList.OptionHighlighted, "#topic-list")
    def _topic_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        topic = self.topics[event.option_index]
        if topic is not None:
            self._show_topic(topic)

    @on(OptionList.OptionSelected, "#topic-list")
    def _topic_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#topic-hits", NavList).focus()

    @on(OptionList.OptionSelected, "#topic-hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        ref = self.refs[event.option_index]
        if ref is not None:
            self.dismiss(ref)

    def action_focus_topics(self) -> None:
        self.query_one("#topic-list").focus()

    def action_focus_hits(self) -> None:
        self.query_one("#topic-hits").focus()

    def action_switch_list(self) -> None:
        if self.query_one("#topic-list").has_focus:
            self.action_focus_hits()
        else:
            self.action_focus_topics()

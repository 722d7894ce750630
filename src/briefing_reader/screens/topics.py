"""Follow a topic: every item tagged with it, across panes and briefings, grouped; or
(`H`) its history, meeting by meeting in date order, each item in full."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache, partial
from itertools import islice
from typing import ClassVar, Literal, Self

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.reactive import var
from textual.signal import Signal
from textual.strip import Strip
from textual.visual import VisualType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..catalogue import Catalogue, Change
from ..commands import PaletteEntry, ScreenCommands, topic_entries
from ..i18n import N_, _, language, ngettext, number
from ..model import SECTION_TITLES, item_heading
from ..navigation import PANE_TITLES
from ..render import item_detail
from ..text import date_span, headline, marking_text, printable
from ..timeline import HistoryEntry, iter_topic_history
from ..topics import ItemRef, TopicHit
from ..vocabulary import topic_note
from ..widgets.footer import KeyFooter
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner
from .base import ClosingScreen
from .made import when_every_briefing_made


@cache
def pane_column(code: str) -> int:
    """How wide the column of pane names is, in the language `code` (the one in force)."""
    return max(len(_(title)) for title in PANE_TITLES.values()) + 2


class TopicOption(Option):
    """A topic in the list of topics."""

    def __init__(self, topic: str, count: int) -> None:
        # a tag used once is often a typo of another: say so, where the count goes
        once = bool(topic_note(count))
        label = _("once")
        shown = label if once else number(count)
        width = max(4, len(label))
        prompt = Text(f"{shown:>{width}} ", style="italic" if once else "dim")
        prompt.append(f"#{printable(topic)}", style="bold")
        super().__init__(prompt)
        self.topic = topic


class HitOption(Option):
    """An item about the topic, carrying where it is."""

    def __init__(self, hit: TopicHit) -> None:
        title = _(PANE_TITLES[hit.ref.section])
        prompt = Text(f"  {title:<{pane_column(language())}}", style="italic")
        prompt.append(headline(item_heading(hit.item)))
        super().__init__(prompt)
        self.ref = hit.ref


def _group_heading(hit: TopicHit) -> Option:
    text = Text(f"{date_span(hit.briefing.date, hit.briefing.end_date)}  ", style="bold")
    text.append(headline(hit.briefing.title), style="bold")
    return Option(text, disabled=True)


def _label(title: str) -> Option:
    return Option(Text(title, style="dim italic"), disabled=True)


class HistoryOption(Option):
    """An item about the topic in full, under its meeting. Drawn the first time it is
    laid out: the largest topics hold tens of thousands of items."""

    def __init__(self, entry: HistoryEntry) -> None:
        super().__init__("")
        self.entry = entry
        self.ref = entry.ref
        self._drawn = False

    @property
    def prompt(self) -> VisualType:
        if not self._drawn:
            self._prompt, self._drawn = history_prompt(self.entry), True
        return self._prompt


def history_prompt(entry: HistoryEntry) -> RenderableType:
    """The item's section, then everything it holds (`render.item_detail`)."""
    section = Text(SECTION_TITLES[entry.section], style="italic")
    return Padding(Group(section, item_detail(entry.item)), (0, 0, 1, 2))


def _meeting_heading(entry: HistoryEntry) -> Option:
    text = Text(f"{date_span(entry.date, entry.briefing.end_date)} · ", style="bold")
    text.append(headline(entry.title), style="bold")
    text.append(f" · {marking_text(entry.marking)}", style="bold")
    return Option(text, disabled=True)


def history_options(entries: Iterable[HistoryEntry]) -> Iterator[Option]:
    """Each meeting's heading (its date and name), then its items about the topic."""
    previous = None
    for entry in entries:
        if entry.path != previous:
            previous = entry.path
            yield _meeting_heading(entry)
        yield HistoryOption(entry)


class HeadedList(NavList):
    """A list whose items sit under headings (disabled options): moving onto an item keeps
    the headings just above it in view, so the first item of a list or group is never shown
    without its heading."""

    def scroll_to_highlight(self, top: bool = False) -> None:
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted or highlighted >= self.option_count:
            return
        first = highlighted
        while first > 0 and self.options[first - 1].disabled:
            first -= 1
        if first == highlighted:
            super().scroll_to_highlight(top)
            return
        self._update_lines()
        try:
            start = self._index_to_line[first]
            end = self._index_to_line[highlighted] + self._heights[highlighted]
        except KeyError:  # not laid out yet (no room): nothing to scroll
            return
        width = self.scrollable_content_region.width
        self.scroll_to_region(
            Region(0, start, width, end - start), force=True, animate=False, top=top, immediate=True
        )


class GrowingList(HeadedList):
    """A list that takes its options a batch at a time, as they come into view.

    The largest topic at ten thousand briefings has tens of thousands of items: laid out
    at once (OptionList measures each one), they took seconds, in full text or not.
    Moving or scrolling near the end of what is listed takes the next batch; End (or G)
    takes them all.
    """

    BATCH = 12
    """Options taken at a time: a screenful of items in full, or half one of titles (more
    follow as soon as the screen has been drawn, while it is not full twice over)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pending: Iterator[Option] | None = None

    def fill(self, options: Iterable[Option]) -> None:
        """List `options`, taking only the first batch now (`set_options` takes all)."""
        pending = iter(options)
        self.set_options(islice(pending, self.BATCH))
        self._pending = pending
        self._take(0)

    def set_options(self, options: Iterable[Option | VisualType | None]) -> Self:
        self._pending = None
        return super().set_options(options)

    def clear_options(self) -> Self:
        self._pending = None
        return super().clear_options()

    @property
    def more(self) -> bool:
        """Whether options are still waiting to be listed."""
        return self._pending is not None

    def take(self, count: int | None = None) -> None:
        """List the next `count` waiting options (a batch), or all of them (None)."""
        if self._pending is not None:
            self._take(self.BATCH if count is None else count)

    def take_all(self) -> None:
        if self._pending is not None:
            self.add_options(list(self._pending))
            self._pending = None

    def take_until(self, found: Callable[[Option], bool], limit: int) -> int | None:
        """The position of the option `found`, listing up to `limit` more to find it."""
        for position, option in enumerate(self.options):
            if found(option):
                return position
        stop = self.option_count + limit
        while self._pending is not None and self.option_count < stop:
            start = self.option_count
            self._take(self.BATCH)
            for position in range(start, self.option_count):
                if found(self.options[position]):
                    return position
        return None

    def _take(self, count: int) -> None:
        assert self._pending is not None
        batch = list(islice(self._pending, count + 1))  # one more: is there anything left?
        if len(batch) <= count:
            self._pending = None
        else:
            self._pending = _chain_one(batch.pop(), self._pending)
        if batch:
            self.add_options(batch)

    def _near_end(self) -> bool:
        return self.more and (self.highlighted or 0) >= self.option_count - self.BATCH // 2

    def action_cursor_down(self) -> None:
        if self._near_end():
            self.take()
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        first = next((i for i, option in enumerate(self.options) if not option.disabled), None)
        if self.more and self.highlighted == first:
            return  # no wrapping round to the end: it is not listed yet
        super().action_cursor_up()

    def action_last(self) -> None:
        self.take_all()
        super().action_last()

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        if direction > 0 and self.more:
            self.take()
        super()._move_page(direction)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.more and self.scroll_offset.y + 2 * crop.height >= self.virtual_size.height:
            self.call_later(self._grow_into_view)  # scrolled near the end, by wheel or bar
        return lines

    def _grow_into_view(self) -> None:
        if self.more and self.scroll_offset.y + 2 * self.size.height >= self.virtual_size.height:
            self.take()


def _chain_one(first: Option, rest: Iterator[Option]) -> Iterator[Option]:
    yield first
    yield from rest


class TopicScreen(ClosingScreen[ItemRef]):
    """Topics on the left; on the right, every item about the highlighted one."""

    COMMANDS: ClassVar = {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace,t", "dismiss(None)", N_("Back")),
        Binding("left,h", "focus_topics", N_("Topics"), show=False),
        Binding("right,l", "focus_hits", N_("Items"), show=False),
        Binding("tab", "switch_list", N_("Switch list"), priority=True),
        Binding(
            "H", "toggle_history", N_("History"), tooltip=N_("What was said, meeting by meeting")
        ),
        Binding("o", "toggle_order", N_("Order"), tooltip=N_("History: oldest or newest first")),
    ]

    history = var(False)
    """Whether the items are shown as the topic's history rather than grouped."""
    newest_first = var(False)
    """The history's order (the grouped list is always newest briefing first)."""

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
        yield Static(_("Topics"), id="topics-title")
        with Horizontal(id="topics-body"):
            yield NavList(id="topic-list")
            with Vertical(id="topic-hits-column"):
                yield Static(id="topic-heading")
                yield GrowingList(id="topic-hits")
        yield KeyFooter()
        yield MarkingBanner(id="marking-bottom")

    def on_mount(self) -> None:
        self.changed.subscribe(self, self._catalogue_changed)
        when_every_briefing_made(self, self.catalogue, self._say, self._fill)
        if self.topic is not None and self.topic in self.catalogue.topics.topics():
            self.set_focus(self.query_one("#topic-hits", NavList))
        else:
            self.set_focus(self.query_one("#topic-list", NavList))

    def _catalogue_changed(self, change: Change) -> None:
        if change.paths:
            refill = partial(self._fill, keep_looking=10 * GrowingList.BATCH)
            when_every_briefing_made(self, self.catalogue, self._say, refill)

    def _say(self, message: str) -> None:
        """What is being read, under the library's marking (as once filled)."""
        self.query_one("#topic-heading", Static).update(message)
        self._show_marking()

    def _show_marking(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.catalogue.marking)

    def _fill(self, *, keep_looking: int = 0) -> None:
        """(Re)build both lists from the catalogue, keeping the topic and item in view."""
        self._show_marking()
        index = self.catalogue.topics
        everything = index.topics()
        topic_list = self.query_one("#topic-list", NavList)
        if not everything:
            topic_list.clear_options()
            self.query_one("#topic-hits", NavList).clear_options()
            self.query_one("#topic-heading", Static).update(_("No briefing has topic tags yet."))
            return
        # The item's own topics first, then every topic in the library, most used first.
        options: list[Option] = []
        mine = [topic for topic in self.item_topics if index.count(topic)]
        for title, topics in ((N_("This item"), mine), (N_("All topics"), everything)):
            if topics:
                options.append(_label(_(title)))
                options += [TopicOption(topic, index.count(topic)) for topic in topics]
        topic_list.set_options(options)
        if self.topic not in everything:
            self.topic = mine[0] if mine else everything[0]
        for position, option in enumerate(options):
            if isinstance(option, TopicOption) and option.topic == self.topic:
                topic_list.highlighted = position
                break
        self._show_topic(self.topic, keep_looking=keep_looking)

    def _show_topic(self, topic: str, *, keep_looking: int = 0) -> None:
        """Show `topic`'s items, on the same item as before if it is still there.

        The history lists its items a batch at a time, and finding an item far down would
        mean laying out every one above it: `keep_looking` is how many more it may list to
        find the item (a reload looks a little way; a switch of view starts at the top).
        """
        hits_list = self.query_one("#topic-hits", GrowingList)
        keep = _ref_of(hits_list.highlighted_option) if topic == self.topic else None
        self.topic = topic
        index = self.catalogue.topics
        parts = index.briefings_with(topic)  # kept by the index: cheap to ask again
        counts = item_counts(index.count(topic), len(parts))
        if self.history:
            if self.newest_first:
                counts = _("{counts} · meeting by meeting, newest first").format(counts=counts)
            else:
                counts = _("{counts} · meeting by meeting, oldest first").format(counts=counts)
        # one style for the whole line: a space where two styles meet vanishes when the
        # screen is exported as SVG or pasted into some editors ("#ukraine9 items")
        heading = Text(f"#{printable(topic)} · {counts}", style="bold")
        self.query_one("#topic-heading", Static).update(heading)
        if self.history:
            entries = iter_topic_history(self.catalogue, topic, newest_first=self.newest_first)
            hits_list.fill(history_options(entries))
        else:
            hits_list.fill(self._grouped_options(hit for part in parts for hit in part.hits(topic)))
        place = None
        if keep is not None:
            place = hits_list.take_until(lambda option: _ref_of(option) == keep, keep_looking)
        if place is None and hits_list.option_count > 1:
            place = 1  # the first item, under its briefing's heading
        if place is not None:
            hits_list.highlighted = place

    @staticmethod
    def _grouped_options(hits: Iterable[TopicHit]) -> Iterator[Option]:
        previous = None
        for hit in hits:
            if hit.ref.path != previous:
                yield _group_heading(hit)
                previous = hit.ref.path
            yield HitOption(hit)

    @on(OptionList.OptionHighlighted, "#topic-list")
    def _topic_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option, TopicOption) and event.option.topic != self.topic:
            self._show_topic(event.option.topic)

    @on(OptionList.OptionSelected, "#topic-list")
    def _topic_selected(self, event: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#topic-hits", NavList))

    @on(OptionList.OptionSelected, "#topic-hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        ref = _ref_of(event.option)
        if ref is not None:
            self.dismiss(ref)

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

    def action_toggle_history(self) -> None:
        """Between the items grouped by briefing and the topic's history in full."""
        self.history = not self.history
        if self.topic is not None and self.catalogue.topics.count(self.topic):
            self._show_topic(self.topic)

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        if self.topic is not None and self.catalogue.topics.count(self.topic):
            self._show_topic(self.topic)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The order is the history's: offered only while it is shown."""
        if action == "toggle_order":
            return self.history
        return True

    def watch_history(self) -> None:
        self.refresh_bindings()

    def action_switch_list(self) -> None:
        if self.query_one("#topic-list").has_focus:
            self.action_focus_hits()
        else:
            self.action_focus_topics()


def item_counts(items: int, briefings: int) -> str:
    """'9 items in 1 briefing'."""
    counted = ngettext("{count} item", "{count} items", items).format(count=number(items))
    return ngettext(
        "{items} in {count} briefing", "{items} in {count} briefings", briefings
    ).format(items=counted, count=number(briefings))


def _ref_of(option: Option | None) -> ItemRef | None:
    """Where an option of the items list leads: nowhere for a heading."""
    return option.ref if isinstance(option, HitOption | HistoryOption) else None

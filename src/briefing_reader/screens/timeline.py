"""The timeline: every briefing and every dated agenda day on one time axis.

Grouped by year and month, newest or oldest first (`o`), optionally only the meetings
that touched a topic (`f` or `#`); the highlighted entry is previewed beside the list, and
Enter opens it in the reader: a briefing at its overview, a day at its first agenda item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from operator import attrgetter
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import var
from textual.signal import Signal
from textual.suggester import SuggestFromList
from textual.visual import VisualType
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..catalogue import Catalogue, Change
from ..commands import PaletteEntry, ScreenCommands, topic_entries
from ..i18n import N_, _, month_name, month_year, ngettext, number
from ..model import SECTION_SHORT_TITLES, SECTIONS, item_heading
from ..render import item_detail, overview
from ..text import (
    BADGE_MARKING_COLOURS,
    date_span,
    headline,
    highest_marking,
    marking_level,
    marking_text,
    printable,
)
from ..timeline import TimelineEntry, iter_months, timeline_entries
from ..topics import ItemRef
from ..widgets.footer import KeyFooter
from ..widgets.lists import DetailScroll
from ..widgets.marking import MarkingBanner
from .base import ClosingScreen
from .made import when_every_briefing_made
from .topics import GrowingList

MARKING_WIDTH = 30
"""The marking column's widest: a marking is spelled out, but never crowds out the title."""

DATE_WIDTH = 11
"""'Wed 21–22', 'Mon 30 Sep–2 Oct', clipped, and a space."""

_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def weekday_short(day: dt.date) -> str:
    """'Wed', 'mer': the day of the week, short."""
    return _(_WEEKDAYS[day.weekday()])


def month_short(day: dt.date) -> str:
    """'Oct', 'ott': the month, short (the first three letters, as each language writes it)."""
    return month_name(day.month)[:3]


def entry_row(entry: TimelineEntry, marking_width: int) -> Text:
    """One line: the day (or days), the marking in its colours (in a column as wide as the
    widest listed), and the title (a day: which day of the event, and its agenda).

    Plain text on one line, not a table: a table costs several times as much to draw, and
    a screenful is drawn at every move through ten thousand."""
    briefing = entry.briefing
    if entry.kind == "briefing":
        end = briefing.end_date
        days = f"{entry.date.day}"
        if end is not None and end != entry.date:
            same_month = end.month == entry.date.month
            days += f"–{end.day}" if same_month else f"–{end.day} {month_short(end)}"
        title = Text(headline(entry.title), style="bold")
    else:
        days = f"{entry.date.day}"
        day = entry.day_number
        label = _("day {number}").format(number=day) if day else _("agenda")
        title = Text(f"↳ {label} · ", style="italic")
        headings = [headline(item_heading(briefing.agenda[i])) for i in entry.day_items]
        more = f" +{len(headings) - 1}" if len(headings) > 1 else ""
        title.append(headings[0] + more)
    when = f"{weekday_short(entry.date)} {days}"[: DATE_WIDTH - 1]
    row = Text(f"{when:<{DATE_WIDTH}}", no_wrap=True, overflow="ellipsis", end="")
    foreground, background = BADGE_MARKING_COLOURS[marking_level(entry.marking)]
    marking = marking_text(entry.marking)
    if len(marking) > marking_width:
        marking = marking[: marking_width - 1] + "…"
    row.append(f" {marking:<{marking_width}} ", style=f"{foreground} on {background}")
    row.append(" ")
    row.append_text(title)
    return row


def marking_column(markings: Iterable[str | None]) -> int:
    """How wide the marking column is: the widest marking listed, up to MARKING_WIDTH."""
    return min(MARKING_WIDTH, max((len(marking_text(m)) for m in markings), default=0))


class EntryOption(Option):
    """A briefing or an agenda day in the list. Its line is drawn the first time it is
    shown: thousands are listed, and a screenful is drawn."""

    def __init__(self, entry: TimelineEntry, marking_width: int) -> None:
        super().__init__("")
        self.entry = entry
        self.marking_width = marking_width
        self._drawn = False

    @property
    def prompt(self) -> VisualType:
        if not self._drawn:
            self._prompt, self._drawn = entry_row(self.entry, self.marking_width), True
        return self._prompt


def _heading(text: str, style: str) -> Option:
    return Option(Text(text, style=style, no_wrap=True, overflow="ellipsis"), disabled=True)


class TimelineList(GrowingList):
    """The timeline's list: one-line rows, listed a few hundred at a time as they come into
    view (ten thousand options take some 30 ms to make and add; End takes them all).

    OptionList measures every option's height as it is added, by rendering it; a row here
    is one line by construction, so adding rows costs next to nothing."""

    BATCH = 400

    def _update_lines(self) -> None:
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        known, count = len(cache.lines), len(self.options)
        if known < count:
            cache.lines.extend((index, 0) for index in range(known, count))
            cache.index_to_line.update((index, index) for index in range(known, count))
            cache.heights.update((index, 1) for index in range(known, count))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(cache.lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)


def timeline_options(entries: list[TimelineEntry], marking_width: int) -> Iterator[Option]:
    """Each year's heading, each month's with its count of briefings, and the entries."""
    year = None
    for group in iter_months(entries):
        if group.year != year:
            year = group.year
            yield _heading(f"{year}", "bold underline")
        briefings = sum(1 for entry in group.entries if entry.kind == "briefing")
        month = month_year(dt.date(group.year, group.month, 1))
        counted = ngettext("{count} briefing", "{count} briefings", briefings)
        yield _heading(f"  {month} · {counted.format(count=number(briefings))}", "bold")
        for entry in group.entries:
            yield EntryOption(entry, marking_width)


def preview(entry: TimelineEntry, topic: str | None) -> RenderableType:
    """The highlighted briefing: a day's agenda items in full first, then the overview,
    what the briefing holds, and (when filtered) its items about the topic."""
    briefing = entry.briefing
    parts: list[RenderableType] = []
    if entry.kind == "day":
        day, when = entry.day_number, date_span(entry.date)
        label = _("Day {number} · {date}") if day else _("Agenda · {date}")
        heading = Text(label.format(number=day, date=when), style="bold")
        parts.append(Rule(heading, align="left"))
        for index in entry.day_items:
            parts.append(Padding(item_detail(briefing.agenda[index]), (0, 0, 1, 2)))
        parts.append(Rule(style="dim"))
    parts.append(overview(briefing))
    counts = [
        f"{SECTION_SHORT_TITLES[name]} {number(len(getattr(briefing, name)))}"
        for name in SECTIONS
        if getattr(briefing, name)
    ]
    if counts:
        parts.append(Padding(Text(" · ".join(counts), style="italic"), (1, 0, 0, 0)))
    if topic is not None:
        about = [(name, item) for name, item in briefing.items() if topic in item.topics]
        about_topic = ngettext(
            "About #{topic}: {count} item", "About #{topic}: {count} items", len(about)
        ).format(topic=printable(topic), count=number(len(about)))
        parts.append(Padding(Text(about_topic, style="bold"), (1, 0, 0, 0)))
        for name, item in about:
            line = Text(f"  {SECTION_SHORT_TITLES[name]}: ", style="italic")
            line.append(headline(item_heading(item)))
            parts.append(line)
    return Group(*parts)


class TimelineScreen(ClosingScreen[ItemRef]):
    """The library by date, beside (or, when narrow, above) a preview of the highlighted
    briefing; returns where to open the reader."""

    COMMANDS: ClassVar = {ScreenCommands}
    AUTO_FOCUS = "#timeline-list"
    """Not the hidden topic box, Textual's first focusable: focusing it and then the list
    restyled the whole screen twice at every open."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("backspace,T", "back", N_("Back"), show=False),
        Binding("o", "toggle_order", N_("Order"), tooltip=N_("Newest or oldest first")),
        Binding(
            "f,number_sign", "filter", N_("Topic filter"), tooltip=N_("Only meetings on a topic")
        ),
        Binding("tab", "switch_focus", N_("Preview"), priority=True, show=False),
        Binding("enter", "open", N_("Open"), show=False),
    ]

    newest_first = var(True)
    filtering = var(False)
    """Whether the topic box is open."""

    def __init__(
        self, catalogue: Catalogue, changed: Signal[Change], *, topic: str | None = None
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.changed = changed
        self.topic = topic
        self.entries: list[TimelineEntry] = []
        self._stale = False
        """Whether the library changed while this was not shown (see `_catalogue_changed`)."""

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top")
        yield Static(id="timeline-title")
        yield Input(
            placeholder=_("Topic, e.g. ukraine: Enter filters, Esc shows all"),
            id="timeline-filter",
        )
        with Horizontal(id="timeline-body"):
            yield TimelineList(id="timeline-list")
            with DetailScroll(id="timeline-preview"):
                yield Static(id="timeline-preview-body")
        yield KeyFooter()
        yield MarkingBanner(id="marking-bottom")

    def on_mount(self) -> None:
        self.changed.subscribe(self, self._catalogue_changed)
        self.topic = self._known(self.topic)
        self._refill()

    def show_topic(self, topic: str | None) -> None:
        """Opened again (the reader keeps this screen): as it was left (its topic filter
        too), or on `topic` if one is named."""
        if topic is not None:
            self.filter_topic(self._known(topic))

    def _known(self, topic: str | None) -> str | None:
        """`topic` if any briefing has it; else None, and the user is told."""
        if topic is not None and not self.catalogue.topics.count(topic):
            message = _("No briefing has the topic #{topic}.").format(topic=printable(topic))
            self.notify(message, timeout=3, markup=False)
            return None
        return topic

    def _catalogue_changed(self, change: Change) -> None:
        if not change.paths:
            return
        if self.is_current:
            self._refill()
        else:  # closed (the reader keeps it) or under the palette: refilled when shown
            self._stale = True

    @on(events.ScreenResume)
    def _shown_again(self) -> None:
        if self._stale:
            self._refill()

    def _refill(self) -> None:
        """Fill the list once every briefing's items are made (off the screen's thread)."""
        when_every_briefing_made(self, self.catalogue, self._say, self._fill)

    def _say(self, message: str) -> None:
        """What is being read, under the library's marking until the entries are listed."""
        self.query_one("#timeline-title", Static).update(message)
        self._show_marking(set())

    # --- what is shown ---------------------------------------------------------------------

    @property
    def listing(self) -> TimelineList:
        return self.query_one(TimelineList)

    def _fill(self) -> None:
        """(Re)build the list from the catalogue, keeping the highlighted entry in view."""
        self._stale = False
        listing = self.listing
        before = listing.highlighted_option
        keep = _key(before.entry) if isinstance(before, EntryOption) else None
        self.entries = timeline_entries(
            self.catalogue, topic=self.topic, newest_first=self.newest_first
        )
        # one pass each, at C speed: ten thousand entries are looked at on every open
        markings = set(map(_MARKING, self.entries))
        days = list(map(_KIND, self.entries)).count("day")
        listing.fill(timeline_options(self.entries, marking_column(markings)))
        self._show_title(len(self.entries) - days, days)
        self._show_marking(markings)
        if not self.entries:
            self._show_nothing()
            return
        target = None
        if keep is not None:  # rows are cheap to list: look as far as it takes
            target = listing.take_until(
                lambda option: isinstance(option, EntryOption) and _key(option.entry) == keep,
                len(self.entries) * 2,
            )
        listing.highlighted = target if target is not None else _first_entry(listing.options)

    def _show_title(self, briefings: int, days: int) -> None:
        counts = ngettext("{count} briefing", "{count} briefings", briefings).format(
            count=number(briefings)
        )
        if days:
            counted = ngettext("{count} agenda day", "{count} agenda days", days)
            counts += f", {counted.format(count=number(days))}"
        parts = [
            _("Timeline"),
            counts,
            _("newest first") if self.newest_first else _("oldest first"),
        ]
        if self.topic is not None:
            parts.append(_("only #{topic}").format(topic=printable(self.topic)))
        self.query_one("#timeline-title", Static).update(Text(" · ".join(parts), style="bold"))

    def _show_marking(self, markings: set[str | None]) -> None:
        """The highest marking among the entries listed (the library's when none is)."""
        if markings:
            marking, known = highest_marking(markings), True
        else:
            marking, known = self.catalogue.marking, bool(len(self.catalogue))
        for banner in self.query(MarkingBanner):
            banner.show_marking(marking, known=known)

    def _show_nothing(self) -> None:
        body = self.query_one("#timeline-preview-body", Static)
        if self.topic is not None:
            message = _("No briefing mentions #{topic}.").format(topic=printable(self.topic))
            body.update(Text(message, style="bold"))
        elif not self.catalogue.loaded:
            body.update(Text(_("Loading the library…"), style="italic"))
        else:
            body.update(Text(_("No briefings in the library."), style="bold"))

    @on(OptionList.OptionHighlighted, "#timeline-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option, EntryOption):
            body = self.query_one("#timeline-preview-body", Static)
            body.update(preview(event.option.entry, self.topic))
            self.query_one("#timeline-preview", DetailScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#timeline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, EntryOption):
            self.dismiss(event.option.entry.ref)

    # --- filtering by topic ----------------------------------------------------------------

    def watch_filtering(self, filtering: bool) -> None:
        self.set_class(filtering, "-filtering")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # the box shows while it has the keyboard: a click on the list, or the palette
        # opened over it, must not leave it open (and its keys typed into a hidden box)
        if event.widget.id == "timeline-filter":
            self.filtering = False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "timeline-filter":
            self.filtering = True

    def action_filter(self) -> None:
        box = self.query_one("#timeline-filter", Input)
        box.suggester = SuggestFromList(self.catalogue.topics.topics(), case_sensitive=False)
        box.value = self.topic or ""
        self.filtering = True
        self.set_focus(box)

    def filter_topic(self, topic: str | None) -> None:
        """Show only the meetings that touched `topic` (None: every briefing)."""
        self.filtering = False
        self.query_one("#timeline-filter", Input).value = topic or ""
        self.set_focus(self.listing)
        if topic != self.topic:
            self.topic = topic
            self._refill()

    def _topic_named(self, typed: str) -> str | None:
        """The topic `typed` names: exactly, else the most used that starts with it, else
        the most used that contains it."""
        wanted = typed.strip().lstrip("#").strip().lower()
        topics = self.catalogue.topics.topics()
        if wanted in topics:
            return wanted
        for matches in (str.startswith, str.__contains__):
            found = next((topic for topic in topics if matches(topic, wanted)), None)
            if found is not None:
                return found
        return None

    @on(Input.Submitted, "#timeline-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip().lstrip("#").strip():
            self.filter_topic(None)
            return
        topic = self._topic_named(event.value)
        if topic is None:
            message = _("No topic like “{typed}”.").format(typed=event.value.strip())
            self.notify(message, timeout=3, markup=False)
        else:
            self.filter_topic(topic)

    # --- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.filtering:  # Esc in the topic box: every briefing again
            self.filter_topic(None)
        else:
            self.dismiss(None)

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        self._fill()

    def action_switch_focus(self) -> None:
        if self.filtering:
            self.filtering = False
            self.set_focus(self.listing)
        elif self.listing.has_focus:
            self.set_focus(self.query_one("#timeline-preview"))
        else:
            self.set_focus(self.listing)

    def action_open(self) -> None:
        option = self.listing.highlighted_option
        if isinstance(option, EntryOption):
            self.dismiss(option.entry.ref)

    def palette_entries(self) -> Iterable[PaletteEntry]:
        """Filter by any topic, show every briefing again, or turn the order round."""
        order = _("Timeline: oldest first") if self.newest_first else _("Timeline: newest first")
        key = _("key {key}").format(key="o")
        yield PaletteEntry(order, key, self.action_toggle_order)
        if self.topic is not None:
            every = partial(self.filter_topic, None)
            yield PaletteEntry(_("Timeline: every briefing"), _("no topic filter"), every)
        yield from topic_entries(self.catalogue.topics, self.filter_topic)


_MARKING = attrgetter("marking")
_KIND = attrgetter("kind")


def _key(entry: TimelineEntry) -> tuple[object, ...]:
    return (entry.path, entry.kind, entry.date)


def _first_entry(options: Sequence[Option]) -> int | None:
    return next(
        (position for position, option in enumerate(options) if isinstance(option, EntryOption)),
        None,
    )

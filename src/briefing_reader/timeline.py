"""The library on one time axis, and what was said about a topic meeting by meeting.

`timeline_entries` puts every briefing, and every dated day of its agenda, in date order,
for the timeline screen to group by year and month (`group_by_month`). `topic_history`
lists the items tagged with a topic in the order the meetings took place, Italy's
positions first within each. Both read a catalogue (using its topic index, so a filter
or a history never looks at a briefing that does not mention the topic) or a plain list
of load results. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Literal, NamedTuple

from .catalogue import Catalogue
from .i18n import month_year
from .loader import LoadResult
from .model import SECTIONS, Briefing, Item, fields_of, item_heading
from .topics import BriefingTopics, ItemRef

EntryKind = Literal["briefing", "day"]

OVERVIEW = "overview"
"""The reader's pane that a briefing's own entry opens on."""


class TimelineEntry(NamedTuple):
    """A briefing, or one day of its agenda, at its place on the time axis.

    A named tuple rather than a frozen dataclass: ten thousand are made each time the
    timeline opens, and a tuple is made five times faster.
    """

    date: dt.date
    kind: EntryKind
    path: Path
    section: str
    """The reader's pane to open at: the overview for a briefing, the agenda for a day."""
    item_index: int
    """The item to open at in that pane: the day's first agenda item (about the topic,
    when the timeline is filtered by one). (`index` would hide the tuple's method.)"""
    title: str
    """The briefing's title (a day's entry carries its briefing's title too)."""
    marking: str | None
    briefing: Briefing
    day_items: tuple[int, ...] = ()
    """For a day: the indexes of its agenda items (about the topic, when filtered)."""

    @property
    def ref(self) -> ItemRef:
        """Where Enter takes the reader."""
        return ItemRef(self.path, self.section, self.item_index)

    @property
    def day_number(self) -> int | None:
        """For a day: which day of the event it was (1 for the first); None for a day
        before the event's date, which only a slip in the file can make."""
        if self.kind != "day":
            return None
        number = (self.date - self.briefing.date).days + 1
        return number if number >= 1 else None


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The entries of one month, in the order they were given."""

    year: int
    month: int
    entries: tuple[TimelineEntry, ...]

    @property
    def label(self) -> str:
        """'January 2026', 'gennaio 2026': in the language in force."""
        return month_year(dt.date(self.year, self.month, 1))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An item about a topic, with the meeting it was said at."""

    date: dt.date
    title: str
    path: Path
    section: str
    index: int
    marking: str | None
    briefing: Briefing
    item: Item

    @property
    def ref(self) -> ItemRef:
        """Where Enter takes the reader."""
        return ItemRef(self.path, self.section, self.index)

    @property
    def text(self) -> str:
        """The item's full text, as typed (see `item_text`)."""
        return item_text(self.item)


Source = Catalogue | Iterable[LoadResult]
"""What the timeline and the history read: the catalogue, or load results (any order)."""


def _briefings(source: Source) -> Iterator[tuple[Path, Briefing]]:
    """Each file's readable briefing (in library order, from a catalogue, where a file that
    no longer loads keeps its last good version, as it does on screen)."""
    if isinstance(source, Catalogue):
        for result in source.ordered():
            briefing = result.briefing
            if briefing is None:
                briefing = source.readable(result.path)
            if briefing is not None:
                yield result.path, briefing
    else:
        for result in source:
            if result.briefing is not None:
                yield result.path, result.briefing


def _parts(source: Source, topic: str) -> list[BriefingTopics]:
    """The briefings that mention `topic`, newest first, then by file: from a catalogue's
    topic index, without reading any item; else from each briefing's topics."""
    if isinstance(source, Catalogue):  # a part counts topics only of a briefing it holds
        return source.topics.briefings_with(topic)
    found = [
        BriefingTopics(path, briefing, (0, -briefing.date.toordinal(), str(path)), {topic: 1})
        for path, briefing in _briefings(source)
        if topic in briefing.all_topics
    ]
    found.sort(key=attrgetter("order"))
    return found


def timeline_entries(
    source: Source, *, topic: str | None = None, newest_first: bool = True
) -> list[TimelineEntry]:
    """Every briefing, and every dated day of each one's agenda, in date order.

    On one date, entries come in file order and a briefing's days follow it, whichever
    way the axis runs. With `topic`, only the briefings that mention it, each with only
    the days whose agenda items are about it.

    From a catalogue, the entries are kept until it changes: the timeline opens again at
    once (some 40 ms go into making them for ten thousand briefings).
    """
    if not isinstance(source, Catalogue):
        return _entries(source, topic, newest_first)
    state = source.ordered()  # a new list after every change to the catalogue
    key = (id(source), topic, newest_first)
    kept = _KEPT.get(key)
    if kept is None or kept[0] is not state:
        kept = (state, _entries(source, topic, newest_first))
        _KEPT.pop(key, None)
        _KEPT[key] = kept
        while len(_KEPT) > _KEEP:
            del _KEPT[next(iter(_KEPT))]  # the oldest
    return list(kept[1])


_KEEP = 8
"""Timelines kept (the whole library both ways, and a few topics)."""

_KEPT: dict[tuple[int, str | None, bool], tuple[list[LoadResult], list[TimelineEntry]]] = {}
"""The entries last made from a catalogue, with the `ordered()` list they were made from:
that list is made anew whenever the catalogue changes, so holding it (it cannot be freed,
and its id reused) tells whether the entries still hold."""


def _entries(source: Source, topic: str | None, newest_first: bool) -> list[TimelineEntry]:
    if topic is None:
        pairs: Iterable[tuple[Path, Briefing]] = _briefings(source)
    else:
        pairs = ((part.path, part.briefing) for part in _parts(source, topic) if part.briefing)
    entries: list[TimelineEntry] = []
    add = entries.append
    for path, briefing in pairs:
        marking, title = briefing.classification, briefing.title
        add(TimelineEntry(briefing.date, "briefing", path, OVERVIEW, 0, title, marking, briefing))
        days: dict[dt.date, list[int]] = {}
        for index, item in enumerate(briefing.agenda):
            if item.day is not None and (topic is None or topic in item.topics):
                days.setdefault(item.day, []).append(index)
        for day, indexes in days.items():
            first = indexes[0]
            add(
                TimelineEntry(
                    day, "day", path, "agenda", first, title, marking, briefing, (*indexes,)
                )
            )
    if topic is None and not isinstance(source, Catalogue):
        entries.sort(key=_PATH)  # a catalogue and the topic index give file order already
    # A stable sort on the date alone keeps file order among the entries of one date (the
    # reverse sort too). The entries come newest first already: close to linear.
    entries.sort(key=_DATE, reverse=newest_first)
    return entries


_DATE = attrgetter("date")
_PATH = attrgetter("path")


def group_by_month(entries: Iterable[TimelineEntry]) -> list[MonthGroup]:
    """Runs of entries that fall in the same month, in the order given."""
    return list(iter_months(entries))


def iter_months(entries: Iterable[TimelineEntry]) -> Iterator[MonthGroup]:
    """`group_by_month` a month at a time: a list shows the first months at once."""
    for (year, month), run in groupby(entries, key=_month):
        yield MonthGroup(year, month, tuple(run))


def _month(entry: TimelineEntry) -> tuple[int, int]:
    return entry.date.year, entry.date.month


def topic_history(source: Source, topic: str, *, newest_first: bool = False) -> list[HistoryEntry]:
    """Every item tagged `topic`, meeting by meeting in date order (oldest first unless
    `newest_first`); within a meeting, Italy's positions first, then the other sections in
    the model's order, each in file order. Meetings of the same date come in file order."""
    return list(iter_topic_history(source, topic, newest_first=newest_first))


def iter_topic_history(
    source: Source, topic: str, *, newest_first: bool = False
) -> Iterator[HistoryEntry]:
    """`topic_history` a meeting at a time: a screen shows the first meetings without
    looking at the items of the others."""
    parts = _parts(source, topic)  # newest first, then by file
    meetings: Iterable[BriefingTopics] = parts
    if not newest_first:  # oldest first, still by file within one date
        meetings = (
            part
            for _, same_date in groupby(reversed(parts), key=_part_date)
            for part in reversed(list(same_date))
        )
    for part in meetings:
        briefing = part.briefing
        if briefing is None:
            continue
        for hit in sorted(part.hits(topic), key=lambda hit: _SECTION_RANK[hit.ref.section]):
            ref = hit.ref
            yield HistoryEntry(
                briefing.date,
                briefing.title,
                ref.path,
                ref.section,
                ref.index,
                briefing.classification,
                briefing,
                hit.item,
            )


def _part_date(part: BriefingTopics) -> dt.date | None:
    return part.briefing.date if part.briefing is not None else None


_SECTION_RANK: dict[str, int] = {
    name: rank
    for rank, name in enumerate(["positions", *(name for name in SECTIONS if name != "positions")])
}
"""Within a meeting: Italy's positions first, then the other sections in reading order."""


def item_text(item: Item) -> str:
    """An item's words as typed, its heading first, then one field a line ('Statement:
    …'), then its topic tags: all that the history shows, for tools and tests."""
    lines = [item_heading(item)]
    tags = ""
    for spec in fields_of(type(item)):
        value = getattr(item, spec.name)
        if spec.heading or value is None:
            continue
        if isinstance(value, str):
            lines.append(f"{spec.label}: {value}")
        elif isinstance(value, dt.date):
            lines.append(f"{spec.label}: {value.isoformat()}")
        elif isinstance(value, tuple) and value:
            tags = " ".join(f"#{tag}" for tag in value)
    if tags:
        lines.append(tags)
    return "\n".join(lines)

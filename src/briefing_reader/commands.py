"""The command palette's entries come from the screen it was opened on, and act on it.

A screen that offers entries implements `palette_entries()`; they are built once, when
the palette opens, so a keystroke in the palette only matches (it never rebuilds a list
of ten thousand briefings). A keystroke offers only the best `HIT_LIMIT` matches
(`TitleMatcher`): the palette lays out every hit it is given, and Textual's own matcher
tries every way of placing the query in every title; over ten thousand briefings that
took a quarter of a second a keystroke, and seconds for some queries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import islice, pairwise
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from . import i18n
from .i18n import _, ngettext
from .search import fold
from .text import printable
from .topics import TopicIndex

HIT_LIMIT = 40
"""The most hits a keystroke offers, best first (a palette shows a dozen at a time)."""

_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<!\w)(?=\w)")


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


Match = tuple[float, int, list[int]]
"""A title that matched: its score, its index, and the offsets of the characters matched."""


class TitleMatcher:
    """Fuzzy matching, as Textual's palette does it, over many titles at once.

    A title matches when it holds the query's characters in order, case-insensitively.
    The best matches are found in tiers, each taken in the order the titles came, so a
    keystroke stops looking once it has enough: the title that is the query; titles with
    the query at the start of a word; with the query elsewhere; with every word of the
    query somewhere; with its characters in order. Each hit is scored as Textual scores it
    (`textual.fuzzy.FuzzySearch.score`), for the place the query was found at (Textual
    scores every way of placing it, which grows with the product of each character's
    occurrences: seconds a keystroke over ten thousand titles).
    """

    def __init__(self, titles: Sequence[str]) -> None:
        self._titles = [fold(title).replace("\n", " ").replace(MARK, " ") for title in titles]
        self._marked = _marked("\n".join(self._titles))
        """Every title, a MARK before each word: a query at the start of a word is then
        found by one search for a plain string."""
        self._starts = [found.start() for found in re.finditer("^", self._marked, re.M)]
        self._last: tuple[str, list[int]] = ("", [])
        """A query whose every match was found, and those matches: a query that goes on
        from it can only match among them."""
        self._exact: dict[str, int] = {}
        for number, title in enumerate(self._titles):
            self._exact.setdefault(title, number)
        self._longest = max(map(len, self._titles), default=0)

    def best(self, query: str, limit: int = HIT_LIMIT) -> list[Match]:
        """The best `limit` matches: (score, title index, offsets matched), best first; of
        equal scores, the title given first."""
        wanted = fold(query)
        if not wanted or limit <= 0 or len(wanted) > self._longest:
            # a match takes a character of the title for each character of the query: a page
            # pasted into the box is answered at once (the in-order pattern costs 25 µs a
            # character to build)
            return []
        titles = self._titles
        last, matched = self._last
        if last and wanted.startswith(last):
            return self._among(matched, wanted, limit)
        picked: dict[int, list[int]] = {}
        exact = self._exact.get(wanted)
        if exact is not None:
            picked[exact] = list(range(len(wanted)))
        marked = _marked(wanted)
        at = self._marked.find(marked)
        while at >= 0 and len(picked) < limit:
            number = bisect_right(self._starts, at) - 1
            line = self._marked[self._starts[number] : at]
            start = len(line) - line.count(MARK)
            picked.setdefault(number, list(range(start, start + len(wanted))))
            at = self._marked.find(marked, at + 1)
        if len(picked) < limit:
            elsewhere = (
                number
                for number, title in enumerate(titles)
                if number not in picked and wanted in title
            )
            for number in islice(elsewhere, limit - len(picked)):
                at = titles[number].find(wanted)
                picked[number] = list(range(at, at + len(wanted)))
        words = wanted.split()
        pattern = _in_order(wanted) if len(picked) < limit else None
        if pattern is not None and len(words) > 1:
            every = (
                number
                for number, title in enumerate(titles)
                if number not in picked
                and all(word in title for word in words)
                and pattern.match(title)
            )
            for number in islice(every, limit - len(picked)):
                picked[number] = _word_offsets(titles[number], words)
        if pattern is not None and len(picked) < limit:
            ordered = (
                (number, found)
                for number, title in enumerate(titles)
                if number not in picked and (found := pattern.match(title)) is not None
            )
            for number, found in islice(ordered, limit - len(picked)):
                picked[number] = [found.start(group) for group in range(1, len(wanted) + 1)]
        self._last = (wanted, sorted(picked)) if len(picked) < limit else ("", [])
        return self._scored(picked, wanted)

    def _among(self, numbers: list[int], wanted: str, limit: int) -> list[Match]:
        """The best matches among a few titles, tier by tier as `best` takes them."""
        if not numbers:
            self._last = (wanted, [])
            return []
        marked, words = _marked(wanted), wanted.split()
        pattern = _in_order(wanted)
        tiers: list[tuple[int, int, list[int]]] = []
        for number in numbers:
            title = self._titles[number]
            at = title.find(wanted)
            if at >= 0:
                line = self._marked[self._starts[number] : self._line_end(number)]
                tier = 0 if title == wanted else 1 if marked in line else 2
                if tier == 1:
                    start = line.find(marked)
                    at = start - line.count(MARK, 0, start)
                tiers.append((tier, number, list(range(at, at + len(wanted)))))
            elif (found := pattern.match(title)) is None:
                continue
            elif len(words) > 1 and all(word in title for word in words):
                tiers.append((3, number, _word_offsets(title, words)))
            else:
                offsets = [found.start(group) for group in range(1, len(wanted) + 1)]
                tiers.append((4, number, offsets))
        tiers.sort()
        picked = {number: offsets for _, number, offsets in tiers[:limit]}
        if len(tiers) < limit:
            self._last = (wanted, sorted(picked))
        return self._scored(picked, wanted)

    def _line_end(self, number: int) -> int:
        following = number + 1
        return self._starts[following] - 1 if following < len(self._starts) else len(self._marked)

    def _scored(self, picked: dict[int, list[int]], wanted: str) -> list[Match]:
        scored = [
            (self._score(number, offsets, wanted), number, offsets)
            for number, offsets in picked.items()
        ]
        return sorted(scored, key=lambda match: (-match[0], match[1]))

    def _score(self, number: int, offsets: list[int], wanted: str) -> float:
        """`textual.fuzzy.FuzzySearch.score`, with its bonus for the query whole."""
        title = self._titles[number]
        starts = {word.start() for word in _WORD.finditer(title)}
        count = len(offsets)
        score = float(count + len(starts.intersection(offsets)))
        groups = 1 + sum(1 for before, after in pairwise(offsets) if after != before + 1)
        normalized = (count - (groups - 1)) / count
        score *= 1 + normalized * normalized
        if groups == 1 and count == len(wanted):
            score *= 2.0 if title == wanted else 1.5
        return score


MARK = "\x00"
"""Marks where a word starts (a control character: `fold` keeps none in a title)."""


def _marked(text: str) -> str:
    return _WORD_START.sub(MARK, text)


def _in_order(wanted: str) -> re.Pattern[str]:
    """Matches a title holding `wanted`'s characters in order, each at its first place
    after the one before (possessive: a title that fails is never tried again)."""
    return re.compile("".join(f"[^{re.escape(c)}]*+({re.escape(c)})" for c in wanted))


def _word_offsets(title: str, words: list[str]) -> list[int]:
    """The characters of each word where it first occurs, each once, in order."""
    offsets: set[int] = set()
    for word in words:
        at = title.find(word)
        offsets.update(range(at, at + len(word)))
    return sorted(offsets)


def highlight(title: str, offsets: Iterable[int], style: Style) -> Content:
    """The title with the matched characters styled, as Textual's matcher shows them."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class ScreenCommands(Provider):
    """What the screen the palette was opened on offers: briefings, panes, topics…"""

    async def startup(self) -> None:
        screen = self.screen
        entries = screen.palette_entries() if isinstance(screen, OffersCommands) else ()
        self._entries = list(entries)
        self._matcher = TitleMatcher([entry.title for entry in self._entries])

    async def discover(self) -> Hits:
        for entry in self._entries[:HIT_LIMIT]:
            yield DiscoveryHit(Content(entry.title), entry.run, text=entry.title, help=entry.help)

    async def search(self, query: str) -> Hits:
        style = self.matcher(query).match_style
        for score, number, offsets in self._matcher.best(query):
            entry = self._entries[number]
            title = highlight(entry.title, offsets, style)
            yield Hit(score, title, entry.run, text=entry.title, help=entry.help)

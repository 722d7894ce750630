"""A library's topic vocabulary: every topic with its count, the topics that look like
another spelling of one another, and those used only once.

A topic links items only when it is spelt the same everywhere, so `ukrain` beside `ukraine`
or `air-defence` beside `air-missile-defence` splits what a team meant as one. This is the
pure part of `briefing validate --topics` and of the reader's marking of single-use topics.
Imports neither Textual nor Rich.
"""

from __future__ import annotations

import bisect
import difflib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from .i18n import N_, _
from .loader import LoadResult
from .model import Briefing

SIMILARITY = 0.85
"""How alike two topics must be (difflib's ratio, hyphens removed) to be flagged."""

MIN_AFFIX = 4
"""The fewest letters a topic needs for a longer one that starts with it to be flagged (so
`eu` beside `euro` is not)."""

USED_ONCE = N_("used once")
"""How a topic tagged on a single item is marked, in `validate --topics` and the reader (a
message: translate it where it is shown)."""


@dataclass(frozen=True, slots=True)
class TopicCount:
    """A topic, how many items carry it and in how many briefings."""

    topic: str
    items: int
    briefings: int

    @property
    def used_once(self) -> bool:
        return self.items == 1


def vocabulary(results: Iterable[LoadResult | Briefing]) -> list[TopicCount]:
    """Every topic of the briefings that loaded (files that did not are skipped), most used
    first (by items, then briefings), then alphabetically."""
    items: dict[str, int] = {}
    briefings: dict[str, int] = {}
    for result in results:
        briefing = result if isinstance(result, Briefing) else result.briefing
        if briefing is None:
            continue
        for _section, item in briefing.items():
            for topic in item.topics:
                items[topic] = items.get(topic, 0) + 1
        for topic in briefing.all_topics:
            briefings[topic] = briefings.get(topic, 0) + 1
    counts = [TopicCount(topic, items[topic], briefings[topic]) for topic in items]
    return sorted(counts, key=lambda count: (-count.items, -count.briefings, count.topic))


def used_once(counts: Iterable[TopicCount]) -> list[str]:
    """The topics tagged on a single item in the whole library, in the order given."""
    return [count.topic for count in counts if count.used_once]


def topic_note(items: int) -> str:
    """What the reader's topic list shows beside a topic carried by `items` items: that it
    is used once (a likely misspelling, or a tag nobody else uses), or nothing."""
    return _(USED_ONCE) if items == 1 else ""


def near_duplicates(topics: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of topics that are probably one topic spelt two ways, each pair once, in the
    order the topics are given (give them most used first, and the first of each pair is
    the spelling to keep).

    Two topics are flagged when, with their hyphens removed,
    - they are alike (difflib ratio at least SIMILARITY): `ukraine` / `ukrain`,
      `partnership` / `partnerships`, `indo-pacific` / `indopacific`;
    - or one, of at least MIN_AFFIX letters, is the other cut short inside a word:
      `ukrain` / `ukraine`, `infra` / `infrastructure` (but not `ukraine` /
      `ukraine-support`, a narrower topic);
    or when one's words are the other's with words added in between:
    `air-defence` / `air-missile-defence`.
    """
    unique = list(dict.fromkeys(topics))
    rank = {topic: number for number, topic in enumerate(unique)}
    found: set[tuple[str, str]] = set()

    def flag(a: str, b: str) -> None:
        if a != b:
            found.add((a, b) if rank[a] < rank[b] else (b, a))

    for a, b in chain(_alike(unique), _cut_short(unique), _words_inserted(unique)):
        flag(a, b)
    return sorted(found, key=lambda pair: (rank[pair[0]], rank[pair[1]]))


def _bare(topic: str) -> str:
    return topic.replace("-", "")


def _alike(topics: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Pairs whose hyphen-less forms have a difflib ratio of at least SIMILARITY (either
    way round: difflib's ratio is not symmetric).

    Comparing every pair takes seconds for a few thousand topics, so only pairs that can
    reach the ratio are compared. Two forms of lengths la and lb at that ratio match at
    least M = SIMILARITY * (la + lb) / 2 letters in k blocks, with a letter unmatched on one
    side or the other between blocks; a block of L letters shares L - 1 two-letter pieces,
    so they share at least M - k >= 3M - la - lb - 1 pieces (`_least_shared`). Pairs that
    share that many share one of the rarest pieces of each (prefix filtering), so each form
    is indexed by its rarest pieces only, and candidates are found through that index.
    """
    bares = [_bare(topic) for topic in topics]
    pieces = [_pieces(bare) for bare in bares]
    frequency = Counter(piece for found in pieces for piece in found)
    index: dict[tuple[str, int], list[int]] = {}
    for i, bare in enumerate(bares):
        least = _least_for(len(bare))
        candidates: set[int] = set()
        if least <= 0:  # a form too short to filter: compare it with every other
            candidates.update(range(i))
        ordered = sorted(pieces[i], key=lambda piece: (frequency[piece], piece))
        rarest = ordered[: len(ordered) - least + 1] if least > 0 else ordered
        for piece in rarest:
            candidates.update(index.setdefault(piece, []))
            index[piece].append(i)
        for j in sorted(candidates):
            a, b = sorted((bare, bares[j]), key=len)
            if 2 * len(a) < SIMILARITY * (len(a) + len(b)):
                continue
            if len(pieces[i] & pieces[j]) < _least_shared(len(a), len(b)):
                continue
            if max(_ratio(a, b), _ratio(b, a)) >= SIMILARITY:
                yield topics[j], topics[i]


def _pieces(bare: str) -> set[tuple[str, int]]:
    """The two-letter pieces of a form, each numbered by its occurrence (so a set of them
    counts repeats: the set intersection is the number of pieces two forms share)."""
    seen: Counter[str] = Counter()
    found = set()
    for n in range(len(bare) - 1):
        piece = bare[n : n + 2]
        found.add((piece, seen[piece]))
        seen[piece] += 1
    return found


def _least_shared(short: int, long: int) -> int:
    """The fewest two-letter pieces forms of these lengths share at the SIMILARITY ratio."""
    matched = math.ceil(SIMILARITY * (short + long) / 2 - 1e-9)
    return 3 * matched - short - long - 1


def _least_for(length: int) -> int:
    """The fewest pieces a form of this length shares with any form that can reach the
    SIMILARITY ratio with it (rounding makes `_least_shared` rise and fall, so every
    length that can is tried)."""
    shortest = math.ceil(SIMILARITY * length / (2 - SIMILARITY) - 1e-9)
    longest = math.floor((2 - SIMILARITY) * length / SIMILARITY + 1e-9)
    return min(_least_shared(length, other) for other in range(max(shortest, 1), longest + 1))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _cut_short(topics: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Pairs where one's hyphen-less form, of at least MIN_AFFIX letters, starts the
    other's and stops inside one of its words: `ukrain` / `ukraine`, `infra` /
    `infrastructure`, `intel` / `intelligence-sharing`; but not `ukraine` /
    `ukraine-support`, a narrower topic. Found by bisecting the sorted forms."""
    ordered = sorted(topics, key=_bare)
    bares = [_bare(topic) for topic in ordered]
    for topic, start in zip(ordered, bares, strict=True):
        if len(start) < MIN_AFFIX:
            continue
        position = bisect.bisect_right(bares, start)
        while position < len(bares) and bares[position].startswith(start):
            other = ordered[position]
            if len(bares[position]) > len(start) and not _at_word_end(other, len(start)):
                yield topic, other
            position += 1


def _at_word_end(topic: str, letters: int) -> bool:
    """Whether the first `letters` letters of `topic` end at the end of one of its words."""
    total = 0
    for word in topic.split("-"):
        total += len(word)
        if total >= letters:
            return total == letters
    return True


def _words_inserted(topics: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Pairs with the same first and last word, one's words in order within the other's:
    `air-defence` / `air-missile-defence`."""
    groups: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    for topic in topics:
        words = topic.split("-")
        if len(words) > 1:
            groups.setdefault((words[0], words[-1]), []).append((topic, words))
    for group in groups.values():
        for a, a_words in group:
            for b, b_words in group:
                if len(a_words) < len(b_words) and _in_order(a_words, b_words):
                    yield a, b


def _in_order(short: list[str], long: list[str]) -> bool:
    """Whether the words of `short` appear in `long` in the same order."""
    remaining = iter(long)
    return all(word in remaining for word in short)

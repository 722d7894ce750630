"""Two briefings compared: what is in both, what only in one, and what changed, word by word.

Works for the same meeting in two versions (a file and its revision, say from git) and
for two meetings. A revision keeps its items' headings, so items are matched by heading
(fuzzily: a reworded heading still matches, and so does an item whose heading changed
but whose text did not). Two meetings share subjects rather than headings, so their items
are matched by the topics they carry. Either way each section is a list of rows, a row
holding an item of A, of B or of both; the topics are listed too, each with the items of
A and of B that carry it, and Italy's positions on it side by side.

Changed words come from `difflib` on word lists: good enough to see a reworded sentence,
with no claim to be a linguistic diff. Plain text (for mail) marks them `[-old-]` and
`{+new+}`, so they show without colour; Markdown as `~~old~~` and `**new**`. Imports
neither Textual nor Rich (the rendering for the terminal is in `render_compare.py`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from . import i18n
from .export import (
    _CLOSING_HASHES,
    _md_document,
    _md_heading,
    _md_inline,
    _md_line,
    _md_marking,
    _md_text,
    _one_line,
    _text_document,
    _text_heading,
    _wrap,
    check_width,
    digest_marking,
)
from .i18n import N_, _, ngettext
from .model import (
    SECTION_TITLES,
    SECTIONS,
    Briefing,
    Item,
    Quote,
    Translated,
    fields_of,
    item_heading,
)
from .text import clipped, date_span, marking_text, printable

DiffOp = tuple[str, str]
"""One run of words: ("equal" | "delete" | "insert", the words joined by single spaces)."""

Status = Literal["same", "changed", "related", "only-a", "only-b"]
"""What a row holds: one item in both, unchanged or changed (the same meeting revised);
two items on the same subject (two meetings: matched by topic); or an item of one side."""

STATUS_LABELS = Translated(
    {
        "same": N_("Same"),
        "changed": N_("Changed"),
        "related": N_("On the same topic"),
        "only-a": N_("Only in A"),
        "only-b": N_("Only in B"),
    }
)
"""Each status in words, in the language in force when read."""

HEADING_MATCH = 0.6
"""How alike two headings must be (difflib's ratio) for a revision's items to match."""
TEXT_MATCH = 0.75
"""How alike two items' texts must be for them to match when their headings are not."""
FUZZY_PAIRS = 10_000
"""At most this many fuzzy comparisons per section: a huge file is matched near the
diagonal beyond it, rather than by every item against every other."""
TOPIC_PAIRS = 400
"""At most this many comparisons to pair the positions on a topic by their words (beyond
it they are paired in order)."""
SAME_MEETING_TITLE = 0.6
REVISED_DATE_TITLE = 0.9
REVISED_DATE_DAYS = 7

MAIN_FIELDS = frozenset({"statement", "summary", "concern", "role", "original"})
"""The field that is an item's body: shown without a label."""


def word_diff(old: str, new: str) -> list[DiffOp]:
    """The words of `old` and `new` as runs that are equal, only in `old` ("delete") or
    only in `new` ("insert"); a replaced run is its deletion followed by its insertion.
    Whitespace is not compared: line breaks and runs of spaces read as one space."""
    before, after = old.split(), new.split()
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(before[a_start:a_end])))
            continue
        if a_end > a_start:
            ops.append(("delete", " ".join(before[a_start:a_end])))
        if b_end > b_start:
            ops.append(("insert", " ".join(after[b_start:b_end])))
    return ops


def side_of(ops: Iterable[DiffOp], side: Literal["a", "b"]) -> list[DiffOp]:
    """The runs one side shows: A its equal and deleted words, B its equal and inserted."""
    hidden = "insert" if side == "a" else "delete"
    return [op for op in ops if op[0] != hidden]


def changed_words(ops: Iterable[DiffOp]) -> int:
    """How many words a diff deletes or inserts."""
    return sum(len(words.split()) for op, words in ops if op != "equal")


# --- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field of a pair of items, word by word (either side may be empty)."""

    name: str
    label: str
    ops: tuple[DiffOp, ...]

    @property
    def main(self) -> bool:
        """Whether it is the item's body, shown without its label."""
        return self.name in MAIN_FIELDS


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the comparison: an item of A, of B, or one of each side by side.

    `a_index` and `b_index` are the items' positions in their section. A pair whose words
    were compared (a revision's items, and Italy's positions) is `diffed`: `heading` and
    `fields` hold the word diffs; otherwise they are empty and each side shows its item.
    """

    status: Status
    a: Item | None
    b: Item | None
    a_index: int | None = None
    b_index: int | None = None
    shared_topics: tuple[str, ...] = ()
    diffed: bool = False
    heading: tuple[DiffOp, ...] = ()
    fields: tuple[FieldDiff, ...] = ()

    @property
    def item(self) -> Item:
        """The row's item: B's where it has both (the newer, for a revision)."""
        item = self.b if self.b is not None else self.a
        assert item is not None, "a row holds at least one item"
        return item

    @property
    def changed_words(self) -> int:
        """How many words of the pair were deleted or inserted."""
        return changed_words(self.heading) + sum(changed_words(f.ops) for f in self.fields)


@dataclass(frozen=True, slots=True)
class SectionComparison:
    """One section of both briefings, as rows: A's order, with B's own items placed after
    the item of B they follow."""

    name: str
    rows: tuple[Row, ...]

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.name]

    def count(self, status: Status) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def summary(self) -> str:
        """'7 in both (1 changed), 1 only in A, 1 only in B'."""
        if not self.rows:
            return _("Empty in both")
        number = i18n.number
        parts = []
        paired = self.count("same") + self.count("changed")
        changed = self.count("changed")
        if paired and changed:
            parts.append(
                ngettext(
                    "{paired} in both ({count} changed)",
                    "{paired} in both ({count} changed)",
                    changed,
                ).format(paired=number(paired), count=number(changed))
            )
        elif paired:
            parts.append(_("{count} in both").format(count=number(paired)))
        related = self.count("related")
        if related:
            parts.append(
                ngettext(
                    "{count} pair on the same topic", "{count} pairs on the same topic", related
                ).format(count=number(related))
            )
        only_a, only_b = self.count("only-a"), self.count("only-b")
        if only_a:
            parts.append(_("{count} only in A").format(count=number(only_a)))
        if only_b:
            parts.append(_("{count} only in B").format(count=number(only_b)))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """An item that carries a topic, and where it is."""

    section: str
    index: int
    item: Item


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A row of a section, as far as it is about a topic (an item that does not carry the
    topic is left out of it)."""

    section: str
    row: Row


@dataclass(frozen=True, slots=True)
class TopicComparison:
    """A topic of either briefing: the items of A and of B that carry it, and the same as
    rows, section by section: an item in both on one row, Italy's positions on it side by
    side (their words compared) wherever both briefings have some."""

    topic: str
    a: tuple[TopicEntry, ...]
    b: tuple[TopicEntry, ...]
    rows: tuple[TopicRow, ...]

    @property
    def status(self) -> Literal["both", "only-a", "only-b"]:
        if self.a and self.b:
            return "both"
        return "only-a" if self.a else "only-b"

    def summary(self) -> str:
        """'in both (3 items in A, 1 in B)', 'only in A (2 items)'."""
        number = i18n.number
        if self.status == "both":
            return ngettext(
                "in both ({count} item in A, {b} in B)",
                "in both ({count} items in A, {b} in B)",
                len(self.a),
            ).format(count=number(len(self.a)), b=number(len(self.b)))
        if self.a:
            count = len(self.a)
            message = ngettext("only in A ({count} item)", "only in A ({count} items)", count)
        else:
            count = len(self.b)
            message = ngettext("only in B ({count} item)", "only in B ({count} items)", count)
        return message.format(count=number(count))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Briefing A against briefing B, section by section and topic by topic."""

    a: Briefing
    b: Briefing
    same_meeting: bool
    sections: tuple[SectionComparison, ...]
    """Every section, in reading order (an empty one has no rows)."""
    topics: tuple[TopicComparison, ...]
    """Topics in both first, then only in A, then only in B; alphabetical within each."""

    @property
    def marking(self) -> str:
        """The marking first and last: the higher of the two (every marking of that level
        named, so no caveat is dropped)."""
        return digest_marking([self.a, self.b])

    def section(self, name: str) -> SectionComparison:
        return next(section for section in self.sections if section.name == name)

    @property
    def matched_by(self) -> str:
        """How items were paired, in words for a heading note."""
        if self.same_meeting:
            return _("The same meeting in two versions: items are matched by their heading.")
        return _("Two meetings: items are matched by the topics they share.")


def compare(a: Briefing, b: Briefing, *, same_meeting: bool | None = None) -> Comparison:
    """Compare briefing A with briefing B (A the older, when they are versions of one).

    Whether they are the same meeting is worked out from their dates and titles (see
    `is_same_meeting`) unless `same_meeting` says.
    """
    if same_meeting is None:
        same_meeting = is_same_meeting(a, b)
    sections = tuple(
        SectionComparison(
            name, _rows(getattr(a, name), getattr(b, name), revision=same_meeting, name=name)
        )
        for name in SECTIONS
    )
    topics = _topics(a, b, sections)
    if not same_meeting and not same_language(a, b):
        # two meetings written in two languages: every word would be marked as changed,
        # which says nothing; their statements are shown side by side, unmarked
        sections = tuple(replace(s, rows=tuple(map(_undiffed, s.rows))) for s in sections)
        topics = tuple(
            replace(t, rows=tuple(replace(r, row=_undiffed(r.row)) for r in t.rows)) for t in topics
        )
    return Comparison(a, b, same_meeting, sections, topics)


def same_language(a: Briefing, b: Briefing) -> bool:
    """Whether the two are written in one language (unsaid: English, the format's default)."""
    return (a.language or "en").split("-")[0].lower() == (b.language or "en").split("-")[0].lower()


def _undiffed(row: Row) -> Row:
    return Row(row.status, row.a, row.b, row.a_index, row.b_index, row.shared_topics)


def is_same_meeting(a: Briefing, b: Briefing) -> bool:
    """Whether two briefings are versions of one meeting: the same day and a like title,
    event or place; or a title alike to the letter and a date a few days apart (a date
    corrected). A yearly meeting under the same title a year later is another meeting."""
    title = _ratio(a.title, b.title)
    if a.date == b.date:
        same_event = any(
            x is not None and _fold(x) == _fold(y or "")
            for x, y in ((a.event, b.event), (a.short_name, b.short_name), (a.place, b.place))
        )
        return same_event or title >= SAME_MEETING_TITLE
    near = abs(a.date - b.date) <= dt.timedelta(days=REVISED_DATE_DAYS)
    return near and title >= REVISED_DATE_TITLE


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _ratio(x: str, y: str) -> float:
    return difflib.SequenceMatcher(None, _fold(x), _fold(y), autojunk=False).ratio()


def _shown(value: object) -> str:
    """A field's value as compared and shown: terminal-safe text, clipped as on screen."""
    if isinstance(value, dt.date):
        return date_span(value)
    if isinstance(value, tuple):  # topic tags
        return " ".join(f"#{topic}" for topic in value)
    return clipped(value) if isinstance(value, str) else ""


def heading_of(item: Item) -> str:
    """The words that name an item (a quote by its speaker), terminal-safe."""
    return printable(item.speaker if isinstance(item, Quote) else item_heading(item))


def _fields(item: Item) -> list[tuple[str, str, str]]:
    """Every field of an item but its heading, as (name, label, text), the topics last;
    text is "" where the field holds nothing."""
    found = [
        (spec.name, spec.label, _shown(getattr(item, spec.name)))
        for spec in fields_of(type(item))
        if not spec.heading and spec.name != "topics"
    ]
    return [*found, ("topics", _("Topics"), _shown(item.topics))]


def item_fields(item: Item) -> list[tuple[str, str, str]]:
    """An item's fields that hold something, but its heading: (name, label, text), the
    topics last."""
    return [field for field in _fields(item) if field[2].strip()]


def _field_diffs(a: Item, b: Item) -> tuple[FieldDiff, ...]:
    """Each field either item fills, word by word (both items are of one kind)."""
    return tuple(
        FieldDiff(name, label, tuple(word_diff(old, new)))
        for (name, label, old), (_, _, new) in zip(_fields(a), _fields(b), strict=True)
        if old.strip() or new.strip()
    )


def _pair(a: Item, b: Item, a_index: int, b_index: int, *, status: Status, diff: bool) -> Row:
    shared = tuple(topic for topic in a.topics if topic in b.topics)
    if a == b:
        status = "same"
    if not diff:
        return Row(status, a, b, a_index, b_index, shared)
    heading = tuple(word_diff(heading_of(a), heading_of(b)))
    return Row(status, a, b, a_index, b_index, shared, True, heading, _field_diffs(a, b))


def _text(item: Item) -> str:
    return " ".join(text for _, _, text in item_fields(item))


def _matches(a_items: Sequence[Item], b_items: Sequence[Item], *, revision: bool) -> dict[int, int]:
    """Which item of B each item of A is matched with (by position), one to one: the same
    heading first, in order; then the most alike pairs (see `_Likeness` and
    `_topic_score`), at most FUZZY_PAIRS comparisons near the diagonal."""
    pairs: dict[int, int] = {}
    b_by_heading: dict[str, list[int]] = {}
    for j, item in enumerate(b_items):
        b_by_heading.setdefault(_fold(heading_of(item)), []).append(j)
    for i, item in enumerate(a_items):
        same = b_by_heading.get(_fold(heading_of(item)))
        if same:
            pairs[i] = same.pop(0)
    left_a = [i for i in range(len(a_items)) if i not in pairs]
    taken = set(pairs.values())
    left_b = [j for j in range(len(b_items)) if j not in taken]
    if not left_a or not left_b:
        return pairs
    likeness = _Likeness(b_items) if revision else None
    candidates: list[tuple[float, int, int, int]] = []
    window = max(1, FUZZY_PAIRS // len(left_a))
    for rank, i in enumerate(left_a):
        centre = rank * len(left_b) // len(left_a)
        start = max(0, min(centre - window // 2, len(left_b) - window))
        for j in left_b[start : start + window]:
            if likeness is not None:
                found = likeness.score(a_items[i], j)
            else:
                found = _topic_score(a_items[i], b_items[j])
            if found is not None:
                candidates.append((found, -abs(i - j), i, j))
    candidates.sort(reverse=True)
    for _score, _distance, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


class _Likeness:
    """How alike an item is to each item of a revision's B: by heading (difflib's ratio of
    the letters), or by text (of the words) when the heading was rewritten. B's side of
    each comparison is prepared once (difflib caches what it learns of its second text)."""

    def __init__(self, b_items: Sequence[Item]) -> None:
        self.b_items = b_items
        self._headings: dict[int, difflib.SequenceMatcher[str]] = {}
        self._texts: dict[int, difflib.SequenceMatcher[str]] = {}
        self._a_keys: dict[int, tuple[str, list[str]]] = {}

    def score(self, a: Item, j: int) -> float | None:
        """Above 1 for a like heading, up to 1 for like text; None when neither is alike
        enough to be the same item."""
        heading = self._headings.get(j)
        if heading is None:
            heading = difflib.SequenceMatcher(None, "", _fold(heading_of(self.b_items[j])))
            self._headings[j] = heading
        keys = self._a_keys.get(id(a))
        if keys is None:
            keys = self._a_keys[id(a)] = (_fold(heading_of(a)), _text(a).split())
        heading.set_seq1(keys[0])
        if _alike(heading, HEADING_MATCH):
            return 1 + heading.ratio()
        text = self._texts.get(j)
        if text is None:
            text = difflib.SequenceMatcher(None, [], _text(self.b_items[j]).split())
            self._texts[j] = text
        text.set_seq1(keys[1])
        return text.ratio() if _alike(text, TEXT_MATCH) else None


def _alike(matcher: difflib.SequenceMatcher[str], threshold: float) -> bool:
    """Whether difflib's ratio reaches `threshold`, trying its cheap upper bounds first."""
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def _topic_score(a: Item, b: Item) -> float | None:
    """How alike two items of two meetings are: the share of their topics in common."""
    shared = set(a.topics) & set(b.topics)
    if not shared:
        return None
    return len(shared) / len(set(a.topics) | set(b.topics))


def _rows(
    a_items: Sequence[Item], b_items: Sequence[Item], *, revision: bool, name: str
) -> tuple[Row, ...]:
    """A section's rows: A's items in order, each with its match; B's own items after the
    row of the item of B that comes before them."""
    pairs = _matches(a_items, b_items, revision=revision)
    by_b = {j: i for i, j in pairs.items()}
    diff = revision or name == "positions"
    rows: list[Row] = []
    row_of_a: dict[int, int] = {}
    for i, item in enumerate(a_items):
        row_of_a[i] = len(rows)
        if i in pairs:
            j = pairs[i]
            status: Status = "changed" if revision else "related"
            rows.append(_pair(item, b_items[j], i, j, status=status, diff=diff))
        else:
            rows.append(Row("only-a", item, None, i, None))
    # each item only in B goes after the row of the last matched item of B before it
    inserts: dict[int, list[Row]] = {}
    anchor = -1
    for j, item in enumerate(b_items):
        if j in by_b:
            anchor = row_of_a[by_b[j]]
        else:
            inserts.setdefault(anchor, []).append(Row("only-b", None, item, None, j))
    ordered = list(inserts.get(-1, []))
    for at, row in enumerate(rows):
        ordered.append(row)
        ordered += inserts.get(at, [])
    return tuple(ordered)


def _entries(briefing: Briefing) -> dict[str, list[TopicEntry]]:
    found: dict[str, list[TopicEntry]] = {}
    for name in SECTIONS:
        for index, item in enumerate(getattr(briefing, name)):
            for topic in dict.fromkeys(item.topics):
                found.setdefault(topic, []).append(TopicEntry(name, index, item))
    return found


def _topics(
    a: Briefing, b: Briefing, sections: Sequence[SectionComparison]
) -> tuple[TopicComparison, ...]:
    in_a, in_b = _entries(a), _entries(b)
    order = {"both": 0, "only-a": 1, "only-b": 2}
    topics = [
        TopicComparison(
            topic,
            tuple(in_a.get(topic, ())),
            tuple(in_b.get(topic, ())),
            tuple(row for section in sections for row in _topic_rows(topic, section)),
        )
        for topic in sorted({*in_a, *in_b})
    ]
    topics.sort(key=lambda found: order[found.status])
    return tuple(topics)


def _topic_rows(topic: str, section: SectionComparison) -> list[TopicRow]:
    """A section's rows about `topic`: a pair both of whose items carry it as it is, an
    item whose partner does not alone. Positions on it that the section left apart are
    paired anyway, so that Italy's words on a topic are always side by side."""
    rows: list[Row] = []
    for row in section.rows:
        in_a = row.a is not None and topic in row.a.topics
        in_b = row.b is not None and topic in row.b.topics
        if in_a and in_b:
            rows.append(row)
        elif in_a:
            rows.append(Row("only-a", row.a, None, row.a_index))
        elif in_b:
            rows.append(Row("only-b", None, row.b, None, row.b_index))
    if section.name == "positions":
        rows = _pair_apart(rows)
    return [TopicRow(section.name, row) for row in rows]


def _pair_apart(rows: list[Row]) -> list[Row]:
    """Rows of one side paired, the most alike first, then in order; a pair takes the
    place of its item of A."""
    alone_a = [(row, row.a, row.a_index) for row in rows if row.a is not None and row.b is None]
    alone_b = [(row, row.b, row.b_index) for row in rows if row.b is not None and row.a is None]
    if not alone_a or not alone_b:
        return rows
    pairs: dict[int, int] = {}
    if len(alone_a) * len(alone_b) <= TOPIC_PAIRS:  # else in order: a topic of a huge file
        pairs = _matches([a for _, a, _ in alone_a], [b for _, b, _ in alone_b], revision=True)
    rest_b = [j for j in range(len(alone_b)) if j not in pairs.values()]
    pairs.update(zip([i for i in range(len(alone_a)) if i not in pairs], rest_b, strict=False))
    made: dict[int, Row] = {}
    for i, j in pairs.items():
        (row, a, a_index), (_row_b, b, b_index) = alone_a[i], alone_b[j]
        made[id(row)] = _pair(a, b, a_index or 0, b_index or 0, status="related", diff=True)
    gone = {id(alone_b[j][0]) for j in pairs.values()}
    return [made.get(id(row), row) for row in rows if id(row) not in gone]


# --- plain text ---------------------------------------------------------------------------

Marker = Callable[[str, str], str]
"""How a format marks a run of words: (op, words) -> text."""


def _marked(ops: Iterable[DiffOp], mark: Marker) -> str:
    return " ".join(mark(op, words) for op, words in ops)


def _text_mark(op: str, words: str) -> str:
    if op == "delete":
        return f"[-{words}-]"
    if op == "insert":
        return f"{{+{words}+}}"
    return words


def side_heading(briefing: Briefing) -> tuple[str, str, str]:
    """What heads a side: its marking, title and dates (terminal-safe, one line each)."""
    return (
        " ".join(marking_text(briefing.classification).split()),
        _one_line(briefing.title),
        date_span(briefing.date, briefing.end_date),
    )


def _changed(fields: Iterable[FieldDiff]) -> list[FieldDiff]:
    """The fields a pair differs in: all that mail and Markdown show of a changed pair."""
    return [field for field in fields if any(op != "equal" for op, _ in field.ops)]


def _shared(row: Row) -> str:
    return " ".join(f"#{topic}" for topic in row.shared_topics)


def _text_row(row: Row, width: int, section: str | None = None) -> list[str]:
    """A row as lines: its status and heading, then what it holds or what changed; in a
    topic's list (`section` given) each heading is preceded by its section's title."""
    where = f"{SECTION_TITLES[section]} · " if section else ""
    label = STATUS_LABELS[row.status]
    item = row.a if row.b is None else row.b if row.a is None else None
    if item is not None:
        lines = _wrap(f"{label}: {where}{heading_of(item)}", width, "  ", "    ")
        if not section:
            for _name, field_label, text in item_fields(item):
                lines += _wrap(text, width, f"    {field_label}: ", "      ")
        return lines
    assert row.a is not None
    assert row.b is not None
    if row.status == "same":
        return _wrap(f"{label}: {where}{heading_of(row.a)}", width, "  ", "    ")
    if row.status == "changed":
        heading = f"{label}: {where}{_marked(row.heading, _text_mark)}"
        lines = _wrap(heading, width, "  ", "    ")
    else:
        lines = _wrap(f"{label} ({_shared(row)}):", width, "  ", "    ")
        lines += _wrap(f"A: {where}{heading_of(row.a)}", width, "    ", "      ")
        lines += _wrap(f"B: {where}{heading_of(row.b)}", width, "    ", "      ")
    for field in _changed(row.fields):
        lines += _wrap(_marked(field.ops, _text_mark), width, f"    {field.label}: ", "      ")
    return lines


def _text_rows(rows: Iterable[tuple[str | None, Row]], width: int) -> list[str]:
    """Rows under each other, a blank line around each but between rows that are the
    same in both (one line each)."""
    lines: list[str] = []
    before: Status | None = None
    for section, row in rows:
        if not (row.status == before == "same"):
            lines.append("")
        lines += _text_row(row, width, section)
        before = row.status
    return lines


def comparison_text(c: Comparison, width: int = 80) -> str:
    """The comparison as plain text for mail, wrapped at `width`: the higher marking first
    and last, each side under its own marking, title and dates, then section by section
    and topic by topic. Changed words are marked [-only in A-] and {+only in B+}."""
    check_width(width)
    lines = [c.marking, "", *_text_heading(_(TITLE), width, "=")]
    for label, briefing in (("A", c.a), ("B", c.b)):
        marking, title, dates = side_heading(briefing)
        lines += ["", *_wrap(f"{label}: {marking}", width, rest="   ")]
        lines += _wrap(title, width, "   ", "   ") + _wrap(dates, width, "   ", "   ")
    lines += ["", *_wrap(f"{c.matched_by} {_(TEXT_LEGEND)}", width)]
    for section in c.sections:
        if section.rows:
            lines += ["", "", *_text_heading(section.title, width, "-"), ""]
            lines += _wrap(section.summary() + ".", width)
            lines += _text_rows(((None, row) for row in section.rows), width)
    if c.topics:
        lines += ["", "", *_text_heading(_("By topic"), width, "-")]
    for topic in c.topics:
        lines += ["", *_wrap(f"#{topic.topic}: {topic.summary()}", width)]
        lines += _text_rows(((found.section, found.row) for found in topic.rows), width)
    return _text_document([*lines, "", c.marking])


TITLE = N_("Comparison of two briefings")
"""What heads a comparison (marked only: shown as `_(TITLE)`)."""
TEXT_LEGEND = N_("Words marked [-so-] are only in A, {+so+} only in B.")
"""What the marks of plain text mean (marked only: never formatted, shown as `_()`)."""


# --- Markdown -----------------------------------------------------------------------------


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}."


def _md_mark(op: str, words: str) -> str:
    if op == "delete":
        return f"~~{_md_inline(words, in_strong=True)}~~"
    if op == "insert":
        return f"**{_md_inline(words, in_strong=True)}**"
    return _md_inline(words)


def _md_marked(ops: Iterable[DiffOp]) -> str:
    return _marked(ops, _md_mark)


def _md_diff_heading(level: int, prefix: str, ops: Iterable[DiffOp]) -> str:
    line = _CLOSING_HASHES.sub(r"\1\\\2", f"{_md_inline(prefix)}{_md_marked(ops)}")
    return f"{'#' * level} {line}"


def _md_entry(label: str, inline: str) -> str:
    return f"- **{label}:** {inline}"


def _md_row(row: Row) -> list[str]:
    """A row of a section as blocks: a heading naming it, then a list of what it holds or
    of what changed."""
    label = STATUS_LABELS[row.status]
    item = row.a if row.b is None else row.b if row.a is None else None
    if item is not None:
        entries = [
            _md_entry(field_label, _md_text(text, prefix="  "))
            for _, field_label, text in item_fields(item)
        ]
        return [_md_heading(3, f"{label}: {heading_of(item)}"), "\n".join(entries)]
    assert row.a is not None
    assert row.b is not None
    entries = []
    if row.status in ("same", "changed"):
        blocks = [_md_diff_heading(3, f"{label}: ", row.heading)]
    else:
        blocks = [_md_heading(3, f"{label}: {_shared(row)}")]
        entries += [
            _md_entry("A", _md_inline(_one_line(heading_of(row.a)))),
            _md_entry("B", _md_inline(_one_line(heading_of(row.b)))),
        ]
    entries += [_md_entry(field.label, _md_marked(field.ops)) for field in _changed(row.fields)]
    return [*blocks, "\n".join(entries)]


def _md_topic_row(found: TopicRow) -> str:
    """A row of a topic as one list entry: its section and heading (both, for a pair on the
    same topic), then, on lines of their own, the words that changed."""
    row, where = found.row, SECTION_TITLES[found.section]
    label = STATUS_LABELS[row.status]
    if row.a is not None and row.b is not None and row.status == "changed":
        heading = f"{_md_inline(where)} · {_md_marked(row.heading)}"
    elif row.a is not None and row.b is not None and row.status == "related":
        heading = _md_inline(
            f"{where} · A: {_one_line(heading_of(row.a))}; B: {_one_line(heading_of(row.b))}"
        )
    else:
        item = row.a if row.a is not None else row.b
        assert item is not None
        heading = _md_inline(f"{where} · {_one_line(heading_of(item))}")
    lines = [f"- **{label}:** {heading}"]
    if row.status != "same":
        lines += [f"  {field.label}: {_md_marked(field.ops)}" for field in _changed(row.fields)]
    return "\\\n".join(lines)


def comparison_markdown(c: Comparison) -> str:
    """The comparison as CommonMark: the higher marking (bold) first and last, each side
    under its own, then a heading per section and per row. Words only in A are struck
    (`~~…~~`, GitHub's strikethrough), words only in B in bold; the file's own text is
    escaped only where CommonMark would read markup, so it renders as typed."""
    marking = _md_marking(c.marking)
    blocks = [marking, _md_heading(1, _(TITLE))]
    for label, briefing in (("A", c.a), ("B", c.b)):
        side_marking, title, dates = side_heading(briefing)
        entries = [
            _md_entry(label, _md_marking(side_marking)),
            _md_entry(_("Title"), _md_inline(title)),
            _md_entry(_("Dates"), dates),
        ]
        blocks.append("\n".join(entries))
    blocks.append(f"{_md_line(c.matched_by)} {_md_inline(_(MARKDOWN_LEGEND))}")
    for section in c.sections:
        if section.rows:
            blocks += [_md_heading(2, section.title), section.summary() + "."]
            # rows the same in both: one list, a line each, bulleted with `*` so that it does
            # not run on from the `-` list of the row before it
            same: list[str] = []
            for row in section.rows:
                if row.status == "same":
                    heading = _md_inline(_one_line(heading_of(row.item)))
                    same.append(f"* **{_md_inline(STATUS_LABELS['same'])}:** {heading}")
                    continue
                blocks += ["\n".join(same), *_md_row(row)]
                same = []
            blocks.append("\n".join(same))
    if c.topics:
        blocks.append(_md_heading(2, _("By topic")))
    for topic in c.topics:
        blocks += [_md_heading(3, f"#{topic.topic}"), _sentence(topic.summary())]
        blocks.append("\n".join(_md_topic_row(found) for found in topic.rows))
    return _md_document([*blocks, marking])


MARKDOWN_LEGEND = N_("Words only in A are struck through, words only in B are in bold.")
"""What the marks of Markdown mean (marked only: shown as `_(MARKDOWN_LEGEND)`)."""

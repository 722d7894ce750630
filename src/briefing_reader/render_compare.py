"""Rich renderables of a comparison (`compare.py`): `briefing compare` on a terminal, and
the rows of the compare screen.

Each side of a row is a `Text` built from `printable()` strings, never markup from the file.
Words only in A are struck through on red, words only in B bold and underlined on green:
each style carries its own background, so the words stay legible on any theme and under
the highlighted row, and without colour (NO_COLOR) they still read as struck and bold.
No text is dim (but the dash of a side with nothing): dimmed text falls below 4.5:1 on
some theme's highlighted row (high contrast's is yellow); what says less is in italics.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from . import i18n
from .compare import (
    MAIN_FIELDS,
    STATUS_LABELS,
    TITLE,
    Comparison,
    DiffOp,
    Row,
    SectionComparison,
    TopicComparison,
    TopicRow,
    heading_of,
    item_fields,
    side_heading,
    side_of,
)
from .i18n import _, ngettext
from .model import SECTION_SHORT_TITLES, Briefing, Item
from .render import banner
from .text import BADGE_MARKING_COLOURS, headline, marking_level, marking_text, printable

Side = Literal["a", "b"]

DELETED = Style(strike=True, color="#ffffff", bgcolor="#8b1a1a")
"""Words only in A: white on dark red (9:1), struck through."""
INSERTED = Style(bold=True, underline=True, color="#ffffff", bgcolor="#1a5e2a")
"""Words only in B: white on dark green (7.6:1), bold and underlined."""
OP_STYLES = {"delete": DELETED, "insert": INSERTED}
NOTHING = "—"
"""What a side shows where it has no item: a dim dash (a mark, not text to read)."""


def legend() -> Text:
    """What the marks mean, in their own styles."""
    text = Text()
    entries: tuple[tuple[str, str, Style | str], ...] = (
        (_("{sample}: only in A"), _("struck on red"), DELETED),
        (_("{sample}: only in B"), _("bold on green"), INSERTED),
        (_("{sample}: not in this one"), NOTHING, "dim"),
    )
    for number, (message, sample, style) in enumerate(entries):
        if number:
            text.append(" · ")
        before, _sample, after = message.partition("{sample}")
        text.append(before)
        text.append(sample, style=style)
        text.append(after)
    return text


def ops_text(ops: Iterable[DiffOp], side: Side, style: str = "") -> Text:
    """The runs of words one side shows, the changed ones marked."""
    text = Text(style=style)
    for number, (op, words) in enumerate(side_of(ops, side)):
        if number:
            text.append(" ")
        text.append(printable(words), style=OP_STYLES.get(op, ""))
    return text


def _item_text(item: Item, *, full: bool) -> Text:
    """An item's heading in bold, and with `full` its fields below it."""
    text = Text()
    text.append(headline(heading_of(item)), style="bold")
    if full:
        for name, label, value in item_fields(item):
            text.append("\n")
            if name == "topics":
                text.append(printable(value), style="italic")
                continue
            if name not in MAIN_FIELDS:
                text.append(f"{label}: ", style="italic")
            text.append(printable(value))
    return text


def _diff_text(row: Row, side: Side, *, full: bool) -> Text:
    """One side of a pair whose words were compared, the changed ones marked; but the
    headings of two meetings' items, written apart, which are shown as they are."""
    text = Text()
    item = row.a if side == "a" else row.b
    if row.status == "related" and item is not None:
        text.append(headline(heading_of(item)), style="bold")
    else:
        text.append_text(ops_text(row.heading, side, "bold"))
    for field in row.fields if full else ():
        shown = ops_text(field.ops, side)
        if not shown.plain:
            continue
        text.append("\n")
        if field.name == "topics":
            shown.stylize("italic")
        elif not field.main:
            text.append(f"{field.label}: ", style="italic")
        text.append_text(shown)
    return text


def cell(row: Row, side: Side, *, full: bool | None = None) -> Text:
    """What a row shows on one side: the item (its changes marked), or a dim dash. In
    full (its fields below its heading) unless it is the same in both, or `full` says."""
    item = row.a if side == "a" else row.b
    if item is None:
        return Text(NOTHING, style="dim")
    if full is None:
        full = row.status != "same"
    if row.diffed:
        return _diff_text(row, side, full=full)
    return _item_text(item, full=full)


def caption(row: Row) -> Text:
    """A row's status: same, changed (how many words), on the same topic (which)."""
    text = Text(STATUS_LABELS[row.status], style="italic")
    if row.status == "related":
        text.append(": " + " ".join(f"#{printable(topic)}" for topic in row.shared_topics))
    elif row.status == "changed":
        count = row.changed_words
        if count:
            words = ngettext("{count} word", "{count} words", count)
            text.append("\n" + words.format(count=i18n.number(count)))
    return text


def pair(left: RenderableType, right: RenderableType, *, stacked: bool) -> Table:
    """Two cells side by side, or above each other labelled A and B when `stacked`."""
    grid = Table.grid(expand=True, padding=(0, 1) if stacked else (0, 2))
    if stacked:
        grid.add_column(width=1, style="bold")
        grid.add_column(ratio=1)
        grid.add_row("A", left)
        grid.add_row("B", right)
    else:
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(left, right)
    return grid


def row_view(row: Row, *, stacked: bool = False) -> RenderableType:
    """A row of a section for the compare screen. Side by side: its status in a narrow
    column, then A, then B. Stacked: its status above A and B, labelled; a row the same
    in both is one line either way."""
    if not stacked:
        grid = Table.grid(expand=True, padding=(0, 2, 0, 0))
        grid.add_column(width=CAPTION_WIDTH, overflow="fold")
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(caption(row), cell(row, "a"), cell(row, "b"))
        return grid
    if row.status == "same":
        line = Text()
        line.append(f"{STATUS_LABELS['same']}: ", style="italic")
        line.append(headline(heading_of(row.item)))
        return line
    return Group(caption(row), pair(cell(row, "a"), cell(row, "b"), stacked=True))


def _topic_cell(found: TopicRow, side: Side) -> Text:
    row = found.row
    item = row.a if side == "a" else row.b
    if item is None:
        return Text(NOTHING, style="dim")
    text = Text()
    text.append(f"{SECTION_SHORT_TITLES[found.section]} · ", style="italic")
    full = found.section == "positions" and row.diffed and row.status != "same"
    text.append_text(cell(row, side, full=full))
    return text


def topic_view(topic: TopicComparison, *, stacked: bool = False) -> RenderableType:
    """A topic for the compare screen: where it is, then its items of A beside those of
    B, Italy's positions on it in full with their changed words marked."""
    heading = Text(f"#{printable(topic.topic)}", style="bold")
    heading.append(f" · {topic.summary()}", style="italic")
    rows: list[RenderableType] = [heading]
    for found in topic.rows:
        rows.append(pair(_topic_cell(found, "a"), _topic_cell(found, "b"), stacked=stacked))
    return Group(*rows)


def _badge(marking: str | None) -> Text:
    """A marking as a short block in its colour, for a heading on one line."""
    foreground, background = BADGE_MARKING_COLOURS[marking_level(marking)]
    words = " ".join(marking_text(marking).split())
    return Text(f" {words} ", style=f"bold {foreground} on {background}")


def head(briefing: Briefing, label: str, name: str | None = None) -> RenderableType:
    """A side's heading: its own marking as a banner, then its title, dates and file."""
    _marking, title, dates = side_heading(briefing)
    line = Text(f"{label} · ", style="bold")
    line.append(headline(title), style="bold")
    details = Text(dates + (f" · {printable(name)}" if name else ""), style="italic")
    return Group(banner(briefing.classification, BADGE_MARKING_COLOURS), line, details)


def head_line(briefing: Briefing, label: str, name: str | None = None) -> Text:
    """A side's heading on one line, for a narrow screen: its marking as a badge."""
    _marking, title, dates = side_heading(briefing)
    text = Text(f"{label} ", style="bold")
    text.append_text(_badge(briefing.classification))
    text.append(f" {headline(title)}", style="bold")
    text.append(f" · {dates}" + (f" · {printable(name)}" if name else ""), style="italic")
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def heads(
    c: Comparison, names: tuple[str | None, str | None] = (None, None), *, stacked: bool = False
) -> RenderableType:
    """Both sides' headings: a line each when `stacked`; else side by side, above the
    columns of `row_view` (what was compared in the status column)."""
    if stacked:
        return Group(head_line(c.a, "A", names[0]), head_line(c.b, "B", names[1]))
    grid = Table.grid(expand=True, padding=(0, 2, 0, 0))
    grid.add_column(width=CAPTION_WIDTH, style="italic", overflow="fold")
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    kind = _("Two versions") if c.same_meeting else _("Two meetings")
    grid.add_row(kind, head(c.a, "A", names[0]), head(c.b, "B", names[1]))
    return grid


CAPTION_WIDTH = 11
"""The status column of a section's table: 'Only in A', a changed row's word count below."""


def _section_table(section: SectionComparison) -> Table:
    table = Table(box=box.SIMPLE, expand=True, show_header=False, show_lines=True)
    table.add_column(width=CAPTION_WIDTH, style="italic", overflow="fold")
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    for row in section.rows:
        table.add_row(caption(row), cell(row, "a"), cell(row, "b"))
    return table


def _topic_table(topic: TopicComparison) -> Table:
    table = Table(box=None, expand=True, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    for found in topic.rows:
        table.add_row(_topic_cell(found, "a"), _topic_cell(found, "b"))
    return table


def comparison_rich(c: Comparison) -> RenderableType:
    """The whole comparison for a terminal: the higher marking first and last, each side
    under its own marking, title and dates, then each section's rows with A beside B,
    and each topic's items."""
    parts: list[RenderableType] = [
        banner(c.marking),
        Text(""),
        Text(_(TITLE), style="bold"),
        Text(""),
        heads(c),
        Text(""),
        Text(c.matched_by, style="italic"),
        legend(),
    ]
    for section in c.sections:
        if section.rows:
            title = Text(section.title, style="bold")
            title.append(f" · {section.summary()}", style="italic")
            parts += [Text(""), Rule(title, align="left"), _section_table(section)]
    if c.topics:
        parts += [Text(""), Rule(Text(_("By topic"), style="bold"), align="left")]
    for topic in c.topics:
        heading = Text(f"#{printable(topic.topic)}", style="bold")
        heading.append(f" · {topic.summary()}", style="italic")
        parts += [Text(""), heading, _topic_table(topic)]
    parts += [Text(""), banner(c.marking)]
    return Group(*parts)

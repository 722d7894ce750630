"""A briefing as a deck of slides, laid out for a terminal of a given size.

A title slide (the title, the event's facts and the summary), then each section that has
items, in the model's order, then the source. Nothing is ever cut: every block (an item,
the facts, the summary) is rendered at the slide's real column width with the same Rich
renderables the reader's detail view uses, and the rendered lines are what the slide
shows. Blocks that fit flow onto a slide one after another; the rest of a section goes on
the next slide ("Positions (2/3)"); a block taller than a whole slide is split by lines
across slides, each continuation saying what it continues.

Pure: Rich only, no Textual; the screen (screens/present.py) shows the lines as they are.
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.styled import Styled
from rich.table import Table
from rich.text import Text

from . import bigtype
from .i18n import _
from .model import SECTION_SHORT_TITLES, SECTION_TITLES, SECTIONS, Briefing, item_heading
from .render import item_detail, safe, source_text
from .text import date_span, headline

MAX_COLUMN = 100
"""The widest the text column gets: lines longer than this are hard to follow on a wall."""

OVERVIEW = "overview"
SOURCE = "source"
CHAPTERS: tuple[str, ...] = (OVERVIEW, *SECTIONS, SOURCE)
"""Every kind of chapter a deck can hold, in deck order."""

BULLET = "■"

Line = tuple[Segment, ...]
Anchor = tuple[int, int, int]
"""Where a slide starts: its chapter's place in the deck, the block, and the line of the
block. Resizing keeps the reader on the slide that holds the anchor of the one shown."""


@dataclass(frozen=True, slots=True)
class Chapter:
    """A run of slides: the title slide, a section or the source."""

    name: str
    """`overview`, a section's key, or `source`."""
    title: str
    """The heading of each of its slides (for the title slide, the briefing's title)."""
    label: str
    """What the footer calls it: 'Overview', 'Positions', 'Source'."""
    blocks: tuple[RenderableType, ...]
    """What it shows, in order: for a section, one block per item."""
    names: tuple[str, ...]
    """Each block's name, said where a block split across slides continues."""
    big: tuple[str, ...] = ()
    """Other texts the heading may be drawn in large type from, when the title will not
    fit (the event's short name); the title then heads the body, in bold."""


@dataclass(frozen=True, slots=True)
class Slide:
    """One screenful: lines ready to show, and where it sits in the deck."""

    chapter: str
    """The name of its chapter (`overview`, a section's key, `source`)."""
    label: str
    part: int
    """Which of its chapter's slides this is, from 1."""
    parts: int
    lines: tuple[Line, ...]
    """Every line of the slide, top margin, heading and body, each at most the deck's width."""
    body: int
    """Where its body starts in `lines`, below the heading."""
    blocks: tuple[int, ...]
    """The chapter's blocks shown on it, whole or in part (for a section: its items)."""
    start: Anchor

    @property
    def caption(self) -> str:
        """The footer's name for it: 'Positions (2/3)', or 'Agenda' for a single slide."""
        if self.parts == 1:
            return self.label
        return _("{label} ({part}/{parts})").format(
            label=self.label, part=self.part, parts=self.parts
        )

    @property
    def text(self) -> str:
        """The slide as plain text (for tests)."""
        return "\n".join(plain(self.lines))


class Lines:
    """Lines already rendered, as a Rich renderable that shows them exactly as they are."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.width = max((Segment.get_line_length(list(line)) for line in lines), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for number, line in enumerate(self.lines):
            if number:
                yield Segment.line()
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


# --- what goes on the slides ------------------------------------------------------------


def chapters(briefing: Briefing) -> list[Chapter]:
    """The deck's chapters, in order: the title slide, each section with items, the source."""
    found = [_overview(briefing)]
    for name in SECTIONS:
        items = getattr(briefing, name)
        if items:
            found.append(
                Chapter(
                    name=name,
                    title=SECTION_TITLES[name],
                    label=SECTION_SHORT_TITLES[name],
                    blocks=tuple(Bulleted(_folded(item_detail(item))) for item in items),
                    names=tuple(headline(item_heading(item)) for item in items),
                )
            )
    if briefing.source:
        block = source_text(briefing.source)
        source = _("Source")
        found.append(Chapter(SOURCE, source, source, (block,), (source,)))
    return found


class Bulleted:
    """An item beside a bullet, its lines hanging under its heading. (A table would do it
    too, but would measure the whole item once more to size its columns.)"""

    def __init__(self, item: RenderableType) -> None:
        self.item = item

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = len(BULLET) + 1
        if options.max_width <= indent:
            yield self.item
            return
        inner = options.update_width(options.max_width - indent)
        for number, line in enumerate(console.render_lines(self.item, inner, pad=False)):
            if number:
                yield Segment(" " * indent)
            else:
                yield Segment(f"{BULLET} ", _BOLD)
            yield from line
            yield Segment.line()


def _folded(renderable: RenderableType) -> RenderableType:
    """`renderable` with every table in it folding a word too long for its column onto the
    next line, where Rich's tables would cut it short with an ellipsis."""
    match renderable:
        case Table():
            for column in renderable.columns:
                column.overflow = "fold"
                for cell in column.cells:
                    _folded(cell)
        case Group():
            for part in renderable.renderables:
                _folded(part)
        case Padding() | Styled():
            _folded(renderable.renderable)
    return renderable


class Facts:
    """Labelled values: labels in a column beside the values where there is room for both,
    else each label above its value."""

    ROOM = 40
    """The least width for two columns: 'Principal' and a few words beside it."""

    def __init__(self, rows: Sequence[tuple[str, Text]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.ROOM:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column(overflow="fold")
            for label, value in self.rows:
                grid.add_row(label, value)
            yield grid
            return
        for label, value in self.rows:
            yield Text(label, style="dim")
            yield value


def _overview(briefing: Briefing) -> Chapter:
    event = briefing.event or briefing.short_name
    if briefing.event and briefing.short_name:
        event = f"{briefing.event} ({briefing.short_name})"
    rows = (
        (_("Event"), event),
        (_("Dates"), date_span(briefing.date, briefing.end_date)),
        (_("Place"), briefing.place),
        (_("Principal"), briefing.principal),
    )
    facts = Facts([(label, safe(value)) for label, value in rows if value])
    blocks: list[RenderableType] = [facts]
    names = [_("Overview")]
    if briefing.summary:
        blocks.append(safe(briefing.summary))
        names.append(_("Summary"))
    big = (briefing.short_name,) if briefing.short_name else ()
    return Chapter(OVERVIEW, briefing.title, _("Overview"), tuple(blocks), tuple(names), big)


# --- laying them out --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frame:
    """How a slide of a given size is laid out."""

    width: int
    height: int

    @property
    def column(self) -> int:
        return max(1, min(self.width, MAX_COLUMN))

    @property
    def margin(self) -> int:
        """Cells left of the column, which is centred."""
        return max(0, (self.width - self.column) // 2)

    @property
    def top(self) -> int:
        """Blank lines above the heading."""
        return 2 if self.height >= 40 else 1 if self.height >= 14 else 0

    @property
    def gap(self) -> int:
        """Blank lines between the heading and the body."""
        return 2 if self.height >= 40 else 1 if self.height >= 10 else 0

    @property
    def spacing(self) -> int:
        """Blank lines between two blocks."""
        return 2 if self.height >= 40 else 1

    @property
    def big_rows(self) -> int:
        """The most rows a heading in large type may take: under half of the slide."""
        return 0 if self.height < 16 else (self.height - self.top - self.gap) * 9 // 20


def deck(briefing: Briefing, width: int, height: int) -> list[Slide]:
    """Every slide of `briefing` for a slide area of `width` by `height` cells."""
    frame = Frame(max(1, width), max(1, height))
    console = _console(frame.column)
    slides: list[Slide] = []
    for number, chapter in enumerate(chapters(briefing)):
        slides.extend(_chapter_slides(number, chapter, frame, console))
    return slides


def render_block(block: RenderableType, width: int) -> list[Line]:
    """A block's lines at `width`, as a slide of that column width shows them."""
    return _render(_console(width), block, width)


def _console(width: int) -> Console:
    return Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _render(console: Console, renderable: RenderableType, width: int) -> list[Line]:
    options = console.options.update(width=width, max_width=width, height=None)
    return [tuple(line) for line in console.render_lines(renderable, options, pad=False)]


def _heading(
    chapter: Chapter, frame: Frame, console: Console
) -> tuple[list[Line], RenderableType | None]:
    """The heading's lines, and a block to put first in the body if the heading could not
    say all of the title."""
    candidates = [(chapter.title, None), *((text, chapter.title) for text in chapter.big)]
    for text, displaced in candidates:
        for lines in range(3 if chapter.name == OVERVIEW else 1, 0, -1):
            if bigtype.height_of(lines) > frame.big_rows:
                continue
            rows = bigtype.big_text(text, frame.column, lines)
            if rows is not None:
                heading = [_centred(row, frame.column) for row in rows]
                extra = _title(displaced) if displaced else None
                return heading, extra
    title = headline(chapter.title)
    wrapped = _render(console, Text(title, style="bold", justify="center"), frame.column)
    if len(wrapped) <= max(1, frame.height // 4):
        return wrapped, None
    one_line = Text(title, style="bold", justify="center", no_wrap=True, overflow="ellipsis")
    return _render(console, one_line, frame.column), _title(chapter.title)


def _title(title: str) -> Text:
    return Text(headline(title), style="bold", justify="center")


def _centred(row: str, width: int) -> Line:
    pad = max(0, (width - len(row)) // 2)
    return (Segment(" " * pad), Segment(row, _BOLD))


_BOLD = Style(bold=True)


def _chapter_slides(number: int, chapter: Chapter, frame: Frame, console: Console) -> list[Slide]:
    heading, extra = _heading(chapter, frame, console)
    room = frame.height - frame.top - len(heading) - frame.gap
    if room < 1:  # a slide too small for its heading keeps the body whole
        heading, room = [], max(1, frame.height - frame.top - frame.gap)
    blocks = [_render(console, block, frame.column) for block in chapter.blocks]
    names = list(chapter.names)
    first_block = 0
    if extra is not None:  # the full title heads the body: not an item, block -1
        blocks.insert(0, _render(console, extra, frame.column))
        names.insert(0, chapter.title)
        first_block = -1
    pages = _paginate(blocks, room, frame.spacing)
    markers: dict[int, Line] = {}
    slides = []
    for part, page in enumerate(pages, start=1):
        body: list[Line] = []
        for position, (block, offset, lines) in enumerate(page):
            if position:
                body.extend([()] * frame.spacing)
            if offset and room >= 2:
                if block not in markers:
                    marker = Text(
                        _("↳ {name} (continued)").format(name=names[block]),
                        style="dim italic",
                        no_wrap=True,
                        overflow="ellipsis",
                    )
                    markers[block] = _render(console, marker, frame.column)[0]
                body.append(markers[block])
            body.extend(lines)
        top: list[Line] = [()] * frame.top
        gap: list[Line] = [()] * frame.gap
        lines = [_indent(line, frame.margin) for line in [*top, *heading, *gap, *body]]
        first, offset, _lines = page[0]
        shown = tuple(sorted({block + first_block for block, _, _ in page} - {-1}))
        slides.append(
            Slide(
                chapter=chapter.name,
                label=chapter.label,
                part=part,
                parts=len(pages),
                lines=tuple(lines),
                body=len(top) + len(heading) + len(gap),
                blocks=shown,
                start=(number, first + first_block, offset),
            )
        )
    return slides


def _indent(line: Line, margin: int) -> Line:
    return (Segment(" " * margin), *line) if margin and line else line


Piece = tuple[int, int, list[Line]]
"""A block's lines on one slide: which block, from which of its lines, and those lines."""


def _paginate(blocks: Sequence[list[Line]], room: int, spacing: int) -> list[list[Piece]]:
    """Blocks flowed onto as few pages of `room` lines as they need (see `_flow`), evened
    out so that the last page is not left with one item: the shortest page that needs no
    more pages than a full one does."""
    pages = list(_flow(blocks, room, spacing))
    if len(pages) < 2 or any(len(lines) > room for lines in blocks):
        return pages
    low, high = max(len(lines) for lines in blocks), room
    while low < high:
        middle = (low + high) // 2
        if sum(1 for _ in _flow(blocks, middle, spacing)) <= len(pages):
            high = middle
        else:
            low = middle + 1
    return list(_flow(blocks, low, spacing))


def _flow(blocks: Sequence[list[Line]], room: int, spacing: int) -> Iterator[list[Piece]]:
    """Blocks flowed onto pages of `room` lines, `spacing` blank lines between two; a block
    taller than a page starts a page of its own and continues on the next, where a line
    says what it continues (when there is room for one)."""
    page: list[Piece] = []
    used = 0
    for block, lines in enumerate(blocks):
        need = len(lines) + (spacing if page else 0)
        if used + need <= room:
            page.append((block, 0, lines))
            used += need
            continue
        if page:
            yield page
            page, used = [], 0
        if len(lines) <= room:
            page, used = [(block, 0, lines)], len(lines)
            continue
        offset = 0
        while offset < len(lines):
            marker = 1 if offset and room >= 2 else 0
            chunk = lines[offset : offset + room - marker]
            page, used = [(block, offset, chunk)], len(chunk) + marker
            offset += len(chunk)
            if offset < len(lines):
                yield page
                page, used = [], 0
    if page:
        yield page


# --- finding one's way --------------------------------------------------------------------


def opening(slides: Sequence[Slide], start: str | None) -> int:
    """The slide a deck opens on for `start` (a section's key, `overview`, `source` or
    None): the first of that chapter, or of the next one the deck has."""
    if not slides or start is None or start not in CHAPTERS:
        return 0
    wanted = CHAPTERS.index(start)
    for index, slide in enumerate(slides):
        if CHAPTERS.index(slide.chapter) >= wanted:
            return index
    return len(slides) - 1


def locate(slides: Sequence[Slide], anchor: Anchor) -> int:
    """The slide holding `anchor` (the start of a slide of the same deck at another size)."""
    if not slides:
        return 0
    return max(0, bisect_right([slide.start for slide in slides], anchor) - 1)


def plain(lines: Iterable[Line]) -> list[str]:
    """Rendered lines as plain text, trailing spaces dropped."""
    return ["".join(segment.text for segment in line).rstrip() for line in lines]

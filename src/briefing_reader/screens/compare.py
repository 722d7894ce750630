"""Two briefings side by side: section by section, and topic by topic.

A page for each section either briefing has items in, and one for the topics, named in a
line of tabs. Each row
holds an item of A and its match in B on one line (an item of one side against a dim
"—"), with the words that changed marked; below 100 columns the two sides sit above each
other. The marking banner, top and bottom, is the higher of the two briefings'; each side
is headed with its own. Escape or backspace goes back to where the comparison was opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.widgets.option_list import Option

from ..compare import Comparison, Row, TopicComparison, compare
from ..i18n import N_, _, ngettext, number
from ..model import SECTION_SHORT_TITLES, Briefing
from ..render_compare import heads, legend, row_view, topic_view
from ..widgets.footer import KeyFooter
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner
from .base import ClosingScreen

STACKED_BELOW = 100
"""Screen columns below which A and B sit above each other instead of side by side."""

TOPICS = "topics"
"""The key of the page of topics, beside the sections' keys."""


class RowOption(Option):
    """A row of a section, carrying the row."""

    def __init__(self, row: Row, *, stacked: bool) -> None:
        super().__init__(row_view(row, stacked=stacked))
        self.row = row


class TopicOption(Option):
    """A topic, with its items in A and in B."""

    def __init__(self, topic: TopicComparison, *, stacked: bool) -> None:
        super().__init__(topic_view(topic, stacked=stacked))
        self.topic = topic


def _same(option: Option) -> bool:
    return isinstance(option, RowOption) and option.row.status == "same"


def _separated(options: list[Option]) -> list[Option | None]:
    """Options with a rule between them, but between rows that are the same in both (one
    line each). OptionList's rules are not options: an option's index is unchanged."""
    lines: list[Option | None] = []
    for index, option in enumerate(options):
        if index and not (_same(option) and _same(options[index - 1])):
            lines.append(None)
        lines.append(option)
    return lines


class PageBar:
    """The pages as one line of tabs, '1 Agenda  2 Positions …', the shown one in reverse;
    where they do not fit, the others by their number alone. A click shows a page."""

    def __init__(self, titles: list[str], active: int) -> None:
        self.titles, self.active = titles, active

    def _line(self, *, compact: bool) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for index, title in enumerate(self.titles):
            label = f"{index + 1} {title}" if index < 9 else title
            if compact and index != self.active:
                label = str(index + 1) if index < 9 else title[:1]
            click = Style(meta={"@click": f"screen.show_page({index})"})
            if index:
                line.append(" ")
            style = Style(bold=True, reverse=True) if index == self.active else Style()
            line.append(f" {label} ", style + click)
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = self._line(compact=False)
        yield line if line.cell_len <= options.max_width else self._line(compact=True)


class CompareScreen(ClosingScreen[None]):
    """Briefing A (at `a_path`) beside briefing B (at `b_path`). Dismissed with None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "close", N_("Back")),
        Binding("tab", "next_page", N_("Next section"), priority=True),
        Binding("shift+tab", "previous_page", N_("Previous section"), priority=True, show=False),
        Binding("right,l", "next_page", N_("Next section"), show=False),
        Binding("left,h", "previous_page", N_("Previous section"), show=False),
        Binding(
            "n",
            "next_change",
            N_("Next change"),
            tooltip=N_("The next row that changed (between two meetings: the next pair)"),
        ),
        Binding("N", "previous_change", N_("Previous change"), show=False),
        # one line in the help for the nine: the first says what they all do
        *[
            Binding(
                str(number),
                f"show_page({number - 1})",
                N_("Section by its number (1…9)") if number == 1 else "",
                show=False,
            )
            for number in range(1, 10)
        ],
    ]

    def __init__(self, a: Briefing, b: Briefing, a_path: Path, b_path: Path) -> None:
        super().__init__(id="compare")
        self.a, self.b = a, b
        self.a_path, self.b_path = a_path, b_path
        self.comparison: Comparison = compare(a, b)
        self.pages: list[str] = [s.name for s in self.comparison.sections if s.rows] + [TOPICS]
        """The keys of the pages shown, in order: the sections with items, then topics."""
        self.page = self._opening_page()
        self.stacked = False
        self._places: dict[str, int] = {}
        """The highlighted row of each page seen, to come back to."""

    def _opening_page(self) -> str:
        """Where to start: for a revision the first section that changed; for two meetings
        Italy's positions (where they differ most), or the first section they share."""
        sections = [section for section in self.comparison.sections if section.rows]
        notable = [s.name for s in sections if any(map(self._notable_row, s.rows))]
        if not self.comparison.same_meeting and "positions" in notable:
            return "positions"
        return notable[0] if notable else self.pages[0]

    def _notable_row(self, row: Row) -> bool:
        """A row `n` stops at: one that changed, or between two meetings a pair."""
        if self.comparison.same_meeting:
            return row.status != "same"
        return row.status == "related"

    def _notable(self, option: Option) -> bool:
        if isinstance(option, RowOption):
            return self._notable_row(option.row)
        if isinstance(option, TopicOption):
            topic = option.topic
            if self.comparison.same_meeting:
                return topic.status != "both" or any(f.row.status != "same" for f in topic.rows)
            return topic.status == "both"
        return False

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="compare-marking-top")
        yield Static(id="compare-heads")
        yield Static(id="compare-pages")
        yield Static(id="compare-summary")
        yield NavList(id="compare-rows")
        yield KeyFooter()
        yield MarkingBanner(id="compare-marking-bottom")

    @staticmethod
    def _title(key: str) -> str:
        return _("By topic") if key == TOPICS else SECTION_SHORT_TITLES[key]

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.comparison.marking)
        self.stacked = self.size.width < STACKED_BELOW
        self._show_heads()
        self._show_page(self.page, keep=False)
        self.set_focus(self.query_one("#compare-rows", NavList))

    def on_resize(self, event: events.Resize) -> None:
        stacked = event.size.width < STACKED_BELOW
        if stacked != self.stacked:
            self.stacked = stacked
            self._show_heads()
            self._show_page(self.page)

    def _show_heads(self) -> None:
        names = (self.a_path.name, self.b_path.name)
        self.query_one("#compare-heads", Static).update(
            heads(self.comparison, names, stacked=self.stacked)
        )

    @property
    def rows(self) -> NavList:
        return self.query_one("#compare-rows", NavList)

    def _show_page(self, key: str, *, keep: bool = True) -> None:
        """Fill the rows with page `key`, at the row last highlighted there (or the first
        that differs, on a first visit)."""
        rows = self.rows
        if keep and rows.highlighted is not None:
            self._places[self.page] = rows.highlighted
        self.page = key
        options: list[Option]
        summary = Text(style="bold")
        if key == TOPICS:
            topics = self.comparison.topics
            options = [TopicOption(topic, stacked=self.stacked) for topic in topics]
            both = sum(1 for topic in topics if topic.status == "both")
            counted = ngettext(
                "{count} topic, {both} in both", "{count} topics, {both} in both", len(topics)
            )
            summary.append(counted.format(count=number(len(topics)), both=number(both)))
            if not topics:
                options = [Option(Text(_("Neither briefing has topic tags.")), disabled=True)]
        else:
            section = self.comparison.section(key)
            options = [RowOption(row, stacked=self.stacked) for row in section.rows]
            summary.append(section.summary())
        summary.append("   ")
        summary.append_text(legend())
        self.query_one("#compare-summary", Static).update(summary)
        rows.set_options(_separated(options))
        if key in self._places:
            rows.highlighted = min(self._places[key], len(options) - 1)
        elif options and not options[0].disabled:
            rows.highlighted = next(
                (index for index, option in enumerate(options) if self._notable(option)), 0
            )
        bar = PageBar([self._title(page) for page in self.pages], self.pages.index(key))
        self.query_one("#compare-pages", Static).update(bar)

    def action_next_page(self) -> None:
        self._go(self.pages.index(self.page) + 1)

    def action_previous_page(self) -> None:
        self._go(self.pages.index(self.page) - 1)

    def action_show_page(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self._go(index)

    def _go(self, index: int) -> None:
        key = self.pages[index % len(self.pages)]
        if key != self.page:
            self._show_page(key)

    def action_next_change(self) -> None:
        self._step_change(1)

    def action_previous_change(self) -> None:
        self._step_change(-1)

    def _step_change(self, step: int) -> None:
        """Highlight the next (or previous) notable row: see `_notable`."""
        rows = self.rows
        here = rows.highlighted if rows.highlighted is not None else -step
        index = here + step
        while 0 <= index < rows.option_count:
            if self._notable(rows.get_option_at_index(index)):
                rows.highlighted = index
                return
            index += step

    def action_close(self) -> None:
        self.dismiss(None)

"""Search the whole library as you type; enter jumps to a hit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.signal import Signal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..catalogue import Catalogue, Change
from ..i18n import N_, _, ngettext, number
from ..navigation import PANE_TITLES
from ..search import SearchHit, SearchIndex, SearchMatch
from ..text import headline, printable
from ..topics import ItemRef
from ..widgets.footer import KeyFooter
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner
from .base import ClosingScreen

SearchOutcome = tuple[str, ItemRef | None]


PAGE_SPARE = 8
"""Hits the list holds beyond a screenful at first; more join it as its highlight or
scroll nears the end. An option list lays out every option it is given: 500 hits took
most of a keystroke, and 50 a quarter of one."""


class SearchHitOption(Option):
    """A hit in the list, carrying where it is, and which match it is (`key`)."""

    def __init__(self, hit: SearchHit, key: tuple[Path, int]) -> None:
        super().__init__(hit_prompt(hit))
        self.ref = hit.ref
        self.key = key


def hit_prompt(hit: SearchHit) -> Text:
    """Where the hit is, then the matching text with the query highlighted."""
    where = Text(f"{hit.briefing.date.isoformat()} ", style="dim")
    where.append(headline(hit.briefing.title), style="dim")
    where.append(f" › {_(PANE_TITLES[hit.ref.section])} › ", style="dim")
    where.append(headline(hit.heading), style="bold")
    snippet = Text(printable(hit.snippet))
    for start, end in hit.spans:
        snippet.stylize("bold reverse", start, end)
    return Text("\n").join([where, Text("  ") + snippet])


class HitList(NavList):
    """The hits; `G` and End go to the last of them all, not of those shown so far."""

    def __init__(self, more: Callable[[], None], *, id: str) -> None:
        super().__init__(id=id)
        self.more = more
        """Adds every hit not yet in the list."""

    def action_last(self) -> None:
        self.more()
        super().action_last()


class SearchScreen(ClosingScreen[SearchOutcome]):
    """A query box over a live list of hits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Back")),
        Binding("down", "focus_hits", N_("Hits"), show=False),
    ]

    def __init__(self, catalogue: Catalogue, changed: Signal[Change], query: str = "") -> None:
        super().__init__(id="search")
        self.catalogue = catalogue
        self.changed = changed
        self.initial = query
        self._hits: list[SearchMatch] = []
        self._listed = 0
        """How many of the hits the list has been given (a hit whose line turns out to have
        no entry is left out of it)."""
        self._said = ""
        """What the count line says."""

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top")
        yield Input(self.initial, placeholder=_("Search every briefing"), id="search-input")
        yield Static(id="search-count")
        yield HitList(self._show_all, id="search-hits")
        yield KeyFooter()
        yield MarkingBanner(id="marking-bottom")

    def on_mount(self) -> None:
        self.changed.subscribe(self, self._catalogue_changed)
        self.set_focus(self.query_one(Input))
        self.watch(self.query_one(HitList), "scroll_y", self._scrolled, init=False)
        self._update(self.initial)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def _catalogue_changed(self, change: Change) -> None:
        if change.paths:
            self._update(self.query_text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, query: str) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.catalogue.marking)
        hits = self.catalogue.search.matches(query) if query.strip() else []
        hits_list = self.query_one(HitList)
        before = hits_list.highlighted_option
        keys = [hit.key for hit in hits]
        keep = before.key if isinstance(before, SearchHitOption) else None
        chosen = keys.index(keep) if keep in keys else 0
        self._hits = hits
        self._listed = min(len(hits), max(self._page, chosen + self._page // 2))
        options = self._options(hits[: self._listed])
        hits_list.set_options(options)
        chosen = next((at for at, option in enumerate(options) if option.key == keep), 0)
        if not query.strip():
            said = _("Type to search titles, statements, quotes, topics and sources.")
        else:
            said = ngettext("{count} hit", "{count} hits", len(hits)).format(
                count=number(len(hits))
            )
        if said != self._said:  # an update lays the whole screen out again
            self._said = said
            self.query_one("#search-count", Static).update(said)
        if hits:
            hits_list.highlighted = chosen

    def _show_more(self, upto: int) -> None:
        """Hits up to `upto` and a page beyond it in the list."""
        hits_list = self.query_one(HitList)
        shown = hits_list.option_count
        if upto + self._page // 2 >= shown and self._listed < len(self._hits):
            more = self._hits[self._listed : self._listed + upto - shown + self._page]
            self._listed += len(more)
            hits_list.add_options(self._options(more))

    @property
    def _page(self) -> int:
        """Hits to a screenful (a hit takes two lines or more) and PAGE_SPARE more."""
        return self.app.size.height // 2 + PAGE_SPARE

    @staticmethod
    def _options(matches: list[SearchMatch]) -> list[SearchHitOption]:
        hits = ((SearchIndex.hit(match), match.key) for match in matches)
        return [SearchHitOption(hit, key) for hit, key in hits if hit is not None]

    def _show_all(self) -> None:
        self._show_more(len(self._hits))

    @on(OptionList.OptionHighlighted, "#search-hits")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_more(event.option_index)

    def _scrolled(self) -> None:
        hits_list = self.query_one(HitList)
        bottom = hits_list.scroll_y + hits_list.scrollable_content_region.height
        if bottom + hits_list.scrollable_content_region.height >= hits_list.virtual_size.height:
            self._show_more(hits_list.option_count)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        first = self.query_one(HitList).options
        ref = first[0].ref if first and isinstance(first[0], SearchHitOption) else None
        self.dismiss((event.value, ref))

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, SearchHitOption):
            self.dismiss((self.query_text, event.option.ref))

    def action_focus_hits(self) -> None:
        hits_list = self.query_one(HitList)
        if hits_list.option_count:
            self.set_focus(hits_list)

    def action_cancel(self) -> None:
        if self.query_one("#search-hits").has_focus:
            self.set_focus(self.query_one(Input))
        else:
            self.dismiss(None)

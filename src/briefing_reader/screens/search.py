"""Search the whole library as you type; enter jumps to a hit."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..navigation import PANE_TITLES
from ..search import SearchHit
from ..text import headline, printable
from ..topics import ItemRef
from ..widgets.lists import NavList
from ..widgets.marking import MarkingBanner

if TYPE_CHECKING:
    from ..app import BriefingApp

SearchOutcome = tuple[str, ItemRef | None]


def hit_prompt(hit: SearchHit) -> Text:
    """Where the hit is, then the matching text with the query highlighted."""
    where = Text(f"{hit.briefing.date.isoformat()} ", style="dim")
    where.append(headline(hit.briefing.title), style="dim")
    where.append(f" › {PANE_TITLES[hit.ref.section]} › ", style="dim")
    where.append(headline(hit.heading), style="bold")
    snippet = Text(printable(hit.snippet))
    for start, end in hit.spans:
        snippet.stylize("bold reverse", start, end)
    return Text("\n").join([where, Text("  ") + snippet])


class SearchScreen(Screen[SearchOutcome | None]):
    """A query box over a live list of hits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back"),
        Binding("down", "focus_hits", "Hits", show=False),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__(id="search")
        self.initial = query
        self.hits: list[SearchHit] = []

    @property
    def briefing_app(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top", classes="marking")
        yield Input(self.initial, placeholder="Search every briefing", id="search-input")
        yield Static(id="search-count")
        yield NavList(id="search-hits")
        yield Footer()
        yield MarkingBanner(id="marking-bottom", classes="marking")

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.briefing_app.library_marking)
        self._update(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, query: str) -> None:
        self.hits = self.briefing_app.search_index.search(query) if query.strip() else []
        hits_list = self.query_one("#search-hits", NavList)
        hits_list.set_options(Option(hit_prompt(hit)) for hit in self.hits)
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update("Type to search titles, statements, quotes, topics and sources.")
        else:
            plural = "s" if len(self.hits) != 1 else ""
            count.update(f"{len(self.hits)} hit{plural}")
        if self.hits:
            hits_list.highlighted = 0

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        ref = self.hits[0].ref if self.hits else None
        self.dismiss((event.value, ref))

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        query = self.query_one(Input).value
        self.dismiss((query, self.hits[event.option_index].ref))

    def action_focus_hits(self) -> None:
        if self.hits:
            self.query_one("#search-hits").focus()

    def action_cancel(self) -> None:
        if self.query_one("#search-hits").has_focus:
            self.query_one(Input).focus()
        else:
            self.dismiss(None)

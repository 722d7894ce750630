"""The library: every briefing, newest first, with a filter box."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import _, ngettext, number
from ..loader import LoadResult
from ..messages import BriefingChosen
from ..search import fold
from ..text import headline, printable
from .lists import NavList


def library_prompt(result: LoadResult) -> Text:
    """A briefing as the library lists it: date and title, place beneath; or its problems."""
    if result.briefing is None:
        count = len(result.problems)
        text = Text("✗ ", style="bold red")
        text.append(printable(result.path.name), style="red")
        problems = ngettext("{count} problem", "{count} problems", count)
        text.append(f"\n  {problems.format(count=number(count))}", style="dim red")
        return text
    briefing = result.briefing
    text = Text(briefing.date.isoformat(), style="bold")
    text.append(" ")
    text.append(headline(briefing.title))
    if briefing.place:
        text.append(f"\n  {headline(briefing.place)}", style="dim")
    return text


def _haystack(result: LoadResult) -> str:
    parts = [result.path.name]
    if result.briefing is not None:
        briefing = result.briefing
        parts += [briefing.date.isoformat(), briefing.title, briefing.place or ""]
        parts += [briefing.event or "", briefing.short_name or ""]
    return fold(" ".join(parts))


def _matches(haystack: str, terms: list[str]) -> bool:
    return all(term in haystack for term in terms)


class BriefingOption(Option):
    """A file in the library list, carrying its path."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__(library_prompt(result))
        self.path = result.path


class LibraryPanel(Vertical):
    """The filter box above the list of briefings."""

    def __init__(self) -> None:
        super().__init__(id="library")
        self.results: list[LoadResult] = []
        self._listed_at = 0.0
        self._listing_took = 0.0

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("Filter briefings (f)"), id="library-filter")
        yield Static(id="library-status")
        yield NavList(id="library-list")

    def show_progress(self, done: int | None, total: int | None) -> None:
        """'Loading 3,000 of 10,000…' while the library loads; nothing once it has."""
        status = self.query_one("#library-status", Static)
        status.display = done is not None and done != total
        if done is not None and total:
            loading = ngettext(
                "Loading {done} of {count} briefing…", "Loading {done} of {count} briefings…", total
            ).format(done=number(done), count=number(total))
            status.update(Text(loading, style="dim italic"))

    def relabel(self, current: Path | None) -> None:
        """List the files again in the language in force (it has just changed)."""
        self.filter_box.placeholder = _("Filter briefings (f)")
        self._refill(current)

    @property
    def option_list(self) -> NavList:
        return self.query_one("#library-list", NavList)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#library-filter", Input)

    @property
    def shown(self) -> list[Path]:
        """The files listed, in order (those that match the filter)."""
        return [
            option.path for option in self.option_list.options if isinstance(option, BriefingOption)
        ]

    def show_results(
        self, results: Callable[[], list[LoadResult]], current: Path | None, *, at_once: bool
    ) -> None:
        """List the `results` (in library order) that match the filter. Unless `at_once`
        (or the list is empty), not more often than a fifth of the time it takes: a
        library of thousands loading in batches must not spend its time refilling."""
        now = time.monotonic()
        due = now - self._listed_at > max(0.5, 4 * self._listing_took)
        if not (at_once or due or not self.results):
            return
        self.results = results()
        self._refill(current)
        self._listed_at = time.monotonic()
        self._listing_took = self._listed_at - now

    def _refill(self, current: Path | None) -> None:
        terms = fold(self.filter_box.value).split()
        shown = [r for r in self.results if not terms or _matches(_haystack(r), terms)]
        option_list = self.option_list
        option_list.set_options(BriefingOption(result) for result in shown)
        self.mark_current(current)

    def mark_current(self, path: Path | None) -> None:
        for position, option in enumerate(self.option_list.options):
            if isinstance(option, BriefingOption) and option.path == path:
                self.option_list.highlighted = position
                return

    @on(Input.Changed, "#library-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._refill(None)

    @on(Input.Submitted, "#library-filter")
    def _submit(self, event: Input.Submitted) -> None:
        """Enter opens the first match (`tab` moves to the list to pick another)."""
        event.stop()
        first = self.option_list.get_option_at_index(0) if self.option_list.option_count else None
        if isinstance(first, BriefingOption):
            self.option_list.highlighted = 0
            self.post_message(BriefingChosen(first.path))

    @on(OptionList.OptionSelected, "#library-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, BriefingOption):
            self.post_message(BriefingChosen(event.option.path))

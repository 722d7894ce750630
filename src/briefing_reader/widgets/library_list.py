"""The library: every briefing, newest first, with a filter box."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.css.types import TextOverflow
from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import _, ngettext, number
from ..loader import LoadResult
from ..messages import BriefingChosen
from ..search import fold
from ..text import headline, printable
from .lists import NavList


def _prompt_lines(result: LoadResult) -> tuple[str, str, str]:
    """A listed file's text, unstyled: the first line's two parts, and the line beneath
    ('' for none). The list measures rows by this, without drawing them."""
    if result.briefing is None:
        count = len(result.problems)
        problems = ngettext("{count} problem", "{count} problems", count)
        return "✗ ", printable(result.path.name), f"  {problems.format(count=number(count))}"
    briefing = result.briefing
    place = f"  {headline(briefing.place)}" if briefing.place else ""
    return f"{briefing.date.isoformat()} ", headline(briefing.title), place


def library_prompt(result: LoadResult) -> Text:
    """A briefing as the library lists it: date and title, place beneath; or its problems."""
    lead, name, beneath = _prompt_lines(result)
    if result.briefing is None:
        text = Text(lead, style="bold red")
        text.append(name, style="red")
        text.append(f"\n{beneath}", style="dim red")
        return text
    text = Text(lead[:-1], style="bold")
    text.append(" ")
    text.append(name)
    if beneath:
        text.append(f"\n{beneath}", style="dim")
    return text


def _haystack(result: LoadResult) -> str:
    parts = [result.path.name]
    if result.briefing is not None:
        briefing = result.briefing
        parts += [briefing.date.isoformat(), briefing.title, briefing.place or ""]
        parts += [briefing.event or "", briefing.short_name or ""]
    return fold(" ".join(parts))


_WORD = re.compile(r"\s*\S+\s*")
"""A word and the spaces around it, as Rich's word wrap reads them (rich._wrap.re_word)."""


def wrapped_lines(line: str, width: int, fold: bool) -> int:
    """The lines one line of text takes at `width`, wrapped by words as Rich wraps it
    (`rich._wrap.divide_line`). Printable ASCII, where a character is a cell, is counted
    here, without measuring each word's cells: ten thousand rows are measured as a
    library loads."""
    if not (line.isascii() and line.isprintable()):
        return 1 if cell_len(line) <= width else 1 + len(divide_line(line, width, fold=fold))
    if len(line) <= width:
        return 1
    breaks = 0
    offset = 0
    for match in _WORD.finditer(line):  # divide_line, with a cell for each character
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[index : index + width] for index in range(0, len(word), width)]
                for piece in pieces:
                    breaks += bool(start)
                    start += len(piece)
                offset = len(pieces[-1])
            else:
                breaks += bool(start)
                offset = len(word)
        elif offset and start:
            breaks += 1
            offset = len(word)
    return 1 + breaks


def _matches(haystack: str, terms: list[str]) -> bool:
    return all(term in haystack for term in terms)


class BriefingOption(Option):
    """A file in the library list, carrying its path. Its row is drawn the first time it
    is shown, and measured from its plain text: ten thousand are listed, a screenful drawn."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__("")
        self.result = result
        self.path = result.path
        self._drawn = False
        self._haystack: str | None = None
        self._measured: tuple[tuple[int, bool, TextOverflow], int] | None = None

    @property
    def prompt(self) -> VisualType:
        if not self._drawn:
            self._prompt, self._drawn = library_prompt(self.result), True
        return self._prompt

    @property
    def haystack(self) -> str:
        """What the filter looks in, folded (made once)."""
        if self._haystack is None:
            self._haystack = _haystack(self.result)
        return self._haystack

    def height(self, width: int, no_wrap: bool, overflow: TextOverflow) -> int:
        """The lines the row takes at `width`: what OptionList's own measure gives (Content's
        wrapping of the same text), by the word wrap Content uses, on the plain text."""
        key = (width, no_wrap, overflow)
        if self._measured is not None and self._measured[0] == key:
            return self._measured[1]
        lead, name, beneath = _prompt_lines(self.result)
        text = f"{lead}{name}\n{beneath}" if beneath else f"{lead}{name}"
        if width > 0 and not no_wrap and "\t" not in text:
            fold = overflow == "fold"
            height = sum(wrapped_lines(line, width, fold) for line in text.split("\n"))
        else:
            height = len(Content(text)._wrap_and_format(width, overflow=overflow, no_wrap=no_wrap))
        self._measured = (key, height)
        return height


class LibraryList(NavList):
    """The library's list: every file, each row measured from its text rather than by
    drawing it, and drawn only when it comes into view.

    OptionList measures each option as it is added, by laying out its prompt (1.4 s for ten
    thousand), and the list is refilled over and over while a library loads."""

    def _update_lines(self) -> None:
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        lines, options = cache.lines, self._options
        start = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if start < len(options):
            styles = cast(RulesMap, self.styles)
            padding = self.get_component_styles("option-list--option").padding
            # as Content.get_height reads the rules
            text_width = width - padding.width - styles.get("line_pad", 0) * 2
            overflow = styles.get("text_overflow", "fold")
            no_wrap = styles.get("text_wrap", "wrap") == "nowrap"
            heights, index_to_line = cache.heights, cache.index_to_line
            for index in range(start, len(options)):
                option = options[index]
                if isinstance(option, BriefingOption):
                    height = option.height(text_width, no_wrap, overflow)
                else:
                    height = self._get_visual(option).get_height(styles, width - padding.width)
                height += option._divider
                index_to_line[index] = len(lines)
                heights[index] = height
                lines.extend((index, line) for line in range(height))
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) - last_divider)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)


class LibraryPanel(Vertical):
    """The filter box above the list of briefings."""

    def __init__(self) -> None:
        super().__init__(id="library")
        self.results: list[LoadResult] = []
        self._options: dict[Path, BriefingOption] = {}
        """Each file's row, kept from one refill to the next while its result is the same
        (drawn, measured and folded once)."""
        self._positions: dict[Path, int] = {}
        self._listed_at = 0.0
        self._listing_took = 0.0

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("Filter briefings (f)"), id="library-filter")
        yield Static(id="library-status")
        yield LibraryList(id="library-list")

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
        self._options = {result.path: BriefingOption(result) for result in self.results}
        self._refill(current)

    @property
    def option_list(self) -> LibraryList:
        return self.query_one("#library-list", LibraryList)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#library-filter", Input)

    @property
    def shown(self) -> list[Path]:
        """The files listed, in order (those that match the filter)."""
        return list(self._positions)

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
        kept = self._options
        self._options = {}
        for result in self.results:
            option = kept.get(result.path)
            if option is None or option.result is not result:
                option = BriefingOption(result)
            self._options[result.path] = option
        self._refill(current)
        self._listed_at = time.monotonic()
        self._listing_took = self._listed_at - now

    def _refill(self, current: Path | None) -> None:
        terms = fold(self.filter_box.value).split()
        options = self._options
        listed = [options[result.path] for result in self.results]
        if terms:
            listed = [option for option in listed if _matches(option.haystack, terms)]
        self._positions = {option.path: position for position, option in enumerate(listed)}
        self.option_list.set_options(listed)
        self.mark_current(current)

    def mark_current(self, path: Path | None) -> None:
        position = self._positions.get(path) if path is not None else None
        if position is not None:
            self.option_list.highlighted = position

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

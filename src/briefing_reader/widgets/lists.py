"""Lists and scroll views with the reader's vim-style keys added to Textual's own."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import OptionList

from ..i18n import N_

VIM_KEYS: list[BindingType] = [
    Binding("j", "cursor_down", N_("Down"), show=False),
    Binding("k", "cursor_up", N_("Up"), show=False),
    Binding("g", "first", N_("Top"), show=False),
    Binding("G", "last", N_("Bottom"), show=False),
]


class NavList(OptionList):
    """An option list that also moves with j/k/g/G, and keeps its selection in view."""

    BINDINGS: ClassVar[list[BindingType]] = VIM_KEYS

    _laid_out_for = -1

    # OptionList repaints every line on screen when the highlight or the option under the
    # mouse moves (about 20 ms for a pane of items at 160x48, on every j and k); only the
    # lines of the option left and the option reached change.
    highlighted: reactive[int | None] = reactive(None, repaint=False)
    _mouse_hovering_over: reactive[int | None] = reactive(None, repaint=False)

    _highlight_drawn: int | None = None

    def watch_highlighted(self, highlighted: int | None) -> None:
        self._refresh_option(self._highlight_drawn)
        self._refresh_option(highlighted)
        self._highlight_drawn = highlighted
        super().watch_highlighted(highlighted)

    def watch__mouse_hovering_over(self, old: int | None, new: int | None) -> None:
        self._refresh_option(old)
        self._refresh_option(new)

    def _refresh_option(self, index: int | None) -> None:
        """Repaint the lines of the option at `index` (all, if they are not laid out)."""
        if index is None or not self.is_mounted:
            return
        self._update_lines()
        line = self._index_to_line.get(index)
        if line is None:
            self.refresh()
        else:
            self.refresh_lines(line, self._heights[index])

    def render_lines(self, crop: Region) -> list[Strip]:
        # OptionList keeps each option's height and lines from the width it last laid them
        # out at, and a width change it is not told of (a panel shown beside it while its
        # screen was busy) left two-line items cut to one: their #topic line vanished.
        width = self.scrollable_content_region.width
        if width != self._laid_out_for:
            self._laid_out_for = width
            self._clear_caches()
        return super().render_lines(crop)

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        # OptionList pages by its laid-out lines, which a list with no room yet (hidden,
        # or squeezed to nothing by a tiny terminal) does not have: it raised KeyError.
        if (self.highlighted or 0) not in self._index_to_line:
            (self.action_last if direction > 0 else self.action_first)()
            return
        super()._move_page(direction)

    def on_resize(self, event: events.Resize) -> None:
        # A smaller terminal must never leave the selected item off-screen beside its detail.
        self.call_after_refresh(self.scroll_to_highlight)


class DetailScroll(VerticalScroll, can_focus=True):
    """A scrolling detail view that also scrolls with j/k/g/G."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", N_("Down"), show=False),
        Binding("k", "scroll_up", N_("Up"), show=False),
        Binding("g", "scroll_home", N_("Top"), show=False),
        Binding("G", "scroll_end", N_("Bottom"), show=False),
    ]

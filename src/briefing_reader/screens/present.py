"""Presentation mode: a briefing as slides in large type, for a projector.

One chapter (the title, each section, the source) at a time, over as many slides as it
needs (`slides.py` lays them out for the room the slide has, and again on every resize),
with the marking banner on the first and the last line of every slide. `q` or Escape
returns to the reader beneath, which has not moved.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..i18n import N_, _
from ..model import Briefing
from ..slides import Anchor, Slide, deck, locate, opening
from ..widgets.marking import MarkingBanner
from ..widgets.slide import SlideView
from .base import ClosingScreen

HINT = N_("← → space: move · q: back")
HINT_ROOM = 64
"""Footer width below which the keys are not hinted (the caption and number come first),
for the English hint: a longer one needs as much more."""


class PresentScreen(ClosingScreen[None]):
    """A briefing as a deck of slides, opening on the chapter `start` (a section's key;
    None or `overview` for the title slide). Dismissed with None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space,pagedown,down,l,j,n", "next_slide", N_("Next slide")),
        Binding("left,shift+space,pageup,up,h,k,backspace", "previous_slide", N_("Previous slide")),
        Binding("home,g", "first_slide", N_("First slide")),
        Binding("end,G", "last_slide", N_("Last slide")),
        Binding("q,escape", "close", N_("Back to the reader")),
    ]

    def __init__(self, briefing: Briefing, *, start: str | None = None) -> None:
        super().__init__(id="present")
        self.briefing = briefing
        self.start = start
        self.slides: list[Slide] = []
        self.index = 0
        self._anchor: Anchor | None = None
        """Where the slide shown starts: kept across resizes, moved only by the user."""

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="present-marking-top")
        yield SlideView(id="present-slide")
        yield Static(id="present-footer")
        yield MarkingBanner(id="present-marking-bottom")

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.briefing.classification)

    @property
    def slide(self) -> Slide | None:
        """The slide shown, once the deck has been laid out."""
        return self.slides[self.index] if self.slides else None

    @on(SlideView.Measured)
    def _measured(self, event: SlideView.Measured) -> None:
        self.slides = deck(self.briefing, event.width, event.height)
        if self._anchor is None:
            self.index = opening(self.slides, self.start)
            self._anchor = self.slides[self.index].start if self.slides else None
        else:
            self.index = locate(self.slides, self._anchor)
        self._show()

    @on(SlideView.Clicked)
    def _clicked(self, event: SlideView.Clicked) -> None:
        self._go(self.index + (1 if event.forward else -1))

    def _go(self, index: int) -> None:
        if not self.slides:
            return
        index = max(0, min(index, len(self.slides) - 1))
        if index != self.index:
            self.index = index
            self._anchor = self.slides[index].start
            self._show()

    def _show(self) -> None:
        self.query_one(SlideView).show(self.slide)
        self.query_one("#present-footer", Static).update(self._footer())

    def _footer(self) -> Table:
        slide = self.slide
        footer = Table.grid(expand=True)
        footer.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        hint = _(HINT)
        wide = self.size.width >= HINT_ROOM + max(0, len(hint) - len(HINT))
        if wide:
            footer.add_column(no_wrap=True, justify="center")
        footer.add_column(ratio=1, no_wrap=True, justify="right")
        caption = Text(slide.caption if slide else "")
        number = Text(f"{self.index + 1} / {len(self.slides)}" if slide else "", style="bold")
        if wide:
            footer.add_row(caption, Text(hint), number)
        else:
            footer.add_row(caption, number)
        return footer

    def action_next_slide(self) -> None:
        self._go(self.index + 1)

    def action_previous_slide(self) -> None:
        self._go(self.index - 1)

    def action_first_slide(self) -> None:
        self._go(0)

    def action_last_slide(self) -> None:
        self._go(len(self.slides) - 1)

    def action_close(self) -> None:
        self.dismiss(None)

"""One slide of a presentation, shown exactly as `slides.py` laid it out."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from textual import events
from textual.message import Message
from textual.widget import Widget

from ..slides import Lines, Slide


class SlideView(Widget):
    """Shows a slide's lines as they are: they were measured and paginated at this widget's
    own size, which it reports (`Measured`) whenever it changes. A click on its right half
    asks for the next slide, on its left half for the previous one (`Clicked`)."""

    @dataclass
    class Measured(Message):
        """The room a slide has: the deck is laid out again for it."""

        width: int
        height: int

    @dataclass
    class Clicked(Message):
        """A click: `forward` on the right half of the slide."""

        forward: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.slide: Slide | None = None

    def show(self, slide: Slide | None) -> None:
        self.slide = slide
        self.refresh()

    def render(self) -> RenderableType:
        return Lines(self.slide.lines if self.slide else ())

    def on_resize(self, event: events.Resize) -> None:
        size = self.content_size
        self.post_message(self.Measured(size.width, size.height))

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(forward=event.x >= self.size.width // 2))

"""The classification banner, shown at the top and bottom of every screen."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from ..i18n import N_, _
from ..text import MarkingLevel, marking_level, marking_text

NO_BRIEFING = N_("NO BRIEFING OPEN")
"""The banner while no briefing is open (in English: `_(NO_BRIEFING)` where shown)."""

LEVELS: tuple[MarkingLevel, ...] = (
    "unmarked",
    "unclassified",
    "restricted",
    "confidential",
    "secret",
    "top-secret",  # not shown
)


class MarkingBanner(Static):
    """A marking, as text, in its conventional colour (the stylesheet has the colours)."""

    level: reactive[MarkingLevel] = reactive("unmarked")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_(NO_BRIEFING), id=id, classes="marking")
        self.marking: str | None = None
        self.known = False

    def show_marking(self, marking: str | None, *, known: bool = True) -> None:
        """Show `marking`; `known=False` when no briefing is open."""
        self.marking, self.known = marking, known
        self.level = marking_level(marking) if known else "unmarked"
        self.update(marking_text(marking) if known else _(NO_BRIEFING))

    def watch_level(self, level: MarkingLevel) -> None:
        for name in LEVELS:
            self.set_class(name == level, f"marking-{name}")

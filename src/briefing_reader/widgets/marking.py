"""The classification banner, shown at the top and bottom of the reader."""

from __future__ import annotations

from textual.widgets import Static

from ..text import marking_level, marking_text


class MarkingBanner(Static):
    """The open briefing's marking, as text, in its conventional colour (from the stylesheet)."""

    def show_marking(self, marking: str | None, *, known: bool = True) -> None:
        """Show `marking`; `known=False` when no briefing is open."""
        level = marking_level(marking) if known else "unmarked"
        for name in list(self.classes):
            if name.startswith("marking-"):
                self.remove_class(name)
        self.add_class(f"marking-{level}")
        self.update(marking_text(marking) if known else "NO BRIEFING OPEN")

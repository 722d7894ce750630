"""Where the reader is, and the back/forward history of where it has been (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import SECTION_TITLES, SECTIONS

PANES: tuple[str, ...] = ("overview", *SECTIONS, "source")
"""The reader's panes in order; digit keys 1-9 jump to them."""

PANE_TITLES: dict[str, str] = {
    "overview": "Overview",
    **SECTION_TITLES,
    "positions": "Positions",
    "regions": "Regions",
    "bilaterals": "Bilaterals",
    "source": "Source",
}
"""Short pane names for tabs (the sections' long titles head the summary)."""


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the library: a file, a pane and an item in that pane."""

    path: Path
    pane: str
    index: int = 0


@dataclass
class History:
    """Browser-style history: `visit` before a jump, `back` and `forward` to move."""

    past: list[Location] = field(default_factory=list)
    future: list[Location] = field(default_factory=list)
    limit: int = 200

    def visit(self, here: Location | None) -> None:
        """Remember `here` before jumping somewhere else; a new jump clears the future."""
        if here is not None and (not self.past or self.past[-1] != here):
            self.past.append(here)
            del self.past[: -self.limit]
        self.future.clear()

    def back(self, here: Location | None) -> Location | None:
        if not self.past:
            return None
        if here is not None:
            self.future.append(here)
        return self.past.pop()

    def forward(self, here: Location | None) -> Location | None:
        if not self.future:
            return None
        if here is not None:
            self.past.append(here)
        return self.future.pop()

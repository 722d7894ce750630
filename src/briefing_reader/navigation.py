"""Where the reader is, and the back/forward history of where it has been (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypeVar

from .i18n import N_
from .model import SECTION_TABLE, SECTIONS, Item, item_heading

T = TypeVar("T")

PANES: tuple[str, ...] = ("overview", *SECTIONS, "source")
"""The reader's panes in order; digit keys 1-9 jump to them."""

PANE_TITLES: dict[str, str] = {
    "overview": N_("Overview"),
    **{section.name: section.short_title for section in SECTION_TABLE},
    "source": N_("Source"),
}
"""Short pane names for tabs (the sections' long titles head the summary): messages in
English, marked, translated where they are shown (`_(PANE_TITLES[pane])`), so that a key's
description made at import follows the language too."""


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


# --- stepping: which item, pane, briefing or hit comes next (pure, testable alone) --------


def step(sequence: Sequence[T], current: T | None, offset: int) -> T | None:
    """The element `offset` places from `current`; None past either end.

    From an element that is not in the sequence, stepping forward starts at the first
    and stepping back at the last."""
    if not sequence:
        return None
    if current not in sequence:
        return sequence[0] if offset > 0 else sequence[-1]
    target = sequence.index(current) + offset
    return sequence[target] if 0 <= target < len(sequence) else None


def cycle(sequence: Sequence[T], current: T | None, offset: int) -> T | None:
    """Like `step`, but wrapping around at either end."""
    if not sequence:
        return None
    position = sequence.index(current) if current in sequence else 0
    return sequence[(position + offset) % len(sequence)]


def next_hit(
    hits: Iterable[tuple[str, int]], here: tuple[str, int], *, forward: bool
) -> tuple[str, int] | None:
    """The next (or previous) hit (pane, item index) after `here`, in reading order,
    wrapping around; None when there is no hit at all."""
    order = sorted(set(hits), key=lambda hit: (PANES.index(hit[0]), hit[1]))
    if not order:
        return None
    position = (PANES.index(here[0]), here[1])
    keys = [(PANES.index(pane), index) for pane, index in order]
    if forward:
        later = [hit for hit, key in zip(order, keys, strict=True) if key > position]
        return later[0] if later else order[0]
    earlier = [hit for hit, key in zip(order, keys, strict=True) if key < position]
    return earlier[-1] if earlier else order[-1]


def follow_item(old: Sequence[Item], index: int, new: Sequence[Item]) -> int:
    """Where the item at `old[index]` is in `new`, after the file was edited and reloaded.

    The two lists are aligned by the items' headings (difflib), so an item inserted or
    deleted above moves the place with it: the same item where it still exists (its text
    may have changed), else the one that took its place (renamed), else the one after it
    (deleted)."""
    if not new:
        return 0
    if not 0 <= index < len(old):
        return max(0, min(index, len(new) - 1))
    keys = [(type(item).__name__, item_heading(item)) for item in old]
    new_keys = [(type(item).__name__, item_heading(item)) for item in new]
    matcher = SequenceMatcher(a=keys, b=new_keys, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if not start <= index < end:  # inserts are empty on the old side: never here
            continue
        if tag == "equal":
            return new_start + index - start
        if tag == "replace":
            return min(new_start + index - start, new_end - 1)
        return min(new_start, len(new) - 1)  # deleted: the item after it
    return min(index, len(new) - 1)

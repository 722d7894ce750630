"""Messages the app's screens and widgets exchange (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from .loader import LoadResult


@dataclass
class LibraryChanged(Message):
    """A briefing file changed, appeared or vanished on disk and was loaded again."""

    path: Path
    result: LoadResult | None
    """The new load result, or None when the file was removed."""


@dataclass
class BriefingChosen(Message):
    """The user picked a briefing in the library list."""

    path: Path


@dataclass
class LibraryGrew(Message):
    """More of the library has loaded (in the background, at start-up)."""

    done: int
    total: int


class LibraryLoaded(Message):
    """Every file of the library has been loaded (or found broken)."""

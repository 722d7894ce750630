"""Messages the reader's widgets send up to their screen (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class BriefingChosen(Message):
    """The user picked a briefing in the library list."""

    path: Path

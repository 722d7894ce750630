"""The screens worth a picture: used by `make.py` for the README and by the snapshot tests.

Each scene opens the reader on a library, presses keys as a user would, and is captured.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

if TYPE_CHECKING:
    from briefing_reader.app import BriefingApp

ROOT = Path(__file__).resolve().parent.parent
BRIEFINGS = ROOT / "briefings"

BROKEN_EXAMPLE = """\
title: A briefing saved with mistakes
date: 21 January 2026
agenda:
  - title: Support to Ukraine
    topics: [Ukraine]
positions: []
regions: []
bilaterals: []
bilaterals: []
"""
"""A made-up file with typical typing mistakes, for the 'problems' screenshot."""


@dataclass(frozen=True)
class Scene:
    name: str
    description: str
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (120, 40)
    broken: bool = False
    language: str = "en"
    """The interface language (the briefings are shown as written)."""


SCENES: tuple[Scene, ...] = (
    Scene("overview", "The overview of the seed briefing, marking banner top and bottom"),
    Scene("agenda", "The agenda pane: items beside the selected item in full", ("2", "j")),
    Scene("positions", "Italy's positions, with topic tags", ("3", "G")),
    Scene("regions", "Regions of concern", ("4",)),
    Scene("bilaterals", "Bilateral meetings", ("5", "j")),
    Scene("partners", "Partners", ("6",)),
    Scene("initiatives", "Initiatives", ("7", "j")),
    Scene("quote", "A quote in Italian beside its translation", ("8",)),
    Scene("source", "The source document", ("9",)),
    Scene("topic-ukraine", "Following #ukraine from Italy's position", ("3", "G", "t")),
    Scene("search-jatec", "Searching the library for JATEC", ("slash", "J", "A", "T", "E", "C")),
    Scene("help", "The help screen: every key", ("question_mark",)),
    Scene(
        "broken-file",
        "A file that does not load: its problems, located",
        ("f", *"broken", "enter"),
        broken=True,
    ),
    Scene("library-wide", "At 160x48 the library sits beside the panes", ("3",), size=(160, 48)),
    Scene("narrow-80x24", "At 80x24 the lists sit above their detail", ("3", "j"), size=(80, 24)),
    Scene("present-title", "Presentation mode (p): the title slide", ("p",), size=(100, 30)),
    Scene("timeline", "The timeline (T): every meeting and agenda day by date", ("T", "j")),
    Scene(
        "topic-history",
        "Topic history (t, then H): what was said about #ukraine, meeting by meeting",
        ("3", "G", "t", "H"),
        size=(140, 44),
    ),
    Scene(
        "compare",
        "Compare (c): January 2026 beside January 2025, Italy's positions on shared topics",
        ("c", "G", "enter"),
        size=(160, 48),
    ),
    Scene(
        "present-positions",
        "Presentation mode on a 200x60 projector terminal: Italy's positions",
        ("3", "p"),
        size=(200, 60),
    ),
    Scene(
        "italiano-80x24",
        "Il lettore in italiano a 80x24: riquadri, tasti e classifica",
        ("3", "j"),
        size=(80, 24),
        language="it",
    ),
    Scene(
        "italiano-120x40",
        "The reader in Italian at 120x40, on the briefing written in Italian",
        ("f", *"27 partner", "enter", "3"),
        language="it",
    ),
    Scene(
        "italiano-help",
        "The help screen in Italian at 80x24",
        # over Positions: the overview's scroll bar beneath may still be settling
        ("3", "question_mark"),
        size=(80, 24),
        language="it",
    ),
)


def library_for(scene: Scene, folder: Path) -> Path:
    """The folder to open for `scene`: the shipped briefings, plus a broken file if asked."""
    if not scene.broken:
        return BRIEFINGS
    folder.mkdir(parents=True, exist_ok=True)
    for path in BRIEFINGS.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    (folder / "broken-example.yaml").write_text(BROKEN_EXAMPLE, encoding="utf-8")
    return folder


def scene_app(scene: Scene, folder: Path) -> BriefingApp:
    """The reader for `scene`, in the scene's interface language."""
    from briefing_reader import i18n
    from briefing_reader.app import BriefingApp

    i18n.set_language(scene.language)
    return BriefingApp(library_for(scene, folder), watch=False)


async def until_loaded(pilot: Pilot[Any]) -> None:
    """Wait until the library has loaded in the background and the reader has drawn it."""
    from briefing_reader.screens.reader import ReaderScreen

    for _ in range(3000):
        screen = pilot.app.screen
        if not isinstance(screen, ReaderScreen) or screen.settled:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()

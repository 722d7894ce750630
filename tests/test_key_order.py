"""Keys typed in one write do what the same keys typed one by one do.

A terminal hands the reader every key of a fast burst at once (`tmux send-keys f o s l o`,
a fast typist, a key held down). Textual forwards each key to the focused widget and runs
its binding only when the key comes back up to the app, so the keys after one that moves
the focus (`f`, `/`, `t`, `ctrl+p`) went to the widget that had it before: `f` then `oslo`
left the filter box empty, `/jatec` the search box, and `/q` quit. Each sequence below is
played twice, paced (Pilot's `press`, which waits for the reader after every key) and as
one write (`burst`); where the reader ends up must be the same.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from briefing_reader.app import BriefingApp
from briefing_reader.screens.reader import ReaderScreen
from pilot import burst, make_library, screen_text, until_loaded, until_settled, until_typed

SEQUENCES = {
    "filter, text with bindings' keys": ("f", *"q/t?3[]@#n"),
    "search then q": ("slash", *"quota"),
    "palette then text": ("ctrl+p", *"ukr"),
    "filter, leave, library, filter again": ("f", "a", "escape", "l", "f", "b"),
    "pane, item, topics, jump": ("3", "j", "t", "enter", "2"),
    "help, scroll, close, search": ("question_mark", "j", "G", "escape", "slash", *"nato"),
    "search, choose, next hit": ("slash", *"nato", "enter", "n", "n"),
    "library, move, open, pane": ("l", "j", "enter", "3", "j"),
    "present, move, back, move": ("3", "p", "space", "space", "q", "j"),
}


def where(app: BriefingApp) -> dict[str, Any]:
    """What a user would check after typing: the screen, what has the keyboard, what each
    text box holds, and (in the reader) the briefing and pane open."""
    screen = app.screen
    seen: dict[str, Any] = {
        "screen": type(screen).__name__,
        "focused": getattr(app.focused, "id", None) or type(app.focused).__name__,
        "typed": {box.id or type(box).__name__: box.value for box in screen.query(Input)},
    }
    if isinstance(screen, ReaderScreen):
        seen["open"] = screen.current.name if screen.current else None
        seen["pane"] = screen.pane
    return seen


def play(library: Path, keys: tuple[str, ...], *, at_once: bool) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        app = BriefingApp(library, watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until_loaded(pilot, app)
            if at_once:
                await burst(pilot, *keys)
                await until_typed(pilot)
            else:
                await pilot.press(*keys)
            await until_settled(pilot)
            await pilot.pause(0.2)
            assert app.is_running, f"{keys} ended the reader"
            return where(app) | {"text": screen_text(app) if not at_once else None}

    return asyncio.run(run())


@pytest.mark.parametrize("keys", SEQUENCES.values(), ids=SEQUENCES.keys())
def test_keys_typed_at_once_act_as_keys_typed_one_by_one(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    library = make_library(tmp_path / "lib")
    paced = play(library, keys, at_once=False)
    at_once = play(library, keys, at_once=True)
    paced_text = paced.pop("text")
    at_once.pop("text")
    assert at_once == paced, paced_text


def test_text_typed_after_a_key_that_opens_a_box_lands_in_the_box(tmp_path: Path) -> None:
    """The cases a user reported, checked by what the box holds (not only by agreement)."""
    library = make_library(tmp_path / "lib")
    assert play(library, ("f", *"oslo"), at_once=True)["typed"]["library-filter"] == "oslo"
    searched = play(library, ("slash", *"quota"), at_once=True)
    assert (searched["screen"], searched["typed"]["search-input"]) == ("SearchScreen", "quota")

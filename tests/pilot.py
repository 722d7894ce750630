"""Helpers for driving the reader in tests: a library on disk, and the screen as text."""

from __future__ import annotations

import asyncio
import io
import shutil
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefings" / "2026-01-21-mccs-brussels.yaml"

# A second briefing, made up for tests only (not a real event), sharing the 'ukraine' topic.
OTHER_BRIEFING = """\
title: Test briefing sharing a topic
date: 2025-06-01
place: Testville
classification: NATO RESTRICTED
agenda:
  - title: Test agenda item about Ukraine
    topics: [ukraine]
positions:
  - title: Test position
    statement: A statement that mentions JATEC once.
    topics: [ukraine, testing]
regions: []
bilaterals: []
"""


def make_library(folder: Path, *, other: bool = True, broken: bool = False) -> Path:
    """A library folder holding the seed briefing, optionally another and a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    if other:
        (folder / "2025-06-01-test.yaml").write_text(OTHER_BRIEFING, encoding="utf-8")
    if broken:
        (folder / "broken.yaml").write_text("title: x\ndate: Jan 21\n", encoding="utf-8")
    return folder


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def drive(
    root: Path,
    scenario: Callable[[Pilot[None], BriefingApp], Awaitable[None]],
    *,
    size: tuple[int, int] = (120, 40),
    watch: bool = False,
    poll_seconds: float = 0.1,
) -> None:
    """Run the app headless on `root` and play `scenario` against it."""

    async def run() -> None:
        app = BriefingApp(root, watch=watch, poll_seconds=poll_seconds)
        async with app.run_test(size=size) as pilot:
            await until_loaded(pilot, app)
            await scenario(pilot, app)

    asyncio.run(run())


async def until_loaded(pilot: Pilot[None], app: BriefingApp, timeout: float = 30.0) -> None:
    """Wait, as a user would, until the library has loaded and the reader shows it."""
    await until_settled(pilot, timeout)


async def until_settled(pilot: Pilot[Any], timeout: float = 30.0) -> None:
    """Wait until the library has loaded in the background and the reader has drawn it:
    what the screen says it has handled, never a guess at how long that takes."""
    from briefing_reader.screens.reader import ReaderScreen

    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        screen = pilot.app.screen
        if not isinstance(screen, ReaderScreen) or screen.settled:
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError(f"the reader did not settle in {timeout} s:\n{screen_text(pilot.app)}")


def static_text(app: App[Any], selector: str) -> str:
    """The whole text of a Static on the current screen, unwrapped by the terminal's width."""
    from rich.console import Console
    from textual.widgets import Static

    content = app.screen.query_one(selector, Static).content
    console = Console(width=1000, color_system=None, file=io.StringIO())
    with console.capture() as capture:
        console.print(content)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


def detail_text(app: App[Any]) -> str:
    """The detail view of the reader's current pane."""
    pane = app.screen.query_one("TabbedContent").active  # type: ignore[attr-defined]
    selector = f"#body-{pane}" if pane in ("overview", "source") else f"#detail-body-{pane}"
    return static_text(app, selector)


def notifications(app: App[Any]) -> str:
    """Every notification raised so far, one per line."""
    return "\n".join(str(note.message) for note in app._notifications)


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Press `keys` as one write to the terminal delivers them (`tmux send-keys Enter Enter`):
    every key handed to the driver at once, none waiting for the previous one to be handled.
    (`pilot.press` waits for the app to go idle after each key, which hides races.)"""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        character: str | None
        try:
            character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def until_typed(pilot: Pilot[Any], timeout: float = 30.0) -> None:
    """Wait until every key typed has had its turn (the reader takes keys typed at once one
    by one, each once it has settled after the last), then for the screen to catch up."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while getattr(app, "keys_pending", False):
        assert time.monotonic() < deadline, f"keys still waiting after {timeout} s"
        await pilot.pause(0.01)
    await pilot.pause()


async def survives_burst(pilot: Pilot[Any], keys: Sequence[str]) -> None:
    """Type `keys` as one write, wait for them to be handled, and check that the app still
    runs with something (the marking banners) on its first and last lines."""
    await burst(pilot, *keys)
    await until_typed(pilot)
    assert pilot.app.is_running
    lines = screen_text(pilot.app).splitlines()
    assert lines[0].strip()
    assert lines[-1].strip()

"""The programs the benchmarks time, each run in a fresh process by run.py.

`python benchmarks/probes.py NAME ARGS...`. A probe prints `MARK name seconds` lines,
seconds counted from the moment its interpreter started, so the parent can read when the
first paint or a loaded library happened without guessing at pipes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # as early as this file can run; the parent times the rest


MARKS_FILE = os.environ.get("BRIEFING_BENCH_MARKS")
"""Where a probe on a real terminal writes its MARK lines (its output is the screen)."""


def mark(name: str, seconds: float | None = None) -> None:
    value = time.perf_counter() - STARTED if seconds is None else seconds
    if MARKS_FILE:
        with open(MARKS_FILE, "a", encoding="utf-8") as marks:
            marks.write(f"MARK {name} {value:.6f}\n")
        return
    print(f"MARK {name} {value:.6f}", flush=True)


def rich_floor() -> None:
    """What any Rich program pays: import Rich, print a Panel and a Table."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    console = Console()
    console.print(Panel("Hello, world", title="Floor"))
    table = Table("one", "two")
    table.add_row("a", "b")
    console.print(table)


def yaml_floor(folder: str) -> None:
    """What parsing costs: every file loaded with libyaml's safe loader, nothing more."""
    import yaml

    for path in sorted(Path(folder).glob("*.yaml")):
        with path.open("rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)


def dicts_floor(folder: str) -> None:
    """The memory floor: every briefing kept as the plain dicts yaml.load makes."""
    import yaml

    kept = []
    for path in sorted(Path(folder).glob("*.yaml")):
        with path.open("rb") as stream:
            kept.append(yaml.load(stream, Loader=yaml.CSafeLoader))
    mark("kept", len(kept))


def hello_app(mode: str) -> None:
    """The Textual floor: a hello-world app, headless or for real."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Hello(App[None]):
        BINDINGS = [("x", "bump", "Bump")]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Static("Hello, world", id="hello")

        def on_ready(self) -> None:
            mark("painted")

        def action_bump(self) -> None:
            self.query_one("#hello", Static).update(f"Hello, {time.perf_counter()}")

    app = Hello()
    if mode == "real":
        app.run()
        return

    async def keys() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            app._briefing_paints = _watch_paints(app)  # type: ignore[attr-defined]
            await pilot.pause()
            mark("key-floor", await _median_press(pilot, ["x"] * 21))

    asyncio.run(keys())


def reader(mode: str, folder: str, *keys: str) -> None:
    """The reader on `folder`: first paint, library loaded, and key latencies in Pilot.

    `listed` is when the library's list holds every file and has been drawn since (the
    loaded library a user sees); `exit` among `keys` ends the app then. `160x48` or
    `80x24` among them is the headless terminal's size (160x48 unless given)."""
    from briefing_reader.app import BriefingApp
    from briefing_reader.screens.reader import ReaderScreen

    sizes = [key.split("x") for key in keys if key.replace("x", "", 1).isdigit()]
    size = (int(sizes[0][0]), int(sizes[0][1])) if sizes else (160, 48)

    class Probe(BriefingApp):
        def on_ready(self) -> None:
            mark("painted")
            self.set_interval(0.01, self._check_loaded)

        def _check_loaded(self) -> None:
            if self.loaded and not getattr(self, "_marked", False):
                self._marked = True
                mark("loaded")
            if not self.is_running or not self.screen_stack:
                return  # closing
            screen = self.screen
            if (
                self.loaded
                and not getattr(self, "_listed", False)
                and isinstance(screen, ReaderScreen)
                and screen.settled
                and screen.library.option_list.option_count == len(self.catalogue)
            ):
                self._listed = True
                screen.library.option_list.refresh()
                self.call_after_refresh(self._drawn)

        def _drawn(self) -> None:
            mark("listed")
            self.listed = True
            if "exit" in keys:
                self.exit()

    app = Probe(Path(folder), watch=False)
    if mode == "real":
        app.run()
        app.finish_saving()  # as `briefing` does: the next (warm) run reads what it saved
        return

    async def drive() -> None:
        async with app.run_test(size=size) as pilot:
            while not app.loaded:
                await asyncio.sleep(0.01)
            mark("usable")
            while not getattr(app, "listed", False):
                await asyncio.sleep(0.01)
            if "exit" in keys:
                return
            # the items of briefings read from the cache are made in the background once
            # listed: memory and keys are measured once they all are, as a user lives with
            while not app.all_made:
                await asyncio.sleep(0.01)
            mark("whole")
            app._briefing_paints = _watch_paints(app)  # type: ignore[attr-defined]
            await pilot.pause()
            if "keys" in keys:
                mark("key-pane", await _median_press(pilot, ["2", "3", "4", "5"] * 5))
                mark("key-move", await _median_press(pilot, ["j", "k"] * 10))
                mark("key-next-briefing", await _median_press(pilot, ["]"] * 10 + ["["] * 10))
                mark("key-topic-jump", await _topic_jump(pilot))
            if "search" in keys:
                mark("search-keypress", await _search(pilot, app))
            if "palette" in keys:
                mark("palette-keystroke", await _palette(pilot, app))

    asyncio.run(drive())
    app.finish_saving()


def _watch_paints(app: object) -> list[float]:
    """Record when each frame is handed to the terminal (headless: to the driver)."""
    painted: list[float] = []
    display = app._display  # type: ignore[attr-defined]
    frame = asyncio.Event()
    app._briefing_frame = frame  # type: ignore[attr-defined]

    def timed(*args: object, **kwargs: object) -> object:
        result = display(*args, **kwargs)
        painted.append(time.perf_counter())
        frame.set()
        return result

    app._display = timed  # type: ignore[attr-defined]
    return painted


def _key_event(key: str) -> Any:
    """The event a terminal's key arrives as (what Pilot.press makes of a key's name)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def _press_to_paint(pilot: object, *keys: str) -> float:
    """Seconds from `keys` arriving as a terminal delivers them to the first frame painted
    after them: the screen showing their effect (later frames are animations, such as the
    tab underline sliding).

    Each press starts from a settled app, as keys a person types do. The keys go to the
    driver, as a terminal's do, not through Pilot.press: after each key that waits for
    every widget on the screen to answer a message of its own, a cost of the harness that
    grows with the number of widgets, which a terminal does not add."""
    app: Any = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    frame: asyncio.Event = app._briefing_frame
    frame.clear()
    start = time.perf_counter()
    for key in keys:
        app._driver.send_message(_key_event(key))
    try:
        await asyncio.wait_for(frame.wait(), timeout=5)
    except TimeoutError:  # nothing to paint (the list already at its end)
        return time.perf_counter() - start
    painted: list[float] = app._briefing_paints
    return min(moment for moment in painted if moment > start) - start


async def _median_press(pilot: object, keys: list[str]) -> float:
    from statistics import median

    return median([await _press_to_paint(pilot, key) for key in keys])


async def _topic_jump(pilot: object) -> float:
    """t on an item, then enter on its first hit: the whole jump, repainted."""
    from statistics import median

    times = []
    for _ in range(5):
        await _back_to_reader(pilot)
        await pilot.press("3", "t", "tab")  # type: ignore[attr-defined]
        await _keys_handled(pilot)
        times.append(await _press_to_paint(pilot, "enter"))
        await _keys_handled(pilot)
    await _back_to_reader(pilot)
    return median(times)


async def _keys_handled(pilot: Any) -> None:
    """Wait until the reader has handed on every key typed (it takes them one by one)."""
    while getattr(pilot.app, "keys_pending", False):
        await asyncio.sleep(0.01)
    await pilot.pause()


async def _back_to_reader(pilot: Any) -> None:
    """Close whatever is open over the reader (a topic jump that did not jump leaves the
    topics screen open, and the next measure would type into it)."""
    from briefing_reader.screens.reader import ReaderScreen

    for _ in range(5):
        await _keys_handled(pilot)
        if isinstance(pilot.app.screen, ReaderScreen):
            return
        await pilot.press("escape")


async def _search(pilot: object, app: object) -> float:
    """Each keypress of a query, until its hits are on screen."""
    from statistics import median

    await _back_to_reader(pilot)
    await pilot.press("slash")  # type: ignore[attr-defined]
    await _keys_handled(pilot)
    times = []
    for query in ("jatec", "ukraine", "arctic"):
        for char in query:
            times.append(await _press_to_paint(pilot, char))
        for _ in query:
            await pilot.press("backspace")  # type: ignore[attr-defined]
    return median(times)


async def _palette(pilot: object, app: object) -> float:
    """Each keystroke in the command palette, until its hits are on screen: the palette
    matches in a worker, so from the key to the first frame after its list was refilled.
    Keys go to the driver, as in `_press_to_paint` (Pilot's `press` adds its own wait)."""
    from statistics import median

    from textual.command import CommandPalette

    await _back_to_reader(pilot)
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await _keys_handled(pilot)
    assert isinstance(app.screen, CommandPalette)  # type: ignore[attr-defined]
    palette: Any = app.screen  # type: ignore[attr-defined]
    group = palette._GATHER_COMMANDS_GROUP
    workers = app.workers  # type: ignore[attr-defined]

    async def matched() -> None:
        while any(worker.group == group and not worker.is_finished for worker in workers):
            await asyncio.sleep(0.001)

    await matched()
    await pilot.pause()  # type: ignore[attr-defined]
    refilled: list[float] = []
    refill = palette._refresh_command_list

    def timed(*args: object) -> None:
        refill(*args)
        refilled.append(time.perf_counter())

    palette._refresh_command_list = timed
    painted = app._briefing_paints  # type: ignore[attr-defined]
    times: list[float] = []
    for query in ("open 2019", "topic ukr", "compare gen"):
        for char in query:
            await pilot.pause()  # type: ignore[attr-defined]
            refilled.clear()
            start = time.perf_counter()
            # to the driver, as a terminal sends it (see _press_to_paint)
            app._driver.send_message(_key_event("space" if char == " " else char))  # type: ignore[attr-defined]
            while not refilled:
                await asyncio.sleep(0.001)
            await matched()
            while not any(moment > refilled[-1] for moment in painted):
                await asyncio.sleep(0.001)
            times.append(min(moment for moment in painted if moment > refilled[-1]) - start)
        for _ in query:
            await pilot.press("backspace")  # type: ignore[attr-defined]
            await matched()
    await pilot.press("escape")  # type: ignore[attr-defined]
    return float(median(times))


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    probes: dict[str, Callable[..., None]] = {
        "rich-floor": rich_floor,
        "yaml-floor": yaml_floor,
        "dicts-floor": dicts_floor,
        "hello": hello_app,
        "reader": reader,
    }
    probes[name](*args)

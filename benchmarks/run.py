"""Benchmarks: each figure a median over several runs, and a ratio to a floor from the same run.

    .venv/bin/python benchmarks/run.py            # the full table (about 10 minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer runs, 100 and 1,000 briefings

Every program runs in a fresh process (see probes.py); peak memory is that process's own
maximum resident set. Corpora are generated under the temp folder (corpus.py), and every
cold run gets an empty cache folder of its own, so nothing is measured warm by accident.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import itertools
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from statistics import median

import corpus

HERE = Path(__file__).resolve().parent
PROBES = HERE / "probes.py"
PYTHON = sys.executable
BRIEFINGS = corpus.ROOT / "briefings"


@dataclass
class Run:
    seconds: float
    peak_mib: float
    marks: dict[str, float]
    """Each MARK line: a figure the probe measured itself (key latencies), or, for the
    moments (painted, usable), the seconds from starting the process until it arrived."""


def run(argv: Sequence[str], *, env: dict[str, str] | None = None, until: str = "") -> Run:
    """Run a program to its end; its wall time, peak memory and MARK lines.

    With `until`, the time is when that MARK line arrives (the program keeps running to
    its end, so its peak memory is still known).
    """
    env = dict(env or {})
    if env.get("BRIEFING_READER_CACHE") == "fresh":
        env.update(fresh_cache())
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    marks: dict[str, float] = {}
    arrived: dict[str, float] = {}

    def drain() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode(errors="replace").split()
            if len(line) == 3 and line[0] == "MARK":
                moment = line[1] in MOMENTS
                marks[line[1]] = time.perf_counter() - start if moment else float(line[2])
                arrived[line[1]] = time.perf_counter() - start

    reader = threading.Thread(target=drain)
    reader.start()
    watchdog = threading.Timer(300, process.kill)  # a hung probe must not hang the table
    watchdog.start()
    _, status, usage = os.wait4(process.pid, 0)
    watchdog.cancel()
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed with exit code {process.returncode}")
    if until:
        elapsed = arrived[until]
    return Run(elapsed, usage.ru_maxrss / 1024, marks)


def repeat(times: int, measure: Callable[[], Run]) -> Run:
    """The median of each figure over `times` runs."""
    runs = [measure() for _ in range(times)]
    names = set.intersection(*(set(r.marks) for r in runs))
    return Run(
        median(r.seconds for r in runs),
        median(r.peak_mib for r in runs),
        {name: median(r.marks[name] for r in runs) for name in names},
    )


MOMENTS = {"painted", "loaded", "usable", "listed"}

COLD = {"BRIEFING_READER_CACHE": "fresh"}
"""An environment whose cache folder is new and empty on every run."""


def compile_sources() -> None:
    """Compile the reader's modules, as installing a release does and as the README's first
    command does: an editable install has no bytecode, and where PYTHONDONTWRITEBYTECODE is
    set (as on this machine) every start would compile every module again (35-40 ms)."""
    compileall.compile_dir(corpus.ROOT / "src", quiet=1)


def fresh_cache() -> dict[str, str]:
    """An environment with a cache folder of its own, kept between runs (warm)."""
    return {"BRIEFING_READER_CACHE": tempfile.mkdtemp(prefix="briefing-bench-cache-")}


_SESSIONS = itertools.count()


@contextlib.contextmanager
def tmux_session(command: str, size: tuple[int, int], name: str) -> Iterator[list[str]]:
    """A detached tmux session of `size` running `command`, killed on leaving the block;
    yields the tmux command that reaches it. Each session has a server of its own (`-L`):
    a new session on a shared server raced the server's exit after the last one ended
    ("server exited unexpectedly"), and a run of twenty minutes died of it."""
    session = f"{name}{os.getpid()}-{next(_SESSIONS)}"
    tmux = ["tmux", "-L", session]
    width, height = size
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command],
        check=True,
    )
    try:
        yield tmux
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def in_tmux(command: str, expect: str, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from starting `command` in a real terminal (tmux) until `expect` is on it."""
    start = time.perf_counter()
    with tmux_session(command, size, "bench") as tmux:
        while time.perf_counter() - start < 30:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if expect in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{expect!r} never appeared")


def listed_in_tmux(folder: str, cache: dict[str, str], size: tuple[int, int]) -> Run:
    """The reader on `folder` in a real terminal (tmux) of `size`: seconds from starting it
    until its library's list holds every file and has been drawn (the probe writes its
    MARK lines to a file: its output is the screen). A cache of "fresh" is new and empty."""
    cache = fresh_cache() if cache.get("BRIEFING_READER_CACHE") == "fresh" else cache
    marks = Path(tempfile.mkdtemp(prefix="briefing-bench-marks-")) / "marks"
    path = [f"PYTHONPATH={os.environ['PYTHONPATH']}"] if "PYTHONPATH" in os.environ else []
    command = " ".join(
        [
            "env",
            *path,
            f"BRIEFING_BENCH_MARKS={marks}",
            f"BRIEFING_READER_CACHE={cache['BRIEFING_READER_CACHE']}",
            PYTHON,
            str(PROBES),
            "reader",
            "real",
            folder,
            "exit",
        ]
    )
    start = time.perf_counter()
    with tmux_session(command, size, "benchlist"):
        while time.perf_counter() - start < 300:
            text = marks.read_text(encoding="utf-8") if marks.exists() else ""
            if "MARK listed" in text:
                return Run(time.perf_counter() - start, 0, {})
            time.sleep(0.01)
        raise TimeoutError("the list was never complete")


def repeat_runs(times: int, measure: Callable[[], Run]) -> float:
    return median(measure().seconds for _ in range(times))


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, what: str, value: float, floor: float | None, target: str, mib: float) -> None:
        ratio = f"{value / floor:.2f}×" if floor else ""
        self.rows.append((what, _ms(value), ratio, target, f"{mib:.0f}"))

    def print(self) -> None:
        header = ("measure", "median", "vs floor", "target", "peak MiB")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(5)]
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print(
                "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
            )


SEARCH_TARGET = "≤ 50 ms"
"""A keypress that searches, opens the timeline or shows a topic's history, at 10,000."""


def timeline_probe(folder: str) -> None:
    """`run.py --probe timeline FOLDER`, in a fresh process like every probe: the reader
    headless at 160x48 on `folder`; then the timeline opened (its key, or the call the key
    makes) and the history of the largest topic shown (`H`, then `o` turning it round,
    each a new history), each from the key to the first frame painted after it."""
    import asyncio
    from collections.abc import Awaitable

    import probes
    from textual.binding import Binding

    from briefing_reader.app import BriefingApp
    from briefing_reader.screens.reader import ReaderScreen
    from briefing_reader.screens.timeline import TimelineScreen

    app = BriefingApp(Path(folder), watch=False)
    keys = {
        key
        for binding in ReaderScreen.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }

    async def to_paint(pilot: object, act: Callable[[], Awaitable[object]]) -> float:
        painted = app._briefing_paints  # type: ignore[attr-defined]
        start = time.perf_counter()
        await act()
        await pilot.pause()  # type: ignore[attr-defined]
        after = [moment for moment in painted if moment > start]
        return (after[0] if after else time.perf_counter()) - start

    async def drive() -> None:
        async with app.run_test(size=(160, 48)) as pilot:
            while not app.loaded:
                await asyncio.sleep(0.01)
            app._briefing_paints = probes._watch_paints(app)  # type: ignore[attr-defined]
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            while not reader.settled:  # the library listed and the newest briefing shown
                await asyncio.sleep(0.01)
            while not app.all_made:  # a warm start's briefings made whole in the background
                await asyncio.sleep(0.01)
            await pilot.pause()
            opens = []
            for _ in range(7):
                if "T" in keys:
                    opens.append(await probes._press_to_paint(pilot, "T"))
                else:
                    screen = TimelineScreen(app.catalogue, app.catalogue_changed)
                    opens.append(await to_paint(pilot, partial(app.push_screen, screen)))
                assert isinstance(app.screen, TimelineScreen)
                await pilot.press("escape")
            probes.mark("timeline-open-first", opens[0])  # the screen made (then kept)
            probes.mark("timeline-open", median(opens[1:]))  # opened again, as T does
            await reader.action_topics(app.catalogue.topics.topics()[0])
            await pilot.pause()
            shown = [await probes._press_to_paint(pilot, "H")]
            for _ in range(6):
                shown.append(await probes._press_to_paint(pilot, "o"))
            probes.mark("history-largest", median(shown))

    asyncio.run(drive())


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller libraries")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure")
    parser.add_argument(
        "--keys-only", action="store_true", help="only the key latencies, on the largest library"
    )
    parser.add_argument("--probe", nargs=2, metavar=("NAME", "FOLDER"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.probe:  # run as a probe, in the fresh process run() started
        timeline_probe(options.probe[1])
        return
    compile_sources()
    runs = options.runs or (3 if options.quick else 5)
    sizes = (100, 1000) if options.quick else (1000, 10_000)
    table = Table()
    probe = [PYTHON, str(PROBES)]
    briefing = [PYTHON, "-m", "briefing_reader"]
    seed = str(corpus.SEED)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(
        f"python {platform.python_version()}, textual {version('textual')}, "
        f"rich {version('rich')}, pyyaml {version('pyyaml')}; medians of {runs} runs\n"
    )

    if options.keys_only:
        keys_table(table, runs, sizes[-1])
        table.print()
        return

    # --- start-up: the seed briefing painted, vs a hello-world Textual app ---------------
    hello = repeat(runs, partial(run, [*probe, "hello", "headless"], until="painted"))
    table.add(
        "floor: hello-world Textual app, headless, painted", hello.seconds, None, "", hello.peak_mib
    )
    seed_tui = repeat(
        runs,
        partial(run, [*probe, "reader", "headless", str(BRIEFINGS)], env=COLD, until="painted"),
    )
    table.add(
        "reader on briefings/, headless, painted",
        seed_tui.seconds,
        hello.seconds,
        "≤ 1.6×",
        seed_tui.peak_mib,
    )
    if shutil.which("tmux"):
        hello_real = median(
            in_tmux(f"{PYTHON} {PROBES} hello real", "Hello, world") for _ in range(runs)
        )
        table.add("floor: hello-world app in tmux, on screen", hello_real, None, "", 0)
        title = "Chiefs of Defence meet"
        seed_real = median(
            in_tmux(f"{PYTHON} -m briefing_reader {BRIEFINGS}", title) for _ in range(runs)
        )
        table.add("reader on briefings/ in tmux, on screen", seed_real, hello_real, "≤ 1.6×", 0)

    # --- summary to a pipe, vs Rich printing a Panel and a Table ----------------------------
    rich_floor = repeat(runs, partial(run, [*probe, "rich-floor"]))
    table.add(
        "floor: import Rich, print a Panel and a Table",
        rich_floor.seconds,
        None,
        "",
        rich_floor.peak_mib,
    )
    summary = repeat(runs, partial(run, [*briefing, "summary", seed]))
    table.add(
        "briefing summary SEED | cat",
        summary.seconds,
        rich_floor.seconds,
        "≤ 1.4×",
        summary.peak_mib,
    )

    # --- validate, cold and warm, vs a bare CSafeLoader parse ------------------------------
    parse: dict[int, float] = {}
    for size in sizes:
        folder = str(corpus.library(size))
        floor = repeat(runs, partial(run, [*probe, "yaml-floor", folder]))
        parse[size] = floor.seconds
        table.add(
            f"floor: yaml.load(CSafeLoader) of {size:,} files",
            floor.seconds,
            None,
            "",
            floor.peak_mib,
        )
        cold = repeat(runs, partial(run, [*briefing, "validate", folder], env=COLD))
        table.add(
            f"briefing validate {size:,} files, cold",
            cold.seconds,
            floor.seconds,
            "≤ 1.2×",
            cold.peak_mib,
        )
        warm_cache = fresh_cache()
        run([*briefing, "validate", folder], env=warm_cache)
        warm = repeat(runs, partial(run, [*briefing, "validate", folder], env=warm_cache))
        table.add(
            f"briefing validate {size:,} files, warm",
            warm.seconds,
            floor.seconds,
            "≤ 0.1×",
            warm.peak_mib,
        )

    # --- the reader on a large library: paint, usable list, keys, memory -------------------
    for size in sizes:
        folder = str(corpus.library(size))
        cold = repeat(
            max(1, runs // 2),
            partial(run, [*probe, "reader", "headless", folder], env=COLD),
        )
        table.add(
            f"reader on {size:,}, cold: painted",
            cold.marks["painted"],
            hello.seconds,
            "at once",
            cold.peak_mib,
        )
        # the list complete: every file listed and drawn, vs parsing every file (cold)
        table.add(
            f"reader on {size:,}, cold: list complete, 160x48",
            cold.marks["listed"],
            parse[size],
            "≤ 1.1× parse",
            cold.peak_mib,
        )
        warm_cache = fresh_cache()
        run([*probe, "reader", "headless", folder], env=warm_cache)
        warm = repeat(runs, partial(run, [*probe, "reader", "headless", folder], env=warm_cache))
        small = [*probe, "reader", "headless", folder, "80x24"]
        cold_small = repeat(max(1, runs // 2), partial(run, small, env=COLD))
        table.add(
            f"reader on {size:,}, cold: list complete, 80x24",
            cold_small.marks["listed"],
            parse[size],
            "≤ 1.1× parse",
            cold_small.peak_mib,
        )
        warm_small = repeat(runs, partial(run, small, env=warm_cache))
        table.add(
            f"reader on {size:,}, warm: list complete, 80x24",
            warm_small.marks["listed"],
            parse[size],
            "≤ 1.5 s",
            warm_small.peak_mib,
        )
        if shutil.which("tmux"):
            in_tmux_cold = repeat_runs(
                max(1, runs // 2), partial(listed_in_tmux, folder, COLD, (160, 48))
            )
            table.add(
                f"reader on {size:,} in tmux 160x48, cold: list complete",
                in_tmux_cold,
                parse[size],
                "≤ 1.1× parse",
                0,
            )
            in_tmux_warm = repeat_runs(runs, partial(listed_in_tmux, folder, warm_cache, (160, 48)))
            table.add(
                f"reader on {size:,} in tmux 160x48, warm: list complete",
                in_tmux_warm,
                parse[size],
                "≤ 1.5 s",
                0,
            )
        table.add(
            f"reader on {size:,}, warm: painted",
            warm.marks["painted"],
            hello.seconds,
            "≤ 2×",
            warm.peak_mib,
        )
        table.add(
            f"reader on {size:,}, warm: list complete, 160x48",
            warm.marks["listed"],
            parse[size],
            "≤ 1.5 s",
            warm.peak_mib,
        )
        table.add(  # no target: reported so that "list complete" hides nothing
            f"reader on {size:,}, warm: every briefing made (in the background)",
            warm.marks["whole"],
            parse[size],
            "",
            warm.peak_mib,
        )
        dicts = repeat(1, partial(run, [*probe, "dicts-floor", folder]))
        table.add(
            f"floor: {size:,} briefings as plain dicts (memory)",
            dicts.seconds,
            None,
            "",
            dicts.peak_mib,
        )
        empty = repeat(1, partial(run, [*probe, "dicts-floor", tempfile.mkdtemp()]))
        held = warm.peak_mib - hello.peak_mib  # what the library adds to a Textual app
        as_dicts = dicts.peak_mib - empty.peak_mib  # what it adds to Python as plain dicts
        print(
            f"memory, {size:,} briefings: reader {warm.peak_mib:.0f} MiB, plain dicts "
            f"{dicts.peak_mib:.0f} MiB; the library itself: {held:.0f} MiB in the reader "
            f"(over the hello-world app) vs {as_dicts:.0f} MiB as dicts (over bare Python) "
            f"= {held / as_dicts:.2f}× (target ≤ 1.2×)"
        )

    keys_table(table, runs, sizes[-1])
    print()
    table.print()


def keys_table(table: Table, runs: int, size: int) -> None:
    """Key latencies on a warm library of `size`, against the hello-world app's key floor."""
    probe = [PYTHON, str(PROBES)]
    sizes = (size,)
    largest = str(corpus.library(size))
    keys_cache = fresh_cache()
    run([*probe, "reader", "headless", largest], env=keys_cache)
    floor_keys = repeat(runs, partial(run, [*probe, "hello", "headless"]))
    keys = repeat(
        runs,
        partial(
            run,
            [*probe, "reader", "headless", largest, "keys", "search", "palette"],
            env=keys_cache,
        ),
    )
    key_floor = floor_keys.marks["key-floor"]
    table.add("floor: keypress → text update, hello-world app", key_floor, None, "", 0)
    table.add(
        f"list move (j/k), {sizes[-1]:,} library",
        keys.marks["key-move"],
        key_floor,
        "≤ 1.5×",
        keys.peak_mib,
    )
    table.add("pane switch (2…5)", keys.marks["key-pane"], key_floor, "", keys.peak_mib)
    table.add(
        "next / previous briefing ([ ])",
        keys.marks["key-next-briefing"],
        None,
        "≤ 100 ms",
        keys.peak_mib,
    )
    table.add("topic jump (t, enter)", keys.marks["key-topic-jump"], None, "", keys.peak_mib)
    table.add(
        f"search keypress → hits, {sizes[-1]:,} library",
        keys.marks["search-keypress"],
        None,
        SEARCH_TARGET,
        keys.peak_mib,
    )
    table.add(
        f"command palette keystroke → hits, {sizes[-1]:,} library",
        keys.marks["palette-keystroke"],
        key_floor,
        SEARCH_TARGET,
        keys.peak_mib,
    )
    timeline = repeat(
        runs, partial(run, [PYTHON, __file__, "--probe", "timeline", largest], env=keys_cache)
    )
    table.add(
        f"timeline opens again (T), {sizes[-1]:,} library",
        timeline.marks["timeline-open"],
        None,
        SEARCH_TARGET,
        timeline.peak_mib,
    )
    table.add(
        f"topic history of the largest topic, {sizes[-1]:,}",
        timeline.marks["history-largest"],
        None,
        SEARCH_TARGET,
        timeline.peak_mib,
    )
    first = timeline.marks["timeline-open-first"]
    print(f"timeline, first open (the screen made, then kept): {_ms(first)} ({SEARCH_TARGET})")


if __name__ == "__main__":
    main()

"""Benchmarks: each figure a median over several runs, and a ratio to a floor from the same run.

    .venv/bin/python benchmarks/run.py            # the full table (about 10 minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer runs, 100 and 1,000 briefings

Every program runs in a fresh process (see probes.py); peak memory is that process's own
maximum resident set. Corpora are generated under the temp folder (corpus.py), and every
cold run gets an empty cache folder of its own, so nothing is measured warm by accident.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
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


MOMENTS = {"painted", "loaded", "usable"}

COLD = {"BRIEFING_READER_CACHE": "fresh"}
"""An environment whose cache folder is new and empty on every run."""


def fresh_cache() -> dict[str, str]:
    """An environment with a cache folder of its own, kept between runs (warm)."""
    return {"BRIEFING_READER_CACHE": tempfile.mkdtemp(prefix="briefing-bench-cache-")}


def in_tmux(command: str, expect: str, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from starting `command` in a real terminal (tmux) until `expect` is on it."""
    session = f"bench{os.getpid()}"
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            command,
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < 30:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if expect in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{expect!r} never appeared")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


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


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller libraries")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure")
    options = parser.parse_args()
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
    for size in sizes:
        folder = str(corpus.library(size))
        floor = repeat(runs, partial(run, [*probe, "yaml-floor", folder]))
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
        table.add(
            f"reader on {size:,}, cold: list complete",
            cold.marks["usable"],
            hello.seconds,
            "background",
            cold.peak_mib,
        )
        warm_cache = fresh_cache()
        run([*probe, "reader", "headless", folder], env=warm_cache)
        warm = repeat(runs, partial(run, [*probe, "reader", "headless", folder], env=warm_cache))
        table.add(
            f"reader on {size:,}, warm: painted",
            warm.marks["painted"],
            hello.seconds,
            "≤ 2×",
            warm.peak_mib,
        )
        table.add(
            f"reader on {size:,}, warm: list complete",
            warm.marks["usable"],
            hello.seconds,
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

    largest = str(corpus.library(sizes[-1]))
    keys_cache = fresh_cache()
    run([*probe, "reader", "headless", largest], env=keys_cache)
    floor_keys = repeat(runs, partial(run, [*probe, "hello", "headless"]))
    keys = repeat(
        runs,
        partial(run, [*probe, "reader", "headless", largest, "keys", "search"], env=keys_cache),
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
        "≤ 50 ms",
        keys.peak_mib,
    )
    print()
    table.print()


if __name__ == "__main__":
    main()

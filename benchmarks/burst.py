"""Bursts of random keys against the reader, many seeds, each in a fresh process.

    .venv/bin/python benchmarks/burst.py                  # seeds 1..20 from every start
    .venv/bin/python benchmarks/burst.py --seeds 100 --jobs 8
    .venv/bin/python benchmarks/burst.py --starts palette,search --first 500 --seeds 50

Each run is one burst of tests/test_burst.py (500 keys in groups, resizes, live reload,
then ctrl+q) in a process of its own, with an empty cache folder, no $EDITOR and a working
folder of its own. Every run that crashed, hung, quit or lost a marking banner is listed
with its starting screen, seed, the error, the file the reader wrote its traceback to,
and every step played up to it (the key sequence), marked NEW or as the entry of
test_burst.FOUND it is. The exit status is 1 when any run went wrong, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"
sys.path.insert(0, str(TESTS))

import test_burst  # noqa: E402 - found through the path above, as in the tests

RESULT = "BURST-RESULT "
"""The prefix of the one line a child prints: its result, as JSON."""


@dataclass
class Run:
    start: str
    seed: int
    ok: bool
    seconds: float
    error: str = ""
    known: str = ""
    """Which open problem of test_burst.FOUND it is, if it is one."""
    report: str = ""
    """The failure: the problems, then every step played, then the screen."""

    @property
    def kind(self) -> str:
        return f"known: {self.known}" if self.known else "NEW"


def one(start: str, seed: int) -> int:
    """In the child: play one burst and print its result."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-burst-") as folder:
        os.chdir(folder)
        outcome = test_burst.run_burst(Path(folder), start, seed)
    result: dict[str, object] = {"ok": not outcome.problems, "quits": outcome.quits}
    if outcome.problems:
        result["error"] = "; ".join(outcome.problems)
        result["known"] = test_burst.known_problem(outcome) or ""
        result["report"] = test_burst.failure_text(start, seed, outcome)
    result["seconds"] = time.perf_counter() - began
    print(RESULT + json.dumps(result), flush=True)
    return 0 if not outcome.problems else 1


def spawn(start: str, seed: int, timeout: float) -> Run:
    """In the parent: run one burst in a fresh process, at most `timeout` seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")}
    env.setdefault("TERM", "xterm-256color")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-burst-cache-") as cache:
        env["BRIEFING_READER_CACHE"] = cache
        command = [sys.executable, __file__, "--one", start, str(seed)]
        try:
            done = subprocess.run(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            steps = test_burst.plan(start, seed)
            report = f"hung: no answer in {timeout:.0f} s; the whole burst:\n"
            report += test_burst.replay_text(start, steps)
            return Run(start, seed, ok=False, seconds=timeout, error="hang", report=report)
    seconds = time.perf_counter() - began
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT):
            result = json.loads(line[len(RESULT) :])
            return Run(
                start,
                seed,
                ok=bool(result["ok"]),
                seconds=seconds,
                error=str(result.get("error", "")),
                known=str(result.get("known", "")),
                report=str(result.get("report", "")),
            )
    tail = "\n".join(done.stderr.splitlines()[-30:])
    error = f"the child exited with status {done.returncode} without a result"
    return Run(start, seed, ok=False, seconds=seconds, error=error, report=f"{error}:\n{tail}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds per start (default 20)")
    parser.add_argument("--first", type=int, default=1, help="the first seed (default 1)")
    parser.add_argument(
        "--starts",
        default=",".join(test_burst.STARTS),
        help=f"starting screens, comma-separated (default all: {','.join(test_burst.STARTS)})",
    )
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per burst")
    parser.add_argument("--one", nargs=2, metavar=("START", "SEED"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one:
        return one(options.one[0], int(options.one[1]))

    starts = [start for start in options.starts.split(",") if start]
    unknown = [start for start in starts if start not in test_burst.STARTS]
    if unknown:
        parser.error(f"unknown start {', '.join(unknown)}")
    jobs = [
        (start, seed)
        for seed in range(options.first, options.first + options.seeds)
        for start in starts
    ]
    print(f"{len(jobs)} bursts of {test_burst.BURST_KEYS} keys, {options.jobs} at a time")
    began = time.perf_counter()
    runs: list[Run] = []
    with ThreadPoolExecutor(options.jobs) as pool:
        futures = [pool.submit(spawn, start, seed, options.timeout) for start, seed in jobs]
        for future in as_completed(futures):
            run = future.result()
            runs.append(run)
            verdict = "ok" if run.ok else f"FAILED ({run.kind}): {run.error}"
            print(f"  {run.start:<9} seed {run.seed:<5} {run.seconds:6.1f} s  {verdict}")
    elapsed = time.perf_counter() - began

    print(f"\n{'start':<10} {'runs':>5} {'failed':>7} {'median s':>9} {'max s':>7}")
    for start in starts:
        mine = [run for run in runs if run.start == start]
        failures = sum(not run.ok for run in mine)
        times = [run.seconds for run in mine]
        print(f"{start:<10} {len(mine):>5} {failures:>7} {median(times):>9.1f} {max(times):>7.1f}")
    failed = sorted((run for run in runs if not run.ok), key=lambda run: (run.start, run.seed))
    print(f"\n{len(runs)} bursts in {elapsed:.0f} s: {len(failed)} crashed, hung or lost a banner")
    kinds: dict[str, int] = {}
    for run in failed:
        kinds[run.kind] = kinds.get(run.kind, 0) + 1
    for kind, count in sorted(kinds.items()):
        print(f"  {count:>4}  {kind}")
    for run in failed:
        print(f"\n=== {run.start} seed {run.seed} ({run.kind}): {run.error}\n{run.report}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

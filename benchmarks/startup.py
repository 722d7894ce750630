"""First paint of the reader against a hello-world Textual app, and `summary` of the seed to
a pipe against Rich printing a Panel and a Table, in one run, for one or more source trees
(to compare a change with what came before it).

    .venv/bin/python benchmarks/startup.py                       # this tree
    .venv/bin/python benchmarks/startup.py --also OLD/src        # and another, interleaved

Each figure is a median over --runs fresh processes; the runs of each program alternate, so
a busy moment of the machine is shared by all of them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from statistics import median

from run import BRIEFINGS, COLD, PROBES, PYTHON, compile_sources, run

import corpus

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--also", type=Path, action="append", default=[], metavar="SRC")
    options = parser.parse_args()
    compile_sources()
    trees: list[tuple[str, dict[str, str]]] = [("this tree", {})]
    for source in options.also:
        trees.append((str(source), {"PYTHONPATH": str(source.resolve())}))
    hello: list[float] = []
    rich: list[float] = []
    readers: dict[str, list[float]] = {name: [] for name, _ in trees}
    summaries: dict[str, list[float]] = {name: [] for name, _ in trees}
    for _ in range(options.runs):
        hello.append(run([PYTHON, str(PROBES), "hello", "headless"], until="painted").seconds)
        for name, env in trees:
            command = [PYTHON, str(PROBES), "reader", "headless", str(BRIEFINGS)]
            timed = run(command, env={**COLD, **env}, until="painted")
            readers[name].append(timed.seconds)
        rich.append(run([PYTHON, str(PROBES), "rich-floor"]).seconds)
        for name, env in trees:
            command = [PYTHON, "-m", "briefing_reader", "summary", str(corpus.SEED)]
            summaries[name].append(run(command, env=env).seconds)
    floor = median(hello)
    print(f"hello-world Textual app, painted: {floor * 1000:.0f} ms (median of {options.runs})")
    for name, times in readers.items():
        seconds = median(times)
        print(f"reader on briefings/ ({name}): {seconds * 1000:.0f} ms = {seconds / floor:.2f}x")
    floor = median(rich)
    print(f"Rich prints a Panel and a Table: {floor * 1000:.0f} ms (median of {options.runs})")
    for name, times in summaries.items():
        seconds = median(times)
        print(
            f"summary of the seed, piped ({name}): {seconds * 1000:.0f} ms = {seconds / floor:.2f}x"
        )


if __name__ == "__main__":
    main()

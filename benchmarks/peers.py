"""First paint against the best peer: the reader, frogmouth (a Textual Markdown viewer)
opening the seed's Markdown export, and a hello-world Textual app, all in a real terminal
(tmux, 120x40), interleaved in one run, each a median over --runs fresh processes.

    python3 -m venv /tmp/fm && /tmp/fm/bin/pip install frogmouth     # a throwaway venv
    .venv/bin/python benchmarks/peers.py --frogmouth /tmp/fm/bin/frogmouth

Frogmouth is not a dependency: it is measured from wherever it is installed, with a home
folder of its own in the temp folder (it lists the home folder beside the document).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import tempfile
from pathlib import Path
from statistics import median

from run import BRIEFINGS, PROBES, PYTHON, in_tmux

SEED = BRIEFINGS / "2026-01-21-mccs-brussels.yaml"
TITLE = "Chiefs of Defence meet at NATO Headquarters"


def _timed(command: str, expect: str, tries: int = 3) -> float:
    """`in_tmux`, tried again when tmux's server was exiting just as the run began (the
    last session of the one before had just closed)."""
    for attempt in range(tries):
        try:
            return in_tmux(command, expect)
        except subprocess.CalledProcessError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frogmouth", type=Path, required=True, metavar="PATH")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        markdown = folder / "seed.md"
        exported = subprocess.run(
            [PYTHON, "-m", "briefing_reader", "summary", str(SEED), "--format", "markdown"],
            capture_output=True,
            text=True,
            check=True,
        )
        markdown.write_text(exported.stdout, encoding="utf-8")
        (folder / "home").mkdir()
        frogmouth = (
            f"env HOME={folder / 'home'} XDG_DATA_HOME={folder / 'data'} "
            f"XDG_CONFIG_HOME={folder / 'config'} {shlex.quote(str(options.frogmouth))} "
            f"{shlex.quote(str(markdown))}"
        )
        commands = {
            "hello-world Textual app": (f"{PYTHON} {PROBES} hello real", "Hello, world"),
            "briefing (the reader) on briefings/": (
                f"{PYTHON} -m briefing_reader {BRIEFINGS}",
                TITLE,
            ),
            "frogmouth on the seed's Markdown": (frogmouth, TITLE),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, (command, expect) in commands.items():
                times[name].append(_timed(command, expect))
    floor = median(times["hello-world Textual app"])
    for name, seconds in times.items():
        print(f"{name:40} {median(seconds) * 1000:7.0f} ms  {median(seconds) / floor:.2f}×")


if __name__ == "__main__":
    main()

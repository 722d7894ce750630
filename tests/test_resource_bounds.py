"""Resource attacks are refused fast and in bounded memory.

Each attack is generated into a temporary folder (too large to check in) and checked in a
fresh Python process, so that the peak resident memory measured is the attack's alone.

The bounds (see README, "Safe with sensitive files"):
- a file is read up to MAX_FILE_BYTES (1 MiB); anything larger is refused unread;
- at most MAX_VALUES (20,000) values once aliases are expanded; files over PRECOUNT_BYTES
  (64 KiB) are counted from the event stream before any node tree is built;
- libyaml refuses nesting deeper than 1,000 levels.
Measured here: every attack is refused in under 15 ms and 4 MiB; an honest 1 MiB line
loads and renders in 0.1-0.2 s and 15 MiB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp
from briefing_reader.loader import MAX_FILE_BYTES, MAX_VALUES
from conftest import run_cli
from pilot import drive, screen_text

MIB = 1024 * 1024
TIME_LIMIT_SECONDS = 2.0
MEMORY_LIMIT_MIB = 64
"""Above the interpreter's own footprint; a loaded seed briefing takes under 1 MiB."""

TAIL = "date: 2026-01-21\nagenda: []\npositions: []\nregions: []\nbilaterals: []\n"

MEASURE = """
import io, json, resource, sys, time, tracemalloc
from rich.console import Console
from briefing_reader.loader import load_file
from briefing_reader.render import summary

def read_and_show():
    result = load_file(sys.argv[1])
    if result.briefing is not None:
        Console(file=io.StringIO(), width=100).print(summary(result.briefing))
    return result

base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = read_and_show()
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()  # a second run, traced: Python's own allocations, precisely
read_and_show()
python_peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({
    "seconds": elapsed,
    "mib": max((peak - base) / 1024, python_peak / 1024 / 1024),
    "ok": result.ok,
    "problems": [str(problem) for problem in result.problems],
}))
"""


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return ("\n".join(lines) + "\n").encode()


def quadratic_blowup() -> bytes:
    """A thousand agenda items, each with a thousand topics: a few KB, a million values."""
    topics = ", ".join(["*t"] * 1000)
    items = "".join(["  - *i\n"] * 1000)
    return (
        f"title: x\ndate: 2026-01-21\npositions: []\nregions: []\nbilaterals: []\n"
        f"agenda:\n  - &i {{title: &t lol, topics: [{topics}]}}\n{items}"
    ).encode()


def under_the_size_limit(unit: str) -> bytes:
    """`unit` repeated to just under the size limit."""
    return (unit * ((MAX_FILE_BYTES - 100) // len(unit))).encode()


ATTACKS: dict[str, Callable[[], bytes]] = {
    "50 MB file": lambda: b"title: " + b"a" * (50 * MIB) + b"\n" + TAIL.encode(),
    "billion laughs": billion_laughs,
    "quadratic alias blow-up": quadratic_blowup,
    "10,000-deep flow nesting": lambda: ("title: " + "[" * 10_000 + "]" * 10_000).encode(),
    "10,000-deep block sequence": lambda: ("- " * 10_000 + "x\n").encode(),
    "1,000-deep indentation": lambda: "".join("  " * i + "a:\n" for i in range(1000)).encode(),
    "1 MiB of flow values": lambda: b"[" + under_the_size_limit("a,") + b"a]",
    "1 MiB of block items": lambda: under_the_size_limit("- a\n"),
    "1 MiB of keys": lambda: "".join(f"k{i}: v\n" for i in range(120_000))[: MIB - 10].encode(),
    "1 MiB line": lambda: b"title: " + under_the_size_limit("a") + b"\n" + TAIL.encode(),
    "1 MiB of words on one line": lambda: (
        b"title: " + under_the_size_limit("word ") + b"\n" + TAIL.encode()
    ),
    "1 MiB of long lines": lambda: (
        b"title: x\n" + TAIL.encode() + under_the_size_limit("# " + "c" * 10_000 + "\n")
    ),
}


def measure(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    measured: dict[str, Any] = json.loads(done.stdout)
    return measured


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_is_answered_fast_in_bounded_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / "attack.yaml"
    path.write_bytes(ATTACKS[name]())

    measured = measure(path)

    assert measured["seconds"] < TIME_LIMIT_SECONDS, measured
    assert measured["mib"] < MEMORY_LIMIT_MIB, measured
    if not measured["ok"]:
        assert measured["problems"], measured


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("50 MB file", "larger than 1024 KiB"),
        ("billion laughs", "unknown key 'a'"),  # its aliases are never expanded
        ("quadratic alias blow-up", f"more than {MAX_VALUES:,} values"),
        ("10,000-deep flow nesting", "maximum nesting depth"),
        ("10,000-deep block sequence", "maximum nesting depth"),
        ("1 MiB of flow values", f"more than {MAX_VALUES:,} values"),
        ("1 MiB of block items", f"more than {MAX_VALUES:,} values"),
        ("1 MiB of keys", f"more than {MAX_VALUES:,} values"),
    ],
)
def test_attack_is_refused_with_a_plain_reason(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / "attack.yaml"
    path.write_bytes(ATTACKS[name]())

    completed = subprocess.run(
        [sys.executable, "-m", "briefing_reader", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert completed.returncode == 1
    assert message in completed.stderr
    assert completed.stderr.startswith(f"{path}:")
    assert "Traceback" not in completed.stderr


def test_a_long_line_that_is_a_valid_briefing_still_loads(tmp_path: Path) -> None:
    """The bounds refuse attacks, not big honest files: a 1 MiB title is just long."""
    path = tmp_path / "long.yaml"
    path.write_bytes(ATTACKS["1 MiB line"]())

    assert measure(path)["ok"] is True


def test_the_reader_opens_a_huge_honest_briefing_promptly(tmp_path: Path) -> None:
    """A 1 MiB title is clipped in lists and title bars, so the screen paints at once."""
    library = tmp_path / "library"
    library.mkdir()
    (library / "long.yaml").write_bytes(ATTACKS["1 MiB of words on one line"]())
    started = time.perf_counter()

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert time.perf_counter() - started < 3.0
        title_bar = screen_text(app).splitlines()[1]
        assert title_bar.lstrip().startswith("word word")
        await pilot.press("slash", "w", "o", "r", "d")
        assert "word" in screen_text(app)

    drive(library, scenario, size=(120, 40))


def test_a_huge_field_is_clipped_on_screen_but_exported_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(ATTACKS["1 MiB line"]())

    assert run_cli(["summary", str(path), "--format", "text"]) == 0
    shown = capsys.readouterr().out
    assert run_cli(["summary", str(path), "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)

    assert "more characters: see the file" in shown
    assert len(shown) < 100_000
    assert len(exported["title"]) == MAX_FILE_BYTES - 100

"""Files as they really are: whatever sits in a library, nothing hangs, crashes or hides.

Special files (FIFOs, sockets, devices), links that dangle or loop, folders that link back
into themselves, unreadable files and names that are not UTF-8 each finish within seconds,
with a located message and no traceback, in `validate`, `summary` and the reader. And a
file replaced by another with the same size and modification time is a new version.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot

from briefing_reader import cache as cache_module
from briefing_reader.app import BriefingApp
from briefing_reader.library import scan
from conftest import MINIMAL, SEED, run_cli
from pilot import drive, make_library, screen_text, static_text

T = TypeVar("T")
Scenario = Callable[[Pilot[None], BriefingApp], Awaitable[None]]

LONG_AGO = time.time() - 3600


# --- a file version is its size, mtime, inode and ctime -------------------------------------


def _replace_keeping_size_and_mtime(path: Path, text: str) -> None:
    """What `cp -p`, `rsync -a` or `tar x` do: new content, the old size and mtime."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    replacement = path.with_name(path.name + ".new")
    replacement.write_text(text, encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_replacement_with_the_same_size_and_mtime_is_a_new_version(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    stamp, scanned = cache_module.stamp_of(path), scan(tmp_path)[path]
    assert stamp == scanned

    _replace_keeping_size_and_mtime(path, MINIMAL.replace("2026-01-21", "2026-01-22"))
    assert cache_module.stamp_of(path) != stamp
    assert scan(tmp_path)[path] != scanned


def test_a_file_rewritten_in_place_with_its_old_mtime_is_a_new_version(tmp_path: Path) -> None:
    """`touch -r` after a same-size edit in place: the inode stays, the change time moves."""
    path = tmp_path / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    stamp = cache_module.stamp_of(path)
    time.sleep(0.01)
    path.write_text(MINIMAL.replace("2026-01-21", "2026-01-22"), encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    assert cache_module.stamp_of(path) != stamp


def test_validate_sees_a_replacement_with_the_same_size_and_mtime(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    path = folder / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    assert run_cli(["validate", str(folder)]) == 0  # cached as valid

    _replace_keeping_size_and_mtime(path, MINIMAL.replace("2026-01-21", "2026-13-21"))
    capsys.readouterr()
    assert run_cli(["validate", str(folder)]) == 1
    assert "is not a real date" in capsys.readouterr().err


def test_the_reader_sees_a_replacement_with_the_same_size_and_mtime(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    path = folder / "a.yaml"
    shutil.copy(SEED, path)
    os.utime(path, (LONG_AGO, LONG_AGO))
    seed_text = SEED.read_text(encoding="utf-8")
    title_line = next(line for line in seed_text.splitlines() if line.startswith("title:"))
    renamed = "title: " + "Z" * (len(title_line) - len("title: "))

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert "Z" * 20 not in screen_text(app)
        _replace_keeping_size_and_mtime(path, seed_text.replace(title_line, renamed))
        for _ in range(250):
            if "Z" * 20 in screen_text(app):
                return
            await pilot.pause(0.02)
        raise AssertionError(f"the replacement was not noticed:\n{screen_text(app)}")

    drive(folder, scenario, watch=True, poll_seconds=0.05)


# --- a library that holds every kind of entry ----------------------------------------------

AS_ROOT = os.geteuid() == 0
"""Root reads a file whatever its mode: the unreadable file is left out."""

NON_UTF8 = os.fsdecode(b"\xff-latin1-\xe9.yaml")
"""A name that is not UTF-8 (Python keeps its bytes as lone surrogates)."""

SHOWN_NON_UTF8 = "<FF>-latin1-<E9>.yaml"

ESCAPES = "\x1b[31mred\x1b]0;title\x07.yaml"
"""A name holding a colour change and a set-the-window-title sequence."""

SHOWN_ESCAPES = "␛[31mred␛]0;title␇.yaml"

BROKEN = "title: x\ndate: 21 January\n"

PROBLEMS = {
    "fifo.yaml": "cannot read the file: not a regular file (a FIFO)",
    "socket.yaml": "cannot read the file: not a regular file (a socket)",
    "null.yaml": "cannot read the file: not a regular file (a character device)",
    "dangling.yaml": "cannot read the file: a symbolic link to a missing file",
    "loop.yaml": "cannot read the file: a symbolic link that loops",
    **({} if AS_ROOT else {"locked.yaml": "cannot read the file: Permission denied"}),
}
"""Each special entry, and its one problem (at 1:1)."""

LOADS = ("good.yaml", "sub/inner.yaml", "elsewhere/outside.yaml")
"""The files that load: one at the top, one in a folder, one in a linked folder outside."""


@pytest.fixture
def special(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library holding every kind of entry a file system has, and two folder cycles."""
    import socket

    folder = tmp_path / "library"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SEED, folder / "good.yaml")
    shutil.copy(SEED, folder / "sub" / "inner.yaml")
    shutil.copy(SEED, outside / "outside.yaml")
    (outside / "back").symlink_to(folder)  # a cycle through a folder outside
    (folder / "elsewhere").symlink_to(outside)
    (folder / "self").symlink_to(".")  # a cycle in the library itself
    (folder / "sub" / "up").symlink_to("..")
    os.mkfifo(folder / "fifo.yaml")
    monkeypatch.chdir(folder)  # a socket's path is at most 108 bytes: bind it by a short name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket.yaml")
    (folder / "null.yaml").symlink_to(os.devnull)
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    if not AS_ROOT:
        (folder / "locked.yaml").write_text(MINIMAL, encoding="utf-8")
        (folder / "locked.yaml").chmod(0)
    (folder / NON_UTF8).write_text(BROKEN, encoding="utf-8")
    (folder / ESCAPES).write_text(BROKEN, encoding="utf-8")
    return folder


def expected_files(folder: Path) -> set[Path]:
    names = [*PROBLEMS, *LOADS, NON_UTF8, ESCAPES]
    return {folder / name for name in names}


def run(*args: str | Path, timeout: float = 20) -> subprocess.CompletedProcess[bytes]:
    """`briefing ARGS` in a process of its own, which must end within `timeout` seconds."""
    command = [sys.executable, "-m", "briefing_reader", *map(str, args)]
    done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    for stream in (done.stdout, done.stderr):
        assert b"Traceback" not in stream
        assert b"\x1b" not in stream  # no escape code from a name reaches the terminal
    return done


def test_the_walk_finds_each_file_once_through_cycles_and_links(special: Path) -> None:
    found = within(10, lambda: scan(special))
    assert set(found) == expected_files(special)


def test_the_walk_visits_each_real_folder_once(
    special: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cycles and a link out: 3 real folders, each listed once (not 328 entries)."""
    listed: list[str] = []
    real_scandir = os.scandir

    def counting(path: str | Path) -> object:
        listed.append(os.path.realpath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting)
    within(10, lambda: scan(special))
    assert sorted(listed) == sorted(
        os.path.realpath(p) for p in (special, special / "sub", special.parent / "outside")
    )


def test_validate_reports_every_entry_located_and_finishes(special: Path) -> None:
    done = run("validate", special)
    err = done.stderr.decode()
    assert done.returncode == 1
    total = len(expected_files(special))
    invalid = len(PROBLEMS) + 2
    assert done.stdout.decode().startswith(f"{total} files checked: {invalid} invalid, ")
    for name, message in PROBLEMS.items():
        assert f"{special / name}:1:1: {message}\n" in err
    assert f"{special / SHOWN_NON_UTF8}:2:7: date: expected a date" in err
    assert f"{special / SHOWN_ESCAPES}:2:7: date: expected a date" in err
    assert "\\udc" not in err


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_validate_of_a_special_file_named_directly(special: Path, name: str) -> None:
    done = run("validate", special / name)
    assert done.returncode == 1
    assert done.stderr.decode() == f"{special / name}:1:1: {PROBLEMS[name]}\n"


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("fifo.yaml", "not a regular file (a FIFO)"),
        ("socket.yaml", "not a regular file (a socket)"),
        ("null.yaml", "not a regular file (a character device)"),
        ("dangling.yaml", "a symbolic link to a missing file"),
        ("loop.yaml", "a symbolic link that loops"),
    ],
)
def test_summary_of_a_special_file_is_a_usage_error(special: Path, name: str, what: str) -> None:
    done = run("summary", special / name)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().endswith(f"error: {special / name}: {what}\n")


# --- permissions, for real: root loses its power to read any file -----------------------------

_OVERRIDES = "-dac_override,-dac_read_search"
AS_A_USER: list[str] | None = (
    []
    if not AS_ROOT
    else ["setpriv", f"--bounding-set={_OVERRIDES}", f"--inh-caps={_OVERRIDES}"]
    if shutil.which("setpriv")
    else None
)
"""A command prefix under which file modes hold, as they do for any analyst. This suite
runs as root in CI, and root reads a 000 file; `setpriv` drops the two capabilities that
let it, so the same uid (whose Python lives in 0700 /root) still starts."""

needs_modes = pytest.mark.skipif(
    AS_A_USER is None, reason="running as root, and no setpriv to drop root's power to read"
)

DENIED = "cannot read the file: Permission denied"


def as_a_user(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    """`briefing ARGS`, or `python ARGS` when the first is "-c", with file modes enforced."""
    assert AS_A_USER is not None
    program = (
        list(map(str, args)) if args[0] == "-c" else ["-m", "briefing_reader", *map(str, args)]
    )
    done = subprocess.run(
        [*AS_A_USER, sys.executable, *program], capture_output=True, timeout=timeout, check=False
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A good briefing nobody may read (mode 000), in a library beside a readable one."""
    folder = tmp_path / "modes"
    folder.mkdir()
    shutil.copy(SEED, folder / "open.yaml")
    path = folder / "locked.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0)
    return path


@needs_modes
def test_summary_of_an_unreadable_file(locked: Path) -> None:
    done = as_a_user("summary", locked)
    assert done.returncode == 1
    assert done.stderr.decode() == f"{locked}:1:1: {DENIED}\n"


@needs_modes
def test_validate_follows_permissions_both_ways_with_the_cache_on(locked: Path) -> None:
    """An error of reading is never cached: made readable, the file is valid at once (no
    --no-cache), and made unreadable again, it is reported again."""
    first = as_a_user("validate", locked.parent)
    assert first.returncode == 1
    assert f"{locked}:1:1: {DENIED}" in first.stdout.decode() + first.stderr.decode()

    locked.chmod(0o644)
    readable = as_a_user("validate", locked.parent)
    assert readable.returncode == 0, readable.stdout.decode() + readable.stderr.decode()

    locked.chmod(0)
    again = as_a_user("validate", locked.parent)
    assert again.returncode == 1
    assert DENIED in again.stdout.decode() + again.stderr.decode()


READER_AS_A_USER = """
import asyncio, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from briefing_reader.app import BriefingApp
from pilot import screen_text, until_loaded

locked = Path({locked!r})

async def until(pilot, app, shown, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if shown(screen_text(app)):
            return True
        await pilot.pause(0.05)
    print(screen_text(app))
    return False

async def main():
    app = BriefingApp(locked.parent, watch=True, poll_seconds=0.1)
    async with app.run_test(size=(160, 48)) as pilot:
        await until_loaded(pilot, app)
        print("denied shown:", await until(pilot, app, lambda text: "✗ locked.yaml" in text))
        locked.chmod(0o644)
        print("readable shown:", await until(
            pilot, app, lambda text: "✗" not in text and "A minimal briefing" in text
        ))

asyncio.run(main())
"""


@needs_modes
def test_the_running_reader_notices_a_file_made_readable(locked: Path) -> None:
    script = READER_AS_A_USER.format(tests=str(Path(__file__).parent), locked=str(locked))
    done = as_a_user("-c", script, timeout=60)
    out = done.stdout.decode()
    assert done.returncode == 0, out + done.stderr.decode()
    assert "denied shown: True" in out, out
    assert "readable shown: True" in out, out


@pytest.mark.parametrize(("name", "shown"), [(NON_UTF8, SHOWN_NON_UTF8), (ESCAPES, SHOWN_ESCAPES)])
def test_summary_shows_an_odd_name_visibly(special: Path, name: str, shown: str) -> None:
    done = run("summary", special / name)
    assert done.returncode == 1
    assert done.stderr.decode().startswith(f"{special / shown}:2:7: date: expected a date")


def test_summary_of_a_good_file_with_an_odd_name(special: Path) -> None:
    good = special / NON_UTF8
    good.write_bytes(SEED.read_bytes())
    done = run("summary", "--format", "text", good)
    assert done.returncode == 0
    assert "Military Committee" in done.stdout.decode()


def within(seconds: float, work: Callable[[], T]) -> T:
    """What `work` returns, failing (not hanging) when it has not finished within `seconds`."""
    outcome: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"not finished within {seconds} s"
    if errors:
        raise errors[0]
    return outcome[0]


def drive_within(seconds: float, root: Path, scenario: Scenario, **options: Any) -> None:
    """`drive`, failing (not hanging) when the reader has not finished within `seconds`."""
    within(seconds, lambda: drive(root, scenario, **options))


def assert_layout_intact(app: BriefingApp, width: int) -> None:
    """Every row of the screen exactly `width` cells wide: no name broke a border."""
    rows = screen_text(app).splitlines()
    assert rows
    assert {cell_len(row) for row in rows} == {width}, "\n".join(rows)


def test_the_reader_lists_every_entry_with_its_problem(special: Path) -> None:
    """Each special entry listed with a ✗, and opened on its located problem; odd names
    shown visibly, in the list and in the title bar, with the layout intact."""
    seen: dict[str, str] = {}

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        text = screen_text(app)
        for name in [*PROBLEMS, SHOWN_NON_UTF8, SHOWN_ESCAPES]:
            assert f"✗ {name}" in text
        assert "\udcff" not in text
        assert "\x1b" not in text
        assert_layout_intact(app, 160)
        for _ in range(len(expected_files(special))):
            await pilot.press("right_square_bracket")
            if app.screen.query("#problems-body"):
                problems = static_text(app, "#problems-body")
                title = screen_text(app).splitlines()[1]
                seen[problems] = title
                assert_layout_intact(app, 160)

    drive_within(60, special, scenario, size=(160, 48))
    everything = "\n".join(seen)
    for name, message in PROBLEMS.items():
        assert f"{name}:1:1: {message}" in everything
    assert f"{SHOWN_NON_UTF8}:2:7: date: expected a date" in everything
    assert any(SHOWN_NON_UTF8 in title for title in seen.values())
    assert any(SHOWN_ESCAPES in title for title in seen.values())


@pytest.mark.parametrize("name", ["fifo.yaml", "socket.yaml", "null.yaml", "loop.yaml"])
def test_the_reader_on_a_special_file_named_directly(special: Path, name: str) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert PROBLEMS[name] in static_text(app, "#problems-body")

    drive_within(30, special / name, scenario)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
def test_quitting_does_not_wait_for_a_hung_read(tmp_path: Path, key: str) -> None:
    """A read that never returns (a hung network share) in the loading worker: `q` or
    Ctrl+C still ends the reader, and the process, at once."""
    folder = make_library(tmp_path / "lib")
    script = f"""
import asyncio, threading, time
from pathlib import Path
from briefing_reader import app as module

def hung(path):
    threading.Event().wait()

module.load_file = hung

async def main():
    app = module.BriefingApp(Path({str(folder)!r}), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause(0.3)
        started = time.monotonic()
        await pilot.press({key!r})
    print("quit after", time.monotonic() - started)

asyncio.run(main())
"""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"quit after" in done.stdout
    assert time.monotonic() - started < 10


def test_problems_are_named_relative_to_the_library_without_touching_the_disk(
    tmp_path: Path,
) -> None:
    """The screen's thread never asks the disk (a hung share would freeze it): a library
    that has gone away still names its files' problems relative to it."""
    from briefing_reader.loader import Problem
    from briefing_reader.widgets.problems import relative

    root = tmp_path / "gone"
    inside = Problem(str(root / "sub" / "a.yaml"), 2, 7, "m")
    assert str(relative(inside, root)) == "sub/a.yaml:2:7: m"
    alone = Problem(str(root), 1, 1, "m")  # the reader opened on one file
    assert relative(alone, root) == alone

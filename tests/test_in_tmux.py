"""The reader in a real terminal (tmux): what Pilot's paced key presses cannot show.

Skipped where tmux is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pilot import make_library

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One tmux session running the reader."""

    def __init__(self, session: str, status: Path) -> None:
        self.session = session
        self.status = status  # the reader's exit status is written here when it ends

    def exit_status(self, seconds: float) -> str | None:
        """The reader's exit status, if it ended within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return self.status.read_text().strip()
            time.sleep(0.02)
        return None

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)

    def screen(self) -> str:
        completed = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout

    def wait_for(self, check: Callable[[str], bool], what: str, seconds: float = 15) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what}: not on screen after {seconds} s:\n{self.screen()}")


@contextmanager
def reader_in_tmux(
    folder: Path, tmp_path: Path, size: tuple[int, int], command: str = ""
) -> Iterator[Terminal]:
    session = f"briefing-test-{uuid.uuid4().hex[:8]}"
    status = tmp_path / "status"
    env = {
        "BRIEFING_READER_CACHE": "off",
        "PYTHONPATH": os.pathsep.join(sys.path),
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{name}={value!r}" for name, value in env.items())
    reader = f"{sys.executable} -m briefing_reader {command} {folder}"
    command = f"env -u COLUMNS -u LINES {exports} {reader}; echo $? > {status}"
    width, height = str(size[0]), str(size[1])
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", width, "-y", height, command],
        check=True,
    )
    # with no client attached, tmux may keep its default size: set the size we asked for
    subprocess.run(
        ["tmux", "resize-window", "-t", session, "-x", str(size[0]), "-y", str(size[1])],
        check=False,
    )
    try:
        yield Terminal(session, status)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def test_topic_lines_survive_a_new_file_and_the_library_opening(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)
    with reader_in_tmux(folder, tmp_path, (120, 40)) as terminal:
        terminal.wait_for(lambda screen: "UNCLASSIFIED" in screen, "the reader")
        time.sleep(1.5)  # reading the overview
        terminal.keys("3")
        time.sleep(0.5)
        (folder / "new.yaml").write_text(
            "title: Added later\ndate: 2027-01-01\nagenda: []\npositions: []\n"
            "regions: []\nbilaterals: []\n",
            encoding="utf-8",
        )
        time.sleep(1.5)  # the watcher polls every half second
        terminal.keys("l")
        terminal.wait_for(lambda screen: "Added later" in screen, "the new file")
        time.sleep(0.5)
        screen = terminal.screen()
        for tags in ("#industrial-ramp-up #deterrence", "#balkans #middle-east", "#partnerships"):
            assert tags in screen, screen


@pytest.mark.parametrize("keys", [("C-c",), ("f", "C-c"), ("?", "C-c"), ("q",)])
def test_ctrl_c_or_q_ends_the_reader_within_a_second(tmp_path: Path, keys: tuple[str, ...]) -> None:
    """In a real terminal Ctrl+C arrives as a key, not a signal: it must end the reader,
    from the reader, the filter box or a dialog, with status 0 and the screen restored."""
    folder = make_library(tmp_path / "lib")
    with reader_in_tmux(folder, tmp_path, (100, 30)) as terminal:
        terminal.wait_for(lambda screen: "UNCLASSIFIED" in screen, "the reader")
        *before, last = keys
        for key in before:
            terminal.keys(key)
            time.sleep(0.3)
            if key == "?":  # quit from the help screen once it is shown, not while it opens
                terminal.wait_for(lambda screen: "Keys" in screen, "the help screen")
        terminal.keys(last)
        assert terminal.exit_status(seconds=1.0) == "0", terminal.screen()


def test_keys_sent_in_one_write_land_where_typed_slowly(tmp_path: Path) -> None:
    """`tmux send-keys f o s l o`: the filter box opens and holds "oslo"; `/ j a t e c`:
    the search box holds "jatec" (both were left empty, the keys lost to the list)."""
    folder = make_library(tmp_path / "lib")
    with reader_in_tmux(folder, tmp_path, (100, 30)) as terminal:
        terminal.wait_for(lambda screen: "UNCLASSIFIED" in screen, "the reader")
        time.sleep(1.0)
        terminal.keys("f", "o", "s", "l", "o")
        terminal.wait_for(lambda screen: "▊  oslo" in screen, "oslo in the filter box", 5)
        terminal.keys("Escape", "Escape", "/", "j", "a", "t", "e", "c")
        terminal.wait_for(lambda screen: "jatec" in screen and "hit" in screen, "the search", 5)


def test_briefing_present_shows_slides_and_q_ends_it(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)
    seed = next(folder.glob("*.yaml"))
    with reader_in_tmux(seed, tmp_path, (80, 24), command="present") as terminal:
        first = terminal.wait_for(lambda screen: "1 / " in screen, "the title slide")
        lines = first.splitlines()
        assert lines[0].strip() == lines[-1].strip() == "UNCLASSIFIED", first
        terminal.keys("Space", "Space")
        terminal.wait_for(lambda screen: "3 / " in screen, "the third slide")
        terminal.keys("q")
        assert terminal.exit_status(seconds=2.0) == "0", terminal.screen()

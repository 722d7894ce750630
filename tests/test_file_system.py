"""Files as they really are: whatever sits in a library, nothing hangs, crashes or hides.

Special files (FIFOs, sockets, devices), links that dangle or loop, folders that link back
into themselves, unreadable files and names that are not UTF-8 each finish within seconds,
with a located message and no traceback, in `validate`, `summary` and the reader. And a
file replaced by another with the same size and modification time is a new version.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader import cache as cache_module
from briefing_reader.app import BriefingApp
from briefing_reader.library import scan
from conftest import MINIMAL, SEED, run_cli
from pilot import drive, screen_text

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

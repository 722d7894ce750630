"""A folder of briefings: which files are briefings, and every file's load result.

A broken file never stops the rest: each file is loaded on its own and keeps its problems.
Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Stamp, stamp_from
from .loader import LoadResult, load_file
from .model import Briefing

BRIEFING_SUFFIXES = (".yaml", ".yml")


def briefing_files(folder: Path) -> list[Path]:
    """The briefing files below a folder, in path order; hidden folders are skipped."""
    return sorted(scan(folder))


def scan(folder: Path) -> dict[Path, Stamp]:
    """Every briefing file below a folder with its stamp (see cache.Stamp), in one pass
    of os.scandir (one stat per file: cheap enough to poll a library of thousands).

    Each real folder is walked once, by its device and inode: a link back into the library
    (`ln -s . self`) adds nothing, and a link to a folder outside it is followed once. Real
    folders are walked before linked ones, so a file has its own path where it has one.
    Every entry named like a briefing that is not a folder is listed, whatever it is (a
    FIFO, a link that dangles or loops): the loader says why it cannot be read. Nothing
    here opens a file.
    """
    found: dict[Path, Stamp] = {}
    seen: set[tuple[int, int]] = set()
    linked: list[Path] = []
    pending = [folder]
    while pending or linked:
        current = pending.pop() if pending else linked.pop(0)
        try:
            status = os.stat(current)
            if (status.st_dev, status.st_ino) in seen:
                continue
            seen.add((status.st_dev, status.st_ino))
            entries = sorted(os.scandir(current), key=lambda entry: entry.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = current / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link that loops
                is_dir = False
            if is_dir:
                (linked if entry.is_symlink() else pending).append(path)
            elif entry.name.lower().endswith(BRIEFING_SUFFIXES):
                try:
                    found[path] = stamp_from(entry.stat())
                except OSError:  # a link that dangles or loops: the link's own stamp
                    try:
                        found[path] = stamp_from(entry.stat(follow_symlinks=False))
                    except OSError:  # gone since the folder was listed
                        continue
    return found


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files named directly and briefing files inside named folders (by `scan`'s walk);
    and paths that name nothing. A link named directly is a file even when it dangles or
    loops: the loader says which."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(briefing_files(path))
        elif os.path.lexists(path):
            files.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(files)), missing


@dataclass
class Library:
    """Every briefing file under a set of paths, loaded or with its problems."""

    results: dict[Path, LoadResult] = field(default_factory=dict)
    last_good: dict[Path, Briefing] = field(default_factory=dict)
    """The last version of each file that loaded, kept readable while the file is broken."""

    @classmethod
    def open(cls, paths: Iterable[Path]) -> Library:
        library = cls()
        files, _ = expand_paths(paths)
        for path in files:
            library.update(load_file(path))
        return library

    def update(self, result: LoadResult) -> None:
        """Keep a file's new load result (after it changed on disk)."""
        self.results[result.path] = result
        if result.briefing is not None:
            self.last_good[result.path] = result.briefing

    def remove(self, path: Path) -> None:
        """Forget a file that was deleted."""
        self.results.pop(path, None)
        self.last_good.pop(path, None)

    def readable(self, path: Path) -> Briefing | None:
        """The briefing to show for `path`: the current one, or the last good one."""
        result = self.results.get(path)
        if result is not None and result.briefing is not None:
            return result.briefing
        return self.last_good.get(path)

    def ordered(self) -> list[LoadResult]:
        """Newest briefing first; files that failed to load last, by name."""
        return sorted(self.results.values(), key=order_key)


def order_key(result: LoadResult) -> tuple[int, int, str]:
    """Library order: newest briefing first; files that failed to load last, by name."""
    if result.briefing is None:
        return (1, 0, str(result.path))
    return (0, -_ordinal(result.briefing.date), str(result.path))


def _ordinal(day: dt.date) -> int:
    return day.toordinal()

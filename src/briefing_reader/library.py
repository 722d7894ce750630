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
    of os.scandir (one stat per file: cheap enough to poll a library of thousands)."""
    found: dict[Path, Stamp] = {}
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    pending.append(current / entry.name)
                elif entry.name.lower().endswith(BRIEFING_SUFFIXES) and entry.is_file():
                    found[current / entry.name] = stamp_from(entry.stat())
            except OSError:
                continue
    return found


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files named directly and briefing files inside named folders; and paths that don't exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(briefing_files(path))
        elif path.exists():
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

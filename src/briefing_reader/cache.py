"""Load results kept between runs, so an unchanged file is never parsed twice.

A file's entry is keyed by its folder, name and stamp (size, modification time, inode and
change time): any change makes it a miss. Two layers per folder, in the user's cache folder
(never beside the briefings):

- the *verdicts*: each file's problems (none when it loads), small enough to read whole;
  `validate` needs only these;
- the *briefings*: the loaded model, in chunks the reader reads one at a time in the
  background while it paints and fills its list.

The cache is a convenience, never a source of truth: a missing, stale, corrupt or
unreadable cache is a miss, and a cache that cannot be written is skipped. It is unpickled
with a loader that refuses every class but the model's own, so even a tampered cache
cannot run code. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, loader, model
from .loader import LoadResult, Problem, load_file
from .model import Briefing

CACHE_ENV = "BRIEFING_READER_CACHE"
"""A folder to keep the cache in instead of the user's cache folder, or `off`."""

CHUNK = 500
"""Briefings per chunk: small enough that reading one never stalls the screen."""

RACY_SECONDS = 2.0
"""Files modified this recently are not cached: a second save within the file system's
timestamp granularity, at the same size, would otherwise go unnoticed."""

Stamp = tuple[int, int, int, int]
"""One version of a file: size, modification time, inode and change time (ns). The inode
and change time catch a replacement that keeps size and mtime (`cp -p`, `rsync -a`)."""


def cache_folder() -> Path | None:
    """Where the cache lives: $BRIEFING_READER_CACHE, else the platform's user cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "briefing-reader"


def _fingerprint() -> str:
    """Changes whenever the format or the loader could: a new version never reads old entries."""
    digest = hashlib.sha256(__version__.encode())
    for module in (model, loader):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


_ALLOWED = {
    "briefing_reader.model": set(model.__dict__),
    "briefing_reader.loader": {"LoadResult", "Problem"},
    "datetime": {"date"},
    "pathlib": {"Path", "PosixPath", "WindowsPath"},
}


class _ModelOnlyUnpickler(pickle.Unpickler):
    """Builds the model's own classes, dates and paths; refuses anything else."""

    def find_class(self, module: str, name: str) -> type:
        if name in _ALLOWED.get(module, ()):
            found: type = super().find_class(module, name)
            return found
        raise pickle.UnpicklingError(f"not allowed in the cache: {module}.{name}")


def _unpickle(data: bytes) -> object:
    return _ModelOnlyUnpickler(io.BytesIO(data)).load()


def stamp_of(path: Path) -> Stamp | None:
    try:
        return stamp_from(path.stat())
    except OSError:
        return None


def stamp_from(status: os.stat_result) -> Stamp:
    return status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns


def _cacheable(stamp: Stamp) -> bool:
    return time.time() - stamp[1] / 1e9 > RACY_SECONDS


@dataclass
class _FolderCache:
    """One folder's entries: verdicts by file name, and where its briefings are kept."""

    base: Path
    verdicts: dict[str, tuple[Stamp, tuple[tuple[int, int, str], ...]]] = field(
        default_factory=dict
    )
    chunks: int = 0
    changed: bool = False


class LoadCache:
    """Load files through the cache: cached results for unchanged files, fresh ones else."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.folder = (folder or cache_folder()) if enabled else None
        self._fingerprint = _fingerprint() if self.folder else ""
        self._folders: dict[Path, _FolderCache] = {}

    # --- verdicts: whether each file loads, and its problems --------------------------

    def _folder_cache(self, directory: Path) -> _FolderCache:
        cached = self._folders.get(directory)
        if cached is not None:
            return cached
        name = hashlib.sha256(str(directory).encode()).hexdigest()[:24]
        base = (self.folder or Path()) / f"{name}-{self._fingerprint}"
        cached = _FolderCache(base)
        self._folders[directory] = cached
        if self.folder is None:
            return cached
        try:
            data = _unpickle(base.with_suffix(".verdicts").read_bytes())
            if isinstance(data, tuple) and len(data) == 3 and data[0] == str(directory):
                cached.verdicts, cached.chunks = data[1], data[2]
        except Exception:  # absent, corrupt or foreign: a miss, rewritten on save
            cached.verdicts, cached.chunks = {}, 0
        return cached

    def problems(self, path: Path) -> tuple[Problem, ...]:
        """A file's problems (none when it loads), from the cache when it is unchanged."""
        stamp = stamp_of(path)
        known = self.known_problems(path, stamp)
        if known is not None:
            return known
        result = load_file(path)
        self.remember(result, stamp)
        return result.problems

    def known_problems(self, path: Path, stamp: Stamp | None) -> tuple[Problem, ...] | None:
        """The cached verdict of a file with this stamp, or None when it is not known."""
        entry = self._folder_cache(path.absolute().parent).verdicts.get(path.name)
        if stamp is None or entry is None or entry[0] != stamp:
            return None
        return tuple(Problem(str(path), *problem) for problem in entry[1])

    def remember(self, result: LoadResult, stamp: Stamp | None) -> None:
        """Keep a fresh result's verdict (the reader keeps its briefing too, see `save`)."""
        if self.folder is None or stamp is None or not _cacheable(stamp):
            return
        cached = self._folder_cache(result.path.absolute().parent)
        verdict = tuple((p.line, p.column, p.message) for p in result.problems)
        cached.verdicts[result.path.name] = (stamp, verdict)
        cached.changed = True

    # --- briefings: the whole model, for the reader ------------------------------------

    def briefings(self, directory: Path) -> Iterator[dict[str, tuple[Stamp, Briefing]]]:
        """The cached briefings of a folder, a chunk at a time."""
        cached = self._folder_cache(directory.absolute())
        for number in range(cached.chunks):
            try:
                chunk = _unpickle(cached.base.with_suffix(f".{number}.chunk").read_bytes())
            except Exception:
                continue
            if isinstance(chunk, dict):
                yield chunk

    def save(self, briefings: Iterable[tuple[Path, Stamp, Briefing]] | None = None) -> None:
        """Write what changed; with `briefings`, also rewrite the folders' briefing chunks."""
        if self.folder is None:
            return
        by_folder: dict[Path, list[tuple[str, Stamp, Briefing]]] = {}
        for path, stamp, briefing in briefings or ():
            if _cacheable(stamp):
                directory = path.absolute().parent
                by_folder.setdefault(directory, []).append((path.name, stamp, briefing))
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for directory, cached in self._folders.items():
                entries = by_folder.get(directory)
                if entries is not None:
                    cached.chunks = self._write_chunks(cached.base, entries)
                    cached.changed = True
                if cached.changed:
                    present = set(os.listdir(directory)) if directory.is_dir() else set()
                    verdicts = {k: v for k, v in cached.verdicts.items() if k in present}
                    data = (str(directory), verdicts, cached.chunks)
                    _write(cached.base.with_suffix(".verdicts"), pickle.dumps(data, protocol=5))
                    cached.changed = False
        except OSError:  # a read-only or full disk: the cache is only a convenience
            return

    def _write_chunks(self, base: Path, entries: list[tuple[str, Stamp, Briefing]]) -> int:
        for start in range(0, len(entries), CHUNK):
            chunk = {name: (stamp, b) for name, stamp, b in entries[start : start + CHUNK]}
            _write(base.with_suffix(f".{start // CHUNK}.chunk"), pickle.dumps(chunk, protocol=5))
        return (len(entries) + CHUNK - 1) // CHUNK


def _write(target: Path, data: bytes) -> None:
    """Write whole or not at all: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

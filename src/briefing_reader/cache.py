"""Load results kept between runs, so an unchanged file is never parsed twice.

A file's entry is keyed by its folder, name and stamp (size, modification time, inode and
change time): any change makes it a miss. Two layers per folder, in the user's cache folder
(never beside the briefings):

- the *verdicts*: each file's problems (none when it loads), small enough to read whole;
  `validate` needs only these. Problems are kept in the language they were said in, and
  read back only by a run in that language;
- the *briefings*: the loaded model, in chunks the reader reads one at a time in the
  background while it paints and fills its list. Each entry holds a briefing's scalar
  fields (what the list shows), its search text and topic counts, and its items as bytes:
  the briefing is listed at once and its items are made when first read (see
  `model.deferred`; making every item of ten thousand briefings took seconds).

Only an UNCLASSIFIED briefing is kept whole. Of any other (marked above it, or unmarked:
nobody has said it is releasable) the cache keeps at most that it loads, which carries
none of its content; a file that does not load keeps its problems (which quote it) only
when it declares itself UNCLASSIFIED. An error reading a file is never kept. The folder is
private (0700) and every file in it is written 0600, whole or not at all.

The cache is a convenience, never a source of truth: a missing, stale, corrupt, doctored or
unreadable cache is a miss, and a cache that cannot be written is skipped (`unusable` says
why). Everything read back is checked as strictly as a user's file: its shape, every type
of the model, counts and sizes; anything unexpected is discarded and rebuilt. It is
unpickled with a loader that refuses every class but the model's own, so even a tampered
cache cannot run code. A briefing's items are checked when they are made; items that fail
their check are read from the file itself. It is bounded: entries of files and folders
that are gone, and of older versions, are pruned, and the whole stays under
MAX_CACHE_BYTES. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import pickle
import re
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from . import __version__, i18n, loader, model
from .i18n import N_, _
from .loader import MAX_FILE_BYTES, MAX_VALUES, LoadResult, Problem, load_file
from .model import (
    TOPIC_PATTERN,
    Briefing,
    TypeSpec,
    deferred,
    fields_of,
    filler_of,
    record_types,
    type_spec,
)
from .text import marking_level

CACHE_ENV = "BRIEFING_READER_CACHE"
"""A folder to keep the cache in instead of the user's cache folder, or `off`."""

CHUNK = 500
"""Briefings per chunk: small enough that reading one never stalls the screen."""

APP_NAME = "briefing-reader"  # not shown

MAX_CACHE_BYTES = 256 * 1024 * 1024
"""The most the cache folder may hold (a seed-sized briefing kept whole takes ~14 KiB, two
thirds of it its search text: 256 MiB is some 18,000 of them); past it, the folders least
recently saved are dropped first."""

MAX_FILES_PER_FOLDER = 100_000
"""Entries one folder's verdicts may hold; a cache claiming more is discarded."""

MAX_CHUNKS = MAX_FILES_PER_FOLDER // CHUNK

MAX_PROBLEMS = MAX_VALUES + 1
"""Problems one cached verdict may hold: the loader reports at most one a value."""

MAX_POSITION = 100_000_000
"""The largest line or column a cached problem or item may give."""

MAX_MESSAGE = 10_000
"""Characters of one cached problem message."""

MAX_FOLDER_PROBLEMS = 1_000_000
"""Problems all of one folder's cached verdicts may hold together: a pickle can share one
long tuple among many entries, which would otherwise cost a check each time."""

MAX_CHUNK_VALUES = 1_000_000
"""Values all the briefings of one chunk may hold together (a briefing holds a few
hundred): bounds the check of a chunk to about a second, shared references or not."""

MAX_KEPT_BYTES = 4 * MAX_FILE_BYTES
"""The most one entry's items or search text may take: more than any file's could."""

_FORMAT = b"cache format 4: releasable content only; by column; items read when first used"
"""Part of the fingerprint: entries written under another format are never read, and pruned."""

_READ_ERROR = N_("cannot read the file: {error}")
"""The loader's problem for an unreadable file (the same message): such a verdict is never
kept, in whichever language it was said."""

RACY_SECONDS = 2.0
"""Files modified this recently are not cached: a second save within the file system's
timestamp granularity, at the same size, would otherwise go unnoticed."""

Stamp = tuple[int, int, int, int]
"""One version of a file: size, modification time, inode and change time (ns). The inode
and change time catch a replacement that keeps size and mtime (`cp -p`, `rsync -a`)."""

VerdictStamp = tuple[int, ...]
"""What a verdict is kept under: the file's stamp, and for a verdict with problems the
language their messages are written in (see `_verdict_stamp`)."""

Verdicts = dict[str, tuple[VerdictStamp, tuple[tuple[int, int, str], ...]]]
"""A folder's verdicts by file name: each file's verdict stamp and problems (line, column,
message)."""


def cache_folder() -> Path | None:
    """Where the cache lives: $BRIEFING_READER_CACHE, else the platform's user cache folder;
    None when it is off or there is none (see `cache_unusable`)."""
    return _choose_folder()[0]


def cache_unusable() -> str | None:
    """Why there is no cache to use, for the reader to tell the user once; None when the
    cache works or was switched off on purpose ($BRIEFING_READER_CACHE=off)."""
    return LoadCache().unusable


def _choose_folder() -> tuple[Path | None, str | None]:
    """The cache folder, or None and why not (no reason when it was switched off)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None, None
    if chosen:
        if not os.path.isabs(chosen):
            message = _("{variable} must name an absolute folder, not {value}")
            return None, message.format(variable=CACHE_ENV, value=repr(chosen))
        return Path(chosen), None
    try:
        base = _platform_cache_dir()
    except Exception as error:  # platformdirs asks the OS, which may have no answer
        message = _(
            "no user cache folder ({error}); set {variable} to an absolute folder, or to off"
        )
        return None, message.format(error=error, variable=CACHE_ENV)
    if not os.path.isabs(base):  # expanduser leaves "~" as it is when there is no home
        message = _(
            "no user cache folder (no home folder: {folder}); set {variable} to an absolute "
            "folder, or to off"
        )
        return None, message.format(folder=repr(base), variable=CACHE_ENV)
    return Path(base), None


def _platform_cache_dir() -> str:
    """The platform's user cache folder for this app, as platformdirs finds it. A relative
    XDG_CACHE_HOME is ignored, as the XDG Base Directory spec says (`XDG_CACHE_HOME=.`
    would otherwise put the cache beside the briefings)."""
    import platformdirs  # a few ms: only when a cache is opened

    if sys.platform not in ("win32", "darwin"):
        chosen = os.environ.get("XDG_CACHE_HOME", "")
        if chosen.strip() and not os.path.isabs(chosen):
            return os.path.join(os.path.expanduser("~"), ".cache", APP_NAME)
    return platformdirs.user_cache_dir(APP_NAME, appauthor=False)


def releasable(briefing: Briefing) -> bool:
    """Whether a briefing's content may be kept in the cache: only when it is UNCLASSIFIED
    (an unmarked one is not releasable: see text.highest_marking)."""
    return marking_level(briefing.classification) == "unclassified"


def _fingerprint() -> str:
    """Changes whenever the format or the loader could: a new version never reads old entries."""
    digest = hashlib.sha256(__version__.encode() + _FORMAT)
    for module in (model, loader):
        digest.update(Path(module.__file__ or "").read_bytes())
    here = Path(__file__).parent  # not imported: they import the library, which imports this
    for name in ("search.py", "topics.py"):  # an entry keeps the search text and topic counts
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


_ALLOWED = {
    "briefing_reader.model": {cls.__name__ for cls in record_types()},  # not shown
    "datetime": {"date"},
}
"""The records a briefing is made of and dates: no function, module or other class of the
model's namespace (anything there could be called while unpickling)."""


class _ModelOnlyUnpickler(pickle.Unpickler):
    """Builds the model's own classes, dates and paths; refuses anything else."""

    def find_class(self, module: str, name: str) -> type:
        if name in _ALLOWED.get(module, ()):
            found: type = super().find_class(module, name)
            return found
        raise pickle.UnpicklingError(f"not allowed in the cache: {module}.{name}")  # not shown


def _unpickle(data: bytes) -> object:
    return _ModelOnlyUnpickler(io.BytesIO(data)).load()


def unpickle_from(stream: IO[bytes]) -> object:
    """The next pickle of a stream, unpickled as the cache is (see `_ModelOnlyUnpickler`)."""
    return _ModelOnlyUnpickler(stream).load()


def stamp_of(path: Path) -> Stamp | None:
    try:
        return stamp_from(path.stat())
    except OSError:
        return None


def stamp_from(status: os.stat_result) -> Stamp:
    return status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns


def _cacheable(stamp: Stamp) -> bool:
    return time.time() - stamp[1] / 1e9 > RACY_SECONDS


def _verdict_stamp(stamp: Stamp, problems: bool) -> VerdictStamp:
    """The stamp a verdict is kept under: a file that loads has no words to translate, so
    its verdict serves every language; problems are kept with the language they are said in
    (its place among i18n.LANGUAGES), and a run in another language loads the file afresh
    rather than show them in the language of the run that kept them."""
    return (*stamp, list(i18n.LANGUAGES).index(i18n.language())) if problems else stamp


def _is_read_error(message: str) -> bool:
    """Whether a problem is the loader's for a file it could not read, in any language."""
    said = (i18n.translations(code).gettext(_READ_ERROR) for code in i18n.LANGUAGES)
    return any(message.startswith(prefix) for text in said if (prefix := text.partition("{")[0]))


# --- checking what is read back: as strictly as a user's file -----------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME = re.compile(r"[0-9a-f]{24}-[0-9a-f]{16}")
_OURS = re.compile(r"(?P<group>[0-9a-f]{24}-[0-9a-f]{16})\.(?:verdicts|(?P<chunk>\d+)\.chunk)")


def _is_stamp(value: object) -> bool:
    return (
        type(value) is tuple
        and 1 <= len(value) <= 8
        and all(type(part) is int and part >= 0 for part in value)
    )


def _is_name(value: object) -> bool:
    return (
        type(value) is str
        and 0 < len(value) <= 4096
        and "/" not in value
        and "\0" not in value
        and value not in (".", "..")
    )


def is_problem(value: object) -> bool:
    return (
        type(value) is tuple
        and len(value) == 3
        and type(value[0]) is int
        and type(value[1]) is int
        and type(value[2]) is str
        and 1 <= value[0] <= MAX_POSITION
        and 1 <= value[1] <= MAX_POSITION
        and 0 < len(value[2]) <= MAX_MESSAGE
        and not _SURROGATE.search(value[2])
    )


def _checked_verdicts(data: object, directory: Path) -> tuple[Verdicts, int] | None:
    """A folder's verdicts and chunk count as read back, or None if anything is off."""
    if type(data) is not tuple or len(data) != 3 or data[0] != str(directory):
        return None
    verdicts, chunks = data[1], data[2]
    if type(verdicts) is not dict or len(verdicts) > MAX_FILES_PER_FOLDER:
        return None
    if type(chunks) is not int or not 0 <= chunks <= MAX_CHUNKS:
        return None
    total = 0
    for name, entry in verdicts.items():
        if not _is_name(name) or type(entry) is not tuple or len(entry) != 2:
            return None
        stamp, problems = entry
        if not _is_stamp(stamp) or type(problems) is not tuple:
            return None
        total += len(problems)
        if total > MAX_FOLDER_PROBLEMS:
            return None
        if len(problems) > MAX_PROBLEMS or not all(is_problem(p) for p in problems):
            return None
    return verdicts, chunks


class Kept(NamedTuple):
    """One briefing as the cache keeps it: what the reader needs to list, search and index
    it at once, its items being made when first read (see `model.deferred`)."""

    stamp: Stamp
    briefing: Briefing
    text: bytes
    """Its search text (search.BriefingText.text)."""
    counts: dict[str, int]
    """Its topic counts (topics.BriefingTopics.counts)."""


def _split_fields() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A briefing's fields kept at once (scalars: what the list shows), and those kept as
    bytes until read (its items and source: nine tenths of it)."""
    at_once: list[str] = []
    later: list[str] = []
    for spec in fields_of(Briefing, internal=True):
        holds_records = not spec.internal and spec.kind.shape in ("list", "record")
        (later if holds_records else at_once).append(spec.name)
    return tuple(at_once), tuple(later)


_AT_ONCE, _LATER = _split_fields()

_TOPIC = re.compile(TOPIC_PATTERN)


Chunk = tuple[
    list[str], list[Stamp], tuple[list[object], ...], list[bytes], list[bytes], list[dict[str, int]]
]
"""A chunk as it is written: its entries by column (file names, stamps, each scalar field
of `_AT_ONCE`, items, search texts, topic counts), so that each column is checked whole."""

MAX_CHUNK_TEXT = 32 * 1024 * 1024
"""Characters a chunk's scalar fields may hold together (a chunk of 500 seeds holds some
200,000): bounds the check, however many entries share one long text."""


def checked_chunk(
    data: object, directory: Path, *, from_disk: bool = True
) -> dict[str, Kept] | None:
    """A chunk of briefings as read back, or None if anything is off: every entry's stamp,
    scalar fields, search text and topic counts as strictly as the model's own (its items
    are checked when they are made: see `_Items`), and releasable if it was read from disk
    (a helper's chunk, see parallel_load, may hold any marking). Each column is checked
    at once (types, sizes, patterns over the whole column): every entry of every chunk is
    checked at every start."""
    if type(data) is not tuple or len(data) != 6 or type(data[2]) is not tuple:
        return None
    names, stamps, scalars, items, texts, counts = cast(Chunk, data)  # each column checked below
    columns: list[Sized] = [names, stamps, *scalars, items, texts, counts]
    if not all(type(column) is list for column in columns):
        return None
    size = len(names)
    if size > CHUNK or any(len(column) != size for column in columns):
        return None
    if size == 0:
        return {}
    if len(scalars) != len(_AT_ONCE) or not (
        _are_names(names)
        and all(map(_is_stamp, stamps))
        and _are_blobs(items)
        and _are_blobs(texts)
        and _are_counts(counts)
    ):
        return None
    plan = _briefing_kinds()
    room = [MAX_CHUNK_TEXT]
    for field_name, column in zip(_AT_ONCE, scalars, strict=True):
        if not _is_column(column, plan[field_name], room):
            return None
    markings = cast("list[str | None]", scalars[_AT_ONCE.index("classification")])
    if from_disk and any(marking_level(marking) != "unclassified" for marking in set(markings)):
        return None
    made: dict[str, Kept] = {}  # made only once all passed: a refused chunk leaves no briefing
    entries = zip(names, stamps, zip(*scalars, strict=True), items, texts, counts, strict=True)
    for name, stamp, row, blob, text, topics in entries:
        briefing = deferred(dict(zip(_AT_ONCE, row, strict=True)), _Items(blob, directory, name))
        made[name] = Kept(stamp, briefing, text, topics)
    return made


def _are_names(names: list[str]) -> bool:
    """File names: text, unique, none empty, `.` or `..`, none with a slash or a NUL."""
    if set(map(type, names)) != {str} or len(set(names)) != len(names):
        return False
    joined = "/".join(names)
    return (
        min(map(len, names)) > 0
        and max(map(len, names)) <= 4096
        and joined.count("/") == len(names) - 1
        and "\0" not in joined
        and not {".", ".."} & set(names)
    )


def _are_blobs(column: list[bytes]) -> bool:
    return set(map(type, column)) == {bytes} and max(map(len, column)) <= MAX_KEPT_BYTES


def _is_column(column: list[object], kind: _Kind | None, room: list[int]) -> bool:
    """One scalar field of every entry against its kind (see `_is_field`), its texts
    within the characters left in `room`."""
    present = [value for value in column if value is not None]
    if len(present) < len(column) and (kind is None or not kind[1]):
        return False
    if not present:
        return True
    types = set(map(type, present))
    if kind is None:
        positions = cast("list[int]", present)
        return types == {int} and min(positions) >= 0 and max(positions) <= MAX_POSITION
    if kind[0] == "date":
        return types == {dt.date}
    if kind[0] != "text" or types != {str}:
        return False
    texts = cast("list[str]", present)
    room[0] -= sum(map(len, texts))
    if room[0] < 0 or max(map(len, texts)) > MAX_FILE_BYTES:
        return False
    joined = "".join(texts)
    if not joined.isascii() and _SURROGATE.search(joined) is not None:
        return False
    pattern = kind[3]  # a patterned field holds a few values over and over (a language)
    return pattern is None or all(pattern.fullmatch(text) is not None for text in set(texts))


def _is_field(value: object, kind: _Kind | None, budget: list[int]) -> bool:
    """A field's value against its kind (None: a position in the file)."""
    if kind is None:
        return type(value) is int and 0 <= value <= MAX_POSITION
    return _is_value(value, kind, budget)


def _are_counts(column: list[dict[str, int]]) -> bool:
    """Each entry's topic counts: a dict of its own (a pickle could share one among
    entries), each a topic tag with how many items carry it; MAX_CHUNK_VALUES in all."""
    if set(map(type, column)) != {dict} or len(set(map(id, column))) != len(column):
        return False
    if sum(map(len, column)) > MAX_CHUNK_VALUES:
        return False
    # each distinct tag and number once: a chunk holds a few dozen tags, many times over
    topics = set(chain.from_iterable(column))
    numbers = set(chain.from_iterable(map(dict.values, column)))
    if not topics:
        return True
    return (
        set(map(type, topics)) == {str}
        and set(map(type, numbers)) == {int}
        and min(numbers) > 0
        and max(numbers) <= MAX_VALUES
        and max(map(len, topics)) <= 200
        and all(_TOPIC.fullmatch(topic) is not None for topic in topics)
    )


class _Items:
    """A cached briefing's items, as bytes until first read; then made and checked as
    strictly as any entry (within MAX_VALUES values). Items that fail their check (a cache
    damaged or doctored since it was listed) are read from the file itself."""

    __slots__ = ("data", "directory", "name")

    def __init__(self, data: bytes, directory: Path, name: str) -> None:
        self.data = data
        """The items' pickle, compressed (a third of the room)."""
        self.directory = directory
        self.name = name

    def __call__(self) -> Mapping[str, object]:
        plan = _briefing_kinds()
        budget = [MAX_VALUES]
        try:
            values = _unpickle(_inflated(self.data))
            if (
                type(values) is tuple
                and len(values) == len(_LATER)
                and all(
                    _is_field(value, plan[name], budget)
                    for name, value in zip(_LATER, values, strict=True)
                )
            ):
                return dict(zip(_LATER, values, strict=True))
        except Exception:  # corrupt or foreign: as any other failed check
            pass
        result = load_file(self.directory / self.name)
        if result.briefing is not None:
            return {name: getattr(result.briefing, name) for name in _LATER}
        # changed since it was listed, and broken now: the watcher shows its problems
        lists = {name for name in _LATER if (kind := plan[name]) is not None and kind[0] == "list"}
        return {name: () if name in lists else None for name in _LATER}


def _inflated(data: bytes) -> bytes:
    """Compressed bytes made whole, up to MAX_KEPT_BYTES (a doctored entry could otherwise
    inflate to gigabytes)."""
    inflater = zlib.decompressobj()
    whole = inflater.decompress(data, MAX_KEPT_BYTES)
    if inflater.unconsumed_tail or not inflater.eof:
        raise ValueError("larger than any briefing's items")  # not shown
    return whole


def chunk_of(entries: list[tuple[str, Kept]]) -> Chunk:
    """Briefings as a chunk keeps them, by column (see `Chunk`). Items still unread are
    kept as the bytes they came as, not made only to be pickled again."""
    items: list[bytes] = []
    for _name, kept in entries:
        filler = filler_of(kept.briefing)
        if isinstance(filler, _Items):
            items.append(filler.data)
        else:
            values = tuple(getattr(kept.briefing, name) for name in _LATER)
            items.append(zlib.compress(pickle.dumps(values, protocol=5), 1))
    # Interned, a text repeated across a chunk (a topic, a place, a marking) is pickled
    # once and read back as one object: a chunk is smaller, faster to read, and lighter.
    scalars = tuple(
        [_shared(getattr(kept.briefing, field_name)) for _name, kept in entries]
        for field_name in _AT_ONCE
    )
    return (
        [name for name, _kept in entries],
        [kept.stamp for _name, kept in entries],
        scalars,
        items,
        [kept.text for _name, kept in entries],
        [{sys.intern(topic): n for topic, n in kept.counts.items()} for _name, kept in entries],
    )


def _shared(value: object) -> object:
    return sys.intern(value) if type(value) is str and len(value) <= 100 else value


_MISSING = object()

_Kind = tuple[str, bool, Any, "re.Pattern[str] | None"]
"""A field's type as the check reads it: shape, optional, inner (a list's item kind, a
record's class) and the compiled pattern of a text."""

_PLANS: dict[type, tuple[tuple[str, _Kind | None], ...]] = {}


def _kind_of(spec: TypeSpec) -> _Kind:
    inner: Any = spec.inner
    if spec.shape == "list":
        inner = _kind_of(type_spec(spec.inner))
    regex = re.compile(spec.pattern.regex) if spec.pattern is not None else None
    return spec.shape, spec.optional, inner, regex


@functools.cache
def _briefing_kinds() -> dict[str, _Kind | None]:
    """A briefing's fields by name with their kinds (see `_plan`)."""
    return dict(_plan(Briefing))


def _plan(cls: type) -> tuple[tuple[str, _Kind | None], ...]:
    """Each field of a model class with its kind (None: an internal position), worked out
    once: the check runs for every cached briefing on every warm start."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = tuple(
            (spec.name, None if spec.internal else _kind_of(spec.kind))
            for spec in fields_of(cls, internal=True)
        )
        _PLANS[cls] = plan
    return plan


def _is_record(value: object, cls: type, budget: list[int]) -> bool:
    if type(value) is not cls:
        return False
    budget[0] -= 1
    for name, kind in _plan(cls):
        found = getattr(value, name, _MISSING)
        if kind is None:
            if type(found) is not int or not 0 <= found <= MAX_POSITION:
                return False
        elif type(found) is str and kind[0] == "text":  # the usual case, inline: it is hot
            budget[0] -= 1
            if len(found) > MAX_FILE_BYTES or (
                not found.isascii() and _SURROGATE.search(found) is not None
            ):
                return False
            if kind[3] is not None and kind[3].fullmatch(found) is None:
                return False
        elif not _is_value(found, kind, budget):
            return False
    return budget[0] >= 0


def _is_value(value: object, kind: _Kind, budget: list[int]) -> bool:
    budget[0] -= 1
    if budget[0] < 0:  # more values than any file may hold (or a shared-reference bomb)
        return False
    if value is None:
        return kind[1]
    shape = kind[0]
    if shape == "text":
        if type(value) is not str or len(value) > MAX_FILE_BYTES:
            return False
        if not value.isascii() and _SURROGATE.search(value):
            return False
        return kind[3] is None or kind[3].fullmatch(value) is not None
    if shape == "date":
        return type(value) is dt.date
    if shape == "list":
        if type(value) is not tuple or len(value) > budget[0]:
            return False
        inner = kind[2]
        return all(_is_value(item, inner, budget) for item in value)
    if shape == "record":
        return _is_record(value, kind[2], budget)
    return False


def _read_bounded(path: Path, limit: int = MAX_CACHE_BYTES) -> bytes | None:
    """A cache file's bytes, or None when it is absent, unreadable, not a regular file or
    larger than `limit`."""
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                return None
            return stream.read(limit + 1)[: limit + 1]
    except OSError:
        return None


def _declares_unclassified(path: Path, stamp: Stamp) -> bool:
    """Whether a file that does not load says, at the top level, that it is UNCLASSIFIED
    (and is still the version that was loaded): only then may its problems, which quote
    it, be kept. Read as UTF-8; any other encoding, or no such line, is a no."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError:
        return False
    if stamp_of(path) != stamp:
        return False
    declared = re.findall(rb"^classification[ \t]*:(.*)$", data, flags=re.MULTILINE)
    values = [line.decode("utf-8", "replace").split(" #")[0] for line in declared]
    return bool(values) and all(marking_level(value) == "unclassified" for value in values)


@dataclass
class _FolderCache:
    """One folder's entries: verdicts by file name, and where its briefings are kept."""

    base: Path
    verdicts: Verdicts = field(default_factory=dict)
    chunks: int = 0
    changed: bool = False


class LoadCache:
    """Load files through the cache: cached results for unchanged files, fresh ones else."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.unusable: str | None = None
        """Why the cache is not in use (None when it is, or when it was switched off)."""
        self.folder: Path | None = None
        if enabled:
            chosen, self.unusable = (folder, None) if folder else _choose_folder()
            if chosen is not None:
                self.unusable = _prepare(
                    chosen, tighten=folder is None and not os.environ.get(CACHE_ENV)
                )
                self.folder = None if self.unusable else chosen
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
        data = _read_bounded(base.with_suffix(".verdicts"))
        if data is None:
            return cached
        try:
            checked = _checked_verdicts(_unpickle(data), directory)
        except Exception:  # corrupt or foreign: a miss
            checked = None
        if checked is None:  # discarded, and rewritten on the next save
            cached.changed = True
        else:
            cached.verdicts, cached.chunks = checked
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
        if stamp is None or entry is None or entry[0] != _verdict_stamp(stamp, bool(entry[1])):
            return None
        return tuple(Problem(str(path), *problem) for problem in entry[1])

    def remember(self, result: LoadResult, stamp: Stamp | None) -> None:
        """Keep a fresh result's verdict (the reader keeps its briefing too, see `save`)."""
        self.remember_verdict(result.path, result.problems, stamp)

    def remember_verdict(
        self, path: Path, problems: tuple[Problem, ...], stamp: Stamp | None
    ) -> None:
        """Keep a file's fresh verdict, its problems (none: it loads): that it loads, for any
        file; the problems of one that does not, only when they can be kept (see the
        module's docstring). A verdict that can't be kept drops the old."""
        if self.folder is None or stamp is None or not _cacheable(stamp):
            return
        cached = self._folder_cache(path.absolute().parent)
        if problems and (
            any(_is_read_error(p.message) for p in problems)
            or not _declares_unclassified(path, stamp)
        ):
            if cached.verdicts.pop(path.name, None) is not None:
                cached.changed = True
            return
        verdict = tuple((p.line, p.column, p.message) for p in problems)
        cached.verdicts[path.name] = (_verdict_stamp(stamp, bool(verdict)), verdict)
        cached.changed = True

    # --- briefings: the whole model, for the reader ------------------------------------

    def briefings(self, directory: Path) -> Iterator[dict[str, Kept]]:
        """The cached briefings of a folder, a chunk at a time; a chunk that is missing or
        fails its check is skipped (its files are loaded afresh and the cache rewritten)."""
        directory = directory.absolute()
        cached = self._folder_cache(directory)
        for number in range(cached.chunks):
            data = _read_bounded(cached.base.with_suffix(f".{number}.chunk"))
            if data is None:
                cached.changed = True
                break
            try:
                chunk = checked_chunk(_unpickle(data), directory)
            except Exception:
                chunk = None
            if chunk is None:
                cached.changed = True
                continue
            yield chunk

    def save(self, briefings: Iterable[tuple[Path, Kept]] | None = None) -> None:
        """Write what changed; with `briefings`, also rewrite the folders' briefing chunks
        (releasable ones only); then prune the cache to its bounds."""
        if self.folder is None:
            return
        by_folder: dict[Path, list[tuple[str, Kept]]] = {}
        for path, kept in briefings or ():
            if _cacheable(kept.stamp) and releasable(kept.briefing):
                directory = path.absolute().parent
                by_folder.setdefault(directory, []).append((path.name, kept))
        if briefings is not None:
            for directory in self._folders:
                by_folder.setdefault(directory, [])
        wrote = False
        try:
            for directory, cached in self._folders.items():
                entries = by_folder.get(directory)
                if entries is not None:
                    cached.chunks = self._write_chunks(cached.base, entries)
                    cached.changed = True
                if cached.changed:
                    self._write_verdicts(directory, cached)
                    wrote = True
            if wrote:
                self._prune()
        except OSError as error:  # a read-only or full disk: the cache is only a convenience
            message = _("it could not be written in {folder}: {error}")
            self.unusable = message.format(folder=self.folder, error=error.strerror or error)
            return

    def _write_verdicts(self, directory: Path, cached: _FolderCache) -> None:
        present = set(os.listdir(directory)) if directory.is_dir() else set()
        verdicts = {k: v for k, v in cached.verdicts.items() if k in present}
        cached.verdicts = verdicts
        data = (str(directory), verdicts, cached.chunks)
        _write(cached.base.with_suffix(".verdicts"), pickle.dumps(data, protocol=5))
        cached.changed = False

    def _write_chunks(self, base: Path, entries: list[tuple[str, Kept]]) -> int:
        entries = entries[: MAX_CHUNKS * CHUNK]
        for start in range(0, len(entries), CHUNK):
            chunk = chunk_of(entries[start : start + CHUNK])
            _write(base.with_suffix(f".{start // CHUNK}.chunk"), pickle.dumps(chunk, protocol=5))
        return (len(entries) + CHUNK - 1) // CHUNK

    def _prune(self) -> None:
        """Drop what no run will read again, then keep the whole under MAX_CACHE_BYTES:
        entries of other versions, folders that are gone, chunks past a folder's count,
        stray temporary files; then the folders least recently saved, this run's last."""
        assert self.folder is not None
        mine = {cached.base.name: cached for cached in self._folders.values()}
        groups: dict[str, list[tuple[Path, int, float]]] = {}
        now = time.time()
        for entry in os.scandir(self.folder):
            if not entry.is_file(follow_symlinks=False):
                continue
            status = entry.stat(follow_symlinks=False)
            path = Path(entry.path)
            if entry.name.startswith(".tmp-"):
                if now - status.st_mtime > 3600:  # left by a run that was killed
                    path.unlink(missing_ok=True)
                continue
            match = _OURS.fullmatch(entry.name)
            if match is None:  # never touch what is not ours
                continue
            group = match["group"]
            kept = mine.get(group)
            if not group.endswith(self._fingerprint) or (
                kept is not None
                and match["chunk"] is not None
                and int(match["chunk"]) >= kept.chunks
            ):
                path.unlink(missing_ok=True)
                continue
            groups.setdefault(group, []).append((path, status.st_size, status.st_mtime))
        for group, files in list(groups.items()):
            if group not in mine and not self._folder_still_there(
                self.folder / f"{group}.verdicts"
            ):
                for path, _, _ in files:
                    path.unlink(missing_ok=True)
                del groups[group]
        total = sum(size for files in groups.values() for _, size, _ in files)
        oldest_first = sorted(
            groups, key=lambda group: (group in mine, max(mtime for _, _, mtime in groups[group]))
        )
        for group in oldest_first:
            if total <= MAX_CACHE_BYTES:
                break
            for path, size, _ in groups[group]:
                path.unlink(missing_ok=True)
                total -= size
            if group in mine:  # this run's own folder is too big to keep: forget it all
                cached = mine[group]
                cached.verdicts, cached.chunks, cached.changed = {}, 0, False

    @staticmethod
    def _folder_still_there(verdicts: Path) -> bool:
        """Whether the folder another run cached still exists (judged from its verdicts)."""
        data = _read_bounded(verdicts)
        if data is None:
            return False
        try:
            record = _unpickle(data)
        except Exception:
            return False
        return (
            type(record) is tuple
            and len(record) == 3
            and type(record[0]) is str
            and os.path.isdir(record[0])
        )


def _prepare(folder: Path, *, tighten: bool) -> str | None:
    """Make the cache folder (0700) and check it is usable; why not, if it is not.
    `tighten`: the folder is the app's own, so wider permissions are narrowed to 0700."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        status = folder.stat()
        if not stat.S_ISDIR(status.st_mode):
            return _("{folder} is not a folder").format(folder=folder)
        if tighten and status.st_mode & 0o077 and status.st_uid == os.getuid():
            folder.chmod(0o700)
        if not os.access(folder, os.W_OK | os.X_OK):
            return _("{folder} is not writable").format(folder=folder)
    except OSError as error:
        message = _("{folder} could not be made: {error}")
        return message.format(folder=folder, error=error.strerror or error)
    return None


def _write(target: Path, data: bytes) -> None:
    """Write whole or not at all, and private: a reader never sees half a file, and nobody
    else reads it (mkstemp creates the file 0600; os.replace keeps its mode)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o600)
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""YAML file -> `Briefing`, or every problem in the file, each located by line and column.

This module reads a file safely (regular files only, bounded, decoded as YAML allows) and
says what a load gives; `yaml_check` parses the text and checks it against the model, and
is imported only when a file must be parsed. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import N_, _
from .model import Briefing

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1024 * 1024
"""Larger files are refused before parsing; a briefing is a few kilobytes."""

MAX_VALUES = 20_000
"""Most values a document may hold once aliases are expanded (defeats "billion laughs").

The seed briefing holds about 300; 20,000 node objects take under 10 MiB.
"""

PRECOUNT_BYTES = 64 * 1024
"""Files larger than this have their values counted from libyaml's event stream before
any node tree is built, so a megabyte of `[a,a,a,…]` is refused in bounded memory."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, where it is, and what was expected."""

    path: str
    line: int
    column: int
    message: str
    """What is wrong, in the language in force when the file was checked."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A file's briefing if it loaded, else the problems that stopped it."""

    path: Path
    briefing: Briefing | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.briefing is not None


_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a FIFO")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
)


class Unreadable(Exception):
    """A file that cannot be read, and why, in words for the user."""


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, from its stat mode: 'a FIFO', 'a socket'."""
    return _(next((kind for test, kind in _KINDS if test(mode)), N_("a special file")))


def why_unreadable(path: Path, error: OSError) -> str:
    """An OSError from stat or open, said as what the path is: a link that loops or that
    points nowhere, rather than "no such file"."""
    if error.errno == errno.ELOOP:
        return _("a symbolic link that loops")
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        return _("a symbolic link to a missing file")
    return error.strerror or str(error)


def not_a_file(path: Path) -> str | None:
    """Why `path` names no briefing file, as what it is, for a command that takes one file:
    nothing, a link that dangles or loops, a folder, a FIFO, a socket or a device. None for
    a regular file, and for a path that cannot be looked at (the loader says why)."""
    try:
        status = os.stat(path)
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            return None
        if error.errno != errno.ELOOP and not os.path.islink(path):
            return _("no such file")
        return why_unreadable(path, error)
    if stat.S_ISREG(status.st_mode):
        return None
    return _not_regular(status.st_mode)


def _not_regular(mode: int) -> str:
    return _("not a regular file ({kind})").format(kind=file_kind(mode))


def read_regular(path: Path, limit: int = MAX_FILE_BYTES + 1) -> bytes:
    """At most `limit` bytes of a regular file. Anything else (a FIFO, a socket, a device, a
    folder) is refused before it is opened, so no read can block; and again after, on the
    opened descriptor, in case it was swapped in between. Raises `Unreadable`."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(_not_regular(status.st_mode))
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Unreadable(why_unreadable(path, error)) from error
    with os.fdopen(descriptor, "rb") as stream:
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise Unreadable(_not_regular(status.st_mode))
            return stream.read(limit)
        except OSError as error:
            raise Unreadable(why_unreadable(path, error)) from error


def load_file(path: Path | str) -> LoadResult:
    """Read and check one briefing file. Never raises for anything inside the file, and
    never blocks on one: only regular files are read."""
    path = Path(path)
    label = str(path)
    try:
        data = read_regular(path)
    except Unreadable as error:
        message = _("cannot read the file: {error}").format(error=error)  # cache.py knows it
        return LoadResult(path, None, (Problem(label, 1, 1, message),))
    if len(data) > MAX_FILE_BYTES:
        message = _("the file is larger than {size} KiB; a briefing is a few KiB").format(
            size=MAX_FILE_BYTES // 1024
        )
        return LoadResult(path, None, (Problem(label, 1, 1, message),))
    return load_bytes(data, label, path)


def load_bytes(data: bytes, label: str = "<briefing>", path: Path | None = None) -> LoadResult:
    """Check a briefing given as bytes; `label` names it in problems."""
    result_path = path or Path(label)
    text_or_problem = _decode(data, label)
    if isinstance(text_or_problem, Problem):
        return LoadResult(result_path, None, (text_or_problem,))
    return load_text(text_or_problem, label, result_path)


def load_text(text: str, label: str = "<briefing>", path: Path | None = None) -> LoadResult:
    """Check a briefing given as text; `label` names it in problems."""
    result_path = path or Path(label)
    stray_mark = text.find("\ufeff", 1)
    if stray_mark > 0:
        line, column = line_column(text, stray_mark)
        message = _("an invisible byte-order mark (U+FEFF) inside the file; delete it")
        return LoadResult(result_path, None, (Problem(label, line, column, message),))
    # PyYAML is imported by the first file that must be parsed: a start from the cache,
    # or a `validate` the cache answers, never needs it (16 ms and 0.8 MiB)
    from . import yaml_check

    return yaml_check.check_text(text, label, result_path)


def compose(text: str) -> yaml.Node | None:
    """Parse YAML into a node tree with the safe libyaml parser; nothing is constructed."""
    from . import yaml_check

    return yaml_check.compose(text)


def values_built(text: str) -> int:
    """How many values checking `text` against the model builds, an alias counted each time
    it is used: the work MAX_VALUES bounds (for tests). Raises yaml.YAMLError on bad YAML."""
    from . import yaml_check

    return yaml_check.values_built(text)


# --- decoding -----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, label: str) -> str | Problem:
    """Bytes to text as YAML allows: UTF-8, or UTF-16/32 with a BOM or a leading ASCII char."""
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, start = name, len(bom)
            break
    else:
        if len(data) >= 2 and data[0] == 0 and data[1] != 0:
            encoding = "utf-16-be"
        elif len(data) >= 2 and data[0] != 0 and data[1] == 0:
            encoding = "utf-16-le"
    body = data[start:]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        good = body[: error.start].decode(encoding, errors="replace")
        line, column = line_column(good, len(good))
        bad = body[error.start : error.start + 1].hex()
        if encoding == "utf-8":
            message = _(
                "the file is not valid UTF-8 (saved as Latin-1 or Windows-1252?): byte 0x{byte}; "
                "save it as UTF-8"
            )
        else:
            message = _("the file is not valid {encoding}: byte 0x{byte}; save it as UTF-8")
        return Problem(label, line, column, message.format(encoding=encoding.upper(), byte=bad))


LINE_BREAK = re.compile("\r\n|[\r\n]")
"""What editors count as a line break. libyaml also breaks lines at U+0085, U+2028 and
U+2029, which editors show inside a line; `yaml_check._Where` puts its marks back on editors'
lines."""


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1

"""Making briefing text safe to show, and reading a classification marking.

A briefing is data, never instructions to the terminal: control characters (escape
sequences start with ESC) and bidirectional overrides are replaced by visible stand-ins
before anything is displayed. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

from . import i18n
from .i18n import _, ngettext

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ufff9-\ufffb\ud800-\udfff]"
)


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC shows as ␛
    if code == 0x7F:
        return "␡"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"<{code - 0xDC00:02X}>"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """The text with every control or bidi-override character replaced by a visible mark.

    Newlines and tabs are kept: they lay text out and cannot drive the terminal. A byte of
    a file name that is not UTF-8 (which Python keeps as a lone surrogate, U+DC80-U+DCFF)
    shows as its value, `<FF>`: a lone surrogate has no width and cannot be written out.
    """
    return _UNSAFE.sub(_stand_in, text)


HEADLINE_LIMIT = 200
"""Characters of a title or heading shown in lists and title bars; the detail has it all."""

TEXT_LIMIT = 20_000
"""Characters of one field shown on screen (about ten pages); exports keep everything."""


def headline(text: str) -> str:
    """A title or heading for a list or a title bar: terminal-safe, and clipped."""
    text = printable(text)
    return text if len(text) <= HEADLINE_LIMIT else text[: HEADLINE_LIMIT - 1] + "…"


def clipped(text: str) -> str:
    """A field's text for the screen: terminal-safe, and clipped at TEXT_LIMIT with a note."""
    text = printable(text)
    if len(text) <= TEXT_LIMIT:
        return text
    more = len(text) - TEXT_LIMIT
    note = ngettext(
        "{count} more character: see the file", "{count} more characters: see the file", more
    ).format(count=i18n.number(more))
    return f"{text[:TEXT_LIMIT]}… ({note})"


MarkingLevel = Literal[
    "unmarked", "unclassified", "restricted", "confidential", "secret", "top-secret"
]

_LEVELS: tuple[tuple[MarkingLevel, tuple[str, ...]], ...] = (
    ("unclassified", ("UNCLASSIFIED", "NON CLASSIFICATO", "PUBLIC")),  # not shown
    ("top-secret", ("TOP SECRET", "COSMIC", "SEGRETISSIMO")),  # not shown
    ("secret", ("SECRET", "SEGRETO")),
    ("confidential", ("CONFIDENTIAL", "RISERVATISSIMO")),
    ("restricted", ("RESTRICTED", "RISERVATO")),
)


def marking_level(marking: str | None) -> MarkingLevel:
    """The level a free-text marking names (NATO, Italian or US wording), for its colour."""
    if not marking:
        return "unmarked"
    upper = _visible_words(marking).upper()
    for level, words in _LEVELS:
        if any(word in upper for word in words):
            return level
    return "unmarked"


def _visible_words(text: str) -> str:
    """What a reader sees: invisible characters (format, combining, control) dropped, and
    any other punctuation read as a space, so that 'SEC\u034fRET' and 'TOP-SECRET' match."""
    kept = []
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind in "MC":
            continue
        kept.append(char if char.isalnum() else " ")
    return " ".join("".join(kept).split())


MARKING_COLOURS: dict[MarkingLevel, tuple[str, str]] = {
    "unmarked": ("#ffffff", "#555555"),
    "unclassified": ("#ffffff", "#007a33"),
    "restricted": ("#ffffff", "#6a2c91"),
    "confidential": ("#ffffff", "#0033a0"),
    "secret": ("#ffffff", "#c8102e"),
    "top-secret": ("#000000", "#ff8c00"),  # not shown
}
"""Foreground and background of the marking banner, after the conventional colours."""

BADGE_MARKING_COLOURS: dict[MarkingLevel, tuple[str, str]] = {
    **MARKING_COLOURS,
    "unclassified": ("#ffffff", "#006428"),
    "secret": ("#ffffff", "#a00d25"),
}
"""The same hues, darker where white on them falls short of 7:1 (high contrast's floor),
for markings drawn by Rich inside a screen (timeline rows, compare headings), which cannot
follow the theme as the banners' CSS does."""


_RANK: tuple[MarkingLevel, ...] = (
    "unclassified",
    "unmarked",
    "restricted",
    "confidential",
    "secret",
    "top-secret",  # not shown
)


def highest_marking(markings: Iterable[str | None]) -> str | None:
    """The most restrictive of several markings, for a screen that shows many briefings.

    An unmarked briefing ranks above UNCLASSIFIED: nobody has said it is releasable.
    """
    return max(markings, key=lambda marking: _RANK.index(marking_level(marking)), default=None)


def marking_text(marking: str | None) -> str:
    """What the banner says: the marking itself, as written, or that there is none (in the
    language in force: UNMARKED, SENZA CLASSIFICA)."""
    return printable(marking).upper() if marking else _("UNMARKED")


date_span = i18n.date_span
"""A date or range as people write it, in the language in force (see `i18n.date_span`)."""


def plural(count: int, word: str) -> str:
    """'1 briefing', '2 briefings', '10,000 items': English only, for no text a user reads
    (which counts with `i18n.ngettext`)."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"

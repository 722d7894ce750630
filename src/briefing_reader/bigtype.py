"""Large type for slide headings: a 3-by-5 pixel block font drawn in three terminal rows.

Each glyph is a bitmap five pixels tall; two pixel rows share one terminal row through the
half blocks ▀ ▄ █, so a letter is three rows high and (mostly) three cells wide. Only what a
heading needs is drawn: A–Z, 0–9, space and common punctuation. Text is upper-cased, and an
accented letter is drawn as its base letter (É as E); text with a character the font lacks
is not drawn at all (`big_text` returns None) and the caller shows it in ordinary bold.
Imports neither Textual nor Rich.
"""

from __future__ import annotations

import unicodedata

ROWS = 3
"""Terminal rows of one line of large type."""

LINE_GAP = 1
"""Blank rows between two lines of large type."""

_GLYPHS: dict[str, tuple[str, str, str, str, str]] = {
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": ("###", "#..", "#..", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "###", "#..", "###"),
    "F": ("###", "#..", "###", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "Q": ("###", "#.#", "#.#", "###", "..#"),
    "R": ("###", "#.#", "##.", "#.#", "#.#"),
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", ".#.", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", "###", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    " ": ("..", "..", "..", "..", ".."),
    ".": (".", ".", ".", ".", "#"),
    ",": (".", ".", ".", "#", "#"),
    ":": (".", "#", ".", "#", "."),
    ";": (".", "#", ".", "#", "#"),
    "'": ("#", "#", ".", ".", "."),
    '"': ("#.#", "#.#", "...", "...", "..."),
    "!": ("#", "#", "#", ".", "#"),
    "?": ("###", "..#", ".##", "...", ".#."),
    "-": ("...", "...", "###", "...", "..."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "=": ("...", "###", "...", "###", "..."),
    "_": ("...", "...", "...", "...", "###"),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "(": (".#", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", "#."),
    "&": (".#.", "#.#", ".#.", "#.#", ".##"),
    "#": ("#.#", "###", "#.#", "###", "#.#"),
    "%": ("#.#", "..#", ".#.", "#..", "#.#"),
}

_SAME: dict[str, str] = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "´": "'",
    "`": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "−": "-",
    "·": "-",
    "…": "...",
    "\u00a0": " ",
}
"""Characters drawn as another: typographic quotes, apostrophes (Italian elides: "dell’Italia")
and dashes, and a non-breaking space."""

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _draw(bitmap: tuple[str, ...]) -> tuple[str, str, str]:
    pixels = [*bitmap, "." * len(bitmap[0])]  # six pixel rows: three terminal rows
    rows = []
    for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True):
        rows.append("".join(_HALF[a == "#", b == "#"] for a, b in zip(top, bottom, strict=True)))
    return rows[0], rows[1], rows[2]


FONT: dict[str, tuple[str, str, str]] = {char: _draw(glyph) for char, glyph in _GLYPHS.items()}
"""Each character the font has, as its three rows of half blocks."""


def drawable(text: str) -> str | None:
    """`text` as the font can draw it (upper case, accents dropped, typographic punctuation
    made plain), or None if it holds a character the font lacks."""
    plain: list[str] = []
    for char in text.upper():
        char = _SAME.get(char, char)
        if all(part in FONT for part in char):
            plain.append(char)
            continue
        base = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        ).upper()
        if not base or any(part not in FONT for part in base):
            return None
        plain.append(base)
    return "".join(plain)


def width_of(text: str) -> int:
    """Cells that `text` (already `drawable`) takes in large type."""
    if not text:
        return 0
    return sum(len(FONT[char][0]) for char in text) + len(text) - 1


def big_line(text: str) -> tuple[str, str, str]:
    """One line of large type (`text` already `drawable`): three rows of equal width."""
    rows = ["", "", ""]
    for position, char in enumerate(text):
        glyph = FONT[char]
        for row in range(ROWS):
            rows[row] += (" " if position else "") + glyph[row]
    return rows[0], rows[1], rows[2]


def big_text(text: str, width: int, max_lines: int = 1) -> list[str] | None:
    """`text` in large type, wrapped at spaces to `width` cells in at most `max_lines`
    lines of it (with `LINE_GAP` blank rows between them), or None when it will not fit
    or holds a character the font lacks. The three rows of a line are equally wide, so
    that a line can be centred as one."""
    plain = drawable(" ".join(text.split()))
    if not plain or width < 1 or max_lines < 1:
        return None
    lines: list[str] = []
    for word in plain.split(" "):
        if width_of(word) > width:
            return None
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and width_of(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > max_lines:
        return None
    rows: list[str] = []
    for number, line in enumerate(lines):
        if number:
            rows.extend([""] * LINE_GAP)
        rows.extend(big_line(line))
    return rows


def height_of(lines: int) -> int:
    """Terminal rows taken by `lines` lines of large type."""
    return lines * ROWS + max(0, lines - 1) * LINE_GAP

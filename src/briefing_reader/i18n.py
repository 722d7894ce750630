"""The interface in the user's language: English or Italian.

Every string the program shows is written in English in the code, wrapped in `_()` (or
`ngettext()` for a count, `pgettext()` where one English word has two Italian ones), and
looked up in the language's catalogue, `locale/<code>.po`: the standard gettext format,
which translators' tools (Poedit, Weblate) edit, read here by the standard library's
`gettext.GNUTranslations` without a compile step. English needs no catalogue.

A string defined before a language is chosen (a key's description, a field's label) is
marked with `N_()`, which only marks it for the catalogue, and translated where it is
shown. The language in force is the interface's (`set_language`), unless a block says
otherwise (`with labelled_in("it"):` for a summary in its briefing's language); that
override is per thread and per task, so an export written in the background does not
relabel the screen. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import ast
import contextlib
import contextvars
import datetime as dt
import gettext
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

LANGUAGES: dict[str, str] = {"en": "English", "it": "Italiano"}
"""The languages the interface speaks, by code, each named in itself."""

DEFAULT_LANGUAGE = "en"

LOCALE_DIR = Path(__file__).with_name("locale")

_NAMES: dict[str, str] = {
    "english": "en",
    "inglese": "en",
    "italian": "it",
    "italiano": "it",
}


def normalise(value: str | None) -> str | None:
    """The language code a setting or a briefing's `language:` names, if we speak it.

    Accepts a code ('it', 'it-IT', 'ita'), a locale ('it_IT.UTF-8', 'it_IT@euro') or a
    name ('Italian', 'italiano'); 'C' and 'POSIX' are English, anything else is None.
    """
    if not value:
        return None
    word = value.strip().lower()
    if word in ("c", "posix") or word.startswith(("c.", "posix.")):
        return "en"
    if word in _NAMES:
        return _NAMES[word]
    code = re.split(r"[_.@\-]", word, maxsplit=1)[0]
    if code in ("eng", "ita"):
        code = code[:2]
    return code if code in LANGUAGES else None


LANGUAGE_VARIABLES = ("BRIEFING_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language is looked for after `--lang`, in order (the locale's, as POSIX
reads them: the first one set decides, so LC_ALL=C means English whatever LANG says)."""


def choose_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The interface language: `--lang`, then BRIEFING_LANG, then the locale, then English.

    A BRIEFING_LANG this program does not speak is passed over for the locale; the first
    locale variable that is set decides, and one in a language not offered means English.
    """
    chosen = normalise(option)
    if chosen:
        return chosen
    env = os.environ if environ is None else environ
    chosen = normalise(env.get("BRIEFING_LANG"))
    if chosen:
        return chosen
    for variable in LANGUAGE_VARIABLES[1:]:
        if env.get(variable):
            return normalise(env[variable]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


# --- catalogues ------------------------------------------------------------------------


def read_po(text: str) -> dict[str | tuple[str, int], str]:
    """The translations of a .po file, keyed as `gettext.GNUTranslations` keys them.

    Untranslated and fuzzy entries are left out (they fall back to English), as msgfmt does.
    """
    catalogue: dict[str | tuple[str, int], str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    field = ""

    def finish() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and entry["msgid"] and not fuzzy:
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = f"{entry['msgctxt']}\x04{key}"
            if "msgid_plural" in entry:
                forms = sorted(name for name in entry if name.startswith("msgstr["))
                if all(entry[name] for name in forms) and forms:
                    for name in forms:
                        catalogue[(key, int(name[7:-1]))] = entry[name]
            elif entry.get("msgstr"):
                catalogue[key] = entry["msgstr"]
        entry, fuzzy = {}, False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if "msgid" in entry:
                finish()
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            if "msgid" in entry:
                finish()
        elif line.startswith('"'):
            entry[field] += _po_string(line, number)
        else:
            keyword, _space, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and "msgid" in entry:
                saved_fuzzy = fuzzy
                finish()
                fuzzy = saved_fuzzy
            field = keyword
            entry[field] = _po_string(rest.strip(), number)
    finish()
    return catalogue


def _po_string(quoted: str, number: int) -> str:
    if not (len(quoted) >= 2 and quoted[0] == quoted[-1] == '"'):
        raise ValueError(f"line {number}: expected a quoted string, found {quoted!r}")
    value = ast.literal_eval(quoted)  # a string literal only: C escapes, as gettext's
    if not isinstance(value, str):
        raise ValueError(f"line {number}: expected a quoted string")
    return value


class _Catalogue(gettext.GNUTranslations):
    """GNUTranslations fed from a .po file's text instead of a compiled .mo file."""

    def __init__(self, catalogue: dict[str | tuple[str, int], str]) -> None:
        super().__init__()  # no file: NullTranslations' set-up only
        self._catalog = catalogue
        self.plural = _plural_index

    def __repr__(self) -> str:
        return f"<catalogue of {len(self._catalog)} messages>"


def _plural_index(count: int) -> int:
    """English and Italian alike: one form for 1, the other for every other number."""
    return int(count != 1)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalogue of one language (English is the code's own text)."""
    if code == DEFAULT_LANGUAGE or code not in LANGUAGES:
        return gettext.NullTranslations()
    path = LOCALE_DIR / f"{code}.po"
    return _Catalogue(read_po(path.read_text(encoding="utf-8")))


_interface = DEFAULT_LANGUAGE
_asked = False
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("labels", default=None)


def set_language(code: str, *, asked: bool = False) -> None:
    """Set the interface language (a code of LANGUAGES); `asked`: the user named it
    (`--lang`), so summaries and exports are labelled in it too."""
    global _interface, _asked
    if code not in LANGUAGES:
        raise ValueError(f"not a language offered: {code!r}")  # not shown: a programming error
    _interface, _asked = code, asked


def labels_for(languages: Iterable[str | None]) -> str:
    """The language to label a summary or export of briefings written in `languages`:
    the one asked for with `--lang`, else the briefings' own when they share one we
    speak, else the interface's."""
    if _asked:
        return _interface
    codes = {normalise(code) for code in languages}
    if len(codes) == 1:
        (code,) = codes
        if code is not None:
            return code
    return _interface


def language() -> str:
    """The language labels are given in here and now."""
    return _override.get() or _interface


def interface_language() -> str:
    return _interface


@contextlib.contextmanager
def labelled_in(code: str | None) -> Iterator[None]:
    """Labels in `code` inside the block, in this thread or task only (None: no change)."""
    if code is None or code not in LANGUAGES:
        yield
        return
    token = _override.set(code)
    try:
        yield
    finally:
        _override.reset(token)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet."""
    return message


def _(message: str) -> str:
    """The message in the language in force."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the language in force."""
    return translations(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose English has more than one translation, told apart by `context`."""
    return translations(language()).pgettext(context, message)


# --- numbers and dates -------------------------------------------------------------------


def number(value: int) -> str:
    """A whole number with thousands grouped as the language groups them: 10,000 / 10.000."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language() == "it" else grouped


_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def month_name(month: int) -> str:
    """A month's name: 'January', 'gennaio' (Italian writes months in lower case)."""
    return _(_MONTHS[month - 1])


def month_year(day: dt.date) -> str:
    """'January 2026', 'gennaio 2026'."""
    return f"{month_name(day.month)} {day.year}"


def date_text(day: dt.date) -> str:
    """'21 January 2026', '21 gennaio 2026'."""
    return f"{day.day} {month_year(day)}"


def date_span(start: dt.date, end: dt.date | None = None) -> str:
    """A date or range as people write it: 21–22 January 2026, 21–22 gennaio 2026."""
    if end is None or end == start:
        return date_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month_year(end)}"
    if start.year == end.year:
        return f"{start.day} {month_name(start.month)} – {end.day} {month_year(end)}"
    return f"{date_text(start)} – {date_text(end)}"

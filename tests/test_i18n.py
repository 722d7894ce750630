"""The interface in English and Italian: the catalogue is complete and in step with the
code, no string shown to a user bypasses it, the language is chosen as documented, and
dates and numbers read as each language writes them."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from briefing_reader import i18n, po

PACKAGE = Path(i18n.__file__).parent

# --- the catalogue -------------------------------------------------------------------------


def _catalogue(code: str) -> str:
    return (i18n.LOCALE_DIR / f"{code}.po").read_text(encoding="utf-8")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def _tags(text: str) -> list[str]:
    return sorted(re.findall(r"\[/?[a-z][^\]]*\]", text))


@pytest.mark.parametrize("code", [code for code in i18n.LANGUAGES if code != "en"])
def test_every_message_in_the_code_is_translated(code: str) -> None:
    messages = po.messages_in(po.source_files())
    known = i18n.read_po(_catalogue(code))
    missing = [
        f"{m.msgid!r} ({m.places[0]})"
        for m in messages.values()
        if (m.key not in known if m.msgid_plural is None else (m.key, 1) not in known)
    ]
    assert not missing, f"{len(missing)} untranslated: " + "; ".join(missing[:20])


@pytest.mark.parametrize("code", [code for code in i18n.LANGUAGES if code != "en"])
def test_the_catalogue_is_what_the_code_marks_and_nothing_else(code: str) -> None:
    """No stale entry, every place up to date: the file is what `po.py` would write."""
    messages = po.messages_in(po.source_files())
    text = _catalogue(code)
    assert text == po.write_po(code, messages, i18n.read_po(text)), (
        "run `python -m briefing_reader.po` and translate what it adds"
    )


@pytest.mark.parametrize("code", [code for code in i18n.LANGUAGES if code != "en"])
def test_translations_keep_every_placeholder_and_markup(code: str) -> None:
    messages = po.messages_in(po.source_files())
    known = i18n.read_po(_catalogue(code))
    for message in messages.values():
        english = [message.msgid] + ([message.msgid_plural] if message.msgid_plural else [])
        if message.msgid_plural is None:
            translated = [known[message.key]]
        else:
            translated = [known[(message.key, 0)], known[(message.key, 1)]]
        wanted = set().union(*(_fields(text) for text in english))
        for text in translated:
            got = _fields(text)
            # a singular may say "one" for {count}; every other field must be there
            assert got <= wanted, f"{message.msgid!r}: {text!r} names {got - wanted}"
            assert wanted - got <= {"count", "n"}, (
                f"{message.msgid!r}: {text!r} lacks {wanted - got}"
            )
            assert _tags(text) == _tags(message.msgid), f"{message.msgid!r}: markup in {text!r}"
            assert text.strip() == text or message.msgid.strip() != message.msgid, text


def test_the_po_reader_reads_what_gettext_tools_write() -> None:
    text = r"""msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#, fuzzy
msgid "Old"
msgstr "Vecchio"

#: x.py:1
msgid "Two\n"
"lines \"quoted\""
msgstr "Due\n"
"righe «citate»"

msgctxt "month"
msgid "May"
msgstr "maggio"

msgid "{count} item"
msgid_plural "{count} items"
msgstr[0] "{count} voce"
msgstr[1] "{count} voci"

msgid "Untranslated"
msgstr ""
"""
    catalogue = i18n.read_po(text)
    assert catalogue == {
        'Two\nlines "quoted"': "Due\nrighe «citate»",
        "month\x04May": "maggio",
        ("{count} item", 0): "{count} voce",
        ("{count} item", 1): "{count} voci",
    }


# --- nothing bypasses the catalogue -------------------------------------------------------

_PROSE = re.compile(r"[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}|^\W*[A-Z][a-z]{2,}")
"""Words a user reads: two words, or one capitalised word (a title). Lower-case single
words are identifiers (pane names, actions, CSS classes) and upper-case ones markings."""

_STYLE_WORDS = frozenset(
    [
        "bold",
        "italic",
        "dim",
        "underline",
        "reverse",
        "strike",
        "not",
        "on",
        "b",
        "i",
        "u",
        "s",
        "link",
        "blink",
        "conceal",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "white",
        "black",
        "default",
        "bright",
        "grey",
        "gray",
    ]
)

_EXEMPT_CALLS = frozenset(
    {
        *po.KEYWORDS,
        # identifiers of Textual and the standard library, never shown
        "query",
        "query_one",
        "query_exactly_one",
        "add_class",
        "remove_class",
        "set_class",
        "has_class",
        "run_action",
        "getattr",
        "setattr",
        "hasattr",
        "compile",
        "match",
        "fullmatch",
        "search",
        "sub",
        "split",
        "startswith",
        "endswith",
        "Style",
        "parse",
        "Color",
        "TypeVar",
        "get_component_rich_style",
        "get_component_styles",
        "NamedTuple",
        "namedtuple",
        "Signal",
        "ContextVar",
    }
)
_EXEMPT_KEYWORDS = frozenset(
    {
        "id",
        "classes",
        "name",
        "group",
        "style",
        "action",
        "key",
        "variant",
        "prog",
        "metavar",
        "dest",
        "end",
        "sep",
        "encoding",
        "errors",
        "newline",
        "justify",
        "overflow",
        "mode",
    }
)
_EXEMPT_ASSIGNMENTS = frozenset({"DEFAULT_CSS", "CSS", "__all__", "TITLE"})

_UI_SKIP = frozenset({"i18n.py", "po.py", "__main__.py"})
"""Modules that show no text of their own (the catalogue's machinery)."""

PRAGMA = "# not shown"
"""A comment on a line holding a string no user sees (a log line, an identifier with
spaces), optionally followed by why."""


def _style_only(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text)
    return bool(words) and all(word.lower() in _STYLE_WORDS for word in words)


def _looks_like_prose(text: str) -> bool:
    if _style_only(text) or (text.startswith(("#", "$", "-", "http", "<")) and " " not in text):
        return False
    return bool(_PROSE.search(text))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _exempt(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Expr) and child is node:
            return True  # a docstring, or a bare string under a field (its docstring)
        if isinstance(parent, ast.keyword) and parent.arg in _EXEMPT_KEYWORDS:
            return True
        if isinstance(parent, ast.Call):
            name = _call_name(parent)
            if name in _EXEMPT_CALLS:
                return True
            if name == "Binding" and child in parent.args[:2]:
                return True  # the key and the action; the description must be marked
        if isinstance(parent, ast.Assign | ast.AnnAssign):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if any(isinstance(t, ast.Name) and t.id in _EXEMPT_ASSIGNMENTS for t in targets):
                return True
        if isinstance(parent, ast.Compare | ast.Subscript | ast.Raise | ast.Assert):
            return isinstance(parent, ast.Compare | ast.Subscript | ast.Assert)
        if isinstance(parent, ast.stmt):
            return False
        child, parent = parent, parents.get(parent)
    return False


def untranslated_strings(path: Path) -> list[str]:
    """Every string in `path` that reads as words and reaches a user unmarked."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), ast.JoinedStr):
                continue
            text = node.value
        else:
            continue
        if not _looks_like_prose(text) or _exempt(node, parents):
            continue
        end = getattr(node, "end_lineno", node.lineno) or node.lineno
        if any(PRAGMA in lines[n - 1] for n in range(node.lineno, end + 1)):
            continue
        found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {text[:60]!r}")
    return found


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in _UI_SKIP]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_string_shown_to_a_user_bypasses_the_catalogue(path: Path) -> None:
    found = untranslated_strings(path)
    assert not found, f"{len(found)} strings not marked for translation:\n" + "\n".join(found)


def test_the_bypass_check_catches_what_it_should(tmp_path: Path) -> None:
    """The check itself can fail: an f-string label, a notice, a key's description."""
    probe = PACKAGE / "_probe_for_test.py"
    probe.write_text(
        "from .i18n import _\n"
        "def f(app, n):\n"
        "    app.notify(f'Copied {n} lines')\n"
        "    app.notify(_('Copied {n} lines').format(n=n))\n"
        "    Binding('y', 'copy', 'Copy item')\n"
        "    app.query_one('#two words')\n"
        "    Static('Overview')\n"
        "    log('cache folder unusable')  # not shown\n",
        encoding="utf-8",
    )
    try:
        found = untranslated_strings(probe)
    finally:
        probe.unlink()
    assert [line.split(": ", 1)[1] for line in found] == [
        "'Copied  lines'",
        "'Copy item'",
        "'Overview'",
    ]


# --- choosing the language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "it_IT.UTF-8"}, "it"),
        (None, {"LANG": "it_CH@euro"}, "it"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "it_IT.UTF-8", "LANG": "en_GB.UTF-8"}, "it"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "it_IT.UTF-8"}, "en"),
        (None, {"LC_ALL": "it_IT.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "it"),
        (None, {"LC_ALL": "", "LANG": "it_IT.UTF-8"}, "it"),
        (None, {"BRIEFING_LANG": "it", "LANG": "en_US.UTF-8"}, "it"),
        (None, {"BRIEFING_LANG": "en", "LC_ALL": "it_IT.UTF-8"}, "en"),
        (None, {"BRIEFING_LANG": "klingon", "LANG": "it_IT.UTF-8"}, "it"),
        ("en", {"BRIEFING_LANG": "it", "LANG": "it_IT.UTF-8"}, "en"),
        ("it", {"LC_ALL": "C"}, "it"),
        ("Italiano", {}, "it"),
    ],
)
def test_the_language_comes_from_the_option_then_the_variable_then_the_locale(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose_language(option, environ) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("it", "it"),
        ("IT", "it"),
        ("it-IT", "it"),
        ("ita", "it"),
        ("italian", "it"),
        ("en-GB", "en"),
        ("English", "en"),
        ("de", None),
        ("", None),
        (None, None),
    ],
)
def test_a_briefings_language_is_read_as_written(value: str | None, code: str | None) -> None:
    assert i18n.normalise(value) == code


# --- dates and numbers ---------------------------------------------------------------------

_JAN_21, _JAN_22, _FEB_2 = dt.date(2026, 1, 21), dt.date(2026, 1, 22), dt.date(2026, 2, 2)


@pytest.mark.parametrize(
    ("start", "end", "english", "italian"),
    [
        (_JAN_21, None, "21 January 2026", "21 gennaio 2026"),
        (_JAN_21, _JAN_22, "21–22 January 2026", "21–22 gennaio 2026"),
        (_JAN_21, _FEB_2, "21 January – 2 February 2026", "21 gennaio – 2 febbraio 2026"),
        (
            dt.date(2025, 12, 30),
            _JAN_21,
            "30 December 2025 – 21 January 2026",
            "30 dicembre 2025 – 21 gennaio 2026",
        ),
    ],
)
def test_dates_read_as_each_language_writes_them(
    start: dt.date, end: dt.date | None, english: str, italian: str
) -> None:
    assert i18n.date_span(start, end) == english
    with i18n.labelled_in("it"):
        assert i18n.date_span(start, end) == italian
    assert i18n.date_span(start, end) == english


def test_every_month_has_its_italian_name() -> None:
    with i18n.labelled_in("it"):
        names = [i18n.month_name(month) for month in range(1, 13)]
    assert names == [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ]


def test_numbers_group_thousands_as_each_language_does() -> None:
    assert i18n.number(10000) == "10,000"
    with i18n.labelled_in("it"):
        assert i18n.number(10000) == "10.000"
        assert i18n.number(999) == "999"


def test_a_label_language_set_for_a_block_stays_in_its_thread() -> None:
    import threading

    seen: list[str] = []
    with i18n.labelled_in("it"):
        thread = threading.Thread(target=lambda: seen.append(i18n.language()))
        thread.start()
        thread.join()
        assert i18n.language() == "it"
    assert seen == ["en"]


def test_exports_are_labelled_in_their_briefings_language_unless_asked_otherwise() -> None:
    assert i18n.labels_for(["it"]) == "it"
    assert i18n.labels_for(["it", "it-IT"]) == "it"
    assert i18n.labels_for(["it", "en"]) == "en"  # mixed: the interface's
    assert i18n.labels_for([None]) == "en"
    assert i18n.labels_for(["de"]) == "en"
    i18n.set_language("it")
    assert i18n.labels_for(["en"]) == "en"
    assert i18n.labels_for([None, "en"]) == "it"
    i18n.set_language("en", asked=True)
    assert i18n.labels_for(["it"]) == "en"

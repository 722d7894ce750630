"""The loader's contract, and terminal safety, as properties over generated input (Hypothesis).

The contract: whatever the bytes or text, `load_bytes` and `load_text` return a `LoadResult`
and never raise; the result is either a briefing with no problems or no briefing with at
least one problem; and every problem points at a line and column that exist in the text
(or just past its end). Text typed into a field is kept as typed or refused with a located
problem, and whatever loads can be printed without a byte that could drive a terminal.

Example counts are kept modest so the file runs in seconds; Hypothesis keeps failing
examples in .hypothesis/ (ignored by git) and replays them first. Run with
`--hypothesis-show-statistics` to see how the generated input spreads over the outcomes.
The bugs they found are tested at the end, by name.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing_reader.export import to_json, to_markdown
from briefing_reader.loader import LoadResult, load_bytes, load_text
from briefing_reader.model import Briefing
from briefing_reader.render import summary
from briefing_reader.text import marking_level, marking_text, printable
from conftest import MINIMAL, SEED, run_cli, with_lines, write

FIXTURES_ARE_RESET = HealthCheck.function_scoped_fixture  # nothing here depends on a fresh one
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[FIXTURES_ARE_RESET])
THOROUGH = settings(max_examples=500, deadline=None, suppress_health_check=[FIXTURES_ARE_RESET])

LABEL = "generated.yaml"
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What libyaml counts as a line break (YAML 1.1): the most lines a problem can be on."""

SGR = re.compile(r"\x1b\[[0-9;]*m")
UNSAFE_OUTPUT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Once Rich's own SGR codes are removed: ESC, C0 but newline, DEL, C1, bidi overrides."""

# --- the contract -------------------------------------------------------------------------


def line_count(text: str) -> int:
    return len(YAML_LINE_BREAK.split(text))


def decoded(data: bytes) -> str | None:
    """The text the loader reads from `data`, by the rule it documents, or None if none.

    UTF-8 (an initial BOM dropped), or UTF-16/32 given by a BOM, or UTF-16 without a BOM
    when the first character is ASCII (one of the first two bytes is zero).
    """
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    encoding, body = "utf-8", data
    for bom, name in boms:
        if data.startswith(bom):
            encoding, body = name, data[len(bom) :]
            break
    else:
        if len(data) >= 2 and data[0] == 0 and data[1] != 0:
            encoding = "utf-16-be"
        elif len(data) >= 2 and data[0] != 0 and data[1] == 0:
            encoding = "utf-16-le"
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        return None


def assert_contract(result: LoadResult, text: str | None, *, limit: int = 0) -> None:
    """`result` keeps the contract; `text` is what was read (None: bound lines by `limit`)."""
    assert isinstance(result, LoadResult)
    # A briefing and no problem, or problems and no briefing: never both, never neither.
    # (Not `if result.ok: assert result.briefing is not None`: `ok` is that very test.)
    assert (result.briefing is None) == (len(result.problems) >= 1), result
    if text is not None:
        last_line = line_count(text) + 1
        last_column = max(len(line) for line in text.split("\n")) + 1
    else:
        last_line = last_column = limit + 1
    for problem in result.problems:
        assert problem.path == LABEL, problem
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert 1 <= problem.column <= last_column, (problem, last_column)
        assert problem.message, problem


def outcome(result: LoadResult) -> str:
    """What kind of result this is, for Hypothesis's statistics (--hypothesis-show-statistics)."""
    if result.ok:
        return "loads"
    first = result.problems[0].message
    if first.startswith("YAML syntax"):
        return "refused: YAML syntax"
    if first.startswith("the file is not valid"):
        return "refused: encoding"
    return "refused: briefing checks"


# Pieces of YAML and of a briefing, so that generated text reaches the parser's corners and
# the model's checks, not only the first character's syntax error.
FRAGMENTS = (
    "title: ",
    "date: 2026-01-21\n",
    "end_date: 2026-01-20\n",
    "agenda:\n",
    "  - title: x\n",
    "    day: 2026-01-22\n",
    "    topics: [a, B]\n",
    "positions: []\n",
    "regions: []\n",
    "bilaterals: []\n",
    "quotes:\n",
    "language: it\n",
    "- ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    ": ",
    "? ",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    '"',
    "'",
    "\\",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "%TAG ! tag:x,2000:\n",
    "#",
    "~",
    "null",
    "é",
    "😀",
    "\ufeff",
    "\x85",
    "\u2028",
    "\u202e",
    "\x1b[31m",
    "\x00",
    "\x7f",
)
# Lone surrogates are left out: no file can hold one (load_bytes never makes one), and
# load_text hands its str to libyaml as UTF-8, which a lone surrogate cannot be encoded in.
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
yaml_like_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHARACTER, max_size=3)), max_size=80
).map("".join)
near_a_briefing = st.builds(  # MINIMAL with YAML-like text spliced in: often still loads
    lambda at, tail: MINIMAL[:at] + tail + MINIMAL[at:],
    st.integers(0, len(MINIMAL)),
    yaml_like_text,
)
any_text = st.one_of(st.text(ANY_CHARACTER, max_size=2000), yaml_like_text, near_a_briefing)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32")
encoded_text = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    yaml_like_text,
    st.sampled_from(ENCODINGS),
)
any_bytes = st.one_of(st.binary(max_size=4096), encoded_text)


@THOROUGH
@given(any_bytes)
def test_any_bytes_load_to_a_result_with_located_problems(data: bytes) -> None:
    result = load_bytes(data, LABEL)

    assert_contract(result, decoded(data), limit=len(data))
    event(outcome(result))


@THOROUGH
@given(any_text)
def test_any_text_loads_to_a_result_with_located_problems(text: str) -> None:
    result = load_text(text, LABEL)

    assert_contract(result, text)
    event(outcome(result))


# --- the shipped briefing, damaged --------------------------------------------------------

SEED_BYTES = SEED.read_bytes()
YAML_BYTES = b":-[]{}#&*!|>\"'%@`,? \n\t\r"
any_byte = st.one_of(st.sampled_from(YAML_BYTES), st.integers(0, 255))


@st.composite
def damaged_seed(draw: st.DrawFn) -> bytes:
    """The seed briefing after one to three random edits of a byte, a line or its end."""
    data = SEED_BYTES
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(("insert", "delete", "replace", "cut", "copy-line", "drop")))
        if edit in ("copy-line", "drop"):
            lines = data.splitlines(keepends=True)
            if not lines:
                continue
            at = draw(st.integers(0, len(lines) - 1))
            if edit == "copy-line":
                lines.insert(at, lines[at])
            else:
                del lines[at]
            data = b"".join(lines)
            continue
        at = draw(st.integers(0, len(data)))
        byte = bytes([draw(any_byte)])
        if edit == "insert":
            data = data[:at] + byte + data[at:]
        elif edit == "cut":
            data = data[:at]
        elif at < len(data):
            data = data[:at] + (byte if edit == "replace" else b"") + data[at + 1 :]
    return data


def render(briefing: Briefing, *, terminal: bool, width: int = 100) -> str:
    """The summary as `briefing summary` prints it: styled for a terminal, or plain."""
    if terminal:
        console = Console(force_terminal=True, color_system="truecolor", width=width)
    else:
        console = Console(color_system=None, highlight=False, emoji=False, width=width)
    with console.capture() as capture:
        console.print(summary(briefing))
    return capture.get()


def unsafe(output: str) -> list[str]:
    """Characters that could drive a terminal, once Rich's own colour codes are removed."""
    return sorted(set(UNSAFE_OUTPUT.findall(SGR.sub("", output))))


@QUICK
@given(damaged_seed())
def test_damaged_seed_keeps_the_contract_and_what_loads_prints(data: bytes) -> None:
    result = load_bytes(data, LABEL)

    assert_contract(result, decoded(data), limit=len(data))
    event("loads" if result.ok else "refused")
    if result.briefing is not None:
        plain = render(result.briefing, terminal=False)
        styled = render(result.briefing, terminal=True)
        assert "\x1b" not in plain
        assert unsafe(plain) == []
        assert unsafe(styled) == []
        to_markdown(result.briefing)
        to_json(result.briefing)


def test_undamaged_seed_loads() -> None:
    """The property above starts from a seed that loads (else it would prove little)."""
    assert load_bytes(SEED_BYTES, LABEL).ok


# --- text typed into a field --------------------------------------------------------------


class Field(NamedTuple):
    prefix: str  # the start of its line in TEMPLATE
    path: str  # how problems name it
    get: Callable[[Briefing], str | None]


# A briefing with a placeholder in several text fields, each rendered differently by `summary`
# (a heading, a table cell, the marking banner, a paragraph, a quote); one is replaced at a time.
FIELDS: dict[str, Field] = {
    "title": Field("title: ", "title", lambda b: b.title),
    "place": Field("place: ", "place", lambda b: b.place),
    "classification": Field("classification: ", "classification", lambda b: b.classification),
    "summary": Field("summary: ", "summary", lambda b: b.summary),
    "agenda-title": Field("  - title: ", "agenda[0].title", lambda b: b.agenda[0].title),
    "agenda-summary": Field("    summary: ", "agenda[0].summary", lambda b: b.agenda[0].summary),
    "statement": Field(
        "    statement: ", "positions[0].statement", lambda b: b.positions[0].statement
    ),
    "quote": Field("    original: ", "quotes[0].original", lambda b: b.quotes[0].original),
}
TEMPLATE = (
    "title: {title}\n"
    "date: 2026-01-21\n"
    "place: {place}\n"
    "classification: {classification}\n"
    "summary: {summary}\n"
    "agenda:\n"
    "  - title: {agenda-title}\n"
    "    summary: {agenda-summary}\n"
    "positions:\n"
    "  - title: A position\n"
    "    statement: {statement}\n"
    "regions: []\n"
    "bilaterals: []\n"
    "quotes:\n"
    "  - speaker: Someone\n"
    "    original: {quote}\n"
)
FIELD_LINES = {
    name: next(
        number
        for number, line in enumerate(TEMPLATE.split("\n"), 1)
        if line == field.prefix + "{" + name + "}"
    )
    for name, field in FIELDS.items()
}


def briefing_with(name: str, scalar: str) -> str:
    """TEMPLATE with the YAML `scalar` in field `name`, and a plain word in every other."""
    text = TEMPLATE
    for other in FIELDS:
        text = text.replace("{" + other + "}", scalar if other == name else "Placeholder")
    return text


def yaml_double_quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar that keeps every character (\\u, \\U escapes)."""
    out = []
    for char in value:
        code = ord(char)
        if 0x20 <= code < 0x7F and char not in '"\\':
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


# Raw characters libyaml refuses anywhere in a stream (it allows TAB, LF, CR, NEL and the
# printable ranges of YAML 1.1), and the raw characters it reads as line breaks.
FORBIDDEN_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
RAW_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")

# Characters with a story (terminal controls, bidi overrides, YAML 1.1 line breaks, a BOM,
# non-characters, markup, quoting), mixed with any character at all.
TELLING = (
    '\x00\x07\t\n\r\x1b\x7f\x85\x9b\xa0\xad\u200b\u2028\u2029\u202e\u2066\ufeff\ufffe😀[]/\\":#'
)
typed_text = st.lists(  # not st.text, which would merge the two alphabets into one
    st.one_of(st.sampled_from(TELLING), ANY_CHARACTER), max_size=60
).map("".join)
field_names = st.sampled_from(sorted(FIELDS))


@THOROUGH
@given(field_names, typed_text, st.booleans())
@example("classification", "SE\ufeffCRET", False)
@example("title", "\x1b[31m", False)
@example("title", "a\x85b\u2028c", False)
@example("quote", "😀", True)
@example("summary", " \t ", True)
def test_text_in_a_field_is_kept_or_refused_where_it_is(
    name: str, value: str, ascii_only: bool
) -> None:
    field, line = FIELDS[name], FIELD_LINES[name]
    scalar = json.dumps(value, ensure_ascii=ascii_only)
    line_text = field.prefix + scalar
    text = briefing_with(name, scalar)

    result = load_text(text, LABEL)

    assert_contract(result, text)
    if ascii_only and any(ord(char) > 0xFFFF for char in value):
        # JSON writes a character beyond U+FFFF as a surrogate pair of \u escapes, which
        # libyaml refuses ("found invalid Unicode character escape code"): located, though.
        event("refused: an escaped surrogate pair")
        first = result.problems[0]
        assert first.message.startswith("YAML syntax"), first
        assert first.line == line, first
        assert first.column <= len(line_text) + 1, first
        return
    breaks = [] if ascii_only else RAW_LINE_BREAKS.findall(value)
    if breaks:
        # libyaml ends a line at a raw NEL, LS or PS (so does the loader, for its own
        # locations; see the known bug at the end), and may fold the break into a space:
        # whatever happens, it happens on the field's line or one of the lines it makes.
        event("raw YAML 1.1 line break")
        if result.problems:
            assert line <= result.problems[0].line <= line + len(breaks), result.problems[0]
        return
    if not ascii_only and "\ufeff" in value:  # an invisible byte-order mark: refused, located
        event("refused: a raw byte-order mark")
        first = result.problems[0]
        assert (first.line, first.column) == (line, line_text.index("\ufeff") + 1), first
        assert "byte-order mark" in first.message, first
        return
    forbidden = None if ascii_only else FORBIDDEN_RAW.search(line_text)
    if forbidden is not None:  # a raw control character: refused, pointing right at it
        event("refused: a raw control character")
        first = result.problems[0]
        assert (first.line, first.column) == (line, forbidden.start() + 1), first
        code = ord(forbidden.group())
        assert first.message.startswith(f"YAML syntax: character U+{code:04X} is not allowed")
        return
    if not value.strip():  # blank text: refused, at the value
        event("refused: blank")
        message = f"{field.path}: expected text, got an empty value"
        assert [(p.line, p.column, p.message) for p in result.problems] == [
            (line, len(field.prefix) + 1, message)
        ]
        return
    assert result.briefing is not None, result.problems
    event("loaded: kept exactly")
    assert field.get(result.briefing) == value.strip()


# --- whatever loads prints literally, and cannot drive a terminal -------------------------

WIDE = 1000
"""Columns for the output, so that no typed text is wrapped across lines."""


def literal(name: str, value: str) -> str:
    """How `summary` shows text typed into `name`: made printable (the marking in capitals)."""
    shown = printable(value.strip())
    return shown.upper() if name == "classification" else shown


@QUICK
@given(field_names, typed_text)
@example("title", "[bold]x[/bold] [link=http://e.vil]y[/link] [/]")
@example("quote", "\x1b]52;c;SGVsbG8=\x07 \x1b[2J\x9b31m \u202edlrow\u2066 \x00\x7f\t\r")
@example("classification", "secret\x1b[8m hidden")
def test_text_that_loads_prints_literally_and_harmlessly(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    value: str,
) -> None:
    assume(value.strip())
    text = briefing_with(name, yaml_double_quoted(value))
    result = load_text(text, LABEL)
    assert result.briefing is not None, result.problems
    monkeypatch.setenv("COLUMNS", str(WIDE))

    code = run_cli(["summary", str(write(tmp_path, text))])
    piped = capsys.readouterr().out
    styled = render(result.briefing, terminal=True, width=WIDE)

    assert code == 0
    assert "\x1b" not in piped
    assert unsafe(piped) == []
    assert SGR.search(styled), "the terminal rendering is styled"
    assert unsafe(styled) == []
    assert unsafe(to_markdown(result.briefing)) == []
    assert unsafe(to_json(result.briefing)) == []
    for output in (piped, SGR.sub("", styled)):
        missing = [word for word in literal(name, value).split() if word not in output]
        assert missing == [], output


# --- bugs these properties found (fixed) -----------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_problem_line_counts_newlines_as_an_editor_does(separator: str) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", f'title: "one{separator}two"')
    text = with_lines(text, "regions: []", "regions: oops")

    result = load_text(text, LABEL)

    assert [(p.line, p.column) for p in result.problems] == [(5, 10)]


# Found by this file at 158f2bf (such a marking was coloured as unmarked, the bug that was
# fixed there for a stray BOM only); passes with marking_level() reading visible words.
@pytest.mark.parametrize(
    "invisible", ["\u034f", "\ufe0f", "\u180e", "\U000e0020"], ids=["CGJ", "VS16", "MVS", "TAG"]
)
def test_a_marking_that_reads_secret_is_coloured_as_secret(invisible: str) -> None:
    """An invisible character printable() keeps (a combining grapheme joiner, a variation
    selector, a Mongolian vowel separator, a tag character) leaves 'SECRET' on the banner."""
    result = load_text(MINIMAL + f"classification: SEC{invisible}RET\n", LABEL)

    if result.briefing is not None:  # refusing the file, as for a stray BOM, would do too
        marking = result.briefing.classification
        shown_as_typed = invisible in marking_text(marking)  # no visible stand-in
        assert marking_level(marking) == "secret" or not shown_as_typed


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF"], ids=["U+FFFE", "U+FFFF"])
def test_json_export_of_a_noncharacter_loads_back(escape: str) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", f'title: "a{escape}b"')
    briefing = load_text(text, LABEL).briefing
    assert briefing is not None

    again = load_text(to_json(briefing), LABEL)

    assert again.problems == ()
    assert again.briefing == briefing

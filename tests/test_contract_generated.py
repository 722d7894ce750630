"""The loader's contract, proved on every field of the shipped briefing.

For any hand-typed mistake the loader gives a correct load or located problems (line,
column, and a plain message that names the field's path, like `agenda[2].day`), never an
exception. The cases are not hand-picked: they are generated from the seed briefing, which
is composed once (libyaml's node marks give every value's place in the text), and each case
splices one mistake into the text at a place the node tree names:

- a value of the wrong kind at every field and every list item;
- each required key missing from every mapping that has one;
- a misspelt key, and a repeated key, beside every key of every mapping;
- the file cut short at every byte;
- a tab for the indentation of every indented line;
- other encodings, stray bytes that are not UTF-8, a stray byte-order mark;
- CRLF and lone CR line endings.

The seed's anchors and aliases are kept valid by every splice: an alias's text is found
from the event stream, a replaced anchored value keeps its anchor, and an anchor whose
value is cut out moves to its first alias (so the file stays well-formed YAML and only the
mistake under test is reported).
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import json
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pytest
import yaml

from briefing_reader import model
from briefing_reader.loader import LoadResult, Problem, compose, load_bytes
from briefing_reader.model import Briefing, Pattern
from conftest import SEED

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")

Shape = Literal["scalar", "list", "mapping"]
Kind = Literal["text", "date", "list", "record"]
Edit = tuple[int, int, str]
"""Replace text[start:end] with the string."""

_NULL_TAG = "tag:yaml.org,2002:null"
_ANCHOR = re.compile(r"&([^\s\[\]{},]+)\s+")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _unwrap(kind: Any) -> tuple[Any, Pattern | None]:
    """The model type with `X | None` and `Annotated[X, Pattern]` taken off, and the pattern."""
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        inner = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        return _unwrap(inner)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(kind)
        patterns = [extra for extra in extras if isinstance(extra, Pattern)]
        return base, patterns[0] if patterns else None
    return kind, None


def _kind(kind: Any) -> Kind:
    if typing.get_origin(kind) is tuple:
        return "list"
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return "record"
    if kind is dt.date:
        return "date"
    assert kind is str, kind
    return "text"


def _required(cls: type[Any]) -> tuple[str, ...]:
    """The fields the model marks with `required(...)`: no default of any sort."""
    return tuple(
        spec.name
        for spec in dataclasses.fields(cls)
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
    )


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal"))


@dataclass(frozen=True, eq=False)
class Value:
    """One value in the seed: where its text is, and what the model expects there."""

    path: str
    node: yaml.Node
    kind: Kind
    pattern: Pattern | None
    start: int
    """Where its text starts (at its anchor, if it has one; at the `*`, for an alias)."""
    end: int
    """Where its text ends, trailing blank lines and spaces left out."""
    is_alias: bool
    anchor: str
    """The `&name ` written before the value, or ''."""

    @property
    def shape(self) -> Shape:
        if isinstance(self.node, yaml.SequenceNode):
            return "list"
        if isinstance(self.node, yaml.MappingNode):
            return "mapping"
        return "scalar"

    @property
    def line(self) -> int:
        return _position(SEED_TEXT, self.start)[0]

    @property
    def column(self) -> int:
        return _position(SEED_TEXT, self.start)[1]


@dataclass(frozen=True, eq=False)
class Entry:
    key: yaml.ScalarNode
    value: Value

    @property
    def name(self) -> str:
        return str(self.key.value)


@dataclass(frozen=True, eq=False)
class Mapping:
    """A mapping in the seed and the model class it is checked against."""

    path: str
    node: yaml.MappingNode
    cls: type[Any]
    entries: tuple[Entry, ...]

    def child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


class SeedMap:
    """The seed's node tree walked against the model: every value and every mapping."""

    def __init__(self, text: str) -> None:
        self.text = text
        root = compose(text)
        assert isinstance(root, yaml.MappingNode)
        self.root = root
        self.aliases: list[tuple[str, int, int]] = []
        """Every alias (`*name`) in the text: its anchor's name, its start and its end."""
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent):
                assert event.start_mark is not None
                assert event.end_mark is not None
                self.aliases.append(
                    (str(event.anchor), event.start_mark.index, event.end_mark.index)
                )
        self._next_alias = iter(self.aliases)
        self._seen: set[int] = {id(root)}
        self.values: list[Value] = []
        self.mappings: list[Mapping] = []
        self.anchored: dict[str, tuple[int, yaml.Node]] = {}
        self._record(Briefing, root, "")
        self.reached: dict[int, list[str]] = {}
        self._reach(root, "")
        self.mappings.sort(key=lambda mapping: mapping.node.start_mark.index)
        assert next(self._next_alias, None) is None, "every alias was met in the walk"

    def _value(self, declared: Any, node: yaml.Node, path: str) -> Value:
        kind, pattern = _unwrap(declared)
        if id(node) in self._seen:  # an alias: the node is shared, its marks are the anchor's
            name, start, end = next(self._next_alias)
            assert self.text[start:end] == f"*{name}", (path, name)
            value = Value(path, node, _kind(kind), pattern, start, end, True, "")
            self.values.append(value)
            return value
        self._seen.add(id(node))
        start, end = node.start_mark.index, node.end_mark.index
        while end > start and self.text[end - 1].isspace():
            end -= 1
        match = _ANCHOR.match(self.text, start, end)
        anchor = match.group() if match else ""
        if match:
            self.anchored[match.group(1)] = (start, node)
        value = Value(path, node, _kind(kind), pattern, start, end, False, anchor)
        self.values.append(value)
        if value.kind == "list" and isinstance(node, yaml.SequenceNode):
            item_kind = typing.get_args(kind)[0]
            for index, child in enumerate(node.value):
                self._value(item_kind, child, f"{path}[{index}]")
        elif value.kind == "record" and isinstance(node, yaml.MappingNode):
            self._record(kind, node, path)
        return value

    def _record(self, cls: type[Any], node: yaml.MappingNode, path: str) -> None:
        hints = typing.get_type_hints(cls, include_extras=True)
        entries: list[Entry] = []
        for key, value_node in node.value:
            assert isinstance(key, yaml.ScalarNode)
            child = f"{path}.{key.value}" if path else str(key.value)
            entries.append(Entry(key, self._value(hints[key.value], value_node, child)))
        self.mappings.append(Mapping(path, node, cls, tuple(entries)))

    def _reach(self, node: yaml.Node, path: str) -> None:
        """Record every path at which the loader meets each node, through aliases too."""
        self.reached.setdefault(id(node), []).append(path)
        if isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self._reach(child, f"{path}[{index}]")
        elif isinstance(node, yaml.MappingNode):
            for key, child in node.value:
                self._reach(child, f"{path}.{key.value}" if path else str(key.value))

    def relocate_anchors(self, start: int, end: int) -> list[Edit]:
        """Edits that move each anchor defined in text[start:end] to its first later alias."""
        edits: list[Edit] = []
        for name, (anchor_start, node) in self.anchored.items():
            if start <= anchor_start < end:
                later = [(s, e) for alias, s, e in self.aliases if alias == name and s >= end]
                if later:
                    alias_start, alias_end = later[0]
                    edits.append((alias_start, alias_end, f"&{name} {_flow(node)}"))
        return edits


def _flow(node: yaml.Node) -> str:
    """The node's value written as one line of flow YAML (strings double-quoted)."""
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_flow(child) for child in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return "{" + ", ".join(f"{_flow(key)}: {_flow(value)}" for key, value in node.value) + "}"
    if node.tag == _NULL_TAG:
        return "null"
    return json.dumps(node.value)


def _apply(text: str, edits: Iterable[Edit]) -> str:
    """`text` with non-overlapping edits made (positions are in the original text)."""
    limit = len(text)
    for start, end, new in sorted(edits, reverse=True):
        assert start <= end <= limit, "edits must not overlap"
        text = text[:start] + new + text[end:]
        limit = start
    return text


SEED_MAP = SeedMap(SEED_TEXT)
_SEED_RESULT = load_bytes(SEED_BYTES)
assert _SEED_RESULT.briefing is not None, _SEED_RESULT.problems
BASE: Briefing = _SEED_RESULT.briefing


def _load(text: str) -> LoadResult:
    return load_bytes(text.encode("utf-8"))


def _refused(result: LoadResult) -> tuple[Problem, ...]:
    assert result.briefing is None, "the mistake was accepted"
    assert result.problems, "refused without a problem"
    return result.problems


def _places(briefing: Briefing) -> list[tuple[int, int]]:
    places = [(item.line, item.column) for _, item in briefing.items()]
    if briefing.source is not None:
        places.append((briefing.source.line, briefing.source.column))
    return places


def _assert_same_as_seed(result: LoadResult) -> None:
    """Loaded, equal to the seed, with every item at the same line and column."""
    assert result.briefing is not None, result.problems
    assert result.briefing == BASE
    assert _places(result.briefing) == _places(BASE)


def _where(problems: Iterable[Problem]) -> list[tuple[int, int, str]]:
    return [(problem.line, problem.column, problem.message) for problem in problems]


def test_the_walk_covers_the_whole_seed() -> None:
    """Every node of the composed seed is a generated value (aliases once per use)."""

    def count(node: yaml.Node, seen: set[int]) -> int:
        if id(node) in seen:
            return 1
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return 1 + sum(count(child, seen) for child in node.value)
        if isinstance(node, yaml.MappingNode):
            return 1 + sum(count(value, seen) for _, value in node.value)
        return 1

    assert len(SEED_MAP.values) == count(SEED_MAP.root, set()) - 1  # all but the root
    assert len({value.path for value in SEED_MAP.values}) == len(SEED_MAP.values)
    assert {m.cls for m in SEED_MAP.mappings} == {
        Briefing,
        model.AgendaItem,
        model.Position,
        model.Region,
        model.Bilateral,
        model.Partner,
        model.Initiative,
        model.Quote,
        model.Source,
    }
    assert sum(value.is_alias for value in SEED_MAP.values) == len(SEED_MAP.aliases) > 0


# --- 1. a value of the wrong kind at every field and every list item -------------------

_WRONG: dict[str, str] = {
    "scalar": "wrong",
    "list": "[wrong]",
    "mapping": "{wrong: 1}",
    "pattern": "Not Valid",
}
_GOT: dict[str, str] = {
    "scalar": "got 'wrong'",
    "list": "got a list",
    "mapping": "got a mapping (key: value pairs)",
    "pattern": "got 'Not Valid'",
}
_EXPECTED: dict[Kind, str] = {
    "text": "expected text",
    "date": "expected a date like 2026-01-21",
    "list": "expected a list",
    "record": "expected a mapping",
}


def _wrong_kinds(value: Value) -> list[str]:
    """The kinds of value that are wrong at `value`'s place.

    Not generated, because the model legitimately accepts them: an empty value (null) is an
    empty list or an absent optional field, and any scalar is text (`title: 2026-01-21` is
    the text typed). A scalar is wrong where a date is expected; a scalar that does not
    match the field's pattern (topics, language codes) is wrong too.
    """
    wrong = [shape for shape in ("scalar", "list", "mapping") if shape != value.shape]
    if value.kind == "date":
        wrong.append("scalar")
    if value.pattern is not None:
        wrong.append("pattern")
    return wrong


WRONG_KIND_CASES = [
    pytest.param(value, wrong, id=f"{value.path}={wrong}")
    for value in SEED_MAP.values
    for wrong in _wrong_kinds(value)
]


def _with_value_replaced(value: Value, new: str) -> str:
    """The seed with `value`'s text (a block scalar's lines too) replaced by `new`.

    The new text goes where the old value started, on the key's line or the item's line
    for a value written there, on the next line for a block list or mapping. An anchor
    written before the value is kept, so its aliases still resolve (and now repeat the
    mistake); anchors inside the value move to their first alias after it.
    """
    start = value.start + len(value.anchor)
    edits = [(start, value.end, new), *SEED_MAP.relocate_anchors(start, value.end)]
    return _apply(SEED_TEXT, edits)


@pytest.mark.parametrize(("value", "wrong"), WRONG_KIND_CASES)
def test_wrong_kind_of_value_is_located_at_the_value(value: Value, wrong: str) -> None:
    text = _with_value_replaced(value, _WRONG[wrong])

    problems = _refused(_load(text))

    # a value under an anchor is shared by the anchor's aliases: each use is a problem,
    # and all of them point at the text that was replaced
    paths = [value.path] if value.is_alias else SEED_MAP.reached[id(value.node)]
    assert [(p.line, p.column) for p in problems] == [(value.line, value.column)] * len(paths)
    expected = _EXPECTED[value.kind]
    if wrong == "pattern":
        assert value.pattern is not None
        expected = f"expected {value.pattern.expected}"
    by_path = {problem.message.split(": ", 1)[0]: problem.message for problem in problems}
    assert sorted(by_path) == sorted(paths)
    for path, message in by_path.items():
        assert message.startswith(f"{path}: {expected}"), message
        assert message.endswith(_GOT[wrong]), message


# --- 2. a required key missing from every mapping ---------------------------------------


def _without_entry(mapping: Mapping, index: int) -> str:
    """The seed with entry `index` of `mapping` (its key and its value) deleted.

    Deleting from the key to the next key keeps an item's `- ` and the mapping's start in
    place; the last entry is deleted from the end of the entry before it. A mapping of one
    entry becomes `{}`, so its item does not disappear from the list.
    """
    entries = mapping.entries
    entry = entries[index]
    if len(entries) == 1:
        start, end, new = entry.key.start_mark.index, entry.value.end, "{}"
    elif index + 1 < len(entries):
        start, end, new = entry.key.start_mark.index, entries[index + 1].key.start_mark.index, ""
    else:
        start, end, new = entries[index - 1].value.end, entry.value.end, ""
    return _apply(SEED_TEXT, [(start, end, new), *SEED_MAP.relocate_anchors(start, end)])


MISSING_CASES = [
    pytest.param(mapping, index, id=f"{mapping.path or 'briefing'}-without-{entry.name}")
    for mapping in SEED_MAP.mappings
    for index, entry in enumerate(mapping.entries)
    if entry.name in _required(mapping.cls)
]


@pytest.mark.parametrize(("mapping", "index"), MISSING_CASES)
def test_missing_required_key_is_located_at_its_mapping(mapping: Mapping, index: int) -> None:
    name = mapping.entries[index].name
    mark = mapping.node.start_mark

    problems = _refused(_load(_without_entry(mapping, index)))

    assert len(problems) == 1, _where(problems)
    problem = problems[0]
    assert (problem.line, problem.column) == (mark.line + 1, mark.column + 1)
    assert problem.message.startswith(f"{mapping.path}: " if mapping.path else "missing")
    assert "missing required key" in problem.message
    assert problem.message.endswith(repr(name))


# --- 3 and 4. a misspelt key, and a repeated key, beside every key ----------------------


def _misspelt(key: str) -> str:
    """`key` with its last two different characters swapped: 'title' -> 'titel'."""
    for i in range(len(key) - 2, -1, -1):
        if key[i] != key[i + 1]:
            return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    raise AssertionError(f"cannot misspell {key!r}")


def _with_line_after(entry: Entry, line: str) -> tuple[str, int, int]:
    """The seed with `line` added after `entry`, indented like its key; where `line` is."""
    key_start = entry.key.start_mark.index
    line_start = SEED_TEXT.rfind("\n", 0, key_start) + 1
    assert re.fullmatch(r"[ -]*", SEED_TEXT[line_start:key_start]), "a block mapping's key"
    indent = entry.key.start_mark.column
    text = _apply(SEED_TEXT, [(entry.value.end, entry.value.end, "\n" + " " * indent + line)])
    return text, _position(SEED_TEXT, entry.value.end)[0] + 1, indent + 1


KEY_CASES = [
    pytest.param(mapping, entry, id=mapping.child(entry.name))
    for mapping in SEED_MAP.mappings
    for entry in mapping.entries
]


@pytest.mark.parametrize(("mapping", "entry"), KEY_CASES)
def test_misspelt_key_is_located_with_a_suggestion(mapping: Mapping, entry: Entry) -> None:
    typo = _misspelt(entry.name)
    assert typo not in _field_names(mapping.cls)
    text, line, column = _with_line_after(entry, f"{typo}: x")

    problems = _refused(_load(text))

    assert _where(problems) == [
        (
            line,
            column,
            f"{mapping.child(typo)}: unknown key {typo!r} (did you mean {entry.name!r}?)",
        )
    ]


@pytest.mark.parametrize(("mapping", "entry"), KEY_CASES)
def test_repeated_key_is_located_at_the_second(mapping: Mapping, entry: Entry) -> None:
    text, line, column = _with_line_after(entry, f"{entry.name}: {_flow(entry.value.node)}")

    problems = _refused(_load(text))

    assert len(problems) == 1, _where(problems)
    problem = problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith(f"{mapping.child(entry.name)}: duplicate key")
    assert f"line {entry.key.start_mark.line + 1}" in problem.message


# --- 5. cut short at every byte ---------------------------------------------------------


def test_cut_short_at_every_byte_loads_or_is_located() -> None:
    loaded = refused = 0
    for size in range(len(SEED_BYTES) + 1):
        data = SEED_BYTES[:size]
        result = load_bytes(data, "cut.yaml")  # must not raise
        if result.ok:
            loaded += 1
            assert result.problems == ()
            continue
        refused += 1
        lines = data.decode("utf-8", errors="replace").split("\n")
        assert result.problems, size
        for problem in result.problems:
            where = f"cut at byte {size}: {problem}"
            assert problem.path == "cut.yaml", where
            assert 1 <= problem.line <= len(lines) + 1, where
            assert problem.column >= 1, where
            if problem.line <= len(lines):
                assert problem.column <= len(lines[problem.line - 1]) + 1, where
            assert problem.message.strip(), where

    assert loaded + refused == len(SEED_BYTES) + 1
    assert result.ok  # the last "cut" is the whole file
    assert loaded > 0
    assert refused > 0


# --- 6. a tab for the indentation of every indented line --------------------------------


def test_tab_for_indentation_on_every_line_is_located() -> None:
    lines = SEED_TEXT.split("\n")
    indented = [number for number, line in enumerate(lines, 1) if line.startswith(" ")]
    loaded = refused = 0
    wrong: list[str] = []
    for number in indented:
        changed = list(lines)
        changed[number - 1] = "\t" + lines[number - 1].lstrip(" ")

        result = _load("\n".join(changed))

        if result.ok:  # allowed where YAML takes the tab as content, but never met here
            loaded += 1
            continue
        refused += 1
        located = [p for p in result.problems if p.line == number and p.column == 1]
        if not located or "indent with spaces" not in located[0].message:
            wrong.append(f"line {number}: {_where(result.problems)}")

    assert wrong == []
    assert loaded + refused == len(indented) > 200


# --- 7. encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        pytest.param(codecs.BOM_UTF8, "utf-8", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be-bom"),
        pytest.param(codecs.BOM_UTF32_LE, "utf-32-le", id="utf-32-le-bom"),
        pytest.param(codecs.BOM_UTF32_BE, "utf-32-be", id="utf-32-be-bom"),
        # Read on purpose (the loader's _decode: YAML 1.2 detects UTF-16 from the zero
        # bytes beside a leading ASCII character), though docs/format.md names only UTF-16
        # and UTF-32 *with* a BOM.
        pytest.param(b"", "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(b"", "utf-16-be", id="utf-16-be-no-bom"),
    ],
)
def test_unicode_encoding_loads_as_the_utf8_file(bom: bytes, codec: str) -> None:
    _assert_same_as_seed(load_bytes(bom + SEED_TEXT.encode(codec)))


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_bom_is_refused(codec: str) -> None:
    problems = _refused(load_bytes(SEED_TEXT.encode(codec)))

    for problem in problems:
        assert 1 <= problem.line <= SEED_TEXT.count("\n") + 1
        assert problem.column >= 1


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_encoding_is_located_at_the_first_non_ascii_character(codec: str) -> None:
    data = SEED_TEXT.encode(codec, errors="replace")
    first = next(
        index
        for index, char in enumerate(SEED_TEXT)
        if char.encode(codec, errors="replace")[0] >= 0x80
    )
    byte = SEED_TEXT[first].encode(codec)[0]

    problems = _refused(load_bytes(data))

    assert len(problems) == 1, _where(problems)
    assert (problems[0].line, problems[0].column) == _position(SEED_TEXT, first)
    assert "not valid UTF-8" in problems[0].message
    assert "Latin-1" in problems[0].message
    assert f"0x{byte:02x}" in problems[0].message


_QUOTED_PLACE = SEED_TEXT.replace(
    "place: NATO Headquarters, Brussels", 'place: "NATO Headquarters, Brussels"'
)
_LAST_LINE = SEED_TEXT.splitlines(keepends=True)[-1]
_BYTE_PLACES: list[tuple[str, str, str, int]] = [
    # (id, text, a string that occurs once in it, offset of the bad bytes in that string)
    ("at-the-start", SEED_TEXT, "# yaml-language-server", 0),
    ("in-a-comment", SEED_TEXT, "# Written from", 2),
    ("middle-of-a-line", SEED_TEXT, "place: NATO Headquarters", 12),
    ("inside-a-key", SEED_TEXT, "short_name: MCCS", 5),
    ("inside-a-quoted-string", _QUOTED_PLACE, '"NATO Headquarters', 6),
    ("inside-a-topic", SEED_TEXT, "[military-strategy]", 4),
    ("after-non-ascii-on-the-line", SEED_TEXT, "è necessario", 2),
    ("at-the-end", SEED_TEXT, _LAST_LINE, len(_LAST_LINE)),
]
_BAD_BYTES: list[tuple[str, bytes]] = [
    ("ff", b"\xff"),
    ("latin1-e-grave", b"\xe8"),
    ("lone-continuation", b"\x80"),
    ("surrogate", b"\xed\xa0\x80"),
    ("overlong", b"\xc0\xaf"),
]


@pytest.mark.parametrize(
    ("text", "index", "bad"),
    [
        pytest.param(text, text.index(marker) + offset, bad, id=f"{place}-{name}")
        for place, text, marker, offset in _BYTE_PLACES
        for name, bad in _BAD_BYTES
    ],
)
def test_bytes_that_are_not_utf8_are_located_in_characters(
    text: str, index: int, bad: bytes
) -> None:
    data = text[:index].encode() + bad + text[index:].encode()

    problems = _refused(load_bytes(data))

    assert len(problems) == 1, _where(problems)
    assert (problems[0].line, problems[0].column) == _position(text, index)
    assert "not valid UTF-8" in problems[0].message
    assert f"byte 0x{bad[0]:02x}" in problems[0].message


_BOM_PLACES = [
    pytest.param("title: Chi", 10, id="inside-a-value"),
    pytest.param("UNCLASSIFIED\n", 12, id="end-of-the-marking"),
    pytest.param("Per assicurare", 4, id="inside-a-block-scalar"),
    pytest.param("title: Chiefs", 0, id="before-the-first-key"),
    pytest.param("agenda:\n", 0, id="before-a-later-key"),
    pytest.param("    day: 2026-01-22", 0, id="before-an-indented-key"),
    pytest.param("short_name: MCCS", 5, id="inside-a-key"),
    pytest.param("[military-strategy]", 4, id="inside-a-topic"),
    pytest.param("\nagenda:", 1, id="alone-on-a-line"),
    pytest.param("# Every statement", 0, id="before-a-comment"),
]


@pytest.mark.parametrize(("marker", "offset"), _BOM_PLACES)
def test_stray_bom_is_refused_where_it_is(marker: str, offset: int) -> None:
    """YAML 1.2: a BOM must not appear inside a document. Invisible, so say exactly where.

    (Kept, a BOM inside SECRET would have hidden the marking's colour.)
    """
    index = SEED_TEXT.index(marker) + offset
    assert SEED_TEXT.count(marker) == 1
    text = SEED_TEXT[:index] + "\ufeff" + SEED_TEXT[index:]

    problems = _refused(_load(text))

    assert [(p.line, p.column) for p in problems] == [_position(text, index)]
    assert "byte-order mark" in problems[0].message


# --- 8. line endings --------------------------------------------------------------------

_ENDINGS = [
    pytest.param("\r\n", id="crlf"),
    pytest.param("\r", id="cr"),
]


@pytest.mark.parametrize("newline", _ENDINGS)
def test_other_line_endings_load_as_the_lf_file(newline: str) -> None:
    _assert_same_as_seed(_load(SEED_TEXT.replace("\n", newline)))


def test_mixed_line_endings_load_as_the_lf_file() -> None:
    endings = ["\n", "\r", "\r\n"]  # in this order a CR is never glued to the next LF
    lines = SEED_TEXT.split("\n")
    text = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]

    _assert_same_as_seed(_load(text))


# libyaml counts a lone CR as a line break, and so must the loader's own locations.
_EVERY_ENDING = [*_ENDINGS, pytest.param("\n", id="lf")]


@pytest.mark.parametrize("newline", _EVERY_ENDING)
def test_misspelt_key_is_located_whatever_the_line_endings(newline: str) -> None:
    text = SEED_TEXT.replace("country: Türkiye", "contry: Türkiye").replace("\n", newline)

    problems = _refused(_load(text))

    assert [(p.line, p.column) for p in problems] == [(175, 5)]


@pytest.mark.parametrize("newline", _EVERY_ENDING)
def test_invalid_utf8_is_located_whatever_the_line_endings(newline: str) -> None:
    text = SEED_TEXT.replace("\n", newline)
    index = text.index("Türkiye") + 3
    data = text[:index].encode() + b"\xe8" + text[index:].encode()

    problems = _refused(load_bytes(data))

    assert [(p.line, p.column) for p in problems] == [(175, 17)]


@pytest.mark.parametrize("newline", _EVERY_ENDING)
def test_control_character_is_located_whatever_the_line_endings(newline: str) -> None:
    text = SEED_TEXT.replace("country: Türkiye", "country: Tür\x07kiye").replace("\n", newline)

    problems = _refused(_load(text))

    assert [(p.line, p.column) for p in problems] == [(175, 17)]
    assert "U+0007" in problems[0].message


@pytest.mark.parametrize("newline", _EVERY_ENDING)
def test_tab_before_a_list_item_gets_the_hint_whatever_the_line_endings(newline: str) -> None:
    text = SEED_TEXT.replace("  - title: Support to Ukraine", "\t- title: Support to Ukraine")

    problems = _refused(_load(text.replace("\n", newline)))

    assert [(p.line, p.column) for p in problems] == [(65, 1)]
    assert "indent with spaces" in problems[0].message

"""YAML text -> `Briefing`, or every problem in it, each located by line and column.

Typing follows the model, not YAML 1.1 guessing: the text is *composed* (parsed into a node
tree with line/column marks, which constructs nothing) by libyaml's safe parser, then walked
field by field against the field list of `model.fields_of`. So `NO`, `on` and `1.10` stay the text
that was typed, no tag ever builds an object, duplicate keys are caught, and every problem in
the file is reported at once. `loader` imports this module the first time a file must be
parsed. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import model
from .i18n import N_, _, number
from .loader import LINE_BREAK, MAX_VALUES, PRECOUNT_BYTES, LoadResult, Problem, line_column
from .model import Briefing, FieldSpec, Pattern, fields_of, type_spec

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml on every platform we use
    _SafeLoader = None  # type: ignore[assignment,misc]

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name  # not shown
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_NULL_TAG = "tag:yaml.org,2002:null"  # not shown
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_text(text: str, label: str, result_path: Path) -> LoadResult:
    """Parse `text` and check it against the model (decoded, and found free of a stray byte-order
    mark, by `loader`)."""
    try:
        if len(text) > PRECOUNT_BYTES and _too_many_values(text):
            return LoadResult(result_path, None, (Problem(label, 1, 1, _too_many()),))
        root = compose(text)
    except yaml.YAMLError as error:
        return LoadResult(result_path, None, (_yaml_problem(error, text, label),))
    except RecursionError:
        message = _("the file is nested too deeply to read")
        return LoadResult(result_path, None, (Problem(label, 1, 1, message),))
    checker = _Checker(label, _Where(text))
    briefing = checker.check_document(root)
    if checker.problems:
        return LoadResult(result_path, None, tuple(checker.problems))
    return LoadResult(result_path, briefing, ())


def compose(text: str) -> yaml.Node | None:
    """Parse YAML into a node tree with the safe libyaml parser; nothing is constructed."""
    if _SafeLoader is None:  # pragma: no cover
        raise RuntimeError(_("PyYAML was built without libyaml; reinstall PyYAML from a wheel"))
    return yaml.compose(text, Loader=_SafeLoader)


def _too_many() -> str:
    return _(
        "the document holds more than {count} values once aliases are expanded; "
        "a briefing holds a few hundred"
    ).format(count=number(MAX_VALUES))


def _too_many_values(text: str) -> bool:
    """Whether `text` holds more than MAX_VALUES values, counted without building nodes."""
    count = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.NodeEvent):
            count += 1
            if count > MAX_VALUES:
                return True
    return False


def values_built(text: str) -> int:
    """How many values checking `text` against the model builds, an alias counted each time
    it is used: the work MAX_VALUES bounds (for tests). Raises yaml.YAMLError on bad YAML."""
    checker = _Checker("<briefing>", _Where(text))
    budget = checker.budget
    checker.check_document(compose(text))
    return budget - checker.budget


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Where:
    """Line and column of libyaml's marks, as the user's editor numbers them."""

    def __init__(self, text: str) -> None:
        self.text = text if _YAML_ONLY_BREAKS.search(text) else None

    def __call__(self, mark: yaml.Mark) -> tuple[int, int]:
        if self.text is None:  # the usual case: libyaml's lines are the editor's
            return mark.line + 1, mark.column + 1
        return line_column(self.text, mark.index)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' past the end."""
    lines = LINE_BREAK.split(text)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


# --- YAML syntax errors -------------------------------------------------------------------

_TAB_HINT = N_("indent with spaces: YAML does not allow tabs there")

_HINTS = (
    ("tab", _TAB_HINT),
    ("mapping values are not allowed", N_("a value containing ': ' must be quoted")),  # not shown
    ("found undefined alias", N_("an alias (*name) must follow its anchor (&name)")),  # not shown
)
"""Hints for some of libyaml's messages, found by words in them: libyaml speaks English only,
and those words are matched, never shown on their own."""


def _yaml_problem(error: yaml.YAMLError, text: str, label: str) -> Problem:
    """A YAML syntax error as a problem: libyaml's own words (they exist in English only),
    where a construct left open began, and a hint where one helps."""
    hints: list[str] = []
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        said = " ".join(part for part in (error.context, error.problem) if part)
        if error.context and error.problem:
            said = f"{error.problem} ({error.context})"
        position = _Where(text)
        line, column = position(mark) if mark else (1, 1)
        what = said
        opened = error.context_mark
        if opened is not None and mark is not None and opened.line != mark.line:
            opened_line, opened_column = position(opened)
            what = _("{problem} (it starts at line {line}, column {column})").format(
                problem=said, line=opened_line, column=opened_column
            )
        if mark is not None and _char_at(text, line - 1, column - 1) == "\t":
            hints.append(_TAB_HINT)
    elif isinstance(error, yaml.reader.ReaderError):
        # libyaml reads the text as UTF-8, so the position counts bytes, not characters
        before = text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore")
        line, column = line_column(text, len(before))
        code = error.character if isinstance(error.character, int) else ord(error.character)
        said = str(error.reason)
        what = _("character U+{code} is not allowed in YAML: {reason}").format(
            code=f"{code:04X}", reason=said
        )
    else:  # pragma: no cover - every libyaml error is one of the above
        line, column = 1, 1
        said = what = str(error)
    what = what or _("the YAML could not be read")
    if "expected a single document" in said:
        what = _("a second document starts here; one briefing per file: remove it or move it")
        hints = []
    else:
        hints += [hint for needle, hint in _HINTS if needle in said and hint not in hints][:1]
    what = "; ".join([what, *(_(hint) for hint in hints)])
    return Problem(label, line, column, _("YAML syntax: {problem}").format(problem=what))


# --- checking the node tree against the model ---------------------------------------------


def _describe(node: yaml.Node) -> str:
    """What a node holds, said after "got": a mapping, a list, nothing, or its text."""
    if isinstance(node, yaml.MappingNode):
        return _("a mapping (key: value pairs)")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    if node.tag == _NULL_TAG:
        return _("nothing")
    return repr(_shorten(node.value))


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Checker:
    """Walks a node tree against the model, collecting every problem it meets."""

    def __init__(self, label: str, position: _Where) -> None:
        self.label = label
        self.position = position
        self.problems: list[Problem] = []
        self.budget = MAX_VALUES
        """Values still allowed: an alias is built again each time it is used, so this
        bounds what aliases can expand to ("billion laughs"), at no cost without them."""
        self.on_path: set[int] = set()
        """Collections being built, to refuse an alias inside its own anchor (a cycle)."""
        self.root: yaml.Node | None = None

    def report(self, node: yaml.Node, where: str, message: str) -> None:
        line, column = self.position(node.start_mark)
        prefix = f"{where}: " if where else ""
        self.problems.append(Problem(self.label, line, column, prefix + message))

    def check_document(self, root: yaml.Node | None) -> Briefing | None:
        if root is None:
            message = _(
                "the file is empty: a briefing needs title, date, agenda, positions, "
                "regions and bilaterals"
            )
            self.problems.append(Problem(self.label, 1, 1, message))
            return None
        self.root = root
        briefing = self.build(Briefing, root, "")
        if isinstance(briefing, Briefing):
            self._check_dates(briefing, root)
            return briefing
        return None

    def build(self, kind: Any, node: yaml.Node, where: str) -> Any:
        """The value of type `kind` that `node` holds, or None after reporting why not."""
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.report(self.root or node, "", _too_many())
            return None
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")  # not shown
            message = _("tags are not allowed: remove {tag} and keep plain text")
            self.report(node, where, message.format(tag=repr(tag)))
            return None
        spec = type_spec(kind)
        if spec.optional and node.tag == _NULL_TAG and isinstance(node, yaml.ScalarNode):
            return None
        if spec.shape == "text":
            value = self._build_text(node, where)
            pattern = spec.pattern
            if value is not None and pattern is not None and not _regex(pattern).fullmatch(value):
                message = _("expected {what}, got {value}")
                self.report(
                    node, where, message.format(what=_(pattern.expected), value=repr(value))
                )
                return None
            return value
        if spec.shape == "list":
            return self._within(node, where, self._build_list, spec.inner)
        if spec.shape == "record":
            return self._within(node, where, self._build_record, spec.inner)
        return self._build_date(node, where)

    def _within(self, node: yaml.Node, where: str, build: Any, kind: Any) -> Any:
        """Build a collection, refusing one that contains itself through an alias."""
        key = id(node)
        if key in self.on_path:
            self.report(node, "", _("an alias refers to a node that contains it (a cycle)"))
            return None
        self.on_path.add(key)
        try:
            return build(kind, node, where)
        finally:
            self.on_path.discard(key)

    def _build_text(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.report(node, where, _("expected text, got {what}").format(what=_describe(node)))
            return None
        text = str(node.value).strip()
        if not text:
            self.report(node, where, _("expected text, got an empty value"))
            return None
        return text

    def _build_date(self, node: yaml.Node, where: str) -> dt.date | None:
        if not isinstance(node, yaml.ScalarNode) or not _DATE.fullmatch(node.value):
            message = _("expected a date like 2026-01-21, got {what}")
            self.report(node, where, message.format(what=_describe(node)))
            return None
        try:
            return dt.date.fromisoformat(node.value)
        except ValueError:
            message = _("{value} is not a real date").format(value=repr(node.value))
            self.report(node, where, message)
            return None

    def _build_list(self, item_kind: Any, node: yaml.Node, where: str) -> tuple[Any, ...] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            message = _("expected a list (- item, or [a, b]), got {what}")
            self.report(node, where, message.format(what=_describe(node)))
            return None
        items = [
            self.build(item_kind, child, f"{where}[{i}]") for i, child in enumerate(node.value)
        ]
        if any(item is None for item in items):
            return None
        if item_kind is model.Topic:
            return tuple(dict.fromkeys(items))
        return tuple(items)

    def _build_record(self, cls: type, node: yaml.Node, where: str) -> Any:
        fields = _field_map(cls)
        if not isinstance(node, yaml.MappingNode):
            if cls is Briefing:
                message = _("expected a briefing, got {what}")
            else:
                message = _("expected a mapping (key: value pairs), got {what}")
            self.report(node, where, message.format(what=_describe(node)))
            return None
        values: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        failed = False
        for key_node, value_node in node.value:
            key = self._key(key_node, where)
            if key is None:
                failed = True
                continue
            path = f"{where}.{key}" if where else key
            if key in seen:
                first = self.position(seen[key].start_mark)[0]
                message = _("duplicate key (first given on line {line})").format(line=first)
                self.report(key_node, path, message)
                failed = True
                continue
            seen[key] = key_node
            if key not in fields:
                guess = _closest_key(key, fields)
                self.report(key_node, path, _unknown_key_message(key, guess, fields))
                suggested.add(guess or "")
                failed = True
                continue
            value = self.build(fields[key].annotation, value_node, path)
            if value is None and (fields[key].required or not _is_null(value_node)):
                failed = True
            values[key] = value
        for name, spec in fields.items():
            if spec.required and name not in seen and name not in suggested:
                message = _("missing required key {key}").format(key=repr(name))
                self.report(node, where, message)
                failed = True
        if failed:
            return None
        present = {name: value for name, value in values.items() if value is not None}
        if _has_position(cls):
            line, column = self.position(node.start_mark)
            present.update(line=line, column=column)
        return cls(**present)

    def _key(self, key_node: yaml.Node, where: str) -> str | None:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag in _STANDARD_TAGS:
            return str(key_node.value)
        message = _("keys must be plain words, got {what}").format(what=_describe(key_node))
        self.report(key_node, where, message)
        return None

    def _check_dates(self, briefing: Briefing, root: yaml.Node) -> None:
        nodes = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        first, last = briefing.date, briefing.end_date or briefing.date
        if briefing.end_date is not None and briefing.end_date < briefing.date:
            message = _("the event cannot end ({end}) before it starts ({start})").format(
                end=last, start=first
            )
            self.report(nodes["end_date"], "end_date", message)
            return
        agenda = nodes.get("agenda")
        for index, item in enumerate(briefing.agenda):
            if item.day is not None and not first <= item.day <= last and agenda is not None:
                if first == last:
                    message = _("{day} is outside the event's dates ({date})")
                else:
                    message = _("{day} is outside the event's dates ({start} to {end})")
                message = message.format(day=item.day, date=first, start=first, end=last)
                day_node = {k.value: v for k, v in agenda.value[index].value}["day"]
                self.report(day_node, f"agenda[{index}].day", message)


@cache
def _regex(pattern: Pattern) -> re.Pattern[str]:
    return re.compile(pattern.regex)


@cache
def _field_map(cls: type) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in fields_of(cls)}


@cache
def _has_position(cls: type) -> bool:
    return any(spec.name == "line" for spec in fields_of(cls, internal=True))


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def _closest_key(key: str, fields: dict[str, FieldSpec]) -> str | None:
    """The known key a mistyped one most likely meant ("titel" -> "title"), if any."""
    lowered = {name.lower().replace("-", "_").replace(" ", "_"): name for name in fields}
    guess = lowered.get(key.lower().replace("-", "_").replace(" ", "_"))
    if guess is None:
        close = difflib.get_close_matches(key.lower(), list(fields), n=1, cutoff=0.6)
        guess = close[0] if close else None
    return guess


def _unknown_key_message(key: str, guess: str | None, fields: dict[str, FieldSpec]) -> str:
    if guess is not None:
        return _("unknown key {key} (did you mean {guess}?)").format(
            key=repr(key), guess=repr(guess)
        )
    message = _("unknown key {key}; expected one of: {keys}")
    return message.format(key=repr(key), keys=", ".join(fields))

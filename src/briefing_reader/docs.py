"""The field tables of docs/format.md, written from the model's field walk.

Each table sits between `<!-- fields: ClassName -->` and `<!-- end of fields -->`; the
prose around them is written by hand. `python -m briefing_reader.docs` rewrites the tables
in place, and `--check` only reports whether they are up to date (a test does the same).
docs/format.md is written in English, and so are its tables: a field's English
documentation, whatever the interface's language. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .i18n import _
from .model import fields_of, record_types, type_spec

FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"  # not shown
"""docs/format.md in a source checkout (the tables are a contributor's tool)."""

END = "<!-- end of fields -->"  # not shown
_BLOCK = re.compile(r"^<!-- fields: (\w+) -->\n(?:.*?\n)??" + re.escape(END) + "$", re.M | re.S)


def type_name(kind: Any) -> str:
    """A model type as the docs name it: "text", "date", "list of topics", "source"."""
    spec = type_spec(kind)
    if spec.shape == "list":
        # docs/format.md is written in English: its tables are never translated
        return f"list of {type_name(spec.inner)}s"  # not shown
    if spec.shape == "record":
        return re.sub(r"(?<!^)(?=[A-Z])", " ", spec.inner.__name__).lower()
    if spec.pattern is not None:
        return spec.pattern.noun
    return spec.shape


def field_table(cls: type) -> str:
    """The Markdown table of a model class's fields: key, required, type, meaning, example."""
    rows = [
        _row("key", "required", "type", "meaning", "example"),
        _row("---", "---", "---", "---", "---"),
    ]
    for spec in fields_of(cls):
        example = "" if spec.example is None else f"`{_example(spec.example)}`"
        required = "yes" if spec.required else ""
        rows.append(_row(f"`{spec.name}`", required, type_name(spec.annotation), spec.doc, example))
    return "\n".join(rows)


def _row(*cells: str) -> str:
    escaped = (cell.replace("|", r"\|") for cell in cells)
    return "|" + "|".join(f" {cell} " if cell else " " for cell in escaped) + "|"


def _example(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(element) for element in value) + "]"
    return str(value)


def format_doc(text: str) -> str:
    """`text` with every field table rewritten from the model.

    Raises ValueError for a table of a class that is not part of the format.
    """
    records = {cls.__name__: cls for cls in record_types()}

    def table(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in records:
            message = _("docs: no model class {name}; expected one of {names}")
            raise ValueError(message.format(name=repr(name), names=list(records)))
        return f"<!-- fields: {name} -->\n{field_table(records[name])}\n{END}"

    return _BLOCK.sub(table, text)


def tables_in(text: str) -> list[str]:
    """The class names of the field tables in `text`, in order."""
    return [match.group(1) for match in _BLOCK.finditer(text)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing_reader.docs",
        description=_("Rewrite the field tables of docs/format.md from the model."),
    )
    parser.add_argument("path", nargs="?", type=Path, default=FORMAT_DOC)
    parser.add_argument(
        "--check", action="store_true", help=_("only report whether the tables are up to date")
    )
    args = parser.parse_args(argv)
    path: Path = args.path
    text = path.read_text(encoding="utf-8")
    wanted = format_doc(text)
    if wanted == text:
        print(_("{path}: the field tables match the model").format(path=path))
        return 0
    if args.check:
        message = _("{path}: the field tables differ from the model; run {command}")
        print(message.format(path=path, command=parser.prog))
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(_("{path}: field tables rewritten from the model").format(path=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())

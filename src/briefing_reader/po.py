"""Keeping the catalogues in step with the code: `python -m briefing_reader.po`.

Finds every message the code marks (`_`, `N_`, `ngettext`, `pgettext`, and a field's
description in the model, `doc` and `required`) and rewrites `locale/<code>.po` with them:
translations already there are kept, new messages are added untranslated, and messages the
code no longer has are dropped (and listed). `--add FILE.json` merges translations written
elsewhere ({"English": "Italiano"}, a list of forms for a plural). The tests hold every
catalogue to the code (tests/test_i18n.py). Imports neither Textual nor Rich.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import LANGUAGES, LOCALE_DIR, read_po

PACKAGE = Path(__file__).parent

KEYWORDS: dict[str, tuple[str, ...]] = {
    "_": ("msgid",),
    "N_": ("msgid",),
    "ngettext": ("msgid", "msgid_plural"),
    "pgettext": ("msgctxt", "msgid"),
    "doc": ("msgid",),
    "required": ("msgid",),
}
"""The functions whose leading string arguments are messages, and what each argument is."""


@dataclass
class Message:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    places: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The message's key in a catalogue read by `read_po` (plurals: form 0's)."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def messages_in(paths: Iterable[Path], base: Path = PACKAGE) -> dict[str, Message]:
    """Every message marked in these files, by key, in the order first met."""
    found: dict[str, Message] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):
            if _name(node) not in KEYWORDS:
                continue
            roles = KEYWORDS[_name(node) or ""]
            values: dict[str, str] = {}
            for role, argument in zip(roles, node.args, strict=False):
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    values[role] = argument.value
            if len(values) < len(roles):
                continue  # a variable passed through: translated where it was marked
            message = Message(values["msgid"], values.get("msgid_plural"), values.get("msgctxt"))
            kept = found.setdefault(message.key, message)
            place = path.relative_to(base).as_posix()  # the file only, as xgettext
            if place not in kept.places:  # --add-location=file: moving code changes nothing
                kept.places.append(place)
    return found


def source_files(base: Path = PACKAGE) -> list[Path]:
    return sorted(path for path in base.rglob("*.py") if path.name != "po.py")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in escaped:
        return f'"{escaped}"'
    lines = escaped.split("\n")
    parts = [f'"{line}\\n"' for line in lines[:-1]] + ([f'"{lines[-1]}"'] if lines[-1] else [])
    return '""\n' + "\n".join(parts)


HEADER = """\
# {name} messages of briefing-reader.
# Written by `python -m briefing_reader.po`; translations are edited here.
msgid ""
msgstr ""
"Language: {code}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def write_po(
    code: str, messages: dict[str, Message], known: dict[str | tuple[str, int], str]
) -> str:
    """A catalogue's text: every message, with the translation `known` has for it."""
    out = [HEADER.format(name=LANGUAGES[code], code=code)]
    for message in messages.values():
        lines = [f"#: {place}" for place in message.places[:4]]
        if "{" in message.msgid:
            lines.append("#, python-brace-format")
        if message.msgctxt is not None:
            lines.append(f"msgctxt {_quote(message.msgctxt)}")
        lines.append(f"msgid {_quote(message.msgid)}")
        if message.msgid_plural is None:
            lines.append(f"msgstr {_quote(known.get(message.key, ''))}")
        else:
            lines.append(f"msgid_plural {_quote(message.msgid_plural)}")
            for form in range(2):
                lines.append(f"msgstr[{form}] {_quote(known.get((message.key, form), ''))}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _added(path: Path) -> dict[str | tuple[str, int], str]:
    added: dict[str | tuple[str, int], str] = {}
    for english, italian in json.loads(path.read_text(encoding="utf-8")).items():
        if isinstance(italian, list):
            for form, text in enumerate(italian):
                added[(english, form)] = text
        elif italian:
            added[english] = italian
    return added


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing_reader.po", description=__doc__)
    parser.add_argument("--add", type=Path, action="append", default=[], metavar="FILE.json")
    parser.add_argument("--lang", default="it", choices=[c for c in LANGUAGES if c != "en"])
    args = parser.parse_args(argv)
    messages = messages_in(source_files())
    path = LOCALE_DIR / f"{args.lang}.po"
    known = read_po(path.read_text(encoding="utf-8")) if path.exists() else {}
    for extra in args.add:
        known.update(_added(extra))
    stale = {key if isinstance(key, str) else key[0] for key in known} - set(messages)
    path.parent.mkdir(exist_ok=True)
    path.write_text(write_po(args.lang, messages, known), encoding="utf-8")
    missing = [m.msgid for m in messages.values() if m.key not in known and (m.key, 0) not in known]
    print(f"{path}: {len(messages)} messages, {len(missing)} untranslated, {len(stale)} dropped")
    for key in sorted(stale):
        print(f"  dropped: {key!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

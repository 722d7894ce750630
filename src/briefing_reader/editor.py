"""The command that opens a briefing in the user's editor at a line (no shell involved)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

_GOTO_STYLE = frozenset({"code", "code-insiders", "codium", "cursor"})  # not shown
"""Editors that take `--goto FILE:LINE` rather than the common `+LINE FILE`."""


def editor_command(path: Path, line: int, environ: Mapping[str, str] = os.environ) -> list[str]:
    """`$VISUAL` or `$EDITOR` split like a shell would, with the file and line; [] if unset."""
    editor = environ.get("VISUAL") or environ.get("EDITOR") or ""
    words = shlex.split(editor)
    if not words:
        return []
    if Path(words[0]).name in _GOTO_STYLE:
        return [*words, "--goto", f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]

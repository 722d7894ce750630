"""Shared fixtures: the shipped briefing, a minimal valid briefing, and file helpers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing_reader import cli, i18n

ROOT = Path(__file__).resolve().parent.parent
BRIEFINGS = ROOT / "briefings"
SEED = BRIEFINGS / "2026-01-21-mccs-brussels.yaml"
SCHEMA_FILE = BRIEFINGS / "briefing.schema.json"

MINIMAL = """\
title: A minimal briefing
date: 2026-01-21
agenda: []
positions: []
regions: []
bilaterals: []
"""
"""The smallest valid briefing: every required key, every list empty."""

# Environment variables that make Rich (or a terminal) change what it prints.
_TERMINAL_ENV = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "TEXTUAL_ANIMATIONS",  # whether the reader slides and scrolls smoothly
)
# Editors the reader's `e` would start: no test may open a real one in the caller's terminal.
_EDITOR_ENV = ("EDITOR", "VISUAL")
# What chooses the interface language: every test starts in English unless it says otherwise.
_LANGUAGE_ENV = ("BRIEFING_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test starts from the same terminal environment, whatever the caller's shell,
    with no editor to open, and keeps its cache in a folder of its own, never in the user's."""
    for name in (*_TERMINAL_ENV, *_EDITOR_ENV, *_LANGUAGE_ENV):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("BRIEFING_READER_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def seed_path() -> Path:
    """The briefing shipped in briefings/ (read only: never write into briefings/)."""
    assert SEED.is_file()
    return SEED


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL


def write(tmp_path: Path, text: str | bytes, name: str = "briefing.yaml") -> Path:
    """Write `text` (UTF-8) or raw bytes to tmp_path/name and return the path."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def with_lines(base: str, old: str, new: str) -> str:
    """`base` with the one line `old` replaced by `new` (which may span several lines)."""
    assert base.count(old) == 1, f"{old!r} must occur once"
    return base.replace(old, new)


def run_cli(argv: Sequence[str]) -> int:
    """Run `briefing ARGV` in-process and return its exit code, as the console script would."""
    try:
        return cli.main(list(argv))
    except SystemExit as stop:  # argparse exits for --help, --version and usage errors
        code = stop.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 1

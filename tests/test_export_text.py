"""Plain text for mail: no box drawing, wrapped at a width the user sets, marked first and last.

Mail is read in proportional fonts, where a box of `│` and `─` falls apart; so `--format text`
writes lines of words: headings underlined with `=` or `-`, each field labelled on its own
line, a quote's original and translation one after the other.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from briefing_reader.export import to_text
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import Briefing, fields_of
from conftest import MINIMAL, run_cli, with_lines, write

BOX_DRAWING = re.compile("[\u2500-\u257f]")

LONG_URL = "https://www.example.org/" + "a-very-long-path/" * 6 + "document.pdf"
WITH_A_LONG_URL = with_lines(
    MINIMAL,
    "bilaterals: []",
    f"bilaterals: []\nsource:\n  publisher: Someone\n  url: {LONG_URL}",
)


def text_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = run_cli(["summary", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def loaded(path: Path) -> Briefing:
    result = load_file(path)
    assert result.briefing is not None, result.problems
    return result.briefing


def words(text: str) -> str:
    return " ".join(text.split())


def field_texts(briefing: Briefing) -> list[str]:
    """Every text field of the briefing and of its items and source."""
    found: list[str] = []
    for record in [briefing, *(item for _, item in briefing.items()), briefing.source]:
        for spec in fields_of(type(record)):
            value = getattr(record, spec.name, None)
            if isinstance(value, str) and spec.name != "classification":
                found.append(value)
    return found


def test_text_has_no_box_drawing(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    output = text_of(capsys, str(seed_path), "--format", "text")

    assert BOX_DRAWING.findall(output) == []


def test_text_starts_and_ends_with_the_marking_line(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    marked = text_of(capsys, str(seed_path), "--format", "text").splitlines()
    unmarked = text_of(capsys, str(write(tmp_path, MINIMAL)), "--format", "text").splitlines()

    assert marked[0] == marked[-1] == "UNCLASSIFIED"
    assert unmarked[0] == unmarked[-1] == "UNMARKED"


def test_text_holds_every_field_word_for_word(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = words(text_of(capsys, str(seed_path), "--format", "text"))

    missing = [text for text in field_texts(loaded(seed_path)) if words(text) not in output]
    assert missing == []


@pytest.mark.parametrize("width", [40, 60, 100])
def test_text_wraps_at_the_width_asked_for(
    capsys: pytest.CaptureFixture[str], seed_path: Path, width: int
) -> None:
    lines = text_of(capsys, str(seed_path), "--format", "text", "--width", str(width)).splitlines()

    too_long = [line for line in lines if len(line) > width]
    # only a line that holds one word too long to break may run over: a file name here
    assert [line for line in too_long if len(line.split(": ", 1)[-1].split()) > 1] == []
    assert max(len(line) for line in lines) > width - 10  # the width is really used


def test_text_keeps_a_long_url_whole_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = text_of(capsys, str(write(tmp_path, WITH_A_LONG_URL)), "--format", "text").splitlines()

    assert f"URL: {LONG_URL}" in lines


def wrappable(text: str) -> list[str]:
    """The lines that could be wrapped: a URL too long for any width is kept whole."""
    return [line for line in text.splitlines() if not any("://" in word for word in line.split())]


def test_text_is_80_columns_when_piped(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "132")  # a terminal's width, but this is not a terminal

    lines = wrappable(text_of(capsys, str(seed_path), "--format", "text"))

    assert 70 < max(len(line) for line in lines) <= 80


def test_text_is_the_terminals_width_on_a_terminal(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_: os.terminal_size((120, 40)))

    lines = wrappable(text_of(capsys, str(seed_path), "--format", "text"))

    assert 100 < max(len(line) for line in lines) <= 120


@pytest.mark.parametrize("width", ["19", "0", "-5", "wide", "8.5"])
def test_a_width_text_cannot_be_wrapped_at_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seed_path: Path, width: str
) -> None:
    code = run_cli(["summary", str(seed_path), "--format", "text", "--width", width])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    assert "argument --width: " in captured.err  # said why, not "unrecognized arguments"


def test_to_text_refuses_a_width_under_20(seed_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 20"):
        to_text(loaded(seed_path), width=19)


def test_a_quote_is_original_then_translation_not_two_columns(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    lines = text_of(capsys, str(seed_path), "--format", "text").splitlines()

    original = next(at for at, line in enumerate(lines) if line.startswith("  Original: «Per"))
    translation = next(at for at, line in enumerate(lines) if line.startswith("  Translation:"))
    assert original < translation
    assert all("Translation" not in line for line in lines[original:translation])
    assert lines[translation - 1].endswith("all’Alleanza»")


def test_each_item_is_its_heading_over_labelled_fields(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    lines = text_of(capsys, str(seed_path), "--format", "text").splitlines()

    at = lines.index("Support to Ukraine")
    assert lines[at + 1].startswith("  Summary: The strategic-military debate")
    assert lines[at + 4] == "  Topics: ukraine"
    assert lines[lines.index("Agenda") + 1] == "------"


def test_markup_and_escapes_in_text_are_shown_as_typed_and_harmless() -> None:
    text = with_lines(
        MINIMAL, "title: A minimal briefing", 'title: "[bold]x[/] <b>y</b> \\e[31mred \\u202e"'
    )
    briefing = load_text(text).briefing
    assert briefing is not None

    output = to_text(briefing)

    assert "[bold]x[/] <b>y</b> ␛[31mred <U+202E>" in output
    assert "\x1b" not in output
    assert "\u202e" not in output

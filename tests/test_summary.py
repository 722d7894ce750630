"""`briefing summary`: what a reader sees, in every format, and nothing that drives the terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from briefing_reader.export import to_json, to_markdown
from briefing_reader.loader import load_file, load_text
from briefing_reader.render import summary
from conftest import MINIMAL, ROOT, run_cli, write

TITLE = "Chiefs of Defence meet at NATO Headquarters"
DATES = "21–22 January 2026"
SECTION_HEADINGS = (
    "Agenda",
    "Italy's positions",
    "Regions of concern",
    "Bilateral meetings",
    "Partners",
    "Initiatives",
    "Quotes",
)

# Rich markup typed into a briefing: it must be shown as typed, never interpreted.
MARKUP_BRIEFING = r"""title: "[bold red]x[/]"
date: 2026-01-21
place: "[link=http://e.vil]y[/link]"
agenda:
  - title: "unbalanced [/] here"
    summary: "[link=http://e.vil]y[/link]"
positions: []
regions: []
bilaterals: []
"""

# Terminal escapes written with YAML double-quoted escapes, and a bidi override.
ESCAPE_BRIEFING = r"""title: "Alert \e]52;c;SGVsbG8=\a done"
date: 2026-01-21
place: "\x1b[31mRED town"
event: "\x9b31mC1 CSI"
summary: "abc \u202Edlrow olleh"
agenda:
  - title: "\e[2J cleared"
    summary: "\u2066isolate\u2069"
positions: []
regions: []
bilaterals: []
"""
ESCAPE_TITLE = "Alert \x1b]52;c;SGVsbG8=\x07 done"
RAW_UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069")
FORMATS = ("rich", "text", "markdown", "json")

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def has_colour(output: str) -> bool:
    """Whether any SGR escape in the output sets a foreground or background colour."""
    for params in _SGR.findall(output):
        for code in (int(part) for part in params.split(";") if part):
            if code in (38, 48) or 30 <= code <= 37 or 40 <= code <= 47:
                return True
            if 90 <= code <= 97 or 100 <= code <= 107:
                return True
    return False


def summarize(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> str:
    code = run_cli(["summary", str(path), *options])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def non_blank(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip()]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Rich believe standard output is a colour terminal, as it would be interactively."""
    monkeypatch.setenv("FORCE_COLOR", "1")


# --- plain text when piped ----------------------------------------------------------------


def test_piped_summary_has_no_escape_codes(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    assert "\x1b" not in summarize(capsys, seed_path)


def test_summary_shows_title_and_dates(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    output = summarize(capsys, seed_path)

    assert TITLE in output
    assert DATES in output


def test_summary_shows_every_section_heading(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = summarize(capsys, seed_path)

    for heading in SECTION_HEADINGS:
        assert re.search(rf"^{re.escape(heading)} ─", output, re.MULTILINE), heading


def test_summary_shows_marking_first_and_last(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    lines = non_blank(summarize(capsys, seed_path))

    assert lines[0] == "UNCLASSIFIED"
    assert lines[-1] == "UNCLASSIFIED"


def test_summary_of_unmarked_briefing_says_unmarked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = non_blank(summarize(capsys, write(tmp_path, MINIMAL)))

    assert lines[0] == lines[-1] == "UNMARKED"


def test_summary_shows_the_quote_and_its_translation(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = summarize(capsys, seed_path)

    assert "Original (it)" in output
    assert "Translation" in output
    assert "rump" in output  # the source's spelling, in a column that wraps


def test_summary_lines_have_no_trailing_spaces(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = summarize(capsys, seed_path)

    assert [line for line in output.splitlines() if line != line.rstrip()] == []


def test_text_format_draws_no_boxes_where_piped_rich_does(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    """Plain text is for mail, read in proportional fonts: no box drawing at all."""
    rich_output = summarize(capsys, seed_path)
    text_output = summarize(capsys, seed_path, "--format", "text")

    assert re.search("[\u2500-\u257f]", rich_output)
    assert not re.search("[\u2500-\u257f]", text_output)
    assert non_blank(text_output)[0] == non_blank(text_output)[-1] == "UNCLASSIFIED"


@pytest.mark.usefixtures("terminal")
def test_text_format_is_plain_even_on_a_terminal(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = summarize(capsys, seed_path, "--format", "text")

    assert "\x1b" not in output
    assert TITLE in output


def test_summary_through_a_real_pipe_has_no_escape_bytes(seed_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"}
    }
    completed = subprocess.run(
        [sys.executable, "-m", "briefing_reader.cli", "summary", str(seed_path)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=30,
    )

    assert completed.returncode == 0, completed.stderr
    assert b"\x1b" not in completed.stdout
    assert TITLE.encode() in completed.stdout


# --- colour on a terminal -------------------------------------------------------------


@pytest.mark.usefixtures("terminal")
def test_summary_on_a_terminal_is_coloured(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    assert has_colour(summarize(capsys, seed_path))


@pytest.mark.usefixtures("terminal")
def test_no_color_removes_colour_on_a_terminal(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    output = summarize(capsys, seed_path)

    assert "\x1b[1m" in output  # still styled (bold) ...
    assert not has_colour(output)  # ... but never coloured


def test_no_color_removes_colour_from_the_renderable(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    briefing = load_file(seed_path).briefing
    assert briefing is not None
    console = Console(force_terminal=True, color_system="truecolor", width=100)

    with console.capture() as capture:
        console.print(summary(briefing))

    assert not has_colour(capture.get())


# --- markdown and json --------------------------------------------------------------------


def test_markdown_has_marking_first_and_last(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    lines = non_blank(summarize(capsys, seed_path, "--format", "markdown"))

    assert lines[0] == lines[-1] == "**UNCLASSIFIED**"


def test_markdown_has_title_dates_and_sections(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    output = summarize(capsys, seed_path, "--format", "markdown")
    lines = output.splitlines()

    assert f"# {TITLE}" in lines
    assert f"- **Dates:** {DATES}" in lines
    for heading in SECTION_HEADINGS:
        assert f"## {heading}" in lines


def test_markdown_escapes_markup_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = summarize(capsys, write(tmp_path, MARKUP_BRIEFING), "--format", "markdown")

    assert r"# \[bold red]x\[/]" in output.splitlines()
    assert re.search(r"(?<!\\)\[bold red\]", output) is None  # every link opener escaped


def test_json_parses_with_the_same_title(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    data = json.loads(summarize(capsys, seed_path, "--format", "json"))

    assert data["title"] == TITLE


def test_json_dates_are_iso_strings(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    data = json.loads(summarize(capsys, seed_path, "--format", "json"))

    assert (data["date"], data["end_date"]) == ("2026-01-21", "2026-01-22")
    assert data["agenda"][0]["day"] == "2026-01-21"


def test_json_leaves_out_where_items_are(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    data = json.loads(summarize(capsys, seed_path, "--format", "json"))

    assert "line" not in data["agenda"][0]
    assert "column" not in data["agenda"][0]


def test_json_export_loads_back_as_the_same_briefing(seed_path: Path) -> None:
    briefing = load_file(seed_path).briefing
    assert briefing is not None

    again = load_text(to_json(briefing))

    assert again.problems == ()
    assert again.briefing == briefing


def test_json_export_of_empty_sections_loads_back() -> None:
    briefing = load_text(MINIMAL).briefing
    assert briefing is not None

    again = load_text(to_json(briefing))

    assert again.problems == ()
    assert again.briefing == briefing


def test_markdown_keeps_a_positions_speaker() -> None:
    text = MINIMAL.replace(
        "positions: []",
        "positions:\n  - title: Ukraine\n    statement: Support.\n    speaker: The Minister",
    )
    briefing = load_text(text).briefing
    assert briefing is not None

    assert "- **Speaker:** The Minister" in to_markdown(briefing).splitlines()


def test_markdown_export_ends_with_a_newline(seed_path: Path) -> None:
    briefing = load_file(seed_path).briefing
    assert briefing is not None

    assert to_markdown(briefing).endswith("**UNCLASSIFIED**\n")


# --- rich markup in a briefing is text ----------------------------------------------------


@pytest.mark.parametrize("fmt", ["rich", "text"])
def test_rich_markup_in_a_briefing_is_shown_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    output = summarize(capsys, write(tmp_path, MARKUP_BRIEFING), "--format", fmt)

    assert "[bold red]x[/]" in output
    assert "[link=http://e.vil]y[/link]" in output
    assert "unbalanced [/] here" in output


@pytest.mark.usefixtures("terminal")
def test_rich_markup_makes_no_link_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = summarize(capsys, write(tmp_path, MARKUP_BRIEFING))

    assert "\x1b]8;" not in output  # no OSC 8 hyperlink
    assert "[link=http://e.vil]y[/link]" in output
    assert "[bold red]x[/]" in output


# --- escape sequences and bidi overrides never reach the terminal -----------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_escape_sequences_never_reach_the_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    output = summarize(capsys, write(tmp_path, ESCAPE_BRIEFING), "--format", fmt)

    assert [char for char in RAW_UNSAFE if char in output] == []


@pytest.mark.parametrize(
    ("fmt", "bidi_mark"),
    [("rich", "<U+202E>"), ("text", "<U+202E>"), ("markdown", r"\<U+202E>")],
)
def test_escape_characters_are_shown_as_visible_marks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, bidi_mark: str
) -> None:
    output = summarize(capsys, write(tmp_path, ESCAPE_BRIEFING), "--format", fmt)

    assert "␛" in output
    assert bidi_mark in output


def test_json_keeps_escaped_text_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(summarize(capsys, write(tmp_path, ESCAPE_BRIEFING), "--format", "json"))

    assert data["title"] == ESCAPE_TITLE
    assert data["summary"] == "abc \u202edlrow olleh"
    assert data["event"] == "\x9b31mC1 CSI"


@pytest.mark.usefixtures("terminal")
def test_escape_sequences_never_reach_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = summarize(capsys, write(tmp_path, ESCAPE_BRIEFING))

    assert has_colour(output)  # it really is the terminal path
    assert "\x1b]52" not in output
    assert "\x1b[31mRED" not in output
    assert "\x1b[2J" not in output
    assert [char for char in ("\x07", "\x9b", "\u202e", "\u2066") if char in output] == []

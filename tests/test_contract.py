"""The hostile-input contract, proved on the corpus in tests/corpus/.

`bad/` holds files a user could save by mistake or receive from someone hostile: each must
be refused with located problems, the same way by `validate`, `summary` and the reader.
`good/` holds legal but awkward files (markup, escapes, encodings, odd styles): each must
load, and its text must reach the screen literally and harmlessly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp
from briefing_reader.loader import load_file
from conftest import run_cli
from pilot import drive, notifications, screen_text

CORPUS = Path(__file__).resolve().parent / "corpus"
BAD = sorted((CORPUS / "bad").iterdir())
GOOD = sorted((CORPUS / "good").iterdir())
EXPECTED = CORPUS / "expected-problems.txt"

LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): \S")
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# What may never reach a terminal from a file: C0 controls but newline, ESC, DEL, C1, bidi.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe_characters(output: str) -> list[str]:
    """Characters in `output` that could drive a terminal, once Rich's own colours are removed."""
    return sorted(set(_UNSAFE.findall(_SGR.sub("", output))))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove nothing was written."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the whole corpus, in a folder the test may run commands in."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


# --- validate: every bad file named, every problem located --------------------------------


def test_validate_over_the_bad_corpus_prints_the_approved_problems(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a user sees for each mistake, reviewed line by line (tests/corpus/README.md)."""
    monkeypatch.chdir(CORPUS)

    code = run_cli(["validate", "bad"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.err.splitlines() == EXPECTED.read_text(encoding="utf-8").splitlines()
    assert captured.out.startswith(f"{len(BAD)} files checked: {len(BAD)} invalid")


def test_one_validate_over_many_files_names_every_bad_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(["validate", *map(str, GOOD), *map(str, BAD)])
    err = capsys.readouterr().err

    assert code == 1
    named = {LOCATED.match(line)["file"] for line in err.splitlines()}  # type: ignore[index]
    assert named == {str(path) for path in BAD}


@pytest.mark.parametrize("path", BAD, ids=[path.name for path in BAD])
def test_a_bad_file_is_refused_with_located_problems_by_validate_and_summary(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    lines_in_file = path.read_bytes().count(b"\n") + 1

    validate_code = run_cli(["validate", str(path)])
    validate_err = capsys.readouterr().err
    summary_code = run_cli(["summary", str(path)])
    summary = capsys.readouterr()

    assert (validate_code, summary_code) == (1, 1)
    problems = validate_err.splitlines()
    assert problems
    for problem in problems:
        match = LOCATED.match(problem)
        assert match, problem
        assert match["file"] == str(path)
        assert 1 <= int(match["line"]) <= lines_in_file
        assert int(match["column"]) >= 1
    assert summary.out == ""
    assert [line for line in problems if line not in summary.err] == []
    assert "Traceback" not in validate_err + summary.err


@pytest.mark.parametrize("path", GOOD, ids=[path.name for path in GOOD])
def test_a_good_file_loads_and_summary_agrees(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    assert run_cli(["validate", str(path)]) == 0
    assert run_cli(["summary", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""


# --- text never drives the terminal ------------------------------------------------------


@pytest.mark.parametrize("colour", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("path", GOOD, ids=[path.name for path in GOOD])
def test_summary_of_a_good_file_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    colour: bool,
) -> None:
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")

    assert run_cli(["summary", str(path)]) == 0
    output = capsys.readouterr().out

    assert unsafe_characters(output) == []
    assert ("\x1b[" in output) == colour  # the terminal path is really taken, or not


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_every_format_shows_markup_literally_and_escapes_harmlessly(
    capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    for name in ("markup-in-prose.yaml", "escape-sequences.yaml"):
        assert run_cli(["summary", str(CORPUS / "good" / name), "--format", output_format]) == 0
    output = capsys.readouterr().out
    if output_format == "markdown":  # Markdown escapes punctuation so it renders as typed
        output = re.sub(r"\\(.)", r"\1", output)

    assert "[bold red]Brussels[/]" in output
    assert "[link=https://example.invalid]click[/link]" in output
    if output_format == "json":  # JSON keeps the text exactly, escaped the JSON way
        assert "\\u001b[31m" in output
        assert "\\u202e" in output
    else:
        assert "␛[31mtext" in output
        assert "<U+202E>" in output
    assert unsafe_characters(output) == []


# --- nothing executes, nothing is written -------------------------------------------------


def test_no_command_writes_to_a_file_or_runs_anything_from_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_copy: Path
) -> None:
    before = snapshot(corpus_copy)
    monkeypatch.chdir(corpus_copy)

    run_cli(["validate", "bad", "good"])
    for path in sorted((corpus_copy / "bad").iterdir()) + sorted((corpus_copy / "good").iterdir()):
        for output_format in ("rich", "text", "markdown", "json"):
            run_cli(["summary", str(path), "--format", output_format])
    capsys.readouterr()

    assert snapshot(corpus_copy) == before
    assert not (corpus_copy / "pwned.txt").exists()


def test_validate_and_summary_agree_with_the_loader_on_every_file() -> None:
    for path in BAD:
        assert not load_file(path).ok, path
    for path in GOOD:
        assert load_file(path).ok, path


# --- the reader holds ---------------------------------------------------------------------


# The reader on one bad file for each way a file fails, and on good files awkward in different
# ways: every file of the corpus is read by the commands and the loader above, so the reader
# need not be walked through all of them (49 files took 37 s).
READER_BAD = (
    "syntax-unclosed-flow.yaml",  # YAML syntax
    "type-date-in-words.yaml",  # a value of the wrong type
    "alias-bomb-through-the-format.yaml",  # aliases past the value budget
    "syntax-raw-control-character.yaml",  # a raw control character
    "encoding-latin1.yaml",  # not UTF-8
)
READER_GOOD = {  # each file, and text that only its agenda pane shows
    "escape-sequences.yaml": "OSC 8 link ␛]8;;https://example.invalid",  # ESC shown as ␛
    "seed-utf16-le-bom.yaml": "Deterrence and defence posture",  # the seed, in UTF-16
    "unicode-text.yaml": "日本 と 대한민국",
}


def approved_location(name: str) -> str:
    """'NAME:LINE:COLUMN: ' of bad/NAME's first problem in expected-problems.txt."""
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        match = LOCATED.match(line)
        if match and match["file"] == f"bad/{name}":
            return f"{name}:{match['line']}:{match['column']}: "
    raise AssertionError(f"expected-problems.txt has no problem for bad/{name}")


def test_the_reader_opens_a_hostile_library_and_reaches_every_file(tmp_path: Path) -> None:
    """Every file is reachable with ]; bad ones show their located problem; good ones their
    agenda, with no raw control character on screen; nothing is written."""
    library = tmp_path / "library"
    library.mkdir()
    shown_only_by = {name: approved_location(name) for name in READER_BAD} | READER_GOOD
    for name in READER_BAD:
        shutil.copy(CORPUS / "bad" / name, library)
    for name in READER_GOOD:
        shutil.copy(CORPUS / "good" / name, library)
    before = snapshot(library)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        reached = []
        for _ in shown_only_by:
            await pilot.press("2", "enter")  # the agenda and its first item, when it loads
            text = screen_text(app)
            assert "\x1b" not in text, f"a raw ESC reached the screen:\n{text}"
            assert _UNSAFE.findall(text) == [], text
            here = [name for name, marker in shown_only_by.items() if marker in text]
            assert len(here) == 1, f"not one known file on screen ({here}):\n{text}"
            assert ("does not load" in text) == (here[0] in READER_BAD), text
            reached += here
            await pilot.press("right_square_bracket")
        assert sorted(reached) == sorted(shown_only_by)
        assert "No more briefings that way." in notifications(app)

    drive(library, scenario, size=(160, 48))
    assert snapshot(library) == before


def test_the_reader_shows_hostile_text_literally(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(CORPUS / "good" / "escape-sequences.yaml", library)
    shutil.copy(CORPUS / "good" / "markup-in-prose.yaml", library / "z-markup.yaml")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        seen = []
        for _ in range(2):
            for key in ("1", "2", "3"):
                await pilot.press(key)
                seen.append(screen_text(app))
            await pilot.press("right_square_bracket")
        text = "\n".join(seen)
        assert unsafe_characters(text) == []
        assert "OSC 8 link ␛]8;;https://example.invalid" in text
        assert "<U+202E>desrever<U+202C>" in text
        assert "[bold red]Brussels[/] [link=https://example.invalid]click[/link]" in text
        assert "[Ukraine] support, as agreed [see annex]" in text

    drive(library, scenario, size=(160, 48))


def test_the_reader_survives_20x10_on_a_broken_file_and_comes_back(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(CORPUS / "bad" / "syntax-unclosed-flow.yaml", library)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        for size in ((20, 10), (80, 24), (20, 10), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("tab", "j", "l")
        assert "syntax-unclosed-flow.yaml:4:10: YAML syntax" in screen_text(app)

    drive(library, scenario, size=(80, 24))

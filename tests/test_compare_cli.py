"""`briefing compare A B` from the command line: side by side by section and by topic, in
the terminal (plain when piped), as text for mail or as Markdown.

Both files must load, else their problems are said located on stderr and nothing is
printed (exit 1); a folder, a missing path or anything but two paths is a usage error
(exit 2). What the comparison holds is `compare.py`'s; this checks that the command
delivers it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli, with_lines, write

LOCATED = re.compile(r"^.+:\d+:\d+: .+$")


def version(marking: str, statement: str, extra: str = "") -> str:
    positions = (
        "positions:\n"
        "  - title: Support to Ukraine\n"
        f"    statement: {statement}\n"
        "    topics: [ukraine]\n" + extra
    )
    text = with_lines(MINIMAL, "positions: []", positions.rstrip("\n"))
    return text + f"classification: {marking}\n"


ARCTIC = "  - title: Arctic watch\n    statement: Italy watches the High North.\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A briefing and its revision: one statement reworded, one position added, and the
    revision marked higher."""
    a = write(tmp_path, version("RESTRICTED", "Italy will continue to support Ukraine."), "a.yaml")
    b = write(tmp_path, version("SECRET", "Italy will keep supporting Ukraine.", ARCTIC), "b.yaml")
    return a, b


def compared(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = run_cli(["compare", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def test_text_marks_the_words_that_changed(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    out = compared(capsys, *map(str, pair), "--format", "text")

    assert "[-continue to support-]" in out
    assert "{+keep supporting+}" in out
    assert "Arctic watch" in out


def test_markdown_marks_the_words_that_changed(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    out = compared(capsys, *map(str, pair), "--format", "markdown")

    assert "~~continue to support~~ **keep supporting**" in out
    assert "Arctic watch" in out


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_every_format_has_the_higher_marking_first_and_last(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], fmt: str
) -> None:
    out = compared(capsys, *map(str, pair), "--format", fmt)
    lines = [line.strip().strip("*") for line in out.splitlines() if line.strip()]

    assert lines[0] == lines[-1] == "SECRET"
    assert "RESTRICTED" in out


def test_rich_is_plain_when_piped_with_both_statements_side_by_side(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    out = compared(capsys, *map(str, pair), "--width", "160")

    assert "\x1b" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    side_by_side = [line for line in out.splitlines() if "continue to support" in line]
    assert side_by_side
    assert all("keep supporting" in line for line in side_by_side)
    assert max(len(line) for line in out.splitlines()) <= 160


def test_rich_is_styled_on_a_terminal(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")

    assert "\x1b[" in compared(capsys, *map(str, pair))


def test_text_is_wrapped_at_the_width_asked(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    out = compared(capsys, *map(str, pair), "--format", "text", "--width", "40")

    assert max(len(line) for line in out.splitlines()) <= 40


def test_the_default_format_is_the_terminals(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    assert compared(capsys, *map(str, pair)) == compared(
        capsys, *map(str, pair), "--format", "rich"
    )


def test_a_file_that_does_not_load_is_said_located_and_nothing_printed(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], tmp_path: Path
) -> None:
    broken = write(tmp_path, MINIMAL + "colour: blue\n", "broken.yaml")

    code = run_cli(["compare", str(pair[0]), str(broken)])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith(f"{broken}:7:1: colour: unknown key")
    assert all(LOCATED.match(line) for line in captured.err.splitlines())


def test_both_files_problems_are_said(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    one = write(tmp_path, MINIMAL + "colour: blue\n", "one.yaml")
    two = write(tmp_path, with_lines(MINIMAL, "date: 2026-01-21", "date: Jan 21"), "two.yaml")

    code = run_cli(["compare", str(one), str(two)])
    named = {line.split(":")[0] for line in capsys.readouterr().err.splitlines()}

    assert code == 1
    assert named == {str(one), str(two)}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["FOLDER", "A"], "is a folder; compare takes two briefing files"),
        (["A", "MISSING"], "no such file"),
        (["A"], "the following arguments are required: B"),
        (["A", "A", "A"], "unrecognized arguments"),
        (["A", "A", "--format", "html"], "invalid choice: 'html'"),
        (["A", "A", "--width", "10"], "at least 20 columns"),
    ],
    ids=["folder", "missing", "one-path", "three-paths", "html", "narrow"],
)
def test_usage_errors_exit_2_and_print_nothing(
    capsys: pytest.CaptureFixture[str],
    pair: tuple[Path, Path],
    tmp_path: Path,
    argv: list[str],
    says: str,
) -> None:
    names = {"A": str(pair[0]), "FOLDER": str(tmp_path), "MISSING": str(tmp_path / "no.yaml")}

    code = run_cli(["compare", *(names.get(arg, arg) for arg in argv)])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    assert "usage: briefing compare" in captured.err
    assert says in captured.err


def test_compare_help_documents_formats_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["compare", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())

    for text in ("A B", "--format {rich,text,markdown}", "--width", "[-only in A-]", "~~struck~~"):
        assert text in out
    assert "exit status: 0 the comparison was printed" in out
    assert " 1 a file is invalid" in out
    assert " 2 a usage error: a folder" in out


def test_top_level_help_lists_compare(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["--help"])

    assert "briefing compare A B" in capsys.readouterr().out


def test_a_mistyped_compare_suggests_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["compre", "a.yaml", "b.yaml"]) == 2
    assert "did you mean 'briefing compare'?" in capsys.readouterr().err

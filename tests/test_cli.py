"""The `briefing` command line: exit codes, located problems, and the JSON Schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]

from briefing_reader import __version__
from conftest import MINIMAL, SCHEMA_FILE, run_cli, with_lines, write

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

UNKNOWN_KEY = MINIMAL + "colour: blue\n"
BAD_DATE = with_lines(MINIMAL, "date: 2026-01-21", "date: Jan 21")
SYNTAX_ERROR = with_lines(MINIMAL, "agenda: []", "agenda: [a, b")


class StringDatesLoader(yaml.SafeLoader):
    """Reads YAML as check-jsonschema does: dates stay strings, as in JSON."""


def _timestamp_as_text(loader: StringDatesLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


StringDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=StringDatesLoader)


def stderr_lines(captured: Any) -> list[str]:
    err: str = captured.err
    return err.splitlines()


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Two valid briefings and three broken ones, plus files validate must skip."""
    folder = tmp_path / "library"
    write(folder, MINIMAL, "good.yaml")
    write(folder, MINIMAL.replace("A minimal briefing", "Another"), "nested/also-good.yml")
    write(folder, UNKNOWN_KEY, "unknown-key.yaml")
    write(folder, BAD_DATE, "nested/bad-date.yml")
    write(folder, SYNTAX_ERROR, "syntax.yaml")
    write(folder, "not a briefing at all", "notes.txt")
    write(folder, UNKNOWN_KEY, ".hidden/ignored.yaml")
    return folder


# --- validate -----------------------------------------------------------------------------


def test_validate_shipped_briefings_exits_0(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code = run_cli(["validate", str(seed_path.parent)])
    captured = capsys.readouterr()

    shipped = len(list(seed_path.parent.glob("*.yaml")))
    assert code == 0
    assert captured.out == f"{shipped} files checked: all valid\n"
    assert captured.err == ""


def test_validate_bad_file_exits_1_with_located_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, UNKNOWN_KEY)

    code = run_cli(["validate", str(path)])
    captured = capsys.readouterr()

    assert code == 1
    assert stderr_lines(captured) == [
        f"{path}:7:1: colour: unknown key 'colour'; expected one of: title, date, end_date, "
        "event, short_name, place, principal, classification, language, summary, agenda, "
        "positions, regions, bilaterals, partners, initiatives, quotes, source"
    ]


def test_validate_prints_a_one_line_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, UNKNOWN_KEY)

    run_cli(["validate", str(path)])

    assert capsys.readouterr().out == "1 file checked: 1 invalid, 1 problem\n"


def test_validate_names_every_bad_file_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = [
        write(tmp_path, UNKNOWN_KEY, "one.yaml"),
        write(tmp_path, BAD_DATE, "two.yaml"),
        write(tmp_path, SYNTAX_ERROR, "three.yaml"),
    ]
    good = write(tmp_path, MINIMAL, "good.yaml")

    code = run_cli(["validate", *(str(path) for path in [*bad, good])])
    captured = capsys.readouterr()

    named = {m["path"] for m in map(LOCATED.match, stderr_lines(captured)) if m}
    assert code == 1
    assert named == {str(path) for path in bad}
    assert captured.out == "4 files checked: 3 invalid, 3 problems\n"


def test_validate_folder_names_every_bad_file(
    capsys: pytest.CaptureFixture[str], mixed_folder: Path
) -> None:
    code = run_cli(["validate", str(mixed_folder)])
    captured = capsys.readouterr()

    named = {Path(m["path"]) for m in map(LOCATED.match, stderr_lines(captured)) if m}
    assert code == 1
    assert named == {
        mixed_folder / "unknown-key.yaml",
        mixed_folder / "nested/bad-date.yml",
        mixed_folder / "syntax.yaml",
    }
    assert captured.out == "5 files checked: 3 invalid, 3 problems\n"


def test_validate_problems_are_all_located(
    capsys: pytest.CaptureFixture[str], mixed_folder: Path
) -> None:
    run_cli(["validate", str(mixed_folder)])

    lines = stderr_lines(capsys.readouterr())

    assert lines
    assert [line for line in lines if not LOCATED.match(line)] == []


def test_validate_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    code = run_cli(["validate", str(missing)])

    assert code == 2
    assert f"{missing}: no such file or folder" in capsys.readouterr().err


def test_validate_missing_path_beside_a_good_file_still_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path, MINIMAL)

    assert run_cli(["validate", str(good), str(tmp_path / "nowhere.yaml")]) == 2


def test_validate_without_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = run_cli(["validate"])

    assert code == 2
    assert "usage: briefing validate" in capsys.readouterr().err


def test_problem_text_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, with_lines(MINIMAL, "date: 2026-01-21", r'date: "\e[31m\u202e"'))

    code = run_cli(["validate", str(path)])
    err = capsys.readouterr().err

    assert code == 1
    assert "\x1b" not in err
    assert "\u202e" not in err


def test_file_name_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, BAD_DATE, "evil\x1b]52;c;eA==\x07\u202e.yaml")

    code = run_cli(["validate", str(path)])
    err = capsys.readouterr().err

    assert code == 1
    assert [char for char in ("\x1b", "\x07", "\u202e") if char in err] == []
    assert "evil␛]52;c;eA==␇<U+202E>.yaml:2:7: " in err


# --- usage, help and version --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["summary", "x.yaml", "--format", "pdf"],
        ["schema", "extra"],
        ["validate", "--no-such-option", "x.yaml"],
        ["--no-such-option"],
    ],
    ids=["summary-without-file", "unknown-format", "schema-argument", "validate-option", "top"],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = run_cli(argv)

    assert code == 2
    assert "usage:" in capsys.readouterr().err


def test_opening_a_missing_folder_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = run_cli([str(tmp_path / "nowhere")])

    assert code == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["summary", "--help"], ["validate", "--help"]])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = run_cli(argv)

    assert code == 0
    assert capsys.readouterr().out.startswith("usage: briefing")


def test_top_level_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["--help"])

    out = capsys.readouterr().out
    for command in ("briefing summary PATH", "briefing validate PATH", "briefing schema"):
        assert command in out


@pytest.mark.parametrize("argv", [["--version"], ["validate", "--version"]])
def test_version_exits_0(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = run_cli(argv)

    assert code == 0
    assert capsys.readouterr().out.strip().endswith(f" {__version__}")


# --- summary of a bad file ----------------------------------------------------------------


def test_summary_of_invalid_file_exits_1_with_located_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, BAD_DATE)

    code = run_cli(["summary", str(path)])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    assert stderr_lines(captured) == [
        f"{path}:2:7: date: expected a date like 2026-01-21, got 'Jan 21'"
    ]


@pytest.mark.parametrize("text", [SYNTAX_ERROR, "", "\x00\x01", "- a list\n"])
def test_summary_of_broken_file_shows_no_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    path = write(tmp_path, text)

    code = run_cli(["summary", str(path)])
    err = capsys.readouterr().err

    assert code == 1
    assert "Traceback" not in err
    assert LOCATED.match(err.splitlines()[0])


def test_summary_of_a_folder_is_a_usage_error_with_no_invented_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder is not a briefing file: exit 2 and say so, not 'DIR:1:1: cannot read'."""
    code = run_cli(["summary", str(tmp_path)])
    err = capsys.readouterr().err

    assert code == 2
    assert "usage: briefing summary" in err
    assert f"{tmp_path}: is a folder" in err
    assert not any(LOCATED.match(line) for line in err.splitlines())


def test_validate_and_summary_agree_on_every_file(
    capsys: pytest.CaptureFixture[str], mixed_folder: Path
) -> None:
    verdicts = {}
    for path in sorted(mixed_folder.rglob("*.y*ml")):
        if ".hidden" in path.parts:
            continue
        verdicts[path.name] = (run_cli(["validate", str(path)]), run_cli(["summary", str(path)]))
    capsys.readouterr()

    assert verdicts == {
        "good.yaml": (0, 0),
        "also-good.yml": (0, 0),
        "unknown-key.yaml": (1, 1),
        "bad-date.yml": (1, 1),
        "syntax.yaml": (1, 1),
    }


# --- files are never modified -------------------------------------------------------------


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_validate_modifies_no_file(
    capsys: pytest.CaptureFixture[str], mixed_folder: Path, seed_path: Path
) -> None:
    shutil.copy2(seed_path, mixed_folder / seed_path.name)
    before = snapshot(mixed_folder)

    run_cli(["validate", str(mixed_folder)])

    assert snapshot(mixed_folder) == before


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown", "json"])
def test_summary_modifies_no_file(
    capsys: pytest.CaptureFixture[str], mixed_folder: Path, seed_path: Path, fmt: str
) -> None:
    shutil.copy2(seed_path, mixed_folder / seed_path.name)
    before = snapshot(mixed_folder)

    for path in before:
        run_cli(["summary", str(path), "--format", fmt])

    assert snapshot(mixed_folder) == before


# --- schema -------------------------------------------------------------------------------


@pytest.fixture
def printed_schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = run_cli(["schema"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    schema: dict[str, Any] = json.loads(captured.out)
    return schema


def test_schema_is_a_valid_draft_2020_12_schema(printed_schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(printed_schema)

    assert printed_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_matches_the_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["schema"])

    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_schema_accepts_the_shipped_briefing(
    printed_schema: dict[str, Any], seed_path: Path
) -> None:
    errors = [
        error.message for error in validator(printed_schema).iter_errors(read_yaml(seed_path))
    ]

    assert errors == []


def test_schema_accepts_the_minimal_briefing(
    printed_schema: dict[str, Any], tmp_path: Path
) -> None:
    instance = read_yaml(write(tmp_path, MINIMAL))

    assert validator(printed_schema).is_valid(instance)


def test_schema_rejects_an_unknown_key(printed_schema: dict[str, Any], tmp_path: Path) -> None:
    instance = read_yaml(write(tmp_path, UNKNOWN_KEY))

    errors = list(validator(printed_schema).iter_errors(instance))

    assert len(errors) == 1
    assert "'colour' was unexpected" in errors[0].message


def test_schema_rejects_an_impossible_date(printed_schema: dict[str, Any], tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-02-30")
    instance = read_yaml(write(tmp_path, text))

    assert not validator(printed_schema).is_valid(instance)


def test_schema_rejects_a_bad_topic(printed_schema: dict[str, Any], tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - title: x\n    topics: [Air Defence]")
    instance = read_yaml(write(tmp_path, text))

    assert not validator(printed_schema).is_valid(instance)


# --- the command line speaks precisely ----------------------------------------------------


@pytest.mark.parametrize("layout", ["empty", "only-other-files", "only-hidden"])
def test_validate_of_a_folder_with_no_briefings_says_so_once_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, layout: str
) -> None:
    """Nothing checked is not 'all valid': one message on stderr, nothing on stdout, and
    the usage status, as for a path that does not exist."""
    folder = tmp_path / "library"
    folder.mkdir()
    if layout == "only-other-files":
        write(folder, MINIMAL, "notes.txt")
    elif layout == "only-hidden":
        write(folder, MINIMAL, ".drafts/a.yaml")

    code = run_cli(["validate", str(folder)])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    assert stderr_lines(captured) == [
        f"briefing validate: {folder}: no briefing files (*.yaml, *.yml)"
    ]


def test_validate_of_an_empty_folder_beside_a_good_file_checks_the_file_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path, MINIMAL, "good.yaml")
    empty = tmp_path / "empty"
    empty.mkdir()

    code = run_cli(["validate", str(good), str(empty)])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == "1 file checked: all valid\n"
    assert "no briefing files" in captured.err


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sumary", "summary"),
        ("summery", "summary"),
        ("valdate", "validate"),
        ("validat", "validate"),
        ("shema", "schema"),
        ("scheme", "schema"),
    ],
)
@pytest.mark.parametrize("rest", [[], ["x.yaml"], ["x.yaml", "--format", "text"]])
def test_a_mistyped_command_suggests_the_one_meant_and_exits_2(
    capsys: pytest.CaptureFixture[str], typed: str, meant: str, rest: list[str]
) -> None:
    code = run_cli([typed, *rest])
    err = capsys.readouterr().err

    assert code == 2
    assert f"did you mean 'briefing {meant}'?" in err
    assert "unrecognized arguments" not in err


def test_a_path_that_looks_like_a_command_is_still_opened_as_a_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`briefing sumary` suggests `summary` only when no such file or folder exists."""
    (tmp_path / "sumary").mkdir()
    monkeypatch.chdir(tmp_path)
    opened: list[Path] = []

    class FakeApp:
        return_code = 0
        crash_report = None

        def __init__(self, path: Path, *, present: bool = False) -> None:
            opened.append(path)

        def run(self) -> None:
            pass

        def finish_saving(self) -> None:
            pass

    monkeypatch.setattr("briefing_reader.app.BriefingApp", FakeApp)
    assert run_cli(["sumary"]) == 0
    assert opened == [Path("sumary")]


@pytest.mark.parametrize(
    ("argv", "documented"),
    [
        (["--help"], ["PATH", "a folder of briefings or one briefing file"]),
        (["summary", "--help"], ["PATH", "a folder to search", "--format", "html", "--width"]),
        (["validate", "--help"], ["PATH", "a folder to search", "--no-cache", "holds no briefing"]),
        (["schema", "--help"], ["JSON Schema"]),
    ],
    ids=["top", "summary", "validate", "schema"],
)
def test_every_help_documents_its_arguments_and_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: list[str], documented: list[str]
) -> None:
    assert run_cli(argv) == 0
    out = " ".join(capsys.readouterr().out.split())

    assert "exit status:" in out
    for code in ("0 ", "1 ", "2 "):
        assert f" {code}" in out.split("exit status:")[1]
    for text in documented:
        assert text in out

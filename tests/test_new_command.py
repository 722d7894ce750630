"""`briefing new [PATH]`: a briefing to start from, that validates once its title is filled.

It writes the `$schema` modeline, today's date, every top-level key with a comment and the
marking; never overwrites; refuses a path that leads out of the folder named; creates the
file readable by its owner alone; and says where it wrote and how to open it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from briefing_reader.model import Briefing, fields_of
from briefing_reader.skeleton import skeleton
from conftest import SCHEMA_FILE, SEED, run_cli, write
from test_cli import validator
from test_core_imports import modules_loaded_after

TODAY = dt.date(2026, 3, 9)
NAME = "2026-03-09-new-briefing.yaml"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("briefing_reader.cli._today", lambda: TODAY)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "briefings"
    made.mkdir()
    return made


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """A umask that would leave a new file readable by everyone: 0600 must not rely on it."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def new(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(["new", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def fill_title(text: str, title: str = "Chiefs of Defence meet") -> str:
    lines = text.splitlines(keepends=True)
    index = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = lines[index].replace("title:", f"title: {title}", 1)
    return "".join(lines)


# --- what it writes -------------------------------------------------------------------------


def test_new_writes_a_dated_briefing_in_the_folder_named_and_says_how_to_open_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    (folder / "briefing.schema.json").write_text("{}", encoding="utf-8")

    code, out, err = new(capsys, str(folder))

    path = folder / NAME
    assert code == 0, err
    assert err == ""
    assert path.is_file()
    assert out == (
        f"Wrote {path} (readable and writable by you alone).\n"
        f"Fill in the title, then check it:  briefing validate {path}\n"
        f"Open it in the reader:  briefing {path}\n"
    )


def test_new_starts_with_the_shipped_briefings_modeline(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    new(capsys, str(folder))

    first = (folder / NAME).read_text(encoding="utf-8").splitlines()[0]
    assert first == SEED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=briefing.schema.json"


def test_new_has_todays_date_the_marking_and_every_top_level_key_with_a_comment(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    new(capsys, str(folder))

    lines = (folder / NAME).read_text(encoding="utf-8").splitlines()
    keys = [line.split(":")[0] for line in lines if re.match(r"[a-z_]+:", line)]
    assert keys == [spec.name for spec in fields_of(Briefing)]
    for line in lines:
        if re.match(r"[a-z_]+:", line):
            assert re.search(r"  # \S.{8,}", line), line
    assert any(line.startswith("date: 2026-03-09  # Required.") for line in lines)
    marking = next(line for line in lines if line.startswith("classification:"))
    assert marking.startswith("classification: UNCLASSIFIED  # ")


def test_as_written_it_fails_validate_only_on_the_title_located(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    new(capsys, str(folder))
    path = folder / NAME
    lines = path.read_text(encoding="utf-8").splitlines()
    title_line = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))

    code = run_cli(["validate", str(path)])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.err == f"{path}:{title_line}:7: title: expected text, got nothing\n"


def test_once_the_title_is_filled_it_validates_and_summarises(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    new(capsys, str(folder))
    path = folder / NAME
    path.write_text(fill_title(path.read_text(encoding="utf-8")), encoding="utf-8")

    assert run_cli(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "1 file checked: all valid\n"
    assert run_cli(["summary", str(path), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("UNCLASSIFIED\n\nChiefs of Defence meet\n")
    assert "9 March 2026" in out


def test_once_the_title_is_filled_the_editors_schema_accepts_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """What the modeline's schema tells an editor agrees with validate, before and after."""
    import json

    from test_cli import StringDatesLoader

    new(capsys, str(folder))
    text = (folder / NAME).read_text(encoding="utf-8")
    schema = validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))

    before = [error.json_path for error in schema.iter_errors(yaml.load(text, StringDatesLoader))]
    after = list(schema.iter_errors(yaml.load(fill_title(text), StringDatesLoader)))

    assert before == ["$.title"]
    assert after == []


def test_the_file_is_readable_by_its_owner_alone(
    capsys: pytest.CaptureFixture[str], folder: Path, permissive_umask: None
) -> None:
    new(capsys, str(folder))

    assert stat.S_IMODE((folder / NAME).stat().st_mode) == 0o600


def test_a_folder_without_the_schema_is_told_how_to_get_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    _, out, _ = new(capsys, str(folder))

    assert out.splitlines()[-1] == (
        "For your editor to check it as you type:  briefing schema > "
        f"{folder / 'briefing.schema.json'}"
    )


def test_the_printed_commands_paste_into_a_shell_whatever_the_folder_is_called(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = tmp_path / "team's briefings; rm -rf ~"
    odd.mkdir()

    _, out, _ = new(capsys, str(odd))

    opened = out.splitlines()[2].split("  ", 1)[1]
    assert shlex.split(opened) == ["briefing", str(odd / NAME)]


# --- where it writes ------------------------------------------------------------------------


def test_new_without_a_path_writes_in_briefings_here(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)

    code, out, _ = new(capsys)

    assert code == 0
    assert (folder / NAME).is_file()
    assert out.splitlines()[2] == f"Open it in the reader:  briefing briefings/{NAME}"


def test_new_without_a_path_and_no_briefings_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    code, out, err = new(capsys)

    assert code == 2
    assert out == ""
    assert "briefings: no such folder; make it (mkdir) or name another" in err
    assert list(tmp_path.iterdir()) == []


def test_a_taken_name_is_never_overwritten_the_next_number_is_used(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    write(folder, "mine", NAME)
    write(folder, "mine too", NAME.replace(".yaml", "-2.yaml"))

    code, out, _ = new(capsys, str(folder))

    assert code == 0
    assert (folder / NAME).read_text(encoding="utf-8") == "mine"
    assert (folder / NAME.replace(".yaml", "-2.yaml")).read_text(encoding="utf-8") == "mine too"
    assert (folder / NAME.replace(".yaml", "-3.yaml")).is_file()
    assert NAME.replace(".yaml", "-3.yaml") in out


@pytest.mark.parametrize("name", ["meeting.yaml", "meeting.yml", "Meeting.YAML"])
def test_a_file_name_is_written_as_given(
    capsys: pytest.CaptureFixture[str], folder: Path, name: str
) -> None:
    code, _, _ = new(capsys, str(folder / name))

    assert code == 0
    assert (folder / name).read_text(encoding="utf-8") == skeleton(TODAY)


@pytest.mark.parametrize("kind", ["file", "dangling-link"])
def test_an_existing_file_named_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path, kind: str
) -> None:
    path = folder / "meeting.yaml"
    target = tmp_path / "elsewhere.yaml"
    if kind == "file":
        path.write_text("mine", encoding="utf-8")
    else:
        path.symlink_to(target)

    code, out, err = new(capsys, str(path))

    assert code == 2
    assert out == ""
    assert f"{path}: already exists; it is never overwritten" in err
    assert not target.exists()
    if kind == "file":
        assert path.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("named", "says"),
    [
        ("missing/meeting.yaml", "missing: no such folder"),
        ("missing", "missing: no such folder"),
        ("notes.txt", "notes.txt: a briefing's name ends in .yaml or .yml"),
        (".yaml", ".yaml: no such folder"),
        ("plain-file", "plain-file: not a folder"),
    ],
)
def test_a_path_that_names_no_folder_or_yaml_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    named: str,
    says: str,
) -> None:
    monkeypatch.chdir(folder)
    (folder / "plain-file").write_text("x", encoding="utf-8")

    code, out, err = new(capsys, named)

    assert code == 2
    assert out == ""
    assert says in err
    assert sorted(path.name for path in folder.iterdir()) == ["plain-file"]


@pytest.mark.parametrize(
    "named",
    ["briefings/../escaped.yaml", "briefings/..", "briefings/sub/../../escaped.yaml"],
)
def test_a_path_that_climbs_out_of_the_folder_named_is_refused(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    named: str,
) -> None:
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder.parent)

    code, out, err = new(capsys, named)

    assert code == 2
    assert out == ""
    assert "'..' leads out of the folder named" in err
    assert sorted(path.name for path in folder.parent.iterdir()) == ["briefings"]
    assert sorted(path.name for path in folder.iterdir()) == ["sub"]


@pytest.mark.parametrize("named", ["briefings/shared", "briefings/shared/meeting.yaml"])
def test_a_folder_that_is_a_link_elsewhere_is_refused(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    named: str,
) -> None:
    elsewhere = tmp_path / "public-share"
    elsewhere.mkdir()
    (folder / "shared").symlink_to(elsewhere)
    monkeypatch.chdir(folder.parent)

    code, out, err = new(capsys, named)

    assert code == 2
    assert out == ""
    assert f"briefings/shared is a symbolic link to {elsewhere}" in err
    assert list(elsewhere.iterdir()) == []


def test_a_linked_folder_on_the_way_is_refused_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "public-share"
    (elsewhere / "briefings").mkdir(parents=True)
    (tmp_path / "team").symlink_to(elsewhere)
    monkeypatch.chdir(tmp_path)

    code, _, err = new(capsys, "team/briefings")

    assert code == 2
    assert "team is a symbolic link" in err
    assert list((elsewhere / "briefings").iterdir()) == []


def test_an_absolute_path_to_a_linked_folder_is_refused(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "public-share"
    elsewhere.mkdir()
    (folder / "shared").symlink_to(elsewhere)

    code, _, err = new(capsys, str(folder / "shared"))

    assert code == 2
    assert "is a symbolic link" in err
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_cannot_be_written_exits_1(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    folder.chmod(0o500)
    try:
        code, out, err = new(capsys, str(folder))
    finally:
        folder.chmod(0o700)

    assert code == 1
    assert out == ""
    assert f"briefing new: {folder / NAME}: Permission denied" in err


# --- help, and the command's name ------------------------------------------------------------


def test_new_help_documents_its_argument_its_safety_and_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["new", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())

    for text in ("PATH", "YYYY-MM-DD-new-briefing.yaml", "0600", "never overwritten", "'..'"):
        assert text in out
    assert "exit status: 0 the briefing was written" in out
    assert " 1 it could not be written" in out
    assert " 2 a usage error" in out


def test_top_level_help_lists_new(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["--help"])

    assert "briefing new [PATH]" in capsys.readouterr().out


def test_a_mistyped_new_suggests_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["nwe", "x"]) == 2
    assert "did you mean 'briefing new'?" in capsys.readouterr().err


def test_skeleton_imports_neither_textual_nor_rich() -> None:
    loaded = modules_loaded_after("import briefing_reader.skeleton")

    assert "briefing_reader" in loaded
    assert {"textual", "rich"} & loaded == set()

"""Sharing from inside the reader: `y` / `Y` copy as Markdown, the palette's exports write a
file the user names (never a surprise, never a silent overwrite), and `p` presents a
briefing (or, on a file that does not load, shows its problems)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from briefing_reader.app import BriefingApp
from briefing_reader.model import SECTION_TITLES, SECTIONS
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.screens.save_as import SaveAsScreen, offered_path
from conftest import run_cli
from pilot import drive, make_library, notifications, screen_text, until_typed

TITLE = "Chiefs of Defence meet at NATO Headquarters"


def reader(app: BriefingApp) -> ReaderScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReaderScreen)
    return screen


def test_y_copies_the_selected_item_with_its_marking(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j", "j", "y")
        copied = app.clipboard
        lines = copied.strip().splitlines()
        assert lines[0].strip("*_ ") == "UNCLASSIFIED"
        assert lines[-1].strip("*_ ") == "UNCLASSIFIED"
        assert "Aligning industrial ramp-up plans" in copied  # the item selected
        assert "Honouring Alliance commitments" not in copied  # and not the one above it
        assert "Copied" in notifications(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_shift_y_copies_the_whole_briefing(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "Y")
        copied = app.clipboard
        assert TITLE in copied
        for name in SECTIONS:
            assert f"## {SECTION_TITLES[name]}" in copied
        assert copied.strip().splitlines()[-1].strip("*_ ") == "UNCLASSIFIED"
        assert "whole briefing" in notifications(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_y_on_a_file_that_does_not_load_copies_nothing(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", other=False, broken=True)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("l")
        for _step in range(5):  # the library holds three files: never more than two steps
            if "broken.yaml" in screen_text(app).splitlines()[1]:
                break
            await pilot.press("j", "enter")
            await pilot.press("l")
        assert "broken.yaml" in screen_text(app).splitlines()[1]
        await pilot.press("escape", "y")
        assert app.clipboard == ""
        assert "does not load" in notifications(app)
        await pilot.press("p")  # a broken file: p shows its problems, it presents nothing
        assert reader(app).view.problems.expanded

    drive(library, scenario, size=(160, 48))


async def export(pilot: Pilot[None], app: BriefingApp, kind: str, path: Path | None) -> str:
    """Choose "Export as KIND…" in the palette; type `path` (if given) and press Enter.
    Returns the path the dialog offered."""
    await pilot.press("ctrl+p", *f"export as {kind}")
    await wait_for_hit(pilot, f"Export as {kind}")
    await pilot.press("enter")
    await until_typed(pilot)
    assert isinstance(app.screen, SaveAsScreen)
    box = app.screen.query_one("#save-as-path", Input)
    offered = box.value
    if path is not None:
        box.value = str(path)
        await pilot.press("enter")
        await settle_write(pilot)
    return offered


async def wait_for_hit(pilot: Pilot[None], title: str, timeout: float = 10.0) -> None:
    """Wait until the palette lists a command starting with `title` (it searches in a
    worker), rather than for a guessed pause."""
    for _tick in range(int(timeout / 0.02)):
        if title.lower() in screen_text(pilot.app).lower():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the palette never offered {title!r}")


async def settle_write(pilot: Pilot[None]) -> None:
    for _ in range(100):  # the write runs in a thread
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if not isinstance(screen, SaveAsScreen) or not screen._busy:
            return


@pytest.mark.parametrize(
    ("kind", "looks_like"),
    [("Markdown", "# "), ("HTML", "<!DOCTYPE html>"), ("text", "UNCLASSIFIED")],
)
def test_export_writes_the_briefing_where_the_user_says(
    tmp_path: Path, kind: str, looks_like: str
) -> None:
    library = make_library(tmp_path / "lib")
    before = sorted(os.listdir(library))
    target = tmp_path / "out" / f"brief.{kind}"
    target.parent.mkdir()

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        offered = await export(pilot, app, kind, target)
        assert not offered.startswith(str(library))  # never offered inside the library
        assert isinstance(app.screen, ReaderScreen)
        assert "Exported" in notifications(app)

    drive(library, scenario)
    written = target.read_text(encoding="utf-8")
    assert looks_like in written
    assert TITLE in written
    assert target.stat().st_mode & 0o777 == 0o600  # a briefing is sensitive
    assert sorted(os.listdir(library)) == before


def test_export_never_replaces_a_file_without_a_second_enter(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    target = tmp_path / "existing.md"
    target.write_text("the user's own notes\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await export(pilot, app, "Markdown", target)
        assert isinstance(app.screen, SaveAsScreen)  # still asking
        assert "already exists" in screen_text(app)
        assert target.read_text(encoding="utf-8") == "the user's own notes\n"
        await pilot.press("enter")  # yes, replace it
        await settle_write(pilot)
        assert isinstance(app.screen, ReaderScreen)

    drive(library, scenario)
    assert TITLE in target.read_text(encoding="utf-8")


def test_export_says_what_is_wrong_and_stays_open(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await export(pilot, app, "HTML", tmp_path / "no-such-folder" / "x.html")
        assert "There is no folder" in screen_text(app)
        box = app.screen.query_one("#save-as-path", Input)
        box.value = str(tmp_path)
        await pilot.press("enter")
        await settle_write(pilot)
        assert "That is a folder" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)

    drive(library, scenario)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib"]


def test_the_offered_path_is_never_inside_the_library(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    source = library / "a.yaml"
    inside = offered_path(source, library, "HTML", here=str(library / "sub"))
    assert not str(inside).startswith(str(library))
    outside = offered_path(source, library, "HTML", here=str(tmp_path))
    assert outside == tmp_path / "a.html"
    one_file = offered_path(source, source, "text", here=str(library))
    assert not str(one_file).startswith(str(library))


def test_briefing_present_refuses_what_it_cannot_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder is a usage error; a file that does not load is said located, before any
    screen opens (a blank projector tells nobody which line is wrong)."""
    assert run_cli(["present", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\ndate: Jan 21\n", encoding="utf-8")
    assert run_cli(["present", str(broken)]) == 1
    assert f"{broken}:2:7:" in capsys.readouterr().err


def test_c_then_a_briefing_picked_in_the_library_compares_the_two(tmp_path: Path) -> None:
    from briefing_reader.screens.compare import CompareScreen

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("c")
        assert reader(app).library_open
        assert "Compare" in notifications(app)
        await pilot.press("G", "enter")
        await until_typed(pilot)
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert TITLE in text
        assert "Test briefing sharing a topic" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert TITLE in screen_text(app).splitlines()[1]  # still reading the first
        # Esc in the library cancels: the next briefing chosen is opened, not compared
        await pilot.press("c", "escape", "l", "G", "enter")
        await until_typed(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]

    drive(make_library(tmp_path / "lib"), scenario, size=(120, 40))


def test_shift_t_opens_the_timeline_and_enter_opens_a_day(tmp_path: Path) -> None:
    from briefing_reader.screens.timeline import TimelineScreen

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("T")
        await until_typed(pilot)
        assert isinstance(app.screen, TimelineScreen)
        text = screen_text(app)
        assert "Timeline" in text
        assert "2026" in text
        assert "2025" in text
        assert text.index(TITLE[:20]) < text.index("Test briefing")  # newest first
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)

    drive(make_library(tmp_path / "lib"), scenario, size=(120, 40))


def test_the_topic_list_marks_a_topic_used_only_once(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "t")
        topics = [line.split("▕")[0] for line in screen_text(app).splitlines()]
        once = [line for line in topics if "#commitments" in line]  # one item in the seed
        many = [line for line in topics if "#ukraine" in line]
        assert once
        assert all("once #commitments" in line for line in once)
        assert many
        assert not any("once" in line for line in many)

    drive(make_library(tmp_path / "lib"), scenario, size=(120, 40))

"""Pilot tests: drive the reader by keys, as a user does, and check what the screen shows."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from briefing_reader.app import BriefingApp
from briefing_reader.commands import PaletteEntry
from briefing_reader.screens.help import HelpScreen
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.screens.search import SearchScreen
from briefing_reader.screens.topics import TopicScreen
from pilot import (
    OTHER_BRIEFING,
    SEED,
    burst,
    detail_text,
    drive,
    make_library,
    notifications,
    screen_text,
    static_text,
    until_typed,
)

TITLE = "Chiefs of Defence meet at NATO Headquarters"


def reader(app: BriefingApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), type(app.screen)
    return app.screen


def test_launch_shows_newest_briefing_with_marking_top_and_bottom(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == "UNCLASSIFIED"
        assert lines[-1].strip() == "UNCLASSIFIED"
        assert TITLE in lines[1]
        assert "21–22 January 2026" in lines[1]
        text = screen_text(app)
        assert "Military Committee in Chiefs of Defence Session (MCCS)" in text
        assert "2025-06-01 Test briefing sharing" in text  # in the library list

    drive(make_library(tmp_path / "lib"), scenario, size=(160, 48))


def test_digits_jump_to_panes_and_j_k_move_through_items(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")
        assert reader(app).pane == "positions"
        assert "Italy's determination to honour" in screen_text(app)
        await pilot.press("j")
        assert "the control of political authority" in detail_text(app)
        await pilot.press("G")
        assert "both bilaterally and multilaterally" in detail_text(app)
        await pilot.press("g")
        assert reader(app).view.index("positions") == 0
        assert "Italy's determination to honour" in detail_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_tab_cycles_panes_and_skips_empty_ones(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        seen = []
        for _ in range(9):
            seen.append(reader(app).pane)
            await pilot.press("tab")
        assert seen == [
            "overview",
            "agenda",
            "positions",
            "regions",
            "bilaterals",
            "partners",
            "initiatives",
            "quotes",
            "source",
        ]
        assert reader(app).pane == "overview"
        await pilot.press("shift+tab")
        assert reader(app).pane == "source"
        # the test briefing has only an agenda and positions: tab skips every other pane
        await pilot.press("right_square_bracket")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(reader(app).pane)
        assert seen == ["overview", "agenda", "positions", "overview"]
        await pilot.press("shift+tab")
        assert reader(app).pane == "positions"
        await pilot.press("4")
        assert "This briefing has no regions." in notifications(app)
        assert reader(app).pane == "positions"

    drive(make_library(tmp_path / "lib"), scenario)


def test_clicking_a_tab_shows_its_pane_and_keys_then_move_in_it(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.click("#--content-tab-positions")
        await pilot.pause()
        assert reader(app).pane == "positions"
        await pilot.press("j", "j")
        assert reader(app).view.index("positions") == 2
        assert reader(app).pane == "positions"

    drive(make_library(tmp_path / "lib"), scenario)


def test_enter_opens_the_detail_and_escape_returns_to_the_list(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("8", "enter")
        assert app.focused is not None
        assert app.focused.has_class("item-detail")
        text = detail_text(app)
        assert "è necessario un allineamento dei piani di rump up industriale" in text
        assert "an alignment of each member state's industrial ramp-up plans is" in text
        await pilot.press("escape")
        assert app.focused is not None
        assert app.focused.has_class("item-list")

    drive(make_library(tmp_path / "lib"), scenario)


def test_follow_ukraine_from_position_to_meetings_and_back(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G")  # Italy's last position: continued support to Ukraine
        assert "Continued support to Ukraine" in screen_text(app)
        await pilot.press("t")
        assert isinstance(app.screen, TopicScreen)
        text = screen_text(app)
        assert "#ukraine" in text
        assert "11 items in 2 briefings" in text
        assert "Test briefing sharing a topic" in text  # grouped by briefing
        assert re.search(r"Bilaterals +French counterpart \(Chief of Defence\)", text)
        # move down to the French counterpart and open it
        hits = [line for line in text.splitlines() if "Bilaterals" in line or "Agenda" in line]
        assert hits
        await move_to_hit(pilot, app, "French counterpart")
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).pane == "bilaterals"
        assert "French counterpart (Chief of Defence)" in screen_text(app)
        assert "Country: France" in screen_text(app)
        await pilot.press("backspace")
        assert reader(app).pane == "positions"
        assert "He reaffirmed that Italian Defence" in screen_text(app)
        await pilot.press("alt+right")
        assert reader(app).pane == "bilaterals"

    drive(make_library(tmp_path / "lib"), scenario)


async def move_to_hit(pilot: Pilot[None], app: BriefingApp, words: str, limit: int = 40) -> None:
    """Press j until the highlighted hit holds `words`; fail (never hang) if it never does."""
    for _ in range(limit):
        if words in _highlighted_hit(app):
            return
        await pilot.press("j")
    raise AssertionError(f"no hit with {words!r} after {limit} presses:\n{screen_text(app)}")


def _highlighted_hit(app: BriefingApp) -> str:
    screen = app.screen
    assert isinstance(screen, TopicScreen)
    hits = screen.query_one("#topic-hits")
    option = hits.highlighted_option  # type: ignore[attr-defined]
    return str(option.prompt) if option is not None else ""


def test_topic_jump_crosses_into_another_briefing(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G", "t")
        await move_to_hit(pilot, app, "Test agenda item")
        await pilot.press("enter")
        lines = screen_text(app).splitlines()
        assert "Test briefing sharing a topic" in lines[1]
        assert lines[0].strip() == "NATO RESTRICTED"
        await pilot.press("backspace")
        assert TITLE in screen_text(app).splitlines()[1]

    drive(make_library(tmp_path / "lib"), scenario)


def test_escape_leaves_topics_where_you_were(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("4", "j", "t")
        assert isinstance(app.screen, TopicScreen)
        assert "#balkans" in screen_text(app)
        await pilot.press("escape")
        assert reader(app).pane == "regions"
        assert reader(app).view.index("regions") == 1

    drive(make_library(tmp_path / "lib"), scenario)


def test_search_finds_jatec_and_n_steps_through_hits(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"jatec")
        text = screen_text(app)
        assert "3 hits" in text
        assert "Joint Analysis Training and Education Centre" in text
        await pilot.press("enter")  # jump to the first hit (library order: newest first)
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).pane == "agenda"
        assert "Support to Ukraine" in screen_text(app)
        await pilot.press("n")
        assert reader(app).pane == "initiatives"
        assert "(JATEC)" in screen_text(app)
        await pilot.press("n")  # wraps around within the open briefing
        assert reader(app).pane == "agenda"
        await pilot.press("N")
        assert reader(app).pane == "initiatives"

    drive(make_library(tmp_path / "lib"), scenario)


def test_search_down_arrow_picks_a_later_hit(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("slash", *"jatec", "down", "down", "down", "enter")
        lines = screen_text(app).splitlines()
        assert "Test briefing sharing a topic" in lines[1]
        assert reader(app).pane == "positions"

    drive(make_library(tmp_path / "lib"), scenario)


def test_brackets_step_through_the_library(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("right_square_bracket")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]
        await pilot.press("right_square_bracket")
        assert "No more briefings that way." in notifications(app)
        await pilot.press("left_square_bracket")
        assert TITLE in screen_text(app).splitlines()[1]

    drive(make_library(tmp_path / "lib"), scenario)


def test_library_filter_then_enter_opens_the_match(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("l")
        app.screen.query_one("#library-filter", Input).focus()
        await pilot.press(*"testville", "enter", "enter")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]

    drive(make_library(tmp_path / "lib"), scenario, size=(160, 48))


def test_help_lists_every_key_and_closes(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Next pane", "Topics", "Search", "Back", "Forward", "Edit", "Quit"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)

    drive(make_library(tmp_path / "lib"), scenario)


def test_command_palette_offers_topics(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("ctrl+p")
        await pilot.press(*"topic: georgia")
        for _tick in range(500):  # the palette searches in a worker: wait for its hit
            if "Topic: georgia" in screen_text(app):
                break
            await pilot.pause(0.02)
        assert "Topic: georgia" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        assert "#georgia · 3 items in 1 briefing" in screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_broken_file_at_launch_is_listed_with_its_problems(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        text = screen_text(app)
        assert "✗ broken.yaml" in text
        await pilot.press("right_square_bracket", "right_square_bracket")
        text = static_text(app, "#problems-body")
        assert "This file does not load" in text
        assert "broken.yaml:2:7: date: expected a date like 2026-01-21, got 'Jan 21'" in text
        assert "broken.yaml:1:1: missing required key 'agenda'" in text
        assert screen_text(app).splitlines()[0].strip() == "NO BRIEFING OPEN"
        await pilot.press("left_square_bracket")
        assert "Test briefing sharing a topic" in screen_text(app)

    drive(make_library(tmp_path / "lib", broken=True), scenario, size=(160, 48))


def test_markup_and_escapes_in_a_briefing_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(
        'title: "[bold red]loud[/] \\e[31mred \\u202Eevil"\n'
        "date: 2026-01-01\n"
        "agenda:\n"
        "  - title: '[link=http://example.invalid]click[/link] [/]'\n"
        "positions: []\nregions: []\nbilaterals: []\n",
        encoding="utf-8",
    )

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        text = screen_text(app)
        assert "[bold red]loud[/] ␛[31mred <U+202E>evil" in text
        assert "\x1b" not in text
        assert "\u202e" not in text
        await pilot.press("2")
        assert "[link=http://example.invalid]click[/link] [/]" in screen_text(app)

    drive(folder, scenario)


def test_live_reload_keeps_place_and_survives_a_broken_save(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)
    path = folder / SEED.name
    original = path.read_text(encoding="utf-8")

    async def wait_for(pilot: Pilot[None], app: BriefingApp, words: str) -> str:
        for _ in range(40):
            await pilot.pause(0.05)
            text = screen_text(app)
            if words in text:
                return text
        raise AssertionError(f"{words!r} never appeared:\n{screen_text(app)}")

    def save(text: str) -> None:
        path.write_text(text, encoding="utf-8")  # not atomic, like many editors
        stamp = time.time_ns() + 1_000_000_000
        os.utime(path, ns=(stamp, stamp))  # a new mtime even on coarse clocks

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j")
        save(original.replace("Integrated air and missile defence", "Air defence, renamed"))
        await wait_for(pilot, app, "Air defence, renamed")
        assert reader(app).pane == "positions"
        assert reader(app).view.index("positions") == 1
        save(original.replace("date: 2026-01-21\n", "date: 21 January\n", 1))
        await wait_for(pilot, app, "no longer loads")
        await wait_for(pilot, app, "8:7: date: expected a date")
        problems = static_text(app, "#problems-body")
        assert f"{path.name}:8:7: date: expected a date like 2026-01-21" in problems
        assert "Air defence, renamed" in screen_text(app)  # the last good version stays
        save(original)
        await wait_for(pilot, app, "Integrated air and missile defence")
        # the new text can be drawn a frame before the panel's removal is laid out (under
        # load, CI once read the screen between the two): wait for the panel to go
        for _ in range(40):
            if "no longer loads" not in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "no longer loads" not in screen_text(app)

    drive(folder, scenario, watch=True)


def test_new_file_appears_in_the_library(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        (folder / "new.yaml").write_text(
            "title: Freshly saved\ndate: 2027-01-01\nagenda: []\npositions: []\n"
            "regions: []\nbilaterals: []\n",
            encoding="utf-8",
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if "Freshly saved" in screen_text(app):
                break
        assert "2027-01-01 Freshly saved" in screen_text(app)

    drive(folder, scenario, watch=True, size=(160, 48))


def test_survives_resizing_to_20x10_and_back(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        for size in ((80, 24), (20, 10), (120, 40), (20, 10), (160, 48)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("tab", "j")
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == "UNCLASSIFIED"
        assert len(lines) == 48

    drive(make_library(tmp_path / "lib"), scenario, size=(80, 24))


def test_narrow_screen_shows_library_on_l(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert "Test briefing sharing a topic" not in screen_text(app)
        await pilot.press("l")
        assert "Test briefing sharing a topic" in screen_text(app)
        await pilot.press("j", "enter")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]
        await pilot.press("2")
        assert "Test agenda item about Ukraine" in screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario, size=(80, 24))


def test_a_session_never_writes_to_briefings(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", broken=True)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j", "t", "enter", "slash", *"nato", "enter", "e")
        await pilot.press("right_square_bracket", "right_square_bracket", "q")

    drive(folder, scenario, watch=True)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert after == before


def test_clicking_a_topic_tag_follows_it(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G")
        lines = screen_text(app).splitlines()
        row = next(y for y, line in enumerate(lines) if "#ukraine" in line and "▕" in line[:60])
        column = lines[row].rindex("#ukraine") + 2
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        assert "#ukraine · 11 items in 2 briefings" in screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_topics_of_the_current_item_come_first(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j", "j", "j", "j", "t")  # Balkans, Middle East, Southern Flank
        lines = [line.strip() for line in screen_text(app).splitlines()]
        start = lines.index(next(line for line in lines if line.startswith("This item")))
        topics = [line.split()[1] if len(line.split()) > 1 else "" for line in lines]
        assert topics[start + 1 : start + 4] == ["#balkans", "#middle-east", "#southern-flank"]
        assert lines[start + 4].startswith("All topics")

    drive(make_library(tmp_path / "lib"), scenario)


# --- what a fast, careless or unlucky user ran into (each failed before its fix) ------------


async def wait_for_text(
    pilot: Pilot[None], app: BriefingApp, words: str, seconds: float = 5
) -> str:
    """The screen once `words` is on it; fail (never hang) if it does not come."""
    for _ in range(int(seconds / 0.05)):
        text = screen_text(app)
        if words in text:
            return text
        await pilot.pause(0.05)
    raise AssertionError(f"{words!r} never appeared:\n{screen_text(app)}")


def test_enter_twice_in_search_or_topics_never_crashes(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("slash", *"jatec")
        await burst(pilot, "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).pane == "agenda"  # the first hit, opened once
        await pilot.press("3", "t")
        await burst(pilot, "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("question_mark")
        await burst(pilot, "escape", "escape")
        await pilot.press("t")
        await burst(pilot, "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.return_code is None  # still running

    drive(make_library(tmp_path / "lib"), scenario)


def test_live_reload_keeps_the_item_when_one_is_inserted_above(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)
    path = folder / SEED.name
    original = path.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j", "j", "j")  # The Arctic
        assert "The Arctic" in detail_text(app).splitlines()[0]
        inserted = original.replace(
            "  - title: Aligning industrial ramp-up plans\n",
            "  - title: A position inserted above\n    statement: New.\n\n"
            "  - title: Aligning industrial ramp-up plans\n",
        )
        temporary = path.with_suffix(".tmp")
        temporary.write_text(inserted, encoding="utf-8")
        stamp = time.time_ns() + 1_000_000_000
        os.utime(temporary, ns=(stamp, stamp))
        temporary.replace(path)  # saved by rename, as many editors do
        await wait_for_text(pilot, app, "A position inserted above")
        assert "The Arctic" in detail_text(app).splitlines()[0]
        assert reader(app).view.index("positions") == 4
        deleted = original.replace("  - title: The Arctic\n", "  - title: The Arctic, renamed\n")
        path.write_text(deleted.replace("Honouring Alliance commitments", "Honouring"), "utf-8")
        os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
        await wait_for_text(pilot, app, "The Arctic, renamed")
        assert "The Arctic, renamed" in detail_text(app).splitlines()[0]  # the nearest one

    drive(folder, scenario, watch=True)


def test_the_selection_stays_visible_when_the_terminal_shrinks(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        item_list = app.screen.query_one("#list-positions")
        lines = screen_text(app).splitlines()
        list_rows = lines[item_list.region.y : item_list.region.bottom]
        assert any("Continued support to Ukraine" in row for row in list_rows), "\n".join(lines)

    drive(make_library(tmp_path / "lib"), scenario, size=(120, 40))


def test_many_problems_are_counted_and_can_be_read_at_80x24(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib", other=False)
    path = folder / SEED.name
    mistakes = [f"unknown_key_number_{n}: a value that the format does not know" for n in range(10)]

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")
        path.write_text(SEED.read_text("utf-8") + "\n".join(mistakes) + "\n", "utf-8")
        stamp = time.time_ns() + 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
        text = await wait_for_text(pilot, app, "10 problems")
        assert "p: show all" in text
        assert "Honouring Alliance commitments" in text  # the last good version, still readable
        await pilot.press("p")
        await pilot.pause()
        problems = app.screen.query_one("#problems")
        assert problems.has_focus
        shown = set()
        for _ in range(30):
            shown |= set(re.findall(r"unknown_key_number_\d", screen_text(app)))
            await pilot.press("j")
        assert len(shown) == 10
        await pilot.press("escape")
        assert not problems.has_class("-expanded")
        assert reader(app).pane == "positions"

    drive(folder, scenario, watch=True, size=(80, 24))


def test_the_filter_box_has_a_key_and_takes_every_key_as_text(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("f", *"oslo 3tq[]/", "backspace")
        filter_box = app.screen.query_one("#library-filter", Input)
        assert filter_box.value == "oslo 3tq[]"
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).pane == "overview"
        await pilot.press(*["backspace"] * 10, *"testville", "enter", "enter")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]

    drive(make_library(tmp_path / "lib"), scenario, size=(80, 24))


def test_an_empty_folder_says_what_it_is_and_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        text = screen_text(app)
        assert "Loading" not in text
        assert "no briefings" in text
        assert "empty" in text.splitlines()[1]
        assert "briefing new" in text
        assert "appears here at once" in text

    drive(folder, scenario)


def test_help_scrolls_with_j_k_g_and_G(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("question_mark")
        assert "Mouse" not in screen_text(app)  # the last line is below the fold at 80x24
        await pilot.press("G")
        await pilot.pause()
        assert "Mouse" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert "Mouse" not in screen_text(app)
        await pilot.press("j", "j")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.scroll_y == 2

    drive(make_library(tmp_path / "lib"), scenario, size=(80, 24))


def test_counts_read_as_english_and_columns_line_up(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("ctrl+p", *"topic: georgia")
        text = await wait_for_text(pilot, app, "3 items in 1 briefing")
        assert "1 briefings" not in text
        await pilot.press("escape", "escape", "7", "t")
        await pilot.pause()
        rows = [line.split("▕", 1) for line in screen_text(app).splitlines() if "▕" in line]
        panes = "Agenda|Positions|Regions|Bilaterals|Partners|Initiatives|Quotes"
        hits = [re.match(rf"^ +({panes}) +\S", right) for _, right in rows]
        columns = {hit.end() for hit in hits if hit}
        assert len(columns) == 1, columns  # every item's heading starts in one column
        topics = [left.strip() for left, _ in rows if "#" in left]
        assert topics
        odd = [t for t in topics if not re.fullmatch(r"(\d+|once) #[a-z0-9-]+", t)]
        assert not odd, odd

    drive(make_library(tmp_path / "lib"), scenario)


# --- one owner: screens show the catalogue, refresh when it changes, and act on themselves ---


def test_panes_are_made_when_first_shown(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        made = {pane.id for pane in app.screen.query(".section-pane")}
        assert made == set()  # the overview is a page; no section pane yet
        await pilot.press("3", "5")
        await pilot.pause()
        made = {pane.id for pane in app.screen.query(".section-pane")}
        assert made == {"pane-positions", "pane-bilaterals"}
        await pilot.press("right_square_bracket")  # another briefing: made panes show it
        await pilot.press("3")
        assert "Test position" in screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_topics_and_search_refresh_when_the_library_changes(tmp_path: Path) -> None:
    folder = make_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G", "t")
        await wait_for_text(pilot, app, "#ukraine · 11 items in 2 briefings")
        _save(folder / "2025-06-01-test.yaml", OTHER_BRIEFING.replace("[ukraine]", "[testing]"))
        await wait_for_text(pilot, app, "#ukraine · 10 items in 2 briefings")
        await pilot.press("escape", "slash", *"jatec")
        await wait_for_text(pilot, app, "3 hits")
        _save(folder / "2025-06-01-test.yaml", OTHER_BRIEFING.replace("JATEC", "nothing"))
        await wait_for_text(pilot, app, "2 hits")
        (folder / "2025-06-01-test.yaml").unlink()
        await wait_for_text(pilot, app, "2 hits")
        assert "Test position" not in screen_text(app)

    drive(folder, scenario, watch=True)


def test_the_palette_acts_on_the_screen_it_was_opened_on(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G", "t")
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("ctrl+p", *"topic: georgia")
        await wait_for_text(pilot, app, "Topic: georgia")
        await pilot.press("enter")
        await wait_for_text(pilot, app, "#georgia · 3 items in 1 briefing")
        assert isinstance(app.screen, TopicScreen)  # the topic list moved, nothing else
        assert "Open briefing" not in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).pane == "positions"  # the reader behind it never moved
        assert "Continued support to Ukraine" in detail_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


def test_the_palette_builds_its_entries_once_per_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = []
    original = ReaderScreen.palette_entries

    def counted(self: ReaderScreen) -> Iterator[PaletteEntry]:
        built.append(1)
        return iter(list(original(self)))

    monkeypatch.setattr(ReaderScreen, "palette_entries", counted)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("ctrl+p", *"open briefing test")
        await wait_for_text(pilot, app, "Open briefing: 2025-06-01")
        await pilot.press("enter")
        await pilot.pause()
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]
        assert built == [1]

    drive(make_library(tmp_path / "lib"), scenario)


def test_keys_typed_in_one_burst_act_in_order(tmp_path: Path) -> None:
    """`3 j j` sent in one write: the pane opens and both j land in its list; keys typed
    just after `/` are never taken as the reader's commands (e would open the editor)."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await burst(pilot, "3", "j", "j")
        await until_typed(pilot)
        assert reader(app).pane == "positions"
        assert reader(app).view.index("positions") == 2
        assert "Aligning industrial ramp-up plans" in detail_text(app).splitlines()[0]
        await burst(pilot, "5", "G", "enter")
        await until_typed(pilot)
        assert reader(app).view.index("bilaterals") == 5
        assert app.focused is not None
        assert app.focused.has_class("item-detail")
        await burst(pilot, "slash", *"jatec")
        await until_typed(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert not notifications(app)  # no "Set $EDITOR" from a stray e

    drive(make_library(tmp_path / "lib"), scenario)


def test_news_of_a_tab_shown_by_a_key_never_takes_the_keyboard_back(tmp_path: Path) -> None:
    """Textual tells of a tab activated by a key as it does of one clicked, and the news
    can come after the keys typed since: `5 G enter` in one write once left the keyboard
    on the list, not in the detail `enter` had moved it to. A click still moves it."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("5", "G", "enter")
        await until_typed(pilot)
        panes = app.screen.query_one("#panes", TabbedContent)
        tab: Any = panes.get_tab("bilaterals")  # a ContentTab (its class is private)
        panes.post_message(TabbedContent.TabActivated(panes, tab))  # the news, late
        await pilot.pause()
        assert app.focused is not None
        assert app.focused.has_class("item-detail")
        await pilot.click("#--content-tab-regions")
        await pilot.pause()
        assert reader(app).pane == "regions"
        assert app.focused is not None
        assert app.focused.has_class("item-list")

    drive(make_library(tmp_path / "lib"), scenario)


def test_the_reader_says_once_when_it_has_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_READER_CACHE", "relative/folder")  # refused: not absolute

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.pause()
        said = [line for line in notifications(app).splitlines() if "without a cache" in line]
        assert len(said) == 1
        assert "Chiefs of Defence" in screen_text(app)  # and it reads all the same

    drive(make_library(tmp_path / "lib"), scenario)


async def _until_ended(pilot: Pilot[None], app: BriefingApp, seconds: float = 1.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if not app.is_running:
            return True
        await pilot.pause(0.05)
    return not app.is_running


@pytest.mark.parametrize(
    "where",
    [
        (),
        ("f",),
        ("f", *"nato"),
        ("question_mark",),
        ("ctrl+p",),
        ("t",),
        ("slash",),
        ("3", "enter"),
    ],
    ids=["reader", "filter", "filter-typed", "help", "palette", "topics", "search", "detail"],
)
def test_ctrl_c_quits_from_every_screen(tmp_path: Path, where: tuple[str, ...]) -> None:
    """Ctrl+C is how terminal users stop a program: it ends the reader wherever they are,
    not a notice to press another key (Textual's default)."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press(*where)
        assert app.is_running
        await pilot.press("ctrl+c")
        assert await _until_ended(pilot, app), screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario)


@pytest.mark.parametrize("where", [("f",), ("ctrl+p",)], ids=["filter", "palette"])
def test_ctrl_c_on_selected_text_copies_it_and_keeps_reading(
    tmp_path: Path, where: tuple[str, ...]
) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press(*where, *"nato", "shift+home", "ctrl+c")
        assert not await _until_ended(pilot, app, seconds=0.3)
        assert app.clipboard == "nato"

    drive(make_library(tmp_path / "lib"), scenario)


def test_enter_in_the_filter_box_opens_the_first_match(tmp_path: Path) -> None:
    """As the README says: type a few letters, Enter, and read (no second Enter)."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("f", *"testville", "enter")
        assert "Test briefing sharing a topic" in screen_text(app).splitlines()[1]
        assert not reader(app).library_open

    drive(make_library(tmp_path / "lib"), scenario, size=(80, 24))

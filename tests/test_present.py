"""Presentation mode, driven by keys: slides, overflow, the marking on every slide, and the
way back to the reader."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp
from briefing_reader.screens.present import PresentScreen
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.widgets.slide import SlideView
from pilot import burst, drive, make_library, screen_text, until_typed
from test_slides import SLIDE_AREAS

MARKING = "UNCLASSIFIED"
NUMBER = re.compile(r"(\d+) / (\d+)\s*$")


async def open_deck(pilot: Pilot[None], app: BriefingApp) -> PresentScreen:
    """Present the briefing the reader shows, from the pane it is on: the `p` key."""
    assert isinstance(app.screen, ReaderScreen)
    await pilot.press("p")
    await pilot.pause()
    deck = app.screen
    assert isinstance(deck, PresentScreen)
    assert deck.slides, "the deck was not laid out"
    return deck


def lines_of(app: BriefingApp) -> list[str]:
    return screen_text(app).splitlines()


def slide_number(app: BriefingApp) -> tuple[int, int]:
    """The footer's 'n / total'."""
    found = NUMBER.search(lines_of(app)[-2])
    assert found, lines_of(app)[-2]
    return int(found[1]), int(found[2])


def assert_marked(app: BriefingApp) -> None:
    lines = lines_of(app)
    assert lines[0].strip() == MARKING, lines[0]
    assert lines[-1].strip() == MARKING, lines[-1]


def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "lib", other=False)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_space_walks_the_deck_with_the_marking_on_every_slide(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        deck = await open_deck(pilot, app)
        area = deck.query_one(SlideView).content_size  # the size the slide tests lay out
        assert (area.width, area.height) == SLIDE_AREAS[f"{size[0]}x{size[1]}"]
        total = len(deck.slides)
        captions = []
        for number in range(1, total + 1):
            assert_marked(app)
            assert slide_number(app) == (number, total)
            captions.append(lines_of(app)[-2].split("  ")[0].strip())
            await pilot.press("space")
        await pilot.press("space", "right", "pagedown")  # past the end: nothing happens
        assert slide_number(app) == (total, total)
        assert_marked(app)
        assert captions[0] == "Overview"
        assert captions[-1] == "Source"
        assert any(caption.startswith("Quotes") for caption in captions)

    drive(library(tmp_path), scenario, size=size)


def test_a_section_that_overflows_continues_on_the_next_slide(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")  # Italy's positions: three slides at 80x24
        await open_deck(pilot, app)
        assert "Positions (1/3)" in lines_of(app)[-2]
        assert "Honouring Alliance commitments" in screen_text(app)
        await pilot.press("right")
        assert "Positions (2/3)" in lines_of(app)[-2]
        assert "The Arctic" in screen_text(app)
        await pilot.press("right")
        assert "Positions (3/3)" in lines_of(app)[-2]
        assert "Continued support to Ukraine" in screen_text(app)
        await pilot.press("left", "left")
        assert "Positions (1/3)" in lines_of(app)[-2]

    drive(library(tmp_path), scenario, size=(80, 24))


def test_keys_and_clicks_go_first_last_next_and_previous(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        deck = await open_deck(pilot, app)
        total = len(deck.slides)
        await pilot.press("end")
        assert slide_number(app) == (total, total)
        await pilot.press("home")
        assert slide_number(app) == (1, total)
        await pilot.press("G")
        assert slide_number(app) == (total, total)
        await pilot.press("g", "l", "j", "n", "down")
        assert slide_number(app) == (5, total)
        await pilot.press("h", "k", "up")
        assert slide_number(app) == (2, total)
        await pilot.press("backspace", "pageup", "left")  # before the first: nothing happens
        assert slide_number(app) == (1, total)
        await pilot.click(SlideView, offset=(60, 10))  # the right half: on
        await pilot.click(SlideView, offset=(70, 5))
        assert slide_number(app) == (3, total)
        await pilot.click(SlideView, offset=(5, 10))  # the left half: back
        assert slide_number(app) == (2, total)

    drive(library(tmp_path), scenario, size=(80, 24))


@pytest.mark.parametrize("key", ["q", "escape"])
def test_q_and_escape_return_to_the_reader_where_it_was(tmp_path: Path, key: str) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("4", "j", "j", "enter")  # the third region, its detail focused
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        where, focused = reader.location(), app.focused
        await open_deck(pilot, app)
        assert "Regions (1/" in lines_of(app)[-2]
        await pilot.press("right", "right", "right", "left")
        await pilot.press(key)
        await until_typed(pilot)
        assert reader.is_current
        assert reader.location() == where
        assert app.focused is focused
        assert "Middle East" in screen_text(app)

    drive(library(tmp_path), scenario, size=(80, 24))


def test_resizing_keeps_the_slide_that_was_shown(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")
        await open_deck(pilot, app)
        await pilot.press("right")  # Positions (2/3), The Arctic at its top
        assert "The Arctic" in screen_text(app)
        for size in ((200, 60), (20, 10), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_marked(app)
            assert len(lines_of(app)) == size[1]
            if size != (20, 10):
                assert "The Arctic" in screen_text(app), size
        assert "Positions (2/3)" in lines_of(app)[-2]
        await pilot.resize_terminal(20, 10)
        for _ in range(6):  # at 20x10 too, every slide carries the marking
            await pilot.press("space")
            assert_marked(app)

    drive(library(tmp_path), scenario, size=(80, 24))


DECK_KEYS = (
    *("right", "left", "space", "pagedown", "pageup", "home", "end", "backspace", "shift+space"),
    *("g", "G", "h", "j", "k", "l", "n", "up", "down"),
    *("a", "b", "x", "1", "5", "9", "tab", "enter", "slash"),
)
"""Every key the deck answers, and some it does not (q, escape and ? are left out: they
would leave the deck, whose keys are under test)."""


def test_a_burst_of_random_keys_never_crashes_the_deck(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        deck = await open_deck(pilot, app)
        draw = random.Random(10)
        for group in range(10):
            await burst(pilot, *draw.choices(DECK_KEYS, k=draw.randint(4, 24)))
            if group % 3 == 2:
                await pilot.resize_terminal(*draw.choice([(20, 10), (80, 24), (200, 60)]))
        await until_typed(pilot)
        assert app.screen is deck
        assert_marked(app)
        number, total = slide_number(app)
        assert 1 <= number <= total == len(deck.slides)
        await burst(pilot, "right", "escape", "escape", "left")  # the second reaches the reader
        await until_typed(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert_marked(app)

    drive(library(tmp_path), scenario, size=(80, 24))

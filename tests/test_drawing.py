"""What the reader redraws in part, to be quick, must still show the whole truth: one item
highlighted after the highlight moves, and the keys of whatever has the keyboard."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import textual.constants
from textual.pilot import Pilot
from textual.widgets import Footer

from briefing_reader.app import BriefingApp
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.widgets.lists import NavList
from pilot import drive, make_library, screen_text


def highlighted_rows(app: BriefingApp, nav: NavList) -> list[int]:
    """The screen rows of `nav` drawn with the highlight's background, as the terminal
    would show them (every widget's lines as last drawn, put together)."""
    highlight = nav.get_visual_style(
        "option-list--option", "option-list--option-highlighted"
    ).rich_style.bgcolor
    region = nav.content_region
    strips = app.screen._compositor.render_strips()
    rows = []
    for y in range(region.y, region.bottom):
        cells = strips[y].crop(region.x, region.right)
        if any(segment.style and segment.style.bgcolor == highlight for segment in cells):
            rows.append(y)
    return rows


def test_moving_the_highlight_leaves_one_item_highlighted(tmp_path: Path) -> None:
    """j, j, k, G, g in a pane's list: each time exactly the lines of the item reached are
    highlighted (only the lines of the items left and reached are drawn again)."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")
        nav = app.screen.query_one("#list-positions", NavList)
        for key in ["j", "j", "k", "G", "g", "j"]:
            await pilot.press(key)
            await pilot.pause()
            rows = highlighted_rows(app, nav)
            assert nav.highlighted is not None
            start = nav.content_region.y + nav._index_to_line[nav.highlighted] - int(nav.scroll_y)
            expected = list(range(start, start + nav._heights[nav.highlighted]))
            assert rows == [row for row in expected if row < nav.content_region.bottom], key

    drive(make_library(tmp_path / "lib"), scenario, size=(120, 40))


def footer_text(app: BriefingApp) -> str:
    footer = app.screen.query_one(Footer)
    strips = app.screen._compositor.render_strips()
    return strips[footer.region.y].text


def test_the_footer_follows_the_keyboard_through_panes_and_the_filter(tmp_path: Path) -> None:
    """The footer is rebuilt only when the keys it shows change; it must change when they
    do (the filter box has other keys than a pane) and come back when they come back."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3")
        in_pane = footer_text(app)
        await pilot.press("2", "4", "3")
        await pilot.pause()
        assert footer_text(app) == in_pane
        await pilot.press("f")
        await pilot.pause()
        in_filter = footer_text(app)
        assert in_filter != in_pane
        await pilot.press("escape", "3")
        await pilot.pause()
        assert footer_text(app) == in_pane
        assert "Chiefs of Defence" in screen_text(app)

    drive(make_library(tmp_path / "lib"), scenario, size=(160, 48))


def test_a_library_row_is_measured_as_rich_wraps_it() -> None:
    """The library measures ten thousand rows by counting, for plain ASCII, the lines Rich's
    word wrap gives (what the list draws): the count must agree with rich's own, line for
    line, for words longer than the width, runs of spaces and every width."""
    import random

    from rich._wrap import divide_line
    from rich.cells import cell_len

    from briefing_reader.widgets.library_list import wrapped_lines

    chooser = random.Random(13)
    alphabet = "abcdefghij  -.,"
    lines = ["", " ", "  lead", "trail  ", "x" * 90, "Chiefs of Defence meet at NATO"]
    lines += ["".join(chooser.choices(alphabet, k=chooser.randint(0, 120))) for _ in range(3000)]
    lines += ["Capi di Stato Maggiore — la Difesa", "\u6f22\u5b57 wide " * 5]
    for line in lines:
        for width in (1, 2, 5, 13, 31, 40, 80):
            for fold in (True, False):
                expected = 1 if cell_len(line) <= width else 1 + len(divide_line(line, width, fold))
                assert wrapped_lines(line, width, fold) == expected, (line, width, fold)


@pytest.mark.parametrize(("environment", "slides"), [(None, False), ("full", True)])
def test_a_pane_switch_is_drawn_at_once_unless_textual_is_asked_to_animate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: str | None, slides: bool
) -> None:
    """Each frame is a repaint sent down the line (over SSH too): switching panes draws
    the new pane and stops, where Textual would slide the tab's underline over a dozen
    frames. TEXTUAL_ANIMATIONS, Textual's own setting, brings the slide back."""
    if environment is not None:
        monkeypatch.setenv("TEXTUAL_ANIMATIONS", environment)
        # Textual read the variable when it was first imported, before this test began
        monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", environment)

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        frames: list[float] = []
        display = app._display

        def counted(*args: Any, **kwargs: Any) -> None:
            frames.append(time.perf_counter())
            display(*args, **kwargs)

        app._display = counted  # type: ignore[method-assign]
        for pane in "2345":
            await pilot.press(pane)
        await pilot.pause(0.6)  # the slide takes 0.3 s
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.pane == "bilaterals"
        assert len(frames) >= 4  # one a switch at least: the count counts
        assert (len(frames) > 8 * 4) is slides, f"{len(frames)} frames for 4 pane switches"

    drive(make_library(tmp_path / "lib"), scenario)

"""The reader in Italian: tabs, footer, help, notices and the screens over it speak Italian,
and the longer Italian labels still fit at 80x24 and 120x40 (every tab shown whole)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Tabs

from briefing_reader import i18n
from briefing_reader.app import BriefingApp
from briefing_reader.navigation import PANES
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.screens.timeline import month_short, weekday_short
from briefing_reader.widgets.briefing_view import tab_label
from pilot import drive, notifications, screen_text, static_text, until_typed

BRIEFINGS = Path(__file__).resolve().parent.parent / "briefings"

ITALIAN_TABS = {
    "overview": "1 Sintesi",
    "agenda": "2 Agenda",
    "positions": "3 Posizioni",
    "regions": "4 Regioni",
    "bilaterals": "5 Bilaterali",
    "partners": "6 Partner",
    "initiatives": "7 Iniziative",
    "quotes": "8 Citazioni",
    "source": "9 Fonte",
}


@pytest.fixture
def italian() -> Iterator[None]:
    """The interface in Italian for the test, English again after it."""
    i18n.set_language("it")
    try:
        yield
    finally:
        i18n.set_language("en")


def reader(app: BriefingApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def tab_row(app: BriefingApp) -> str:
    """The line of the screen the reader's tabs are on."""
    tabs = reader(app).view.tabs.query_one(Tabs)
    return screen_text(app).splitlines()[tabs.region.y]


def footer_line(app: BriefingApp) -> str:
    return screen_text(app).splitlines()[-2]  # the bottom marking banner is the last


async def every_tab_whole(pilot: Pilot[None], app: BriefingApp) -> None:
    """Each tab of the open briefing, once shown, is on screen whole: no label cut."""
    panes = reader(app).view.visible_panes()
    assert len(panes) == len(PANES)  # the newest briefing in briefings/ has every pane
    for number, pane in enumerate(PANES, start=1):
        await pilot.press(str(number))
        row = tab_row(app)
        assert f" {ITALIAN_TABS[pane]} " in f"{row} ", (pane, row)
        assert "…" not in row, row


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_reader_speaks_italian(size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert [tab_label(pane) for pane in PANES] == list(ITALIAN_TABS.values())
        row = tab_row(app)
        assert "1 Sintesi" in row
        assert "Overview" not in row
        if size[0] >= 120:  # room for them all at once
            assert all(label in row for label in ITALIAN_TABS.values()), row
        footer = footer_line(app)
        for italian in ("Riquadri", "Cerca", "Temi"):
            assert italian in footer, footer
        for english in ("Next pane", "Search", "Topics"):
            assert english not in footer, footer
        overview = static_text(app, "#body-overview")
        assert "In questo briefing" in overview
        await every_tab_whole(pilot, app)

    drive(BRIEFINGS, scenario, size=size)


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_help_screen_speaks_italian(size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Tasti" in text
        assert "Vai al riquadro:" in text
        assert "Sintesi" in text
        assert "Go to pane" not in text
        assert "Keys" not in text
        table = static_text(app, "#help-table")
        for italian in ("Passa da un riquadro all'altro", "Elenchi e testo", "Invio", "Giù"):
            assert italian in table, italian
        for english in ("Cycle through the panes", "Lists and text", "Next pane"):
            assert english not in table, english

    drive(BRIEFINGS, scenario, size=size)


@pytest.mark.usefixtures("italian")
def test_notices_are_in_italian() -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("left_square_bracket")  # the newest briefing is the first listed
        assert "Nessun altro briefing in questa direzione." in notifications(app)
        await pilot.press("y")  # the overview: no item, so the whole briefing
        said = notifications(app)
        assert "Copiato l'intero briefing in Markdown (" in said, said
        assert "righe, classifica inclusa)." in said, said
        assert "Copied" not in said

    drive(BRIEFINGS, scenario, size=(80, 24))


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_screens_over_the_reader_speak_italian(size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("t")
        assert static_text(app, "#topics-title") == "Temi"
        heading = static_text(app, "#topic-heading")
        assert " voci in " in heading, heading
        assert "Indietro" in footer_line(app)
        await pilot.press("escape", "T")
        title = static_text(app, "#timeline-title")
        assert title.startswith("Cronologia · "), title
        assert "prima i più recenti" in title, title
        await pilot.press("escape", "slash")
        assert "Scrivi per cercare" in static_text(app, "#search-count")
        await pilot.press(*"jatec")
        assert "risultati" in static_text(app, "#search-count")

    drive(BRIEFINGS, scenario, size=size)


async def choose_in_palette(pilot: Pilot[None], typed: str, title: str) -> None:
    """Open the palette, type `typed`, wait for the command `title` and run it."""
    await pilot.press("ctrl+p", *typed)
    for _tick in range(500):  # the palette searches in a worker
        if title in screen_text(pilot.app):
            break
        await pilot.pause(0.02)
    assert title in screen_text(pilot.app)
    await pilot.press("enter")
    await until_typed(pilot)


def test_the_palette_switches_language_and_the_reader_stays_where_it_was() -> None:
    """A user on the third position, with Topics open over it, switches to Italian from
    the palette: Topics closes, and the reader is in Italian on the same briefing, pane
    and item; switching back gives English again."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "j", "j")
        before = reader(app).location()
        item = reader(app).view.current_item()
        await pilot.press("t")
        await until_typed(pilot)
        assert not isinstance(app.screen, ReaderScreen)
        await choose_in_palette(pilot, "language", "Language: Italiano")
        assert isinstance(app.screen, ReaderScreen)
        assert i18n.language() == "it"
        assert "3 Posizioni" in tab_row(app)
        assert "Cerca" in footer_line(app)
        assert reader(app).location() == before
        assert reader(app).view.current_item() == item
        assert reader(app).focused is not None

        await choose_in_palette(pilot, "lingua", "Lingua: English")
        assert "3 Positions" in tab_row(app)
        assert reader(app).location() == before

    drive(BRIEFINGS, scenario, size=(120, 40))


def test_copies_are_labelled_in_the_briefings_language() -> None:
    """`Y` on the Italian briefing copies Italian labels from an English interface, and on
    the English one English labels from an Italian interface."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("Y")
        assert "## Italy's positions" in app.clipboard  # the seed, in English
        await pilot.press("f", *"27 partner", "enter")
        await until_typed(pilot)
        await pilot.press("3", "Y")
        assert "## Posizioni dell'Italia" in app.clipboard
        assert "15–16 gennaio 2025" in app.clipboard
        await choose_in_palette(pilot, "language", "Language: Italiano")
        await pilot.press("f", *"chiefs of defence meet", "enter")  # the seed again
        await until_typed(pilot)
        await pilot.press("Y")
        assert "## Italy's positions" in app.clipboard

    drive(BRIEFINGS, scenario, size=(120, 40))


def test_italian_tabs_take_no_more_room_than_english() -> None:
    """Where the English tabs fit, the Italian ones do."""
    english = sum(len(tab_label(pane)) for pane in PANES)
    with i18n.labelled_in("it"):
        italian = sum(len(tab_label(pane)) for pane in PANES)
    assert italian <= english


def test_short_days_and_months_in_the_timeline() -> None:
    day = dt.date(2026, 10, 21)
    assert (weekday_short(day), month_short(day)) == ("Wed", "Oct")
    with i18n.labelled_in("it"):
        assert (weekday_short(day), month_short(day)) == ("mer", "ott")

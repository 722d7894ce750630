"""A topic's history: what was said about it, meeting by meeting (timeline.topic_history),
and the Topics screen's `H` view of it, driven by keys."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp
from briefing_reader.catalogue import Prepared
from briefing_reader.loader import load_file
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.screens.topics import GrowingList, HistoryOption, TopicScreen
from briefing_reader.timeline import iter_topic_history, topic_history
from briefing_reader.topics import BriefingTopics
from pilot import detail_text, drive, screen_text, survives_burst, until_typed
from test_timeline import (
    MCCS,
    OTHER,
    SIDE_FILE,
    SUMMIT_FILE,
    assert_on,
    catalogue_of,
    load,
    write_library,
)


def places(entries: list) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(entry.path.name, entry.section, entry.index) for entry in entries]


OLDEST = [
    (SIDE_FILE, "agenda", 0),
    (SUMMIT_FILE, "positions", 0),
    (SUMMIT_FILE, "agenda", 0),
    (SUMMIT_FILE, "agenda", 2),
    (SUMMIT_FILE, "regions", 0),
    (OTHER, "positions", 0),
    (OTHER, "agenda", 0),
]
"""#ukraine in the test library up to the seed: same-date meetings in file order, and
within each, Italy's positions first, then the other sections in reading order."""


# --- timeline.topic_history ----------------------------------------------------------------


def test_history_runs_meeting_by_meeting_oldest_first_positions_first(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    history = topic_history(catalogue_of(load(folder), folder), "ukraine")
    assert places(history)[: len(OLDEST)] == OLDEST
    seed = [entry.section for entry in history[len(OLDEST) :]]
    assert {entry.path.name for entry in history[len(OLDEST) :]} == {MCCS}
    assert seed == ["positions", "agenda", *["bilaterals"] * 5, "initiatives", "initiatives"]
    assert [entry.date for entry in history] == sorted(entry.date for entry in history)


def test_newest_first_turns_the_meetings_round_not_their_items(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    history = topic_history(catalogue_of(load(folder), folder), "ukraine", newest_first=True)
    assert [entry.path.name for entry in history][:1] == [MCCS]
    assert (
        places(history)[-len(OLDEST) :]
        == [
            *OLDEST[5:],  # the test briefing, then the two meetings of 5 November in file order
            *OLDEST[:5],
        ]
    )


def test_history_from_load_results_matches_the_catalogues(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    results = load(folder)
    random.Random(5).shuffle(results)
    catalogue = catalogue_of(results, folder)
    for newest_first in (False, True):
        assert places(topic_history(results, "ukraine", newest_first=newest_first)) == places(
            topic_history(catalogue, "ukraine", newest_first=newest_first)
        )
    assert topic_history(catalogue, "no-such-topic") == []


def test_each_entry_carries_its_meeting_and_the_items_full_text(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    position = topic_history(load(folder), "ukraine")[1]
    assert (position.date.isoformat(), position.title) == (
        "2024-11-05",
        "Made-up summit over three days",
    )
    assert position.marking == "NATO SECRET"
    assert position.ref.path == folder / SUMMIT_FILE
    assert position.text == (
        "Italy on Ukraine\nStatement: Italy said something about Ukraine at the summit.\n#ukraine"
    )


def test_history_looks_at_the_items_of_a_meeting_only_when_it_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_library(tmp_path / "lib")
    catalogue = catalogue_of(load(folder), folder)
    opened: list[str] = []
    hits = BriefingTopics.hits

    def counted(self: BriefingTopics, topic: str) -> list:  # type: ignore[type-arg]
        opened.append(self.path.name)
        return hits(self, topic)

    monkeypatch.setattr(BriefingTopics, "hits", counted)
    first = next(iter_topic_history(catalogue, "ukraine"))
    assert first.path.name == SIDE_FILE
    assert opened == [SIDE_FILE]


def test_the_briefings_with_a_topic_follow_the_index_as_it_changes(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    catalogue = catalogue_of(load(folder), folder)
    index = catalogue.topics
    assert [part.path.name for part in index.briefings_with("ukraine")] == [
        MCCS,
        OTHER,
        SIDE_FILE,
        SUMMIT_FILE,
    ]
    index.briefings_with("ukraine").clear()  # a copy: what the index keeps is untouched
    assert len(index.briefings_with("ukraine")) == 4
    catalogue.remove(folder / OTHER)
    assert OTHER not in [part.path.name for part in index.briefings_with("ukraine")]
    catalogue.apply([Prepared.of(load_file(folder / OTHER))])
    assert len(index.briefings_with("ukraine")) == 4
    assert index.briefings_with("no-such-topic") == []


# --- the Topics screen's history -----------------------------------------------------------


async def open_topic(pilot: Pilot[None], app: BriefingApp, topic: str) -> TopicScreen:
    """Topics on `topic`, as a click on its tag opens them."""
    await app.screen.run_action(f"topics('{topic}')")
    await pilot.pause()
    assert isinstance(app.screen, TopicScreen)
    return app.screen


def items_column(app: BriefingApp) -> list[str]:
    """The lines of the right-hand column, as shown."""
    hits = app.screen.query_one("#topic-hits")
    left = hits.region.x
    return [line[left:].rstrip() for line in screen_text(app).splitlines()[2:-2]]


def test_h_shows_the_history_in_full_positions_first_dates_in_order(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await open_topic(pilot, app, "ukraine")
        assert "H History" in screen_text(app).splitlines()[-2]
        assert "Italy said something" not in screen_text(app)  # the grouped list: titles
        await pilot.press("H", "g")  # it stays on the item it was on: to the top
        column = [line.strip() for line in items_column(app)]
        assert column[0] == "#ukraine · 16 items in 4 briefings · meeting by meeting, oldest first"
        meetings = [line for line in column if " · " in line and line[0].isdigit()]
        assert meetings == [
            "5 November 2024 · A side meeting on the same day · UNCLASSIFIED",
            "5–7 November 2024 · Made-up summit over three days · NATO SECRET",
            "1 June 2025 · Test briefing sharing a topic · NATO RESTRICTED",
            "21–22 January 2026 · Chiefs of Defence meet at NATO Headquarters · UNCLASSIFIED",
        ]
        summit = column.index(meetings[1])
        assert column[summit + 1 : summit + 9] == [
            "Italy's positions",
            "Italy on Ukraine",
            "Italy said something about Ukraine at the summit.",  # the full text
            "#ukraine",
            "",
            "Agenda",
            "Opening on Ukraine",
            "5 November 2024",
        ]
        assert "o Order" in screen_text(app).splitlines()[-2]
        await pilot.press("o", "g")
        column = [line.strip() for line in items_column(app)]
        assert column[0].endswith("meeting by meeting, newest first")
        assert column[1].startswith("21–22 January 2026")
        await pilot.press("H")  # back to the grouped list
        assert "Italy said something" not in screen_text(app)
        assert "o Order" not in screen_text(app).splitlines()[-2]

    drive(write_library(tmp_path / "lib"), scenario, size=(160, 48))


def test_enter_on_a_history_entry_opens_that_item(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await open_topic(pilot, app, "ukraine")
        await pilot.press("H", "g", "j", "j", "j", "enter")  # the summit's third day
        assert_on(app, reader)
        assert reader.current == folder / SUMMIT_FILE
        assert (reader.pane, reader.view.index("agenda")) == ("agenda", 2)
        assert "On the third day Ukraine came back." in detail_text(app)
        await pilot.press("backspace")
        assert reader.current == folder / MCCS

    drive(folder, scenario)


def test_a_long_history_is_listed_as_it_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for day in range(1, 29):
        for month in (1, 2, 3):
            (folder / f"2025-{month:02}-{day:02}.yaml").write_text(
                f"title: Meeting {month}/{day}\ndate: 2025-{month:02}-{day:02}\n"
                "agenda: []\nregions: []\nbilaterals: []\n"
                "positions:\n  - title: Said on Ukraine\n"
                f"    statement: Statement number {month}/{day}.\n    topics: [ukraine]\n",
                encoding="utf-8",
            )

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        screen = await open_topic(pilot, app, "ukraine")
        await pilot.press("H")
        history = screen.query_one("#topic-hits", GrowingList)
        listed = history.option_count
        assert history.more
        assert listed < 2 * 84  # a meeting heading and an item each
        assert "Statement number 1/1." in screen_text(app)
        for _ in range(listed // 2):  # down to the last item listed: more are listed
            await pilot.press("j")
        assert history.option_count > listed
        await pilot.press("G")  # the end: everything
        assert not history.more
        assert history.option_count == 2 * 84
        assert "Statement number 3/28." in screen_text(app)
        option = history.highlighted_option
        assert isinstance(option, HistoryOption)
        assert option.entry.date.isoformat() == "2025-03-28"
        await pilot.press("o")  # newest first, from the top
        assert "Statement number 3/28." in screen_text(app)
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == lines[-1].strip() == "UNMARKED"

    drive(folder, scenario, size=(80, 24))


TOPIC_KEYS = [*"jjkkgGHHohl", "tab", "pagedown", "pageup", "end", "home", "down", "up"]


def test_a_random_burst_of_keys_in_the_history_never_crashes(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        chooser = random.Random(7)
        for size in ((80, 24), (160, 48)):
            await pilot.resize_terminal(*size)
            while not isinstance(app.screen, ReaderScreen):
                await pilot.press("escape")
                await until_typed(pilot)
            await open_topic(pilot, app, "ukraine")
            await pilot.press("H")
            await survives_burst(pilot, [chooser.choice(TOPIC_KEYS) for _ in range(30)])

    drive(write_library(tmp_path / "lib"), scenario)

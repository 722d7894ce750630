"""The timeline: every briefing and dated agenda day on one time axis (timeline.py), and
the screen that shows it, driven by keys as a user does (screens/timeline.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from briefing_reader.app import BriefingApp
from briefing_reader.catalogue import Catalogue, Prepared
from briefing_reader.library import briefing_files
from briefing_reader.loader import LoadResult, load_file
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.screens.timeline import EntryOption, TimelineList, TimelineScreen
from briefing_reader.timeline import group_by_month, timeline_entries
from briefing_reader.topics import ItemRef
from pilot import (
    detail_text,
    drive,
    make_library,
    notifications,
    screen_text,
    static_text,
    survives_burst,
    until_typed,
)
from test_core_imports import modules_loaded_after

SUMMIT = """\
title: Made-up summit over three days
date: 2024-11-05
end_date: 2024-11-07
short_name: MUS
classification: NATO SECRET
agenda:
  - title: Opening on Ukraine
    day: 2024-11-05
    summary: Day one opened on Ukraine.
    topics: [ukraine]
  - title: Baltic exercises
    day: 2024-11-06
    topics: [baltic-states]
  - title: Ukraine again
    day: 2024-11-07
    summary: On the third day Ukraine came back.
    topics: [ukraine]
  - title: Closing remarks
    day: 2024-11-07
positions:
  - title: Italy on Ukraine
    statement: Italy said something about Ukraine at the summit.
    topics: [ukraine]
regions:
  - name: Black Sea
    concern: Shipping near Ukraine.
    topics: [ukraine]
bilaterals: []
"""
"""Made up for tests: three agenda days, two of them about Ukraine."""

SIDE_MEETING = """\
title: A side meeting on the same day
date: 2024-11-05
classification: UNCLASSIFIED
agenda:
  - title: Ukraine on the side
    topics: [ukraine]
positions: []
regions: []
bilaterals: []
"""
"""Made up for tests: the same date as the summit, a file name that sorts before it."""

MCCS = "2026-01-21-mccs-brussels.yaml"
OTHER = "2025-06-01-test.yaml"
SUMMIT_FILE = "2024-11-05-summit.yaml"
SIDE_FILE = "2024-11-05-a-side.yaml"


def write_library(folder: Path) -> Path:
    """The seed (two agenda days), the test briefing, the summit and the side meeting."""
    make_library(folder)
    (folder / SUMMIT_FILE).write_text(SUMMIT, encoding="utf-8")
    (folder / SIDE_FILE).write_text(SIDE_MEETING, encoding="utf-8")
    return folder


def load(folder: Path) -> list[LoadResult]:
    return [load_file(path) for path in briefing_files(folder)]


def catalogue_of(results: list[LoadResult], root: Path) -> Catalogue:
    catalogue = Catalogue(root)
    catalogue.apply(Prepared.of(result) for result in results)
    catalogue.finish()
    return catalogue


def rows(entries: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(entry.date.isoformat(), entry.kind, entry.path.name) for entry in entries]


NEWEST = [
    ("2026-01-22", "day", MCCS),
    ("2026-01-21", "briefing", MCCS),
    ("2026-01-21", "day", MCCS),
    ("2025-06-01", "briefing", OTHER),
    ("2024-11-07", "day", SUMMIT_FILE),
    ("2024-11-06", "day", SUMMIT_FILE),
    ("2024-11-05", "briefing", SIDE_FILE),
    ("2024-11-05", "briefing", SUMMIT_FILE),
    ("2024-11-05", "day", SUMMIT_FILE),
]


# --- timeline.py ---------------------------------------------------------------------------


def test_every_briefing_and_agenda_day_newest_first(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    assert rows(timeline_entries(catalogue_of(load(folder), folder))) == NEWEST


def test_oldest_first_keeps_file_order_within_a_date(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    entries = timeline_entries(catalogue_of(load(folder), folder), newest_first=False)
    assert rows(entries)[:3] == [
        ("2024-11-05", "briefing", SIDE_FILE),
        ("2024-11-05", "briefing", SUMMIT_FILE),
        ("2024-11-05", "day", SUMMIT_FILE),
    ]
    assert [entry.date for entry in entries] == sorted(entry.date for entry in entries)


def test_load_results_in_any_order_give_the_same_timeline(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    results = load(folder)
    random.Random(3).shuffle(results)
    assert rows(timeline_entries(results)) == NEWEST
    assert rows(timeline_entries(results, topic="ukraine")) == rows(
        timeline_entries(catalogue_of(results, folder), topic="ukraine")
    )


def test_an_entry_opens_a_briefing_at_its_overview_and_a_day_at_its_first_item(
    tmp_path: Path,
) -> None:
    folder = write_library(tmp_path / "lib")
    entries = timeline_entries(load(folder))
    summit = folder / SUMMIT_FILE
    third_day = next(entry for entry in entries if entry.date == dt.date(2024, 11, 7))
    assert third_day.ref == ItemRef(summit, "agenda", 2)
    assert third_day.day_items == (2, 3)
    assert third_day.day_number == 3
    assert third_day.marking == "NATO SECRET"
    briefing = next(e for e in entries if e.kind == "briefing" and e.path == summit)
    assert briefing.ref == ItemRef(summit, "overview", 0)
    assert briefing.day_number is None


def test_a_topic_keeps_the_meetings_and_days_that_touched_it(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    catalogue = catalogue_of(load(folder), folder)
    ukraine = timeline_entries(catalogue, topic="ukraine")
    # the seed's agenda days are on other topics (its Ukraine item has no day)
    assert rows(ukraine) == [
        row for row in NEWEST if row[1] == "briefing" or row[0] in ("2024-11-05", "2024-11-07")
    ]
    third_day = next(entry for entry in ukraine if entry.date == dt.date(2024, 11, 7))
    assert third_day.day_items == (2,)  # not the closing remarks
    assert rows(timeline_entries(catalogue, topic="baltic-states")) == [
        ("2024-11-06", "day", SUMMIT_FILE),
        ("2024-11-05", "briefing", SUMMIT_FILE),
    ]
    assert timeline_entries(catalogue, topic="no-such-topic") == []


def test_entries_group_by_year_and_month(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    groups = group_by_month(timeline_entries(load(folder)))
    assert [group.label for group in groups] == ["January 2026", "June 2025", "November 2024"]
    assert [len(group.entries) for group in groups] == [3, 1, 5]


def test_a_file_that_breaks_keeps_its_last_good_version_on_the_timeline(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    results = load(folder)
    catalogue = catalogue_of(results, folder)
    broken = LoadResult(folder / SUMMIT_FILE, None, ())
    catalogue.apply([Prepared.of(broken)])
    assert rows(timeline_entries(catalogue)) == NEWEST
    others = [result for result in results if result.path != broken.path]
    assert SUMMIT_FILE not in {row[2] for row in rows(timeline_entries([*others, broken]))}


def test_a_catalogue_that_changes_gives_a_new_timeline(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    catalogue = catalogue_of(load(folder), folder)
    assert len(timeline_entries(catalogue)) == len(NEWEST)
    newer = folder / "2027-01-01-new.yaml"
    newer.write_text(SIDE_MEETING.replace("2024-11-05", "2027-01-01"), encoding="utf-8")
    catalogue.apply([Prepared.of(load_file(newer))])
    assert rows(timeline_entries(catalogue))[0] == ("2027-01-01", "briefing", newer.name)
    catalogue.remove(newer)
    assert rows(timeline_entries(catalogue)) == NEWEST


def test_the_timeline_module_imports_neither_textual_nor_rich() -> None:
    loaded = modules_loaded_after("import briefing_reader.timeline")
    assert not loaded & {"textual", "rich"}


# --- the screen ----------------------------------------------------------------------------


async def open_timeline(app: BriefingApp, topic: str | None = None) -> TimelineScreen:
    """Open the timeline over the reader, as its key does, jumping where it says."""
    reader = app.screen
    assert isinstance(reader, ReaderScreen)

    async def jump(ref: ItemRef | None) -> None:
        if ref is not None:
            await reader.open_ref(ref)

    screen = TimelineScreen(app.catalogue, app.catalogue_changed, topic=topic)
    await app.push_screen(screen, jump)
    return screen


def assert_on(app: BriefingApp, screen: object) -> None:
    """The screen on top is `screen` (a function: mypy would narrow the caller's variable)."""
    assert app.screen is screen


def highlighted(app: BriefingApp) -> tuple[str, str, str]:
    option = app.screen.query_one(TimelineList).highlighted_option
    assert isinstance(option, EntryOption)
    entry = option.entry
    return (entry.date.isoformat(), entry.kind, entry.path.name)


def preview_text(app: BriefingApp) -> str:
    return static_text(app, "#timeline-preview-body")


def test_the_timeline_lists_months_under_years_and_previews_the_highlight(
    tmp_path: Path,
) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        screen = await open_timeline(app)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == lines[-1].strip() == "NATO SECRET"  # the highest listed
        assert "Timeline · 4 briefings, 5 agenda days · newest first" in lines[1]
        listing, preview = screen.query_one(TimelineList), screen.query_one("#timeline-preview")
        assert preview.region.x >= listing.region.right  # beside it, at 160 columns
        width = listing.content_region.right
        listed = [" ".join(line[:width].split()) for line in lines[2:18]]
        assert listed == [
            "2026",
            "January 2026 · 1 briefing",
            "Thu 22 UNCLASSIFIED ↳ day 2 · Indo-Pacific partners (IP4)",
            "Wed 21–22 UNCLASSIFIED Chiefs of Defence meet at NATO Headquarters",
            "Wed 21 UNCLASSIFIED ↳ day 1 · Deterrence and defence posture +2",
            "2025",
            "June 2025 · 1 briefing",
            "Sun 1 NATO RESTRICTED Test briefing sharing a topic",
            "2024",
            "November 2024 · 2 briefings",
            "Thu 7 NATO SECRET ↳ day 3 · Ukraine again +1",
            "Wed 6 NATO SECRET ↳ day 2 · Baltic exercises",
            "Tue 5 UNCLASSIFIED A side meeting on the same day",
            "Tue 5–7 NATO SECRET Made-up summit over three days",
            "Tue 5 NATO SECRET ↳ day 1 · Opening on Ukraine",
            "",
        ]
        assert highlighted(app) == NEWEST[0]
        assert "Day 2 · 22 January 2026" in preview_text(app)
        assert "Indo-Pacific partners (IP4)" in preview_text(app)
        await pilot.press("j", "j", "j")
        assert highlighted(app) == NEWEST[3]
        assert "Test briefing sharing a topic" in preview_text(app)
        assert "Testville" in preview_text(app)
        await pilot.press("j")  # over the headings of 2024 and November
        assert highlighted(app) == NEWEST[4]
        assert "Day 3 · 7 November 2024" in preview_text(app)
        assert "On the third day Ukraine came back." in preview_text(app)  # in full
        assert "Closing remarks" in preview_text(app)

    drive(write_library(tmp_path / "lib"), scenario, size=(160, 48))


def test_o_turns_the_order_round_on_the_same_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TimelineList, "BATCH", 3)  # rows listed as they come into view

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await open_timeline(app)
        listing = app.screen.query_one(TimelineList)
        assert listing.more
        await pilot.press("j", "j", "j", "o")
        assert "oldest first" in screen_text(app).splitlines()[1]
        assert highlighted(app) == NEWEST[3]  # still on the test briefing
        await pilot.press("g")
        assert highlighted(app) == ("2024-11-05", "briefing", SIDE_FILE)
        await pilot.press("o", "g")
        assert highlighted(app) == NEWEST[0]
        await pilot.press("G")  # the end lists everything
        assert not listing.more
        assert highlighted(app) == NEWEST[-1]
        lines = screen_text(app).splitlines()
        assert len(lines) == 24
        assert lines[0].strip() == lines[-1].strip() == "NATO SECRET"
        listing, preview = (
            app.screen.query_one(TimelineList),
            app.screen.query_one("#timeline-preview"),
        )
        assert preview.region.y > listing.region.y  # below it, at 80 columns
        assert listing.region.width == preview.region.width == 80

    drive(write_library(tmp_path / "lib"), scenario, size=(80, 24))


def test_enter_opens_a_day_at_its_first_item_and_a_briefing_at_its_overview(
    tmp_path: Path,
) -> None:
    folder = write_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("3")  # Italy's positions in the seed
        await open_timeline(app)
        await pilot.press("o", "g", "j", "j", "j", "j")
        assert highlighted(app) == ("2024-11-07", "day", SUMMIT_FILE)
        await pilot.press("enter")
        assert_on(app, reader)
        assert reader.current == folder / SUMMIT_FILE
        assert (reader.pane, reader.view.index("agenda")) == ("agenda", 2)
        assert "On the third day Ukraine came back." in detail_text(app)
        assert screen_text(app).splitlines()[0].strip() == "NATO SECRET"
        await pilot.press("backspace")  # back where the reader was
        assert (reader.current, reader.pane) == (folder / MCCS, "positions")
        await open_timeline(app)
        await pilot.press("j", "j", "j", "enter")
        assert (reader.current, reader.pane) == (folder / OTHER, "overview")
        await open_timeline(app)
        await pilot.press("j", "escape")  # leaving changes nothing
        assert_on(app, reader)
        assert (reader.current, reader.pane) == (folder / OTHER, "overview")

    drive(folder, scenario)


def test_a_topic_typed_after_f_shows_only_the_meetings_that_touched_it(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        screen = await open_timeline(app)
        await pilot.press("f", *"ukr", "enter")  # the most used topic that starts so
        text = screen_text(app)
        assert "· only #ukraine" in text.splitlines()[1]
        assert "Baltic exercises" not in text
        assert "day 3 · Ukraine again" in text
        assert "About #ukraine: 9 items" in preview_text(app)
        assert app.focused is screen.query_one(TimelineList)
        await pilot.press("number_sign", *"arctic", "enter")  # only in the seed
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == lines[-1].strip() == "UNCLASSIFIED"  # the highest in view
        assert "Test briefing sharing a topic" not in "\n".join(lines)
        await pilot.press("f", *"zzz", "enter")
        assert "No topic like “zzz”." in [str(note.message) for note in app._notifications]
        assert screen.topic == "arctic"
        assert screen.query_one("#timeline-filter", Input).has_focus
        await pilot.press("escape")  # every briefing again
        assert "newest first" in screen_text(app).splitlines()[1]
        assert "only #" not in screen_text(app)
        assert screen_text(app).splitlines()[0].strip() == "NATO SECRET"
        assert app.focused is screen.query_one(TimelineList)
        box = screen.query_one("#timeline-filter", Input)
        await pilot.press("f", "tab")  # the box shows only while it has the keyboard
        assert not box.display
        await pilot.press("f", "ctrl+p", "escape")
        await until_typed(pilot)
        assert box.has_focus
        assert box.display

    drive(write_library(tmp_path / "lib"), scenario)


def test_the_palette_filters_by_topic_and_so_does_opening_on_one(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        screen = await open_timeline(app)
        titles = [entry.title for entry in screen.palette_entries()]
        assert "Timeline: oldest first" in titles
        assert "Topic: baltic-states" in titles
        await pilot.press("ctrl+p", *"topic: arctic", "enter")
        await until_typed(pilot)
        assert app.screen is screen
        assert screen.topic == "arctic"
        await pilot.press("escape")
        await open_timeline(app, topic="baltic-states")
        await pilot.pause()
        assert "only #baltic-states" in screen_text(app).splitlines()[1]
        assert highlighted(app) == ("2024-11-06", "day", SUMMIT_FILE)
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert (reader.pane, reader.view.index("agenda")) == ("agenda", 1)

    drive(write_library(tmp_path / "lib"), scenario)


def test_the_timeline_follows_files_saved_while_it_is_open(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await open_timeline(app)
        await pilot.press("j", "j", "j")
        newer = SIDE_MEETING.replace("2024-11-05", "2027-03-02").replace("side meeting", "new")
        (folder / "2027-03-02-new.yaml").write_text(newer, encoding="utf-8")
        for _ in range(300):
            if "March 2027" in screen_text(app):
                break
            await asyncio.sleep(0.02)
        assert "A new on the same day" in screen_text(app)
        assert highlighted(app) == NEWEST[3]  # the user's place is kept

    drive(folder, scenario, watch=True, poll_seconds=0.05)


TIMELINE_KEYS = [
    *"jkgGo#f",
    *"ukraine",
    *"abT",
    "enter",
    "escape",
    "backspace",
    "tab",
    "down",
    "up",
    "pageup",
    "pagedown",
    "home",
    "end",
]


def test_a_random_burst_of_keys_on_the_timeline_never_crashes(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        chooser = random.Random(11)
        for size in ((80, 24), (160, 48)):
            await pilot.resize_terminal(*size)
            for _step in range(10):  # a few Escapes lead back from any screen the keys opened
                if isinstance(app.screen, ReaderScreen):
                    break
                await pilot.press("escape")
                await until_typed(pilot)
            assert isinstance(app.screen, ReaderScreen)
            await open_timeline(app)
            await survives_burst(pilot, [chooser.choice(TIMELINE_KEYS) for _ in range(30)])

    drive(write_library(tmp_path / "lib"), scenario)


def test_the_timeline_opens_again_where_it_was_left_with_what_changed_while_closed(
    tmp_path: Path,
) -> None:
    """Kept once opened: T, Escape, T finds the same entry highlighted, and a briefing saved
    while it was closed is listed when it opens again."""
    folder = write_library(tmp_path / "lib")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("T")
        await until_typed(pilot)
        first = app.screen
        assert isinstance(first, TimelineScreen)
        await pilot.press("j", "j", "j", "o", "escape")
        await until_typed(pilot)
        assert isinstance(app.screen, ReaderScreen)
        fills: list[int] = []
        real_fill = first._fill

        def counted_fill() -> None:
            fills.append(1)
            real_fill()

        first._fill = counted_fill  # type: ignore[method-assign]
        newer = SIDE_MEETING.replace("2024-11-05", "2027-03-02").replace("side meeting", "new")
        (folder / "2027-03-02-new.yaml").write_text(newer, encoding="utf-8")
        for _ in range(300):
            if (folder / "2027-03-02-new.yaml") in app.catalogue:
                break
            await asyncio.sleep(0.02)
        await pilot.pause()
        assert fills == []  # not refilled while closed: when it opens again
        await pilot.press("T")
        await until_typed(pilot)
        assert_on(app, first)
        assert highlighted(app) == list(reversed(NEWEST))[5]  # oldest first, as left
        assert "oldest first" in screen_text(app).splitlines()[1]
        await pilot.press("G")
        await until_typed(pilot)
        assert "A new on the same day" in preview_text(app)
        await pilot.press("enter")
        await until_typed(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.current == folder / "2027-03-02-new.yaml"

    drive(folder, scenario, watch=True, poll_seconds=0.05)


def test_the_kept_timeline_opens_on_the_topic_asked_for_and_in_the_language_in_force(
    tmp_path: Path,
) -> None:
    """T opens it as it was left, its topic filter too; a caller naming a topic opens it on
    that topic; a language switch makes it anew, the old one gone."""

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("T", "f", *"arctic", "enter", "escape")
        await until_typed(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("T")
        await until_typed(pilot)
        assert "only #arctic" in screen_text(app).splitlines()[1]
        await pilot.press("escape")
        await until_typed(pilot)
        await reader.action_timeline("baltic-states")
        await pilot.pause()
        assert "only #baltic-states" in screen_text(app).splitlines()[1]
        assert highlighted(app) == ("2024-11-06", "day", SUMMIT_FILE)
        await pilot.press("escape")
        await reader.action_timeline("no-such-topic")
        await pilot.pause()
        assert "only #" not in screen_text(app).splitlines()[1]
        assert "No briefing has the topic #no-such-topic." in notifications(app)
        await pilot.press("escape", "T")
        await until_typed(pilot)
        kept = app.screen
        assert "Timeline · 4 briefings" in screen_text(app).splitlines()[1]
        await pilot.press("escape")
        await until_typed(pilot)
        await app.switch_language("it")
        assert not kept.is_attached
        await pilot.press("T")
        await until_typed(pilot)
        assert app.screen is not kept
        assert "Cronologia · 4 briefing" in screen_text(app).splitlines()[1]

    drive(write_library(tmp_path / "lib"), scenario)

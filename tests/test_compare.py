"""Comparing two briefings: word diffs, the same meeting revised, two meetings, the plain
text, Markdown and Rich outputs, and the compare screen driven by keys."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import random
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from rich.style import Style
from textual.pilot import Pilot

from briefing_reader.app import BriefingApp
from briefing_reader.compare import (
    Comparison,
    Row,
    compare,
    comparison_markdown,
    comparison_text,
    is_same_meeting,
    side_of,
    word_diff,
)
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import Briefing, item_heading
from briefing_reader.render_compare import DELETED, INSERTED, comparison_rich
from briefing_reader.screens.compare import CompareScreen, RowOption, TopicOption
from briefing_reader.screens.reader import ReaderScreen
from conftest import MINIMAL
from pilot import SEED, burst, make_library, screen_text, until_loaded, until_typed

# --- fixtures: the seed, a revision of it, and another meeting ------------------------------

INSERTED_POSITION = """\
  - title: Readiness of the Alliance's forces
    statement: >
      He stressed that the readiness of the Alliance's forces comes first.
    topics: [readiness]

"""

# A second meeting, made up for tests only (not a real event), sharing two topics.
OTHER_MEETING = """\
title: Test meeting of defence ministers
date: 2026-02-12
place: Testville
classification: NATO RESTRICTED
agenda:
  - title: Test agenda item on Ukraine
    topics: [ukraine]
positions:
  - title: Test position on Ukraine
    statement: >
      He reaffirmed that Italy will continue to support Ukraine, both bilaterally
      and within NATO.
    topics: [ukraine]
  - title: Test position on industry
    statement: Industrial ramp-up plans need to be aligned with capability targets.
    topics: [industrial-ramp-up]
  - title: Test position on nothing shared
    statement: A statement on a topic the seed does not have.
    topics: [testing]
regions: []
bilaterals: []
"""


def revised_text(seed: str) -> str:
    """The seed as its author might revise it: a position inserted above the first, one
    reworded, one removed."""
    first = "positions:\n  - title: Honouring Alliance commitments\n"
    assert first in seed
    text = seed.replace(first, "positions:\n" + INSERTED_POSITION + first[len("positions:\n") :])
    old = "Italian Defence will continue to support Ukraine, both"
    assert old in text
    text = text.replace(old, "Italian Defence will keep supporting Ukraine, both")
    start = text.index("  - title: The Arctic\n")
    end = text.index("  - title: Balkans, Middle East")
    return text[:start] + text[end:]


def load(text: str) -> Briefing:
    result = load_text(text)
    assert result.briefing is not None, result.problems
    return result.briefing


@pytest.fixture(scope="module")
def seed() -> Briefing:
    briefing = load_file(SEED).briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module")
def revised(seed: Briefing) -> Briefing:
    return load(revised_text(SEED.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def revision(seed: Briefing, revised: Briefing) -> Comparison:
    return compare(seed, revised)


@pytest.fixture(scope="module")
def meetings(seed: Briefing) -> Comparison:
    return compare(seed, load(OTHER_MEETING))


def seed_with_statement(seed: Briefing, words: str) -> Briefing:
    """The seed with the statement of its last position replaced by `words`, as a file
    could hold them (a double-quoted YAML string takes any character, as an escape)."""
    last = dataclasses.replace(seed.positions[-1], statement=words)
    return dataclasses.replace(seed, positions=(*seed.positions[:-1], last))


def headings(rows: tuple[Row, ...]) -> list[tuple[str, str]]:
    return [(row.status, item_heading(row.item)) for row in rows]


def statement(row: Row) -> list[tuple[str, str]]:
    return next(list(field.ops) for field in row.fields if field.name == "statement")


# --- word_diff -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("same words", "same words", [("equal", "same words")]),
        ("", "", []),
        ("", "new words", [("insert", "new words")]),
        ("old words", "", [("delete", "old words")]),
        (
            "he will continue to support Ukraine",
            "he will keep supporting Ukraine",
            [
                ("equal", "he will"),
                ("delete", "continue to support"),
                ("insert", "keep supporting"),
                ("equal", "Ukraine"),
            ],
        ),
        ("a b c", "x a b c", [("insert", "x"), ("equal", "a b c")]),
        ("a b c", "a b", [("equal", "a b"), ("delete", "c")]),
        # words, not characters: punctuation belongs to its word
        (
            "the Alliance.",
            "the Alliance,",
            [("equal", "the"), ("delete", "Alliance."), ("insert", "Alliance,")],
        ),
        # spacing and line breaks are not changes
        ("a  b\nc", "a b c", [("equal", "a b c")]),
    ],
)
def test_word_diff_marks_the_words_that_changed(
    old: str, new: str, expected: list[tuple[str, str]]
) -> None:
    assert word_diff(old, new) == expected


def test_each_side_shows_its_own_words() -> None:
    ops = word_diff("he will continue to support", "he will keep supporting")

    assert " ".join(words for _, words in side_of(ops, "a")) == "he will continue to support"
    assert " ".join(words for _, words in side_of(ops, "b")) == "he will keep supporting"


def test_the_comparison_imports_neither_textual_nor_rich() -> None:
    """`compare.py` is core, like the exports it prints through: the CLI can use it bare."""
    script = (
        "import sys, briefing_reader.compare; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30
    )
    assert done.stdout.strip() == "[]"


# --- the same meeting revised ----------------------------------------------------------------


def test_a_revision_is_recognised_as_the_same_meeting(revision: Comparison) -> None:
    assert revision.same_meeting


def test_a_revision_finds_the_inserted_the_removed_and_the_reworded_position(
    revision: Comparison,
) -> None:
    rows = revision.section("positions").rows

    assert headings(rows) == [
        ("only-b", "Readiness of the Alliance's forces"),  # inserted above the first
        ("same", "Honouring Alliance commitments"),
        ("same", "Integrated air and missile defence under political control"),
        ("same", "Aligning industrial ramp-up plans"),
        ("only-a", "The Arctic"),  # removed
        ("same", "Balkans, Middle East and the Southern Flank"),
        ("same", "Updating NATO's partnership strategy"),
        ("changed", "Continued support to Ukraine"),  # reworded
    ]
    assert revision.section("positions").summary() == (
        "6 in both (1 changed), 1 only in A, 1 only in B"
    )


def test_a_reworded_position_marks_exactly_the_changed_words(revision: Comparison) -> None:
    reworded = revision.section("positions").rows[-1]

    assert statement(reworded) == [
        ("equal", "He reaffirmed that Italian Defence will"),
        ("delete", "continue to support"),
        ("insert", "keep supporting"),
        ("equal", "Ukraine, both bilaterally and multilaterally."),
    ]
    assert reworded.heading == (("equal", "Continued support to Ukraine"),)
    assert reworded.changed_words == 5
    unchanged = [field for field in reworded.fields if field.name != "statement"]
    assert all(op == "equal" for field in unchanged for op, _ in field.ops)


def test_the_sections_a_revision_left_alone_are_the_same(revision: Comparison) -> None:
    for section in revision.sections:
        if section.name != "positions":
            assert {row.status for row in section.rows} <= {"same"}, section.name


def test_a_renamed_item_with_the_same_text_is_matched(seed: Briefing) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "title: Honouring Alliance commitments", "title: Keeping our word to the Alliance"
    )
    rows = compare(seed, load(text)).section("positions").rows

    assert rows[0].status == "changed"
    assert rows[0].heading == (
        ("delete", "Honouring"),
        ("insert", "Keeping our word to the"),
        ("equal", "Alliance"),
        ("delete", "commitments"),
    )


def test_a_topic_lists_its_rows_in_both_and_in_one(revision: Comparison) -> None:
    by_topic = {topic.topic: topic for topic in revision.topics}

    arctic = [(found.section, found.row.status) for found in by_topic["arctic"].rows]
    assert arctic == [("positions", "only-a"), ("regions", "same")]
    readiness = [(found.section, found.row.status) for found in by_topic["readiness"].rows]
    assert readiness == [("agenda", "same"), ("positions", "only-b"), ("positions", "same")]
    ukraine = [found.row for found in by_topic["ukraine"].rows if found.section == "positions"]
    assert [row.status for row in ukraine] == ["changed"]
    assert ("insert", "keep supporting") in statement(ukraine[0])


def test_a_briefing_compared_with_itself_is_the_same_everywhere(seed: Briefing) -> None:
    same = compare(seed, seed)

    assert {row.status for section in same.sections for row in section.rows} == {"same"}
    assert {topic.status for topic in same.topics} == {"both"}


# --- two meetings ----------------------------------------------------------------------------


def test_two_meetings_are_recognised_as_such(meetings: Comparison) -> None:
    assert not meetings.same_meeting


def test_two_meetings_pair_items_by_the_topics_they_share(meetings: Comparison) -> None:
    rows = meetings.section("positions").rows
    pairs = {
        (item_heading(row.a), item_heading(row.b)): row.shared_topics
        for row in rows
        if row.a is not None and row.b is not None
    }

    assert pairs == {
        ("Aligning industrial ramp-up plans", "Test position on industry"): ("industrial-ramp-up",),
        ("Continued support to Ukraine", "Test position on Ukraine"): ("ukraine",),
    }
    assert {row.status for row in rows if row.a and row.b} == {"related"}
    assert ("only-b", "Test position on nothing shared") in headings(rows)
    agenda = meetings.section("agenda").rows
    related = [(item_heading(row.a), item_heading(row.b)) for row in agenda if row.a and row.b]
    assert related == [("Support to Ukraine", "Test agenda item on Ukraine")]


def test_positions_on_a_shared_topic_sit_side_by_side_with_their_words_compared(
    meetings: Comparison,
) -> None:
    ukraine = next(topic for topic in meetings.topics if topic.topic == "ukraine")
    positions = [found.row for found in ukraine.rows if found.section == "positions"]

    assert len(positions) == 1
    assert statement(positions[0]) == [
        ("equal", "He reaffirmed that"),
        ("delete", "Italian Defence"),
        ("insert", "Italy"),
        ("equal", "will continue to support Ukraine, both bilaterally and"),
        ("delete", "multilaterally."),
        ("insert", "within NATO."),
    ]


def test_topics_in_both_come_first_then_those_of_one_side(meetings: Comparison) -> None:
    statuses = [topic.status for topic in meetings.topics]

    assert statuses == sorted(statuses, key=["both", "only-a", "only-b"].index)
    both = [topic.topic for topic in meetings.topics if topic.status == "both"]
    assert both == ["industrial-ramp-up", "ukraine"]
    assert [t.topic for t in meetings.topics if t.status == "only-b"] == ["testing"]


def test_a_yearly_meeting_under_the_same_title_is_another_meeting(seed: Briefing) -> None:
    next_year = SEED.read_text(encoding="utf-8").replace("2026-01-21", "2027-01-20")
    next_year = next_year.replace("2026-01-22", "2027-01-21")
    corrected = SEED.read_text(encoding="utf-8").replace("date: 2026-01-21", "date: 2026-01-20")

    assert not is_same_meeting(seed, load(next_year))
    assert is_same_meeting(seed, load(corrected))


# --- plain text, Markdown and Rich ----------------------------------------------------------

ESCAPE_CODES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def test_text_output_marks_changes_without_colour_and_has_no_escape_codes(
    revision: Comparison,
) -> None:
    text = comparison_text(revision, 80)
    lines = text.splitlines()

    assert not ESCAPE_CODES.search(text)
    assert lines[0] == lines[-1] == "UNCLASSIFIED"
    assert "[-continue to support-]" in text
    assert "{+keep supporting+}" in text
    assert "Only in B: Readiness of the Alliance's forces" in text
    assert "Only in A: The Arctic" in text
    assert all(len(line) <= 80 for line in lines)


def test_text_output_heads_each_side_with_its_own_marking(meetings: Comparison) -> None:
    lines = comparison_text(meetings, 60).splitlines()

    assert lines[0] == lines[-1] == "NATO RESTRICTED"  # the higher of the two
    assert "A: UNCLASSIFIED" in lines
    assert "B: NATO RESTRICTED" in lines
    assert "   Test meeting of defence ministers" in lines
    assert "   12 February 2026" in lines


def test_text_output_shows_control_characters_as_stand_ins(seed: Briefing) -> None:
    changed = compare(seed, seed_with_statement(seed, "He reaffirmed \x1b[31m support"))
    output = comparison_text(changed, 80)

    assert not ESCAPE_CODES.search(output)
    assert "{+␛[31m+}" in output


def rendered(markdown: str) -> str:
    """CommonMark as HTML, with GitHub's strikethrough (which plain CommonMark lacks)."""
    html: str = MarkdownIt("commonmark").enable("strikethrough").render(markdown)
    return html


def test_markdown_strikes_deleted_words_and_bolds_inserted_ones(revision: Comparison) -> None:
    markdown = comparison_markdown(revision)
    html = rendered(markdown)
    blocks = markdown.strip().split("\n\n")

    assert blocks[0] == blocks[-1] == "**UNCLASSIFIED**"
    assert "~~continue to support~~ **keep supporting**" in markdown
    assert "<s>continue to support</s> <strong>keep supporting</strong>" in html
    assert "<h3>Only in A: The Arctic</h3>" in html


def test_markdown_keeps_the_files_text_literal(seed: Briefing) -> None:
    markup = "*starred* _under_ <b>bold</b> [a link](https://example.org) `code` &amp; ~~x~~"
    changed = compare(seed, seed_with_statement(seed, f"He reaffirmed {markup} as typed"))
    html = rendered(comparison_markdown(changed))

    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"p", "h1", "h2", "h3", "ul", "li", "strong", "s", "br"}
    # the inserted words arrive as typed (escaped for HTML by the renderer), inside <strong>
    inserted = re.search(r"<strong>(\*starred\*.*?)</strong>", html)
    assert inserted is not None, html
    assert inserted.group(1) == (
        "*starred* _under_ &lt;b&gt;bold&lt;/b&gt; [a link](https://example.org) `code` "
        "&amp;amp; ~~x~~ as typed"
    )


def test_rich_output_shows_both_sides_and_marks_changes(revision: Comparison) -> None:
    console = Console(width=120, file=io.StringIO(), color_system="truecolor", record=True)
    console.print(comparison_rich(revision))
    text = console.export_text()
    lines = text.splitlines()

    assert lines[0].strip() == lines[-1].strip() == "UNCLASSIFIED"
    assert "A · Chiefs of Defence meet at NATO Headquarters" in text
    assert "B · Chiefs of Defence meet at NATO Headquarters" in text
    rendered_lines = console.render_lines(comparison_rich(revision), pad=False)
    segments = [segment for line in rendered_lines for segment in line]

    def words(style: Style) -> str:
        return " ".join(" ".join(s.text for s in segments if s.style == style).split())

    # the legend, then the changed words (wrapped, maybe, across lines) in the positions
    # and again under #ukraine
    assert words(DELETED) == "struck on red continue to support continue to support"
    assert words(INSERTED) == "bold on green keep supporting keep supporting"


def test_rich_output_shows_markup_from_a_file_as_typed(seed: Briefing) -> None:
    changed = compare(seed, seed_with_statement(seed, "He said [bold]x[/bold] and [red]y"))
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(comparison_rich(changed))

    assert "[bold]x[/bold] and [red]y" in console.export_text()


# --- the screen -------------------------------------------------------------------------------

Scenario = Callable[[Pilot[None], BriefingApp, CompareScreen], Awaitable[None]]


def on_compare_screen(
    tmp_path: Path, a: Briefing, b: Briefing, scenario: Scenario, size: tuple[int, int]
) -> None:
    """Open the reader, push the compare screen of A and B over it (as `c` does), and play
    `scenario`."""

    async def run() -> None:
        app = BriefingApp(make_library(tmp_path / "lib", other=False), watch=False)
        async with app.run_test(size=size) as pilot:
            await until_loaded(pilot, app)
            screen = CompareScreen(a, b, SEED, tmp_path / "revised.yaml")
            await app.push_screen(screen)
            await pilot.pause()
            await scenario(pilot, app, screen)

    asyncio.run(run())


def marked_words(app: BriefingApp) -> dict[str, set[str]]:
    """The words the rows show struck through (deleted) and underlined (inserted)."""
    found: dict[str, set[str]] = {"deleted": set(), "inserted": set()}
    area = app.screen.query_one("#compare-rows").region
    strips = app.screen._compositor.render_strips()
    for strip in strips[area.y : area.bottom]:
        for segment in strip:
            style = segment.style
            if style is None or not segment.text.strip():
                continue
            if style.strike:
                found["deleted"].add(segment.text.strip())
            elif style.underline and style.bold:
                found["inserted"].add(segment.text.strip())
    return found


async def click_tab(pilot: Pilot[None], app: BriefingApp, number: int) -> None:
    """Click the tab of page `number`: the digit that starts its label, long or short
    (the titles hold no digits)."""
    bar = app.screen.query_one("#compare-pages").region
    column = screen_text(app).splitlines()[bar.y].index(str(number))
    await pilot.click("#compare-pages", offset=(column - bar.x, 0))


def assert_marked(app: BriefingApp, marking: str) -> None:
    lines = screen_text(app).splitlines()
    assert lines[0].strip() == marking, lines[0]
    assert lines[-1].strip() == marking, lines[-1]


SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_the_screen_walks_sections_shows_the_diff_and_goes_back(
    tmp_path: Path, seed: Briefing, revised: Briefing, size: tuple[int, int]
) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp, screen: CompareScreen) -> None:
        assert_marked(app, "UNCLASSIFIED")
        assert screen.page == "positions"  # the first section that changed
        text = screen_text(app)
        assert "6 in both (1 changed), 1 only in A, 1 only in B" in text
        assert "Readiness of the Alliance's forces" in text
        await pilot.press("G")
        assert marked_words(app) == {
            "deleted": {"continue to support"},
            "inserted": {"keep supporting"},
        }
        await pilot.press("1")
        assert screen.page == "agenda"
        assert "8 in both" in screen_text(app)
        await pilot.press("tab", "tab")
        assert screen.page == "regions"
        await pilot.press("shift+tab", "left")
        assert screen.page == "agenda"
        await pilot.press("h")  # before the first: round to the last, the topics
        assert screen.page == "topics"
        topic = screen.rows.highlighted_option
        assert isinstance(topic, TopicOption)
        assert topic.topic.topic == "arctic"  # the first topic that changed
        assert "#arctic" in screen_text(app)
        await click_tab(pilot, app, 3)
        assert screen.page == "regions"
        await pilot.press("2", "g", "n")
        assert screen.rows.highlighted == 4  # the removed position, after three the same
        await pilot.press("n")
        assert screen.rows.highlighted == 7
        await pilot.press("N", "N")
        assert screen.rows.highlighted == 0
        assert_marked(app, "UNCLASSIFIED")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)

    on_compare_screen(tmp_path, seed, revised, scenario, size)


def test_two_meetings_open_on_their_pairs_stacked_below_100_columns_side_by_side_from_it(
    tmp_path: Path, seed: Briefing
) -> None:
    async def scenario(pilot: Pilot[None], app: BriefingApp, screen: CompareScreen) -> None:
        assert_marked(app, "NATO RESTRICTED")  # the higher of the two
        assert screen.page == "positions"
        option = screen.rows.highlighted_option
        assert isinstance(option, RowOption)  # the first pair on a shared topic
        assert option.row.a is not None
        assert item_heading(option.row.a) == "Aligning industrial ramp-up plans"
        assert screen.stacked
        text = screen_text(app)
        assert re.search(r"^ *A +UNCLASSIFIED +Chiefs of Defence", text, re.MULTILINE)
        assert re.search(r"^ *B +NATO RESTRICTED +Test meeting", text, re.MULTILINE)
        assert "On the same topic: #industrial-ramp-up" in text
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.stacked
        text = screen_text(app)
        assert re.search(r"UNCLASSIFIED +NATO RESTRICTED", text)  # each side's own marking
        assert re.search(r"A · Chiefs of Defence.*B · Test meeting", text)
        assert_marked(app, "NATO RESTRICTED")
        await pilot.press("backspace")
        assert isinstance(app.screen, ReaderScreen)

    on_compare_screen(tmp_path, seed, load(OTHER_MEETING), scenario, (99, 30))


def test_briefings_with_no_items_compare_on_the_topics_page_alone() -> None:
    empty = load(MINIMAL)

    screen = CompareScreen(empty, empty, Path("a.yaml"), Path("b.yaml"))

    assert screen.pages == ["topics"]
    assert screen.page == "topics"


BURST_KEYS = [
    *("tab", "shift+tab", "left", "right", "up", "down", "home", "end", "pageup", "pagedown"),
    *("h", "j", "k", "l", "g", "G", "n", "N", "enter", "space"),
    *"123456789",
    *"abcdefimoprstuvwxyz",
]
"""Keys a user may type on the compare screen, but those that leave it (escape, backspace),
quit (q) or open another screen over it (?, ctrl+p)."""


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_a_burst_of_keys_never_crashes_the_screen(
    tmp_path: Path, seed: Briefing, revised: Briefing, size: tuple[int, int]
) -> None:
    chance = random.Random(f"compare-{size}")

    async def scenario(pilot: Pilot[None], app: BriefingApp, screen: CompareScreen) -> None:
        for group in range(6):
            await burst(pilot, *chance.choices(BURST_KEYS, k=chance.randint(2, 12)))
            if group % 2:
                await pilot.resize_terminal(*chance.choice([(20, 10), (80, 24), (160, 48)]))
        await pilot.resize_terminal(*size)
        await until_typed(pilot)
        assert app.screen is screen
        assert screen.page in screen.pages
        assert_marked(app, "UNCLASSIFIED")
        await burst(pilot, "escape", "escape", "escape")  # leaves once, never pops the reader
        await until_typed(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.is_running

    on_compare_screen(tmp_path, seed, revised, scenario, size)


def test_two_meetings_in_two_languages_are_shown_side_by_side_unmarked() -> None:
    """An English and an Italian statement share no words: marking every word as changed
    says nothing, so they sit side by side as written."""
    from briefing_reader.compare import compare
    from briefing_reader.loader import load_file
    from conftest import BRIEFINGS

    english = load_file(BRIEFINGS / "2026-01-21-mccs-brussels.yaml").briefing
    italian = load_file(BRIEFINGS / "2025-01-15-mccs-brussels.yaml").briefing
    assert english is not None
    assert italian is not None
    found = compare(english, italian)
    paired = [row for s in found.sections for row in s.rows if row.a and row.b]
    assert paired  # positions on #industrial-ramp-up still side by side
    assert not any(row.diffed for row in paired)
    assert not any(r.row.diffed for topic in found.topics for r in topic.rows)

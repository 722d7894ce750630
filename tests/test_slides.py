"""The deck of slides (slides.py) and its large type (bigtype.py), without a terminal.

Nothing is cut: every line of every block (an item, the title slide's facts and summary)
rendered on its own at the slide's column width is shown, in order, on the chapter's
slides, which never hold more lines than fit nor lines wider than the slide.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing_reader import bigtype
from briefing_reader.loader import load_file
from briefing_reader.model import SECTIONS, Briefing, Position
from briefing_reader.slides import (
    OVERVIEW,
    Frame,
    Slide,
    chapters,
    deck,
    locate,
    opening,
    plain,
    render_block,
)
from briefing_reader.text import printable
from conftest import SEED
from test_core_imports import modules_loaded_after

SLIDE_AREAS = {"80x24": (78, 21), "200x60": (198, 57)}
"""The room a slide has on an 80x24 and a 200x60 terminal (banners, footer and padding
taken off; tests/test_present.py checks these against the screen)."""


def seed() -> Briefing:
    briefing = load_file(Path(SEED)).briefing
    assert briefing is not None
    return briefing


def body_lines(slides: list[Slide]) -> list[str]:
    """What the slides' bodies say, blank lines and continuation notes left out."""
    return [
        line
        for slide in slides
        for line in plain(slide.lines[slide.body :])
        if line.strip() and not line.lstrip().startswith("↳")
    ]


def assert_shown_whole(briefing: Briefing, width: int, height: int) -> list[Slide]:
    """Every block of every chapter, line for line, on that chapter's slides, in order."""
    slides = deck(briefing, width, height)
    frame = Frame(width, height)
    for slide in slides:
        assert len(slide.lines) <= height, slide.text
        assert all(len(line) <= width for line in plain(slide.lines)), slide.text
    for chapter in chapters(briefing):
        shown = body_lines([slide for slide in slides if slide.chapter == chapter.name])
        expected = [
            line.strip()
            for block in chapter.blocks
            for line in plain(render_block(block, frame.column))
            if line.strip()
        ]
        shown = [line.strip() for line in shown]
        if chapter.name == OVERVIEW and len(shown) > len(expected):
            # the title heads the body when the heading could not show it all
            title = len(shown) - len(expected)
            assert " ".join(shown[:title]) == printable(briefing.title)
            shown = shown[title:]
        assert shown == expected, chapter.name
    return slides


def is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("area", SLIDE_AREAS)
def test_every_item_of_the_seed_is_shown_whole_and_in_order(area: str) -> None:
    briefing = seed()
    slides = assert_shown_whole(briefing, *SLIDE_AREAS[area])

    # and every field of every item is there, word for word, on the slides that hold it
    for name in SECTIONS:
        for index, item in enumerate(getattr(briefing, name)):
            holding = [s for s in slides if s.chapter == name and index in s.blocks]
            assert holding, f"{name} {index}"
            text = squeeze("".join(s.text for s in holding))
            for field in dataclasses.fields(item):
                value = getattr(item, field.name)
                if isinstance(value, str) and field.name not in ("language",):
                    assert is_subsequence(squeeze(printable(value)), text), (name, field.name)
            for topic in item.topics:
                assert f"#{topic}" in text
    assert "…" not in "".join(slide.text for slide in slides)  # nothing cut short


@pytest.mark.parametrize("area", SLIDE_AREAS)
def test_deck_runs_title_sections_in_model_order_then_source(area: str) -> None:
    slides = deck(seed(), *SLIDE_AREAS[area])

    order = list(dict.fromkeys(slide.chapter for slide in slides))
    assert order == ["overview", *SECTIONS, "source"]
    assert "MCCS" in slides[0].text or "█" in slides[0].text
    for slide in slides:
        assert 1 <= slide.part <= slide.parts


def long_positions(count: int, words: int) -> Briefing:
    statement = " ".join(f"word{number}" for number in range(words))
    positions = tuple(
        Position(title=f"Position {number}", statement=f"{number}: {statement}", topics=("x",))
        for number in range(count)
    )
    return dataclasses.replace(seed(), positions=positions)


def test_a_long_section_flows_onto_several_slides_with_nothing_lost() -> None:
    briefing = long_positions(30, 60)

    slides = assert_shown_whole(briefing, 78, 21)

    positions = [slide for slide in slides if slide.chapter == "positions"]
    assert len(positions) >= 5
    assert [slide.caption for slide in positions][:2] == [
        f"Positions (1/{len(positions)})",
        f"Positions (2/{len(positions)})",
    ]
    shown = [index for slide in positions for index in slide.blocks]
    assert shown == list(range(30))  # each item on exactly one slide, in order


def test_an_item_taller_than_a_slide_is_split_across_slides_not_cut() -> None:
    briefing = long_positions(2, 900)

    slides = assert_shown_whole(briefing, 78, 21)

    first = [slide for slide in slides if slide.chapter == "positions" and 0 in slide.blocks]
    assert len(first) >= 3
    assert all("Position 0 (continued)" in slide.text for slide in first[1:])
    last_words = [line for line in first[-1].text.splitlines() if "word899" in line]
    assert last_words  # the end of the statement is there


def test_a_tiny_slide_still_shows_everything() -> None:
    assert_shown_whole(seed(), 18, 7)
    assert_shown_whole(long_positions(3, 200), 18, 7)


def test_a_word_too_long_for_its_column_is_folded_not_cut() -> None:
    word = "x" * 150
    briefing = dataclasses.replace(
        seed(), place=word, positions=(Position(title=word, statement=word, speaker=word),)
    )

    slides = assert_shown_whole(briefing, 78, 21)

    assert "…" not in "".join(slide.text for slide in slides)


def test_briefing_text_is_shown_literally_never_as_markup() -> None:
    briefing = dataclasses.replace(
        seed(),
        title="[bold red]Alert[/] \x1b[31m",
        positions=(Position(title="[link=x]click[/link]", statement="[i]plain[/i]"),),
    )

    slides = deck(briefing, 78, 21)
    text = "\n".join(slide.text for slide in slides)

    assert "[link=x]click[/link]" in text
    assert "[i]plain[/i]" in text
    assert "␛[31m" in text
    assert "\x1b" not in "".join(seg.text for s in slides for line in s.lines for seg in line)


def test_a_deck_opens_on_the_chapter_asked_for() -> None:
    slides = deck(seed(), 78, 21)

    assert opening(slides, None) == 0
    assert opening(slides, "overview") == 0
    for name in (*SECTIONS, "source"):
        index = opening(slides, name)
        assert slides[index].chapter == name
        assert slides[index].part == 1
    assert opening(slides, "nonsense") == 0


def test_an_empty_section_opens_on_the_next_chapter() -> None:
    briefing = dataclasses.replace(seed(), regions=())
    slides = deck(briefing, 78, 21)

    assert slides[opening(slides, "regions")].chapter == "bilaterals"


@pytest.mark.parametrize(("before", "after"), [((78, 21), (198, 57)), ((198, 57), (18, 7))])
def test_a_slide_is_found_again_at_another_size(
    before: tuple[int, int], after: tuple[int, int]
) -> None:
    briefing = seed()
    old, new = deck(briefing, *before), deck(briefing, *after)

    for slide in old:
        found = new[locate(new, slide.start)]
        assert found.chapter == slide.chapter
        if slide.blocks:
            assert slide.blocks[0] in found.blocks or found.start <= slide.start


# --- large type -----------------------------------------------------------------------


def test_large_type_is_three_rows_of_equal_width() -> None:
    rows = bigtype.big_text("Italy's positions", 100)

    assert rows is not None
    assert len(rows) == bigtype.ROWS
    assert len({len(row) for row in rows}) == 1
    assert len(rows[0]) == bigtype.width_of("ITALY'S POSITIONS")


def test_large_type_draws_accented_letters_as_their_base_letter() -> None:
    assert bigtype.drawable("Città – Türkiye") == "CITTA - TURKIYE"
    assert bigtype.big_text("Città", 100) == bigtype.big_text("CITTA", 100)


def test_large_type_gives_way_when_it_cannot_draw_or_fit() -> None:
    assert bigtype.big_text("東京", 100) is None
    assert bigtype.big_text("Regions of concern", 20) is None
    assert bigtype.big_text("Chiefs of Defence meet at NATO Headquarters", 78, 2) is None

    wrapped = bigtype.big_text("Chiefs of Defence meet at NATO Headquarters", 78, 3)
    assert wrapped is not None
    assert len(wrapped) == bigtype.height_of(3)
    assert all(len(row) <= 78 for row in wrapped)


def test_a_heading_falls_back_to_bold_text_when_large_type_will_not_fit() -> None:
    slides = deck(seed(), 18, 7)

    assert not any("█" in line for slide in slides for line in plain(slide.lines))
    positions = next(slide for slide in slides if slide.chapter == "positions")
    assert "Italy's positions" in " ".join(positions.text.split())


def test_the_deck_is_laid_out_without_textual_and_large_type_without_rich() -> None:
    assert "textual" not in modules_loaded_after("import briefing_reader.slides")
    assert {"textual", "rich"} & modules_loaded_after("import briefing_reader.bigtype") == set()

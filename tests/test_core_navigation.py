"""The pure pieces behind the reader: topic index, search, history, library, editor command."""

from __future__ import annotations

from pathlib import Path

from briefing_reader.editor import editor_command
from briefing_reader.library import Library
from briefing_reader.loader import load_text
from briefing_reader.model import Position
from briefing_reader.navigation import PANES, History, Location
from briefing_reader.search import SearchIndex, fold
from briefing_reader.topics import TopicIndex
from pilot import OTHER_BRIEFING, SEED, make_library


def open_library(tmp_path: Path, **kwargs: bool) -> Library:
    return Library.open([make_library(tmp_path / "lib", **kwargs)])


def test_topic_index_links_items_across_sections_and_briefings(tmp_path: Path) -> None:
    index = TopicIndex(open_library(tmp_path).ordered())
    hits = index.hits("ukraine")
    sections = {hit.ref.section for hit in hits}
    assert sections == {"agenda", "positions", "bilaterals", "initiatives"}
    assert index.briefing_count("ukraine") == 2
    # newest briefing first, then section order within a briefing
    assert hits[0].briefing.date.isoformat() == "2026-01-21"
    assert hits[-1].briefing.title == "Test briefing sharing a topic"
    assert index.hits("no-such-topic") == []


def test_topic_hit_refs_point_at_the_tagged_item(tmp_path: Path) -> None:
    library = open_library(tmp_path)
    for hit in TopicIndex(library.ordered()).hits("georgia"):
        briefing = library.readable(hit.ref.path)
        assert briefing is not None
        assert getattr(briefing, hit.ref.section)[hit.ref.index] == hit.item
        assert "georgia" in hit.item.topics


def test_topics_are_ordered_by_use(tmp_path: Path) -> None:
    topics = TopicIndex(open_library(tmp_path).ordered()).topics()
    assert topics[0] == "ukraine"
    assert topics.index("deterrence") < topics.index("arctic")


def test_search_needs_every_word_and_ignores_case(tmp_path: Path) -> None:
    index = SearchIndex(open_library(tmp_path).ordered())
    assert {hit.heading for hit in index.search("jatec")} >= {
        "Support to Ukraine",
        "Joint Analysis Training and Education Centre (JATEC)",
    }
    assert index.search("JATEC nowhere-at-all") == []
    assert index.search("   ") == []


def test_search_spans_mark_the_matched_words(tmp_path: Path) -> None:
    index = SearchIndex(open_library(tmp_path).ordered())
    for hit in index.search("rump up"):
        for start, end in hit.spans:
            assert fold(hit.snippet[start:end]) in ("rump", "up")


def test_search_covers_overview_and_source(tmp_path: Path) -> None:
    index = SearchIndex(open_library(tmp_path).ordered())
    assert any(hit.ref.section == "overview" for hit in index.search("Portolano"))
    assert any(hit.ref.section == "source" for hit in index.search("Stato Maggiore"))


def test_fold_keeps_length_so_spans_index_the_original() -> None:
    for text in ("İstanbul", "Straße", "ΣΑΣ", "ǅ"):
        assert len(fold(text)) == len(text)


def test_history_goes_back_and_forward_and_a_new_jump_clears_forward() -> None:
    a, b, c = (Location(Path("x.yaml"), pane) for pane in ("overview", "agenda", "quotes"))
    history = History()
    history.visit(a)  # a -> b
    history.visit(b)  # b -> c
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None
    assert history.forward(a) == b
    history.visit(b)
    assert history.forward(c) is None


def test_panes_are_the_nine_digit_keys() -> None:
    assert len(PANES) == 9
    assert PANES[0] == "overview"
    assert PANES[-1] == "source"


def test_library_keeps_the_last_good_version_of_a_file_that_breaks(tmp_path: Path) -> None:
    library = open_library(tmp_path, other=False)
    path = next(iter(library.results))
    good = library.readable(path)
    assert good is not None
    broken = load_text("title: [\n", str(path), path)
    library.update(broken)
    assert not library.results[path].ok
    assert library.readable(path) == good
    library.remove(path)
    assert library.readable(path) is None


def test_library_orders_newest_first_and_broken_files_last(tmp_path: Path) -> None:
    library = open_library(tmp_path, broken=True)
    names = [result.path.name for result in library.ordered()]
    assert names == [SEED.name, "2025-06-01-test.yaml", "broken.yaml"]
    assert "Test briefing" in OTHER_BRIEFING


def test_editor_command_opens_at_the_line_without_a_shell() -> None:
    path = Path("briefings/x; rm -rf ~.yaml")
    assert editor_command(path, 12, {"EDITOR": "vim"}) == ["vim", "+12", str(path)]
    assert editor_command(path, 3, {"EDITOR": "emacs -nw", "VISUAL": ""}) == [
        "emacs",
        "-nw",
        "+3",
        str(path),
    ]
    assert editor_command(path, 7, {"VISUAL": "code --wait"}) == [
        "code",
        "--wait",
        "--goto",
        f"{path}:7",
    ]
    assert editor_command(path, 1, {}) == []


# --- stepping through briefings, panes and hits, and following an item through a reload ---


def test_step_stops_at_either_end_and_starts_from_an_end_when_lost() -> None:
    from briefing_reader.navigation import step

    assert step(["a", "b", "c"], "b", 1) == "c"
    assert step(["a", "b", "c"], "c", 1) is None
    assert step(["a", "b", "c"], "a", -1) is None
    assert step(["a", "b", "c"], "gone", 1) == "a"
    assert step(["a", "b", "c"], "gone", -1) == "c"
    assert step([], "a", 1) is None


def test_cycle_wraps_around() -> None:
    from briefing_reader.navigation import cycle

    assert cycle(["a", "b", "c"], "c", 1) == "a"
    assert cycle(["a", "b", "c"], "a", -1) == "c"
    assert cycle(["a", "b"], "gone", 1) == "b"
    assert cycle([], "a", 1) is None


def test_next_hit_goes_in_reading_order_and_wraps() -> None:
    from briefing_reader.navigation import next_hit

    hits = [("initiatives", 1), ("agenda", 5), ("agenda", 2)]
    assert next_hit(hits, ("agenda", 2), forward=True) == ("agenda", 5)
    assert next_hit(hits, ("agenda", 5), forward=True) == ("initiatives", 1)
    assert next_hit(hits, ("initiatives", 1), forward=True) == ("agenda", 2)
    assert next_hit(hits, ("agenda", 2), forward=False) == ("initiatives", 1)
    assert next_hit(hits, ("overview", 0), forward=True) == ("agenda", 2)
    assert next_hit([], ("agenda", 0), forward=True) is None


def _positions(*titles: str) -> tuple[Position, ...]:
    return tuple(Position(title=title, statement=f"On {title}.") for title in titles)


def test_follow_item_keeps_the_item_when_one_is_inserted_or_deleted_above() -> None:
    from briefing_reader.navigation import follow_item

    old = _positions("a", "b", "c", "d")
    assert follow_item(old, 2, _positions("new", "a", "b", "c", "d")) == 3
    assert follow_item(old, 2, _positions("b", "c", "d")) == 1
    assert follow_item(old, 2, _positions("a", "b", "c", "d", "e")) == 2


def test_follow_item_survives_edits_renames_and_deletion() -> None:
    from briefing_reader.navigation import follow_item

    old = _positions("a", "b", "c", "d")
    edited = (*old[:2], Position(title="c", statement="Rewritten."), old[3])
    assert follow_item(old, 2, edited) == 2  # same heading: the same item
    assert follow_item(old, 2, _positions("new", "a", "b", "c renamed", "d")) == 3  # renamed
    assert follow_item(old, 2, _positions("a", "b", "d")) == 2  # deleted: the one after it
    assert follow_item(old, 3, _positions("a", "b", "c")) == 2  # deleted last: the new last
    assert follow_item(old, 0, ()) == 0


def test_follow_item_tells_twins_apart_by_their_order() -> None:
    from briefing_reader.navigation import follow_item

    old = _positions("x", "twin", "twin")
    assert follow_item(old, 2, _positions("new", "x", "twin", "twin")) == 3


def test_the_search_finds_the_lines_that_hold_every_word_as_splitting_the_text_would() -> None:
    """A search looks for its longest word and checks the line around each find, rather
    than splitting every briefing's text into lines: the lines it finds must be exactly
    those holding every word, in order, each once, wherever the words fall (first line,
    last line, twice on a line, one word inside another)."""
    import random

    from briefing_reader.search import _lines_with

    chooser = random.Random(7)
    for _ in range(2000):
        lines = [
            " ".join(chooser.choices(["ab", "abc", "b", "ca", "x"], k=chooser.randint(0, 6)))
            for _ in range(chooser.randint(1, 8))
        ]
        text = "\n".join(lines).encode()
        terms = [word.encode() for word in chooser.sample(["ab", "b", "ca", "abc"], k=2)]
        expected = [n for n, line in enumerate(text.split(b"\n")) if all(t in line for t in terms)]
        assert list(_lines_with(text, terms)) == expected, (text, terms)
        assert list(_lines_with(text, terms[:1])) == [
            n for n, line in enumerate(text.split(b"\n")) if terms[0] in line
        ]

"""Topic hygiene: `briefing validate --topics` lists every topic with its count, marks a
topic used once, and flags near-duplicates, so that a team keeps one vocabulary.

The pure part (`vocabulary.py`) is what the reader's topic list uses to mark single-use
topics.
"""

from __future__ import annotations

import random
import string
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing_reader.loader import load_file, load_text
from briefing_reader.vocabulary import (
    USED_ONCE,
    TopicCount,
    near_duplicates,
    topic_note,
    used_once,
    vocabulary,
)
from conftest import MINIMAL, SEED, run_cli, with_lines, write
from test_core_imports import modules_loaded_after


def tagged(title: str, *agenda_topics: list[str], position_topics: Sequence[str] = ()) -> str:
    """A valid briefing whose agenda items carry these topics (one item per list)."""
    text = with_lines(MINIMAL, "title: A minimal briefing", f"title: {title}")
    agenda = "agenda:\n" + "".join(
        f"  - title: item {n}\n    topics: [{', '.join(topics)}]\n"
        for n, topics in enumerate(agenda_topics)
    )
    text = with_lines(text, "agenda: []", agenda.rstrip("\n"))
    if position_topics:
        positions = (
            "positions:\n  - title: a position\n    statement: said\n"
            f"    topics: [{', '.join(position_topics)}]"
        )
        text = with_lines(text, "positions: []", positions)
    return text


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Two briefings by a team whose spelling drifted, and one file that does not load."""
    folder = tmp_path / "team"
    write(
        folder,
        tagged(
            "January",
            ["ukraine", "air-defence"],
            ["ukraine"],
            position_topics=["ukraine", "arctic"],
        ),
        "a.yaml",
    )
    write(folder, tagged("February", ["ukrain"], ["ukraine", "air-missile-defence"]), "b.yaml")
    write(folder, MINIMAL + "colour: blue\n", "broken.yaml")
    return folder


# --- the pure vocabulary ------------------------------------------------------------------


def test_vocabulary_counts_items_and_briefings_most_used_first(team: Path) -> None:
    results = [load_file(path) for path in sorted(team.glob("*.yaml"))]

    assert vocabulary(results) == [
        TopicCount("ukraine", items=4, briefings=2),
        TopicCount("air-defence", items=1, briefings=1),
        TopicCount("air-missile-defence", items=1, briefings=1),
        TopicCount("arctic", items=1, briefings=1),
        TopicCount("ukrain", items=1, briefings=1),
    ]


def test_vocabulary_of_the_shipped_briefing_has_its_topics() -> None:
    counts = vocabulary([load_file(SEED)])

    assert {count.topic for count in counts} >= {"ukraine", "deterrence", "air-missile-defence"}
    assert all(count.briefings == 1 for count in counts)
    assert [count.items for count in counts] == sorted((c.items for c in counts), reverse=True)


def test_used_once_names_topics_on_a_single_item(team: Path) -> None:
    counts = vocabulary(load_file(path) for path in sorted(team.glob("*.yaml")))

    assert used_once(counts) == ["air-defence", "air-missile-defence", "arctic", "ukrain"]


def test_topic_note_marks_only_a_single_use() -> None:
    assert [topic_note(n) for n in (0, 1, 2, 40)] == ["", USED_ONCE, "", ""]


@pytest.mark.parametrize(
    ("kept", "other"),
    [
        ("ukraine", "ukrain"),  # a letter dropped
        ("air-defence", "air-missile-defence"),  # a word added
        ("partnership", "partnerships"),
        ("indo-pacific", "indopacific"),  # hyphenated one way and not the other
        ("air-defence", "air-defense"),
        ("infrastructure", "infra"),  # cut short inside a word
        ("emerging-technologies", "emerging-technology"),
    ],
)
def test_near_duplicates_are_flagged(kept: str, other: str) -> None:
    assert near_duplicates([kept, "deterrence", other]) == [(kept, other)]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("ip4", "ip5"),
        ("southern-flank", "eastern-flank"),
        ("ukraine", "ukraine-support"),  # a narrower topic, not another spelling
        ("defence", "air-defence"),
        ("readiness", "deterrence"),
        ("balkans", "baltics"),
    ],
)
def test_distinct_topics_are_not_flagged(one: str, two: str) -> None:
    assert near_duplicates([one, two]) == []


def test_each_pair_is_flagged_once_the_more_used_first() -> None:
    pairs = near_duplicates(["ukraine", "ukrain", "ukraine", "ukraines"])

    assert pairs == [("ukraine", "ukrain"), ("ukraine", "ukraines"), ("ukrain", "ukraines")]
    assert near_duplicates(["ukrain", "ukraine"]) == [("ukrain", "ukraine")]


def test_the_shipped_vocabulary_has_no_near_duplicates() -> None:
    topics = [count.topic for count in vocabulary([load_file(SEED)])]

    assert near_duplicates(topics) == []


def test_a_large_vocabulary_is_checked_quickly_and_like_every_pair() -> None:
    """Thousands of topics take a second or so (comparing every pair took several), and a
    typo in a long topic is still found among them."""
    rng = random.Random(11)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))) for _ in range(300)]
    topics = list(
        dict.fromkeys("-".join(rng.sample(words, rng.randint(1, 3))) for _ in range(2500))
    )
    long = [topic for topic in topics if len(topic.replace("-", "")) >= 8]
    typos = [topic[:-1] + ("y" if topic.endswith("x") else "x") for topic in rng.sample(long, 40)]
    topics = list(dict.fromkeys([*topics, *typos]))

    started = time.perf_counter()
    pairs = near_duplicates(topics)
    elapsed = time.perf_counter() - started

    assert elapsed < 2.5
    flagged = {frozenset(pair) for pair in pairs}
    for typo in typos:
        assert any(typo in pair for pair in flagged)


def test_the_alike_shortcut_misses_nothing_on_short_topics() -> None:
    """Short forms from a small alphabet, where the rounding of the bound matters most,
    checked against difflib on every pair."""
    import difflib

    from briefing_reader.vocabulary import SIMILARITY, _alike

    rng = random.Random(3)
    topics = list(
        dict.fromkeys("".join(rng.choices("abcd", k=rng.randint(1, 7))) for _ in range(300))
    )

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

    expected = {
        frozenset((a, b))
        for n, a in enumerate(topics)
        for b in topics[n + 1 :]
        if max(ratio(a, b), ratio(b, a)) >= SIMILARITY
    }
    assert {frozenset(pair) for pair in _alike(topics)} == expected


def test_a_broken_file_adds_no_topics() -> None:
    broken = load_text(MINIMAL + "colour: blue\n")

    assert vocabulary([broken]) == []


def test_vocabulary_imports_neither_textual_nor_rich() -> None:
    loaded = modules_loaded_after("import briefing_reader.vocabulary")

    assert "briefing_reader" in loaded
    assert {"textual", "rich"} & loaded == set()


# --- briefing validate --topics -------------------------------------------------------------


def test_validate_topics_lists_every_topic_with_counts_and_flags(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    (team / "broken.yaml").unlink()

    code = run_cli(["validate", "--topics", str(team)])
    captured = capsys.readouterr()

    assert code == 0
    assert captured.err == ""
    assert captured.out == (
        "2 files checked: all valid\n"
        "\n"
        "Topics: 5 in 2 briefings\n"
        "  items  briefings  topic\n"
        "      4          2  ukraine\n"
        "      1          1  air-defence  (used once)\n"
        "      1          1  air-missile-defence  (used once)\n"
        "      1          1  arctic  (used once)\n"
        "      1          1  ukrain  (used once)\n"
        "\n"
        "Near-duplicates: 2 (keep one spelling of each)\n"
        "  ukraine / ukrain  (4 / 1 items)\n"
        "  air-defence / air-missile-defence  (1 / 1 items)\n"
    )


def test_validate_topics_still_reports_a_broken_file_and_exits_1(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    code = run_cli(["validate", "--topics", str(team)])
    captured = capsys.readouterr()

    assert code == 1
    assert f"{team / 'broken.yaml'}:7:1: colour: unknown key" in captured.err
    assert captured.out.startswith("3 files checked: 1 invalid, 1 problem\n\nTopics: 5 in 2 ")
    assert "  ukraine / ukrain  (4 / 1 items)\n" in captured.out


def test_validate_topics_of_a_library_without_topics_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, MINIMAL)

    assert run_cli(["validate", "--topics", str(path)]) == 0
    assert capsys.readouterr().out == (
        "1 file checked: all valid\n\nNo topics: no item in 1 briefing carries one.\n"
    )


def test_validate_topics_of_the_shipped_briefing_flags_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["validate", "--topics", str(SEED)]) == 0
    out = capsys.readouterr().out

    assert "  ukraine" in out
    assert out.endswith("Near-duplicates: none\n")


def test_validate_without_topics_prints_only_the_count(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    run_cli(["validate", str(team)])

    assert capsys.readouterr().out == "3 files checked: 1 invalid, 1 problem\n"


def test_validate_help_documents_topics(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["validate", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())

    assert "--topics" in out
    assert "ukraine / ukrain" in out
    assert "air-defence / air-missile-defence" in out
    assert "never changes the exit status" in out

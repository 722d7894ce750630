"""`briefing summary --topic ukraine briefings/`: what was said about one topic, in every
format.

For the chosen topic: every item tagged with it, in full (not only its title), meeting by
meeting in date order, Italy's positions first within each, each under its meeting's date
and name. The highest marking is first and last, and each meeting carries its own at its
head, as in a digest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli, with_lines, write

FORMATS = ("rich", "text", "markdown", "html", "json")
LOCATED = re.compile(r"^.+:\d+:\d+: .+$")
MARKUP = re.compile(r"^#+ |^\*\*|\*\*$")
"""A Markdown heading's hashes and a marking's bold, to read every format alike."""


def meeting(title: str, day: str, marking: str, agenda: str = "", positions: str = "") -> str:
    text = with_lines(MINIMAL, "title: A minimal briefing", f"title: {title}")
    text = with_lines(text, "date: 2026-01-21", f"date: {day}")
    if agenda:
        text = with_lines(text, "agenda: []", "agenda:\n" + agenda)
    if positions:
        text = with_lines(text, "positions: []", "positions:\n" + positions)
    return text + f"classification: {marking}\n"


def agenda_item(title: str, summary: str, topics: str) -> str:
    return f"  - title: {title}\n    summary: {summary}\n    topics: [{topics}]\n"


def position(title: str, statement: str, topics: str) -> str:
    return f"  - title: {title}\n    statement: {statement}\n    topics: [{topics}]\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Three meetings whose file names are not in date order, two about Ukraine."""
    folder = tmp_path / "library"
    write(
        folder,
        meeting(
            "March meeting",
            "2026-03-03",
            "SECRET",
            agenda=agenda_item(
                "March agenda on Ukraine", "Ukraine was discussed in March.", "ukraine"
            ),
            positions=position(
                "March position", "Italy pledged more air defence to Ukraine.", "ukraine, air"
            ),
        ),
        "a-march.yaml",
    )
    write(
        folder,
        meeting(
            "January meeting",
            "2026-01-10",
            "RESTRICTED",
            agenda=agenda_item("The Arctic", "Only the Arctic was discussed.", "arctic"),
            positions=position(
                "January position", "Italy will keep supporting Ukraine.", "ukraine"
            ),
        ),
        "b-january.yaml",
    )
    write(
        folder,
        meeting(
            "February meeting",
            "2026-02-12",
            "UNCLASSIFIED",
            agenda=agenda_item("Balkans", "The Balkans only.", "balkans"),
        ),
        "c-february.yaml",
    )
    return folder


IN_ORDER = (
    "January meeting",
    "January position",
    "Italy will keep supporting Ukraine.",
    "March meeting",
    "March position",
    "Italy pledged more air defence to Ukraine.",
    "March agenda on Ukraine",
    "Ukraine was discussed in March.",
)
"""What the history of #ukraine says, in the order it must say it: the older meeting
first; in March, Italy's position before the agenda item that comes first in the file."""


def history(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = run_cli(["summary", "--topic", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_history_is_in_date_order_positions_first_with_each_items_text(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    output = history(capsys, "ukraine", str(library), "--format", fmt)

    found = [output.index(text) for text in IN_ORDER]
    assert found == sorted(found)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_history_leaves_out_what_is_not_about_the_topic(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    output = history(capsys, "ukraine", str(library), "--format", fmt)

    for absent in ("February meeting", "The Balkans only.", "The Arctic", "Only the Arctic"):
        assert absent not in output


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_each_meeting_is_under_its_date_and_name_and_its_own_marking(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    output = history(capsys, "ukraine", str(library), "--format", fmt)
    lines = [MARKUP.sub("", line.strip()) for line in output.splitlines() if line.strip()]

    assert lines[0] == lines[-1] == "SECRET"
    assert "10 January 2026 · January meeting" in lines
    assert "3 March 2026 · March meeting" in lines
    assert lines.index("RESTRICTED") < lines.index("10 January 2026 · January meeting")
    assert lines.index("SECRET", 1) < lines.index("3 March 2026 · March meeting")
    assert "#ukraine: 3 items in 2 briefings, 10 January – 3 March 2026" in lines


def test_html_history_is_marked_at_the_top_and_bottom_with_the_highest(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    page = history(capsys, "ukraine", str(library), "--format", "html")

    assert '<header class="marking marking-secret">SECRET</header>' in page
    assert '<footer class="marking marking-secret">SECRET</footer>' in page
    assert '<p class="marking marking-restricted">RESTRICTED</p>' in page
    assert "<script" not in page


def test_json_history_lists_every_item_with_its_meeting(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    data = json.loads(history(capsys, "ukraine", str(library), "--format", "json"))

    assert data["topic"] == "ukraine"
    assert data["marking"] == "SECRET"
    assert [
        (entry["date"], entry["title"], entry["section"], entry["index"], entry["item"]["title"])
        for entry in data["entries"]
    ] == [
        ("2026-01-10", "January meeting", "positions", 0, "January position"),
        ("2026-03-03", "March meeting", "positions", 0, "March position"),
        ("2026-03-03", "March meeting", "agenda", 0, "March agenda on Ukraine"),
    ]
    assert data["entries"][1]["item"]["statement"] == "Italy pledged more air defence to Ukraine."
    assert data["entries"][0]["classification"] == "RESTRICTED"
    assert data["entries"][0]["path"] == str(library / "b-january.yaml")


def test_a_topic_may_be_written_with_its_hash(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    assert "January position" in history(capsys, "#ukraine", str(library), "--format", "text")


def test_files_named_one_by_one_make_the_same_history(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    files = [str(path) for path in sorted(library.glob("*.yaml"), reverse=True)]

    assert history(capsys, "ukraine", *files, "--format", "markdown") == history(
        capsys, "ukraine", str(library), "--format", "markdown"
    )


def test_a_topic_nobody_uses_is_said_with_the_close_ones_and_exits_1(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    code = run_cli(["summary", "--topic", "ukrain", str(library)])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    assert captured.err == (
        "briefing summary: no briefing here has an item tagged 'ukrain'; did you mean 'ukraine'?\n"
    )


def test_a_topic_with_nothing_close_is_said_plainly(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    code = run_cli(["summary", "--topic", "cyber", str(library), "--format", "json"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    assert captured.err == "briefing summary: no briefing here has an item tagged 'cyber'\n"


def test_a_broken_file_is_named_located_and_the_history_still_printed(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    broken = write(library, MINIMAL + "colour: blue\n", "d-broken.yaml")

    code = run_cli(["summary", "--topic", "ukraine", str(library), "--format", "text"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.err.startswith(f"{broken}:7:1: colour: unknown key")
    assert all(LOCATED.match(line) for line in captured.err.splitlines())
    assert "Italy will keep supporting Ukraine." in captured.out


def test_text_in_a_file_stays_inert_in_the_history(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        meeting(
            "Hostile",
            "2026-01-10",
            "UNCLASSIFIED",
            positions=position('"<b>bold</b> [x](http://e.vil)"', '"**loud** \\e[31m"', "ukraine"),
        ),
    )

    markdown = history(capsys, "ukraine", str(path), "--format", "markdown")
    page = history(capsys, "ukraine", str(path), "--format", "html")
    plain = history(capsys, "ukraine", str(path))

    assert "\\<b>bold\\</b> \\[x](http://e.vil)" in markdown
    assert "\\*\\*loud**" in markdown
    assert "<b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "\x1b" not in plain + markdown + page
    assert "␛[31m" in plain


def test_summary_help_documents_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["summary", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())

    assert "--topic TOPIC" in out
    assert "meeting by meeting in date order (Italy's positions first" in out

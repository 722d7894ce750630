"""`briefing summary A.yaml B.yaml` and `briefing summary FOLDER`: a digest, in every format.

A digest is in date order; its first and last marking is the highest of its briefings (an
unmarked one ranks above UNCLASSIFIED), and each briefing carries its own at its head. A file
that does not load is named on stderr, located, and the rest are still printed (exit 1).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib  # type: ignore[import-untyped,unused-ignore]
import pytest

from briefing_reader.export import digest_markdown
from briefing_reader.loader import load_text
from briefing_reader.model import Briefing
from briefing_reader.text import MARKING_COLOURS
from conftest import MINIMAL, SEED, run_cli, with_lines, write

FORMATS = ("rich", "text", "markdown", "html", "json")
LOCATED = re.compile(r"^.+:\d+:\d+: .+$")


def briefing_text(title: str, day: str, marking: str | None) -> str:
    text = with_lines(MINIMAL, "title: A minimal briefing", f"title: {title}")
    text = with_lines(text, "date: 2026-01-21", f"date: {day}")
    return text + (f"classification: {marking}\n" if marking else "")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Three briefings whose names are not in date order, one of them SECRET."""
    folder = tmp_path / "library"
    write(folder, briefing_text("March meeting", "2026-03-03", "SECRET"), "a-march.yaml")
    write(folder, briefing_text("February meeting", "2026-02-12", "RESTRICTED"), "b-february.yaml")
    write(folder, SEED.read_text(encoding="utf-8"), "c-january.yaml")
    return folder


TITLES = ("Chiefs of Defence meet at NATO Headquarters", "February meeting", "March meeting")


def summarize(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = run_cli(["summary", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def non_blank(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip()]


def positions(output: str, texts: tuple[str, ...]) -> list[int]:
    return [output.index(text) for text in texts]


# --- several files and folders, in every format ---------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_folder_is_a_digest_in_date_order(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    output = summarize(capsys, str(library), "--format", fmt)

    found = positions(output, TITLES)
    assert found == sorted(found)


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_named_in_any_order_are_a_digest_in_date_order(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    files = [str(library / name) for name in ("a-march.yaml", "c-january.yaml")]

    output = summarize(capsys, *files, "--format", fmt)

    found = positions(output, (TITLES[0], TITLES[2]))
    assert found == sorted(found)
    assert TITLES[1] not in output


def test_json_digest_is_a_list_of_briefings_in_date_order(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    data = json.loads(summarize(capsys, str(library), "--format", "json"))

    assert [briefing["title"] for briefing in data] == list(TITLES)
    assert [briefing["date"] for briefing in data] == ["2026-01-21", "2026-02-12", "2026-03-03"]


def test_a_file_and_its_folder_print_it_once(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    output = summarize(capsys, str(library / "a-march.yaml"), str(library), "--format", "text")

    assert output.count("\nMarch meeting\n") == 1


def test_one_file_prints_as_before_without_a_digest_header(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    for fmt in ("rich", "text", "markdown"):
        output = summarize(capsys, str(seed_path), "--format", fmt)
        assert "Digest" not in output
        assert non_blank(output)[0] in ("UNCLASSIFIED", "**UNCLASSIFIED**")


# --- the markings ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_the_digest_is_marked_first_and_last_with_its_highest_marking(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    lines = non_blank(summarize(capsys, str(library), "--format", fmt))

    assert lines[0].strip("*") == lines[-1].strip("*") == "SECRET"


def test_an_unmarked_briefing_outranks_unclassified(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path
) -> None:
    unmarked = write(tmp_path, MINIMAL)

    lines = non_blank(summarize(capsys, str(seed_path), str(unmarked), "--format", "text"))

    assert lines[0] == lines[-1] == "UNMARKED"


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_markings_of_the_same_level_are_all_named_so_no_caveat_is_dropped(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    write(library, briefing_text("April meeting", "2026-04-01", "SECRET//NOFORN"), "d.yaml")

    lines = non_blank(summarize(capsys, str(library), "--format", fmt))

    assert lines[0].strip("*") == lines[-1].strip("*") == "SECRET + SECRET//NOFORN"


def test_each_briefing_carries_its_own_marking_at_its_head_in_text(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    lines = summarize(capsys, str(library), "--format", "text").splitlines()

    heads = [lines[at + 1 : at + 4] for at, line in enumerate(lines) if line == "=" * 80]
    assert heads[:-1] == [  # the last rule stands before the digest's closing marking
        ["UNCLASSIFIED", "", TITLES[0]],
        ["RESTRICTED", "", TITLES[1]],
        ["SECRET", "", TITLES[2]],
    ]
    assert heads[-1] == ["SECRET"]


def rendered(markdown: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    return [
        (tokens[at - 1].tag, token.content)
        for at, token in enumerate(tokens)
        if token.type == "inline"
        and tokens[at - 1].type in ("heading_open", "paragraph_open")
        and tokens[at - 1].level == 0
    ]


def test_each_briefing_carries_its_own_marking_at_its_head_in_markdown(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    blocks = rendered(summarize(capsys, str(library), "--format", "markdown"))

    heads = [blocks[at - 1] for at, block in enumerate(blocks) if block[0] == "h2"]
    assert heads == [("p", "**UNCLASSIFIED**"), ("p", "**RESTRICTED**"), ("p", "**SECRET**")]
    assert [text for tag, text in blocks if tag == "h2"] == list(TITLES)
    assert blocks[0] == blocks[-1] == ("p", "**SECRET**")


def parsed(page: str) -> ET.Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: ET.Element = parser.parse(page)
    return tree


def test_html_digest_is_marked_on_every_page_and_each_briefing_at_its_head(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    tree = parsed(summarize(capsys, str(library), "--format", "html"))

    body = tree.findall(".//body")[0]
    assert ["".join(body[0].itertext()), "".join(body[-1].itertext())] == ["SECRET", "SECRET"]
    css = "".join(tree.findall(".//style")[0].itertext())
    assert css.count('content: "SECRET";') == 2  # the top and bottom of every printed page
    assert f"background-color: {MARKING_COLOURS['secret'][1]};" in css
    articles = tree.findall(".//article[@class='briefing']")
    heads = [("".join(a[0].itertext()), "".join(a[1].itertext())) for a in articles]
    assert heads == [("UNCLASSIFIED", TITLES[0]), ("RESTRICTED", TITLES[1]), ("SECRET", TITLES[2])]
    assert [a[0].attrib["class"] for a in articles] == [
        "marking marking-unclassified",
        "marking marking-restricted",
        "marking marking-secret",
    ]


def test_digest_markdown_takes_briefings_in_any_order() -> None:
    briefings: list[Briefing] = []
    for title, day in (("Late", "2026-05-01"), ("Early", "2026-01-01")):
        loaded = load_text(briefing_text(title, day, None)).briefing
        assert loaded is not None
        briefings.append(loaded)

    blocks = rendered(digest_markdown(briefings))

    assert [text for tag, text in blocks if tag == "h2"] == ["Early", "Late"]


# --- problems and usage errors -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_broken_file_is_named_and_the_rest_still_printed(
    capsys: pytest.CaptureFixture[str], library: Path, fmt: str
) -> None:
    broken = write(library, with_lines(MINIMAL, "date: 2026-01-21", "date: Jan 21"), "broken.yaml")

    code = run_cli(["summary", str(library), "--format", fmt])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.err.splitlines() == [
        f"{broken}:2:7: date: expected a date like 2026-01-21, got 'Jan 21'"
    ]
    assert all(title in captured.out for title in TITLES)


def test_a_folder_with_no_briefings_is_a_usage_error_and_prints_nothing(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    code = run_cli(["summary", str(library), str(empty)])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    assert f"{empty}: is a folder with no briefing files" in captured.err
    assert not any(LOCATED.match(line) for line in captured.err.splitlines())


def test_a_missing_path_among_good_ones_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    code = run_cli(["summary", str(library), str(library / "nowhere.yaml")])
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    assert "nowhere.yaml: no such file" in captured.err

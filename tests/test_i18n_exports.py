"""Summaries, exports, slides and comparisons labelled in Italian: every label, heading,
note and date in the language asked for, the briefing's own words untouched; and the same
calls outside `labelled_in` still in English."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib  # type: ignore[import-untyped,unused-ignore]
import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from textual.pilot import Pilot

from briefing_reader import bigtype, i18n
from briefing_reader.app import BriefingApp
from briefing_reader.compare import Comparison, compare, comparison_markdown, comparison_text
from briefing_reader.export import (
    digest_markdown,
    digest_text,
    digest_title,
    history_meetings,
    history_title,
    to_html,
    to_markdown,
    to_text,
)
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import Briefing
from briefing_reader.render import summary
from briefing_reader.render_compare import comparison_rich
from briefing_reader.screens.present import PresentScreen
from briefing_reader.screens.reader import ReaderScreen
from briefing_reader.slides import Frame, chapters, deck, plain
from briefing_reader.timeline import topic_history
from conftest import BRIEFINGS, MINIMAL, SEED
from pilot import drive, screen_text
from test_slides import SLIDE_AREAS

ITALIAN = BRIEFINGS / "2025-01-15-mccs-brussels.yaml"

ITALIAN_HEADINGS = (
    "Agenda",
    "Posizioni dell'Italia",
    "Regioni di interesse",
    "Partner",
    "Citazioni",
    "Fonte",
)
ENGLISH_LABELS = (
    "Event",
    "Short name",
    "Dates",
    "Place",
    "Principal",
    "Language",
    "Italy's positions",
    "Regions of concern",
    "Partners",
    "Quotes",
    "Source",
    "Summary",
    "Topics",
    "Original",
    "Translation",
    "Speaker",
    "Publisher",
    "January",
    "UNMARKED",
)
"""Labels an export of the Italian briefing would show in English (none is a word of its
own text, checked below)."""


def load(path: Path) -> Briefing:
    briefing = load_file(path).briefing
    assert briefing is not None
    return briefing


@pytest.fixture
def italian() -> Briefing:
    return load(ITALIAN)


def english_left(text: str) -> list[str]:
    """The English labels found in `text`, as whole words."""
    return [label for label in ENGLISH_LABELS if re.search(rf"\b{re.escape(label)}\b", text)]


def page_text(page: str) -> str:
    """An HTML page's visible words (parsed strictly: any parse error fails)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: ET.Element = parser.parse(page)
    body = tree.find("body")
    assert body is not None
    return " ".join("".join(body.itertext()).split())


def markdown_text(markdown: str) -> str:
    """Markdown as a reader sees it: rendered, tags dropped."""
    rendered = MarkdownIt("commonmark").render(markdown)
    return " ".join(re.sub(r"<[^>]+>", " ", rendered).split())


def rich_text(renderable: object, width: int = 100) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def test_the_english_labels_are_not_words_of_the_italian_briefing(italian: Briefing) -> None:
    """So that finding one in an export means a label was left in English."""
    assert english_left(ITALIAN.read_text(encoding="utf-8").split("\nsource:")[0]) == []


# --- exports --------------------------------------------------------------------------------


def test_markdown_of_an_italian_briefing_is_labelled_in_italian(italian: Briefing) -> None:
    with i18n.labelled_in("it"):
        markdown = to_markdown(italian)
    headings = re.findall(r"^#+ (.*)$", markdown, flags=re.MULTILINE)
    for heading in ITALIAN_HEADINGS:
        assert heading in headings, heading
    assert "- **Date:** 15–16 gennaio 2025" in markdown
    assert "- **Luogo:** Quartier Generale della NATO, Bruxelles" in markdown
    assert "- **Rappresentante:** Generale Luciano Portolano" in markdown
    shown = markdown_text(markdown)
    assert english_left(shown) == []
    assert "Posizioni dell'Italia" in shown


def test_plain_text_of_an_italian_briefing_is_labelled_in_italian(italian: Briefing) -> None:
    with i18n.labelled_in("it"):
        text = to_text(italian)
    lines = text.splitlines()
    for heading in ITALIAN_HEADINGS:
        assert heading in lines, heading
    assert "Date: 15–16 gennaio 2025" in lines
    assert lines[0] == lines[-1] == "UNCLASSIFIED"  # the marking is the file's: as written
    assert english_left(text) == []


def test_html_of_an_italian_briefing_is_labelled_and_declared_in_italian(
    italian: Briefing,
) -> None:
    with i18n.labelled_in("it"):
        page = to_html(italian)
    assert page.startswith('<!DOCTYPE html>\n<html lang="it">')
    shown = page_text(page)
    for heading in ITALIAN_HEADINGS:
        assert heading in shown, heading
    assert '<dt>Date</dt><dd class="text">15–16 gennaio 2025</dd>' in page
    assert "Originale (it)" in shown
    assert english_left(shown) == []


def test_outside_the_block_the_same_exports_are_in_english(italian: Briefing) -> None:
    markdown, text, page = to_markdown(italian), to_text(italian), to_html(italian)
    assert "## Italy's positions" in markdown
    assert "- **Dates:** 15–16 January 2025" in markdown
    assert "Dates: 15–16 January 2025" in text.splitlines()
    # the page is in the language of its labels; the briefing's own text says it is Italian
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<article class="briefing" lang="it">' in page
    assert "Italy&#x27;s positions" in page
    assert "Posizioni dell" not in markdown + text + page


def test_the_rich_summary_is_labelled_in_italian(italian: Briefing) -> None:
    with i18n.labelled_in("it"):
        text = rich_text(summary(italian))
    assert "Posizioni dell'Italia" in text
    assert "15–16 gennaio 2025" in text
    assert "Fonte:" in text
    assert "Originale (it)" in text
    assert english_left(text) == []


def test_a_digest_names_its_count_in_italian(italian: Briefing) -> None:
    others = [load(path) for path in sorted(BRIEFINGS.glob("*.yaml")) if path != ITALIAN]
    with i18n.labelled_in("it"):
        one = digest_title([italian])
        three = digest_title([italian, *others])
        text = digest_text([italian, *others])
        markdown = digest_markdown([italian, *others])
    assert one == "Raccolta di 1 briefing, 15–16 gennaio 2025"
    assert three == "Raccolta di 3 briefing, 15 gennaio 2025 – 22 gennaio 2026"
    assert text.splitlines()[2] == three
    assert "In ordine di data." in text
    assert f"# {three}" in markdown
    assert "In date order" not in text + markdown
    assert digest_title([italian, *others]).startswith("Digest of 3 briefings, 15 January 2025")


def test_a_topic_history_counts_in_italian(italian: Briefing) -> None:
    results = [load_file(path) for path in sorted(BRIEFINGS.glob("*.yaml"))]
    with i18n.labelled_in("it"):
        many = history_title("ukraine", history_meetings(topic_history(results, "ukraine")))
        one = history_title(
            "ukraine", history_meetings(topic_history([load_file(ITALIAN)], "ukraine")[:1])
        )
    assert re.fullmatch(r"#ukraine: \d+ voci in \d+ briefing, .* gennaio 2026", many), many
    assert one == "#ukraine: 1 voce in 1 briefing, 15–16 gennaio 2025"


# --- slides --------------------------------------------------------------------------------


def test_slides_of_an_italian_briefing_have_italian_titles_at_80x24(italian: Briefing) -> None:
    width, height = SLIDE_AREAS["80x24"]
    with i18n.labelled_in("it"):
        found = chapters(italian)
        slides = deck(italian, width, height)
    titles = {chapter.name: chapter.title for chapter in found}
    assert titles["positions"] == "Posizioni dell'Italia"
    assert titles["source"] == "Fonte"
    assert slides[0].label == "Sintesi"
    assert slides[-1].caption == "Fonte"
    assert any(re.fullmatch(r"Posizioni( \(\d/\d\))?", slide.caption) for slide in slides)
    frame = Frame(width, height)
    for slide in slides:
        if slide.chapter == "overview":  # headed by the briefing's title, or its short name
            continue
        title = titles[slide.chapter]
        heading = [line.strip() for line in plain(slide.lines[: slide.body]) if line.strip()]
        big = bigtype.big_text(title, frame.column)
        drawn = [row.strip() for row in big] if big else None
        assert heading in ([title], drawn), (slide.caption, heading)
        assert english_left(slide.text) == [], slide.caption


def test_a_heading_with_letters_the_font_lacks_is_shown_in_bold() -> None:
    # accented letters are drawn as their base letter, the apostrophe as it is
    assert bigtype.drawable("Posizioni dell’Italia") == "POSIZIONI DELL'ITALIA"
    assert bigtype.drawable("Attività più già") == "ATTIVITA PIU GIA"
    assert bigtype.big_text("Attività", 78) is not None
    # a letter with no base the font has: no large type, and the heading is still shown
    assert bigtype.drawable("Łódź") is None
    briefing = load_text(MINIMAL.replace("A minimal briefing", "Incontro a Łódź")).briefing
    assert briefing is not None
    first = deck(briefing, *SLIDE_AREAS["80x24"])[0]
    heading = [line.strip() for line in plain(first.lines[: first.body]) if line.strip()]
    assert heading == ["Incontro a Łódź"]
    drawn = [seg for line in first.lines[: first.body] for seg in line if "Łódź" in seg.text]
    assert drawn, "the heading is not there"
    assert all(seg.style is not None and seg.style.bold for seg in drawn)


def test_presenting_in_italian_keeps_the_marking_on_every_slide(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / ITALIAN.name).write_bytes(ITALIAN.read_bytes())
    i18n.set_language("it")

    async def scenario(pilot: Pilot[None], app: BriefingApp) -> None:
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        captions = []
        for _number in screen.slides:
            lines = screen_text(app).splitlines()
            assert lines[0].strip() == lines[-1].strip() == "UNCLASSIFIED"
            captions.append(lines[-2].split("  ")[0].strip())
            await pilot.press("space")
        assert re.fullmatch(r"Sintesi( \(1/\d\))?", captions[0]), captions[0]
        assert captions[-1] == "Fonte"
        assert any(caption.startswith("Posizioni") for caption in captions)
        assert not any(caption.startswith(("Overview", "Positions")) for caption in captions)

    drive(library, scenario, size=(80, 24))


# --- a comparison -------------------------------------------------------------------------


def revised(text: str) -> Briefing:
    """The Italian briefing with its position reworded."""
    result = load_text(text.replace("sempre più efficace", "più stretta", 1))
    assert result.briefing is not None, result.problems
    return result.briefing


@pytest.fixture
def meetings(italian: Briefing) -> Comparison:
    return compare(italian, load(SEED))


def test_a_comparison_of_two_meetings_reads_in_italian(meetings: Comparison) -> None:
    with i18n.labelled_in("it"):
        text = comparison_text(meetings)
        markdown = comparison_markdown(meetings)
        rich = rich_text(comparison_rich(meetings), width=120)
    for output in (text, markdown_text(markdown), rich):
        assert "Confronto tra due briefing" in output
        assert "Due incontri: le voci sono abbinate per i temi in comune." in output
        assert "Posizioni dell'Italia" in output
        assert "Per tema" in output
        assert "15–16 gennaio 2025" in output
        for english in ("Comparison of two briefings", "By topic", "Only in A", "only in B"):
            assert english not in output
    assert re.search(r"#ukraine: in entrambi \(\d+ voc[ei] in A, \d+ in B\)", text)
    assert "barrato su rosso: solo in A · grassetto su verde: solo in B" in rich
    assert "Solo in A" in rich or "Stesso tema" in rich
    with i18n.labelled_in("en"):
        assert "Comparison of two briefings" in comparison_text(meetings)


def test_a_revision_compared_in_italian_names_what_changed(italian: Briefing) -> None:
    text = ITALIAN.read_text(encoding="utf-8")
    assert "sempre più efficace" in text
    with i18n.labelled_in("it"):
        c = compare(italian, revised(text))
        assert c.same_meeting
        plain_text = comparison_text(c)
        markdown = comparison_markdown(c)
    assert "Lo stesso incontro in due versioni" in plain_text
    assert re.search(r"\d+ in entrambi \(1 modificata\)", plain_text), plain_text
    assert "Modificata: " in plain_text
    assert "* **Uguale:**" in markdown
    assert "Le parole solo in A sono barrate" in markdown

"""Markdown that renders as it reads, checked by rendering it with CommonMark (markdown-it-py).

Each test parses the export into its blocks (headings, paragraphs, lists, blockquotes) and
compares them with what a reader expects from the briefing: a heading for the title, each
section and each item; each field its own list entry, with its text exactly as typed; a
quote's blockquote holding only the original words. Markup and HTML typed into a briefing
must render as the same text, never as links, emphasis, code or tags.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing_reader.export import item_markdown, to_markdown
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import (
    SECTION_TITLES,
    SECTIONS,
    AgendaItem,
    Briefing,
    Item,
    Quote,
    Source,
    fields_of,
    item_heading,
)
from briefing_reader.text import date_span, marking_text, printable
from conftest import BRIEFINGS, ROOT

CORPUS_GOOD = ROOT / "tests" / "corpus" / "good"
SHIPPED = sorted(BRIEFINGS.glob("*.yaml"))

Block = tuple[str, ...]

# Markup of every kind CommonMark (and GitHub's dialect) knows, typed into every field.
HOSTILE = r"""title: "# <script>alert(1)</script> [link](javascript:x) *em* _em_ `code` ##"
date: 2026-02-12
event: "![img](http://e.vil/x.png) <http://e.vil> &amp; &#x41; ~~struck~~"
place: "**bold** __bold__ <b onclick=x>tag</b> \\*already\\* a_b_c 2*3*4"
principal: "[ref]: http://e.vil and [ref] | a | b |"
classification: "*SECRET*"
summary: |
  # not a heading
  > not a quote
  1. not a list
  - not a list
  + not a list
  * not a list
  ---
  ===
  ```
  <div>not a block</div>
      not code
  |---|---|
  last line ends in a backslash \
agenda:
  - title: "1986. A year #"
    summary: "-- dashes, 5 * 3, snake_case_name, (JATEC), 000_34d31248c35cb76d, C# & F#"
    topics: [markup]
positions:
  - title: "> quoted title"
    statement: "<!-- comment --> <?php x ?> <![CDATA[x]]> </p> end"
    speaker: "`a` ``b`` ```c```"
regions: []
bilaterals: []
quotes:
  - speaker: "_Someone_"
    language: it
    original: |
      > Parole *originali* con <i>tag</i>
      - e [un link](http://e.vil)
    translation: "Words *with* <i>tags</i>"
    context: "= set by [x][y]"
source:
  publisher: "Publisher \\ with a backslash"
  url: "javascript:alert('x')"
  reference: "https://e.vil/a_b_(c)"
"""


# --- what the export renders as --------------------------------------------------------------

ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "blockquote", "br", "hr"}


def _inline_text(token: Token) -> str:
    """The text an inline token renders, `**` for strong; any other markup as <its type>."""
    parts = []
    for child in token.children or ():
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("strong_open", "strong_close"):
            parts.append("**")
        else:
            parts.append(f"<{child.type}>")
    return "".join(parts)


def rendered_blocks(markdown: str) -> list[Block]:
    """The top-level blocks of a CommonMark document, each as its kind and text: a list as
    the text of each entry, a blockquote as the text it holds. Anything else (a code block,
    an ordered list, raw HTML, a nested list) is kept by its kind, to fail a comparison."""
    blocks: list[Block] = []
    tokens = MarkdownIt("commonmark").parse(markdown)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            blocks.append((token.tag, _inline_text(tokens[index + 1])))
            index += 3
        elif token.type == "paragraph_open":
            blocks.append(("p", _inline_text(tokens[index + 1])))
            index += 3
        elif token.type in ("bullet_list_open", "blockquote_open"):
            closing = token.type.replace("_open", "_close")
            end = next(
                at
                for at in range(index + 1, len(tokens))
                if tokens[at].type == closing and tokens[at].level == token.level
            )
            inner = tokens[index + 1 : end]
            kinds = {t.type for t in inner} - {
                "list_item_open",
                "list_item_close",
                "paragraph_open",
                "paragraph_close",
                "inline",
            }
            texts = tuple(_inline_text(t) for t in inner if t.type == "inline")
            kind = "ul" if token.type == "bullet_list_open" else "blockquote"
            blocks.append((kind, *texts) if not kinds else (kind, f"<{sorted(kinds)}>"))
            index = end + 1
        else:
            blocks.append((token.type,))
            index += 1
    return blocks


def rendered_tags(markdown: str) -> set[str]:
    return set(re.findall(r"<([a-z0-9]+)", MarkdownIt("commonmark").render(markdown)))


# --- what a reader expects ---------------------------------------------------------------


def shown(text: str) -> str:
    """A field's text as exports show it: printable, its lines kept, spaces collapsed."""
    lines = printable(text).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def one_line(text: str) -> str:
    return " ".join(printable(text).split())


def entry(label: str, value: object) -> str:
    if isinstance(value, dt.date):
        value = date_span(value)
    elif isinstance(value, tuple):
        value = ", ".join(value)
    assert isinstance(value, str)
    return f"**{label}:** {shown(value)}"


def expected_item(item: Item, level: int) -> list[Block]:
    heading = item.speaker if isinstance(item, Quote) else item_heading(item)
    blocks: list[Block] = [(f"h{level}", one_line(heading))]
    entries = []
    for spec in fields_of(type(item)):
        value = getattr(item, spec.name)
        if spec.heading or not value or (isinstance(value, str) and not shown(value)):
            continue
        if isinstance(item, Quote) and spec.name == "original":
            blocks.append(("blockquote", shown(value)))
        else:
            entries.append(entry(spec.label, value))
    return [*blocks, ("ul", *entries)] if entries else blocks


def expected_briefing(briefing: Briefing, level: int = 1) -> list[Block]:
    facts = [
        ("Event", briefing.event),
        ("Short name", briefing.short_name),
        ("Dates", date_span(briefing.date, briefing.end_date)),
        ("Place", briefing.place),
        ("Principal", briefing.principal),
        ("Language", briefing.language),
    ]
    blocks: list[Block] = [(f"h{level}", one_line(briefing.title))]
    blocks.append(
        ("ul", *(entry(label, value) for label, value in facts if value and shown(value)))
    )
    if briefing.summary and shown(briefing.summary):
        blocks.append(("p", shown(briefing.summary)))
    for name in SECTIONS:
        items: tuple[Item, ...] = getattr(briefing, name)
        if items:
            blocks.append((f"h{level + 1}", SECTION_TITLES[name]))
            for item in items:
                blocks += expected_item(item, level + 2)
    if briefing.source:
        values = [(spec.label, getattr(briefing.source, spec.name)) for spec in fields_of(Source)]
        blocks.append((f"h{level + 1}", "Source"))
        values = [(label, value) for label, value in values if value]
        blocks.append(("ul", *(entry(label, value) for label, value in values)))
    return blocks


def marking_block(marking: str | None) -> Block:
    return ("p", f"**{' '.join(marking_text(marking).split()) or 'UNMARKED'}**")


def loaded(path: Path) -> Briefing:
    result = load_file(path)
    assert result.briefing is not None, result.problems
    return result.briefing


def hostile() -> Briefing:
    result = load_text(HOSTILE)
    assert result.briefing is not None, result.problems
    return result.briefing


def labels_and_markings(blocks: Iterable[Block]) -> int:
    """How many bold runs the export itself writes: a label per list entry, two markings."""
    return sum(len(block) - 1 for block in blocks if block[0] == "ul") + 2


# --- every section of every briefing -----------------------------------------------------


@pytest.mark.parametrize(
    "path", SHIPPED + sorted(CORPUS_GOOD.glob("*.yaml")), ids=lambda path: path.name
)
def test_every_field_of_a_briefing_renders_in_its_own_place_as_typed(path: Path) -> None:
    """The shipped briefings and the corpus's good files (markup, escapes, odd Unicode)."""
    briefing = loaded(path)
    markdown = to_markdown(briefing)
    marking = marking_block(briefing.classification)

    assert rendered_blocks(markdown) == [marking, *expected_briefing(briefing), marking]
    assert rendered_tags(markdown) <= ALLOWED_TAGS


def test_briefings_folder_is_not_empty() -> None:
    assert SHIPPED, "the test above must check every shipped briefing"


def test_markup_and_html_typed_into_a_briefing_render_as_typed() -> None:
    briefing = hostile()
    markdown = to_markdown(briefing)
    blocks = rendered_blocks(markdown)
    marking = marking_block(briefing.classification)
    expected = [marking, *expected_briefing(briefing), marking]

    assert blocks == expected
    assert rendered_tags(markdown) <= ALLOWED_TAGS  # no <a>, <img>, <em>, <code>, <script>...
    html = MarkdownIt("commonmark").render(markdown)
    assert html.count("<strong>") == labels_and_markings(expected)  # only the labels and markings


def test_fields_are_list_entries_not_one_paragraph(seed_path: Path) -> None:
    """The issue's example: 'Support to Ukraine 12 February 2026 Summary: … Topics: ukraine'."""
    blocks = rendered_blocks(to_markdown(loaded(seed_path)))

    at = blocks.index(("h3", "Support to Ukraine"))
    assert blocks[at + 1][0] == "ul"
    assert [text.split(":**")[0] for text in blocks[at + 1][1:]] == ["**Summary", "**Topics"]


def test_a_quotes_blockquote_holds_only_the_original_words(seed_path: Path) -> None:
    briefing = loaded(seed_path)
    quote = briefing.quotes[0]
    blocks = rendered_blocks(to_markdown(briefing))

    at = blocks.index(("h3", quote.speaker))
    assert blocks[at + 1] == ("blockquote", shown(quote.original))
    assert blocks[at + 2] == (
        "ul",
        f"**Translation:** {shown(quote.translation or '')}",
        f"**Language:** {quote.language}",
        f"**Context:** {shown(quote.context or '')}",
        "**Topics:** industrial-ramp-up, deterrence",
    )


def test_sections_have_headings(seed_path: Path) -> None:
    blocks = rendered_blocks(to_markdown(loaded(seed_path)))

    assert [text for kind, *rest in blocks if kind == "h2" for text in rest] == [
        *SECTION_TITLES.values(),
        "Source",
    ]


def test_nothing_is_escaped_that_commonmark_does_not_need(seed_path: Path) -> None:
    """Chat tools that show Markdown as typed showed `\\(JATEC\\)` and `000\\_34d…`."""
    markdown = to_markdown(loaded(seed_path))

    assert "(JATEC)" in markdown
    assert "Alliance's deterrence" in markdown  # an apostrophe as typed
    assert "\\" not in markdown  # the hostile test below covers underscores and hashes


def test_only_what_could_start_markup_is_escaped() -> None:
    markdown = to_markdown(hostile())

    assert "(JATEC), 000_34d31248c35cb76d, C# & F#" in markdown  # all inert as typed
    assert "- **Summary:** -- dashes, 5 * 3, snake_case_name" in markdown
    assert "### 1986. A year \\#" in markdown  # a heading's closing # would be dropped
    assert "\\*em* \\_em_" in markdown  # an opener is escaped; its closer has nothing to close
    assert "https://e.vil/a_b_(c)" in markdown


# --- one item -----------------------------------------------------------------------------


def test_an_item_alone_has_the_marking_first_and_last(seed_path: Path) -> None:
    briefing = loaded(seed_path)
    item = briefing.agenda[5]

    blocks = rendered_blocks(item_markdown(item, briefing))

    assert blocks[0] == blocks[-1] == ("p", "**UNCLASSIFIED**")


def test_an_item_alone_names_its_briefing_and_is_laid_out_as_in_the_briefing(
    seed_path: Path,
) -> None:
    briefing = loaded(seed_path)
    quote = briefing.quotes[0]

    blocks = rendered_blocks(item_markdown(quote, briefing))

    assert blocks[1] == (
        "p",
        "Chiefs of Defence meet at NATO Headquarters · 21–22 January 2026 · Quotes",
    )
    assert blocks[2:-1] == expected_item(quote, 3)


def test_an_item_alone_renders_markup_as_typed() -> None:
    briefing = hostile()
    for section, item in briefing.items():
        markdown = item_markdown(item, briefing)
        blocks = rendered_blocks(markdown)

        context = f"{one_line(briefing.title)} · 12 February 2026 · {SECTION_TITLES[section]}"
        assert blocks[0] == blocks[-1] == marking_block(briefing.classification)
        assert blocks[1] == ("p", context)
        assert blocks[2:-1] == expected_item(item, 3)
        assert rendered_tags(markdown) <= ALLOWED_TAGS


# --- any text at all ----------------------------------------------------------------------

MARKDOWN_ALPHABET = st.sampled_from(
    [*"ab1 .)*_~`[]()<>&#;!\\-+=|:/?\n\té", "&amp;", "<b>", "](", "http://", "```", "1. ", "# "]
)
markdownish = st.lists(MARKDOWN_ALPHABET, min_size=1, max_size=14).map("".join)


@settings(max_examples=150, deadline=None)
@given(title=markdownish, summary=markdownish, heading=markdownish, words=markdownish)
def test_any_text_renders_as_typed_in_every_place(
    title: str, summary: str, heading: str, words: str
) -> None:
    """Headings, a paragraph, list entries and a blockquote, each holding any text."""
    briefing = Briefing(
        title=title,
        date=dt.date(2026, 2, 12),
        summary=summary,
        classification=words,
        agenda=(AgendaItem(title=heading, summary=words),),
        positions=(),
        regions=(),
        bilaterals=(),
        quotes=(Quote(speaker=heading, original=words, translation=summary),),
    )
    markdown = to_markdown(briefing)
    marking = marking_block(briefing.classification)

    assert rendered_blocks(markdown) == [marking, *expected_briefing(briefing), marking]
    assert rendered_tags(markdown) <= ALLOWED_TAGS

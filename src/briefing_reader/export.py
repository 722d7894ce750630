"""A briefing, a digest of several, or a topic's history, as Markdown, plain text, HTML or JSON.

Markdown renders as it reads: each field its own list entry, a quote's original alone in its
blockquote, and only what CommonMark would take for markup escaped, so pasted into a chat it
shows as typed. Plain text is for mail: no box drawing, wrapped at a width, the marking
first and last. HTML is one self-contained page for the browser and for print, with the
marking on every printed page. Every format walks the field list of `model.fields_of`, so a
field added to the model is exported without a change here. Imports neither Textual nor Rich.

Text from a briefing is data in every format: made printable (no control characters or bidi
overrides), and escaped for the format, so markup or HTML typed into a file comes out inert.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import i18n
from .i18n import N_, _, ngettext
from .model import (
    SECTION_TITLES,
    SECTIONS,
    Briefing,
    FieldSpec,
    Item,
    Quote,
    fields_of,
    item_heading,
)
from .text import (
    MARKING_COLOURS,
    clipped,
    date_span,
    highest_marking,
    marking_level,
    marking_text,
    printable,
)

if TYPE_CHECKING:
    from .timeline import HistoryEntry

_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]"
)

MIN_WIDTH = 20
"""The narrowest plain text that still reads: a label and a word or two."""

# --- shared by every format ---------------------------------------------------------------

Value = str | tuple[str, ...]
"""A field's value as exports show it: text (dates written out), or topic tags."""


def _lines(text: str) -> list[str]:
    """A field's text as the lines it holds, as the reader shows them: terminal-safe, each
    run of spaces one space, blank lines dropped."""
    return [" ".join(line.split()) for line in printable(text).split("\n") if line.strip()]


def _one_line(text: str) -> str:
    """Text for a heading or a title: terminal-safe, on one line."""
    return " ".join(printable(text).split())


def _marking(marking: str | None) -> str:
    """What the banner says (see `marking_text`), on one line."""
    return " ".join(marking_text(marking).split()) or _("UNMARKED")


def _fields(record: object) -> list[tuple[FieldSpec, Value]]:
    """The fields of an item or a source that hold something, in model order; fields that
    name the item are left to its heading."""
    found: list[tuple[FieldSpec, Value]] = []
    for spec in fields_of(type(record)):
        value = getattr(record, spec.name)
        if spec.heading or not value or (isinstance(value, str) and not _lines(value)):
            continue
        if isinstance(value, dt.date):
            value = date_span(value)
        found.append((spec, value))
    return found


def _facts(briefing: Briefing) -> list[tuple[str, str]]:
    """The briefing's own facts, as labelled lines under its title."""
    facts = [
        (_("Event"), briefing.event),
        (_("Short name"), briefing.short_name),
        (_("Dates"), date_span(briefing.date, briefing.end_date)),
        (_("Place"), briefing.place),
        (_("Principal"), briefing.principal),
        (_("Language"), briefing.language),
    ]
    return [(label, value) for label, value in facts if value and _lines(value)]


def _heading(item: Item) -> str:
    return item.speaker if isinstance(item, Quote) else item_heading(item)


def _sections(briefing: Briefing) -> list[tuple[str, tuple[Item, ...]]]:
    return [(name, getattr(briefing, name)) for name in SECTIONS if getattr(briefing, name)]


def _section_of(item: Item, briefing: Briefing) -> str | None:
    for name, candidate in briefing.items():
        if candidate is item:
            return name
    return next((name for name, candidate in briefing.items() if candidate == item), None)


def digest_order(briefings: Iterable[Briefing]) -> list[Briefing]:
    """Briefings in the order a digest shows them: by date, then by title. A digest of
    nothing is a mistake of the caller's: ValueError."""
    ordered = sorted(briefings, key=lambda briefing: (briefing.date, briefing.title))
    if not ordered:
        raise ValueError(_("a digest needs at least one briefing"))
    return ordered


def digest_marking(briefings: Iterable[Briefing]) -> str:
    """The marking a digest carries first and last: the highest of its briefings (an
    unmarked briefing ranks above UNCLASSIFIED). Different markings of that level are all
    named ('SECRET + SECRET//NOFORN'), so no caveat is dropped from the banner."""
    markings = [briefing.classification for briefing in briefings]
    level = marking_level(highest_marking(markings))
    top = (_marking(marking) for marking in markings if marking_level(marking) == level)
    return " + ".join(dict.fromkeys(top))


def digest_title(briefings: Sequence[Briefing]) -> str:
    """'Digest of 3 briefings, 21 January – 3 March 2026'."""
    first = min(briefing.date for briefing in briefings)
    last = max(briefing.end_date or briefing.date for briefing in briefings)
    count = len(briefings)
    return ngettext(
        "Digest of {count} briefing, {dates}", "Digest of {count} briefings, {dates}", count
    ).format(count=i18n.number(count), dates=date_span(first, last))


DIGEST_NOTE = N_(
    "In date order. Each briefing is marked at its head; the marking at the top and the "
    "bottom is the highest of them."
)
"""What a digest says under its title (marked only: shown as `_(DIGEST_NOTE)`)."""


def _contents_line(briefing: Briefing) -> tuple[str, str, str]:
    """A briefing's line in a digest's contents: its dates, title and marking."""
    dates = date_span(briefing.date, briefing.end_date)
    return dates, _one_line(briefing.title), _marking(briefing.classification)


# --- Markdown -----------------------------------------------------------------------------

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD_SPECIAL = re.compile(r"\*+|_+|~+|[\\`\[<&]")
_TAG_OR_AUTOLINK = re.compile(r"[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_START = re.compile(
    r"#{1,6}(?:\s|$)"  # a heading
    r"|>"  # a blockquote
    r"|[-+](?:\s|$)"  # a bullet list
    r"|=+\s*$"  # a setext underline
    r"|[|:]?[\s|:-]*-[\s|:-]*$"  # a thematic break, setext underline or table delimiter row
)
_ORDERED_LIST = re.compile(r"\d{1,9}(?=[.)](?:\s|$))")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+\s*)$")


def _punctuation(char: str) -> bool:
    """Punctuation as CommonMark 0.31 reads it for emphasis (Unicode P and S)."""
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _punctuation_narrow(char: str) -> bool:
    """Punctuation as earlier CommonMark (and some renderers) read it (Unicode P only)."""
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] == "P"


def _flanking(before: str, after: str, punctuation: Callable[[str], bool]) -> tuple[bool, bool]:
    """Whether a delimiter run between `before` and `after` is left- and right-flanking."""
    left = not after.isspace() and (
        not punctuation(after) or before.isspace() or punctuation(before)
    )
    right = not before.isspace() and (
        not punctuation(before) or after.isspace() or punctuation(after)
    )
    return left, right


def _may_delimit(char: str, before: str, after: str, *, closing: bool) -> bool:
    """Whether a run of `*`, `_` or `~` could open emphasis (GFM: strikethrough), or with
    `closing` close it too, by CommonMark's flanking rules read either way a renderer
    may read punctuation. The edge of the text counts as able: beyond it is our Markdown.

    With every run that could open escaped, a run that could only close has nothing to
    close, so it stays as typed (`*em*` is written `\\*em*`).
    """
    if not before or not after:
        return True
    for punctuation in (_punctuation, _punctuation_narrow):
        left, right = _flanking(before, after, punctuation)
        if char == "_":  # an intraword `_` neither opens nor closes; an intraword `*` does
            left, right = (
                left and (not right or punctuation(before)),
                right and (not left or punctuation(after)),
            )
        if left or (closing and right):
            return True
    return False


def _md_inline(text: str, *, in_strong: bool = False) -> str:
    """One line of text as CommonMark inline content that renders exactly as typed: a
    backslash only where markup could start (emphasis, code, links, HTML, entities), never
    before `(`, `)` or an intraword `_`. `in_strong`: the text goes between `**` and `**`,
    whose opener a closing `*` could take, so closers are escaped too."""
    out: list[str] = []
    last = 0
    for match in _MD_SPECIAL.finditer(text):
        start, end = match.span()
        token = match.group()
        char = token[0]
        if char in "*_~":
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            escape = _may_delimit(char, before, after, closing=in_strong)
        elif char == "\\":  # a backslash escapes punctuation, or breaks the line at its end
            escape = end == len(text) or text[end] in _ASCII_PUNCTUATION
        elif char == "<":
            escape = _TAG_OR_AUTOLINK.match(text, end) is not None
        elif char == "&":
            escape = _ENTITY.match(text, start) is not None
        else:  # ` and [ start code spans, links and images
            escape = True
        out += [text[last:start], "".join(f"\\{c}" for c in token) if escape else token]
        last = end
    out.append(text[last:])
    return "".join(out)


def _md_line(text: str) -> str:
    """A line of text that starts a line of Markdown: also escaped so that no block (a
    heading, a list, a quote, a rule, a setext underline) starts there."""
    line = _md_inline(text)
    if _BLOCK_START.match(line):
        return "\\" + line
    ordered = _ORDERED_LIST.match(line)
    if ordered:
        return f"{line[: ordered.end()]}\\{line[ordered.end() :]}"
    return line


def _md_text(text: str, *, prefix: str, at_line_start: bool = False) -> str:
    """A field's text, its lines joined by hard line breaks; `prefix` starts each line
    after the first (the indent of a list entry, or `> ` in a quote)."""
    lines = _lines(text)
    if not lines:
        return ""
    first = _md_line(lines[0]) if at_line_start else _md_inline(lines[0])
    return "\\\n".join([first, *(prefix + _md_line(line) for line in lines[1:])])


def _md_heading(level: int, text: str) -> str:
    line = _CLOSING_HASHES.sub(r"\1\\\2", _md_inline(_one_line(text)))  # else it is dropped
    return f"{'#' * level} {line}"


def _md_marking(marking: str) -> str:
    return f"**{_md_inline(marking, in_strong=True)}**"


def _md_entry(label: str, value: Value) -> str:
    if isinstance(value, tuple):  # topic tags
        value = ", ".join(value)
    return f"- **{label}:** {_md_text(value, prefix='  ')}"


def _md_item(item: Item, level: int) -> list[str]:
    """An item as blocks: its heading, a quote's original words alone in a blockquote, and
    a list of its other fields."""
    blocks = [_md_heading(level, _heading(item))]
    entries = []
    for spec, value in _fields(item):
        if isinstance(item, Quote) and spec.name == "original":
            blocks.append("> " + _md_text(item.original, prefix="> ", at_line_start=True))
        else:
            entries.append(_md_entry(spec.label, value))
    if entries:
        blocks.append("\n".join(entries))
    return blocks


def _md_briefing(briefing: Briefing, level: int) -> list[str]:
    """The briefing as blocks, its title at heading `level`, without its marking."""
    blocks = [_md_heading(level, briefing.title)]
    blocks.append("\n".join(_md_entry(label, value) for label, value in _facts(briefing)))
    if briefing.summary and _lines(briefing.summary):
        blocks.append(_md_text(briefing.summary, prefix="", at_line_start=True))
    for name, items in _sections(briefing):
        blocks.append(_md_heading(level + 1, SECTION_TITLES[name]))
        for item in items:
            blocks += _md_item(item, level + 2)
    if briefing.source:
        blocks.append(_md_heading(level + 1, _("Source")))
        blocks.append("\n".join(_md_entry(s.label, v) for s, v in _fields(briefing.source)))
    return blocks


def _md_document(blocks: Iterable[str]) -> str:
    return "\n\n".join(block for block in blocks if block) + "\n"


def to_markdown(briefing: Briefing) -> str:
    """The briefing as CommonMark, its marking (in bold) the first and the last line."""
    marking = _md_marking(_marking(briefing.classification))
    return _md_document([marking, *_md_briefing(briefing, 1), marking])


def item_markdown(item: Item, briefing: Briefing) -> str:
    """One item as CommonMark, laid out as in `to_markdown`, under a line naming its
    briefing (title, dates and section), with the briefing's marking first and last."""
    marking = _md_marking(_marking(briefing.classification))
    context = [_one_line(briefing.title), date_span(briefing.date, briefing.end_date)]
    section = _section_of(item, briefing)
    if section is not None:
        context.append(SECTION_TITLES[section])
    return _md_document([marking, _md_line(" · ".join(context)), *_md_item(item, 3), marking])


def digest_markdown(briefings: Iterable[Briefing]) -> str:
    """Several briefings as one CommonMark document, in date order: the highest marking
    first and last, contents, then each briefing under its own marking."""
    ordered = digest_order(briefings)
    marking = _md_marking(digest_marking(ordered))
    contents = [
        f"- **{dates}:** {_md_inline(title)} ({_md_inline(mark)})"
        for dates, title, mark in map(_contents_line, ordered)
    ]
    title = _md_heading(1, digest_title(ordered))
    blocks = [marking, title, _md_line(_(DIGEST_NOTE)), "\n".join(contents)]
    for briefing in ordered:
        blocks += ["---", _md_marking(_marking(briefing.classification))]
        blocks += _md_briefing(briefing, 2)
    return _md_document([*blocks, "---", marking])


# --- plain text ---------------------------------------------------------------------------


def check_width(width: int) -> int:
    """`width` if plain text can be wrapped at it; ValueError if it is under MIN_WIDTH."""
    if width < MIN_WIDTH:
        raise ValueError(
            _("a width of at least {least} columns is needed, not {width}").format(
                least=MIN_WIDTH, width=width
            )
        )
    return width


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Text wrapped at `width`, each of its lines a paragraph; `first` starts the first
    line, `rest` the others. A word longer than the width (a URL) is kept whole."""
    wrapped: list[str] = []
    for number, line in enumerate(_lines(clipped(text))):
        wrapped += textwrap.wrap(
            line,
            width,
            initial_indent=first if number == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return wrapped


def _text_heading(text: str, width: int, underline: str) -> list[str]:
    lines = _wrap(text, width)
    return [*lines, underline * min(width, max((len(line) for line in lines), default=1))]


def _text_field(label: str, value: Value, width: int, indent: str = "") -> list[str]:
    if isinstance(value, tuple):  # topic tags
        value = ", ".join(value)
    return _wrap(value, width, f"{indent}{label}: ", indent + "  ")


def _text_item(item: Item, width: int) -> list[str]:
    """An item as lines of plain text: its heading, then a labelled line a field."""
    lines = _wrap(_heading(item), width, rest="  ")
    for spec, value in _fields(item):
        if isinstance(item, Quote) and spec.name == "original":
            value = f"«{value}»"
        lines += _text_field(spec.label, value, width, "  ")
    return lines


def _text_briefing(briefing: Briefing, width: int) -> list[str]:
    """The briefing as lines of plain text, without its marking."""
    lines = _text_heading(briefing.title, width, "=")
    lines.append("")
    for label, fact in _facts(briefing):
        lines += _text_field(label, fact, width)
    if briefing.summary and _lines(briefing.summary):
        lines += ["", *_wrap(briefing.summary, width)]
    for name, items in _sections(briefing):
        lines += ["", "", *_text_heading(SECTION_TITLES[name], width, "-")]
        for item in items:
            lines += ["", *_text_item(item, width)]
    if briefing.source:
        lines += ["", "", *_text_heading(_("Source"), width, "-"), ""]
        for spec, detail in _fields(briefing.source):
            lines += _text_field(spec.label, detail, width)
    return lines


def _text_document(lines: list[str]) -> str:
    return "".join(f"{line.rstrip()}\n" for line in lines)


def to_text(briefing: Briefing, width: int = 80) -> str:
    """The briefing as plain text for mail: wrapped at `width` (at least MIN_WIDTH), no
    box drawing, its marking the first and the last line. Each field is clipped as on
    screen (`text.clipped`)."""
    check_width(width)
    marking = _marking(briefing.classification)
    return _text_document([marking, "", *_text_briefing(briefing, width), "", marking])


def digest_text(briefings: Iterable[Briefing], width: int = 80) -> str:
    """Several briefings as plain text, in date order: the highest marking first and last,
    contents, then each briefing under its own marking."""
    check_width(width)
    ordered = digest_order(briefings)
    marking = digest_marking(ordered)
    lines = [marking, "", *_text_heading(digest_title(ordered), width, "=")]
    lines += ["", *_wrap(_(DIGEST_NOTE), width)]
    lines.append("")
    for dates, title, mark in map(_contents_line, ordered):
        lines += _wrap(f"{dates}: {title} ({mark})", width, "- ", "  ")
    for briefing in ordered:
        lines += ["", "", "=" * width, _marking(briefing.classification), ""]
        lines += _text_briefing(briefing, width)
    return _text_document([*lines, "", "=" * width, marking])


# --- HTML ---------------------------------------------------------------------------------

_WEB_LINK = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)

_CSS = """\
*, *::before, *::after { box-sizing: border-box; }
html { color-scheme: light; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: #1b1b1b; background: #ffffff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
}
.marking {
  margin: 0; padding: 0.3rem 1rem; text-align: center; font-weight: 700;
  letter-spacing: 0.08em; overflow-wrap: anywhere;
}
body > .marking { position: sticky; z-index: 1; }
body > header.marking { top: 0; }
body > footer.marking { bottom: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 2.5rem; }
h1, h2, h3, h4 { line-height: 1.25; break-after: avoid; overflow-wrap: anywhere; }
.title { font-size: 1.75rem; margin: 0.75rem 0 1rem; }
.section-title {
  font-size: 1.3rem; margin: 2.25rem 0 1rem; padding-bottom: 0.2rem;
  border-bottom: 2px solid #c8c8c8;
}
.item-title { font-size: 1.05rem; margin: 0 0 0.35rem; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.summary { margin: 1rem 0; }
section, .briefing { scroll-margin-top: 2.5rem; }
dl.fields {
  display: grid; grid-template-columns: max-content minmax(0, 1fr);
  gap: 0.15rem 1rem; margin: 0;
}
dl.fields dt { font-weight: 600; color: #4a4a4a; }
dl.fields dd { margin: 0; }
.item {
  margin: 0 0 1.25rem; padding: 0.1rem 0 0.1rem 0.9rem; border-left: 3px solid #d4d4d4;
  break-inside: avoid;
}
.quote-pair {
  display: grid; grid-template-columns: repeat(2, minmax(0, 1fr));
  gap: 0.5rem 1.5rem; margin: 0.5rem 0 0.75rem;
}
.quote-pair figure { margin: 0; }
.quote-pair figcaption {
  font-size: 0.8rem; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase;
  color: #4a4a4a;
}
.quote-pair blockquote, .quote-pair blockquote p { margin: 0; }
.quote-pair blockquote { font-style: italic; }
.quote-pair .translation > div { margin: 0; }
.topics { display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; margin: 0; padding: 0; }
.topics li { list-style: none; color: #4a4a4a; font-style: italic; }
.contents { padding-left: 1.25rem; }
.briefing > .marking { margin: 0 0 0.5rem; font-size: 0.9rem; }
.digest .briefing { margin-top: 3rem; }
a { color: #0b57a4; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  main { padding: 1rem 0.75rem 2rem; }
  .quote-pair, dl.fields { grid-template-columns: minmax(0, 1fr); }
  dl.fields dd { margin-bottom: 0.35rem; }
}
@media print {
  body { font-size: 10.5pt; }
  body > .marking { position: static; }
  body > footer.marking { break-before: avoid; }
  /* Where the page's margin boxes say the marking on every printed page, the page's own
     banners would say it twice on the first and last; elsewhere they are all there is. */
  @supports at-rule(@top-center) { body > .marking { display: none; } }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .digest .briefing { margin-top: 0; break-before: page; }
}
"""  # not shown


def _h(text: str) -> str:
    """Briefing text for HTML: terminal-safe (the page may be printed to one), escaped."""
    return html.escape(printable(text), quote=True)


def _html_text(text: str) -> str:
    """A field's text, its lines kept (the element's class is `text`, `pre-line`)."""
    return html.escape("\n".join(_lines(text)), quote=True)


def _lang(language: str | None) -> str:
    """A `lang` attribute, if the language is known."""
    return f' lang="{_h(language)}"' if language else ""


def _css_string(text: str) -> str:
    """Text as a CSS string: anything but ASCII letters and digits as a 6-digit escape, so
    no quote, backslash or `</style>` can end the string or the sheet. (A space after an
    escape would be read as its end, so spaces are escaped too.)"""
    escaped = (char if char.isascii() and char.isalnum() else f"\\{ord(char):06x}" for char in text)
    return f'"{"".join(escaped)}"'


def _html_css(marking: str) -> str:
    foreground, background = MARKING_COLOURS[marking_level(marking)]
    box = (
        f"content: {_css_string(marking)}; color: {foreground};"  # not shown
        f" background-color: {background};"
        " font: 700 9pt/1.2 system-ui, Arial, sans-serif; letter-spacing: 0.08em;"
        " padding: 1mm 5mm; margin: 4mm 0; text-align: center; vertical-align: middle;"
        " -webkit-print-color-adjust: exact; print-color-adjust: exact;"
    )
    levels = "\n".join(
        f".marking-{level} {{ color: {fg}; background-color: {bg}; }}"  # not shown
        for level, (fg, bg) in MARKING_COLOURS.items()
    )
    page = (
        "@page {\n  size: A4; margin: 20mm 16mm;\n"
        f"  @top-center {{ {box} }}\n  @bottom-center {{ {box} }}\n}}\n"
    )
    return f"{_CSS}{levels}\n{page}"


def _html_banner(tag: str, marking: str, extra: str = "") -> str:
    level = marking_level(marking)
    return (
        f'<{tag} class="marking marking-{level}{extra}">{html.escape(marking)}</{tag}>'  # not shown
    )


def _html_value(spec_name: str, value: Value) -> str:
    if isinstance(value, tuple):
        tags = "".join(f"<li>#{_h(topic)}</li>" for topic in value)
        return f'<dd><ul class="topics">{tags}</ul></dd>'  # not shown
    url = value.strip()
    if spec_name == "url" and _WEB_LINK.fullmatch(url) and printable(url) == url:
        link = html.escape(url, quote=True)
        return f'<dd><a href="{link}" rel="noopener noreferrer">{link}</a></dd>'  # not shown
    return f'<dd class="text">{_html_text(value)}</dd>'  # not shown


def _html_fields(entries: Iterable[tuple[str, str, Value]]) -> str:
    """A definition list of (name, label, value)."""
    rows = "".join(
        f"<dt>{html.escape(label)}</dt>{_html_value(name, value)}" for name, label, value in entries
    )
    return f'<dl class="fields">{rows}</dl>' if rows else ""  # not shown


def _html_heading(level: int, kind: str, escaped: str) -> str:
    return f'<h{level} class="{kind}">{escaped}</h{level}>'


def _html_item(item: Item, level: int, language: str | None) -> str:
    heading = _html_heading(level, "item-title", _h(_one_line(_heading(item))))
    fields = _fields(item)
    pair = ""
    if isinstance(item, Quote):
        original = _lang(item.language)
        if item.language:
            caption = html.escape(
                _("Original ({language})").format(language=printable(item.language))
            )
        else:
            caption = html.escape(_("Original"))
        pair = (
            f'<figure class="original"><figcaption>{caption}</figcaption>'  # not shown
            f'<blockquote{original}><p class="text">{_html_text(item.original)}</p>'
            "</blockquote></figure>"
        )
        if item.translation:
            translated = _lang(language)
            pair += (
                '<figure class="translation"><figcaption>'  # not shown
                f"{html.escape(_('Translation'))}</figcaption>"
                f'<div class="text"{translated}>{_html_text(item.translation)}</div></figure>'
            )
        pair = f'<div class="quote-pair">{pair}</div>'  # not shown
        shown = {"original", "translation", "language"}
        fields = [(spec, value) for spec, value in fields if spec.name not in shown]
    rest = _html_fields((spec.name, spec.label, value) for spec, value in fields)
    kind = " quote" if isinstance(item, Quote) else ""
    return f'<article class="item{kind}">{heading}{pair}{rest}</article>'  # not shown


def _html_briefing(briefing: Briefing, level: int, number: int | None = None) -> str:
    """The briefing as an `article`, its title at heading `level`, each section with an id
    to link to (`#quotes`). In a digest, its `number` there prefixes the ids, and its own
    marking heads it."""
    anchor = "" if number is None else f"briefing-{number}-"
    parts = []
    if number is not None:
        parts.append(_html_banner("p", _marking(briefing.classification)))
    parts.append(_html_heading(level, "title", _h(_one_line(briefing.title))))
    parts.append(_html_fields((label, label, value) for label, value in _facts(briefing)))
    if briefing.summary and _lines(briefing.summary):
        parts.append(f'<p class="summary text">{_html_text(briefing.summary)}</p>')  # not shown
    for name, items in _sections(briefing):
        section = [_html_heading(level + 1, "section-title", html.escape(SECTION_TITLES[name]))]
        section += [_html_item(item, level + 2, briefing.language) for item in items]
        parts.append(f'<section id="{anchor}{name}">{"".join(section)}</section>')  # not shown
    if briefing.source:
        fields = _html_fields((s.name, s.label, v) for s, v in _fields(briefing.source))
        heading = _html_heading(level + 1, "section-title", html.escape(_("Source")))
        parts.append(f'<section id="{anchor}source">{heading}{fields}</section>')  # not shown
    own_id = "" if number is None else f' id="briefing-{number}"'
    opening = f'<article class="briefing"{own_id}{_lang(briefing.language)}>'  # not shown
    return "\n".join([opening, *parts, "</article>"])


def _html_document(title: str, marking: str, body: str, kind: str) -> str:
    """The page around `body`: in the language its labels are given in (`i18n.language`;
    each briefing's own text carries its own `lang`)."""
    return (
        "<!DOCTYPE html>\n"  # not shown
        f'<html lang="{_h(i18n.language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(marking)} – {_h(_one_line(title))}</title>\n"
        f"<style>\n{_html_css(marking)}</style>\n</head>\n<body>\n"
        f"{_html_banner('header', marking)}\n"
        f'<main class="{kind}">\n{body}\n</main>\n'
        f"{_html_banner('footer', marking)}\n</body>\n</html>\n"
    )


def to_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page, for the browser and for print: inline
    CSS, no script, nothing fetched; the marking at the top and bottom of the page and of
    every printed page; a quote's original beside its translation."""
    marking = _marking(briefing.classification)
    return _html_document(briefing.title, marking, _html_briefing(briefing, 1), "single")


def digest_html(briefings: Iterable[Briefing]) -> str:
    """Several briefings as one HTML page, in date order: the highest marking at the top
    and bottom (of every printed page), contents, then each briefing under its own marking,
    each starting a new printed page."""
    ordered = digest_order(briefings)
    marking = digest_marking(ordered)
    title = digest_title(ordered)
    contents = "".join(
        f'<li><a href="#briefing-{number}">{html.escape(dates)}: {html.escape(name)}</a> '
        f"({html.escape(mark)})</li>"
        for number, (dates, name, mark) in enumerate(map(_contents_line, ordered), 1)
    )
    articles = [_html_briefing(briefing, 2, number) for number, briefing in enumerate(ordered, 1)]
    body = (
        f'<h1 class="title">{html.escape(title)}</h1>\n'  # not shown
        f"<p>{html.escape(_(DIGEST_NOTE))}</p>\n"
        f'<ol class="contents">{contents}</ol>\n' + "\n".join(articles)
    )
    return _html_document(title, marking, body, "digest")


# --- JSON ---------------------------------------------------------------------------------


def to_json(briefing: Briefing) -> str:
    """The briefing as JSON, with the same keys as the YAML and dates as ISO strings.

    C1 controls and bidi overrides are written as \\u escapes: the data is unchanged, but
    printing the JSON to a terminal cannot reorder or drive it.
    """
    return _json_text(_plain(briefing))


def digest_json(briefings: Iterable[Briefing]) -> str:
    """Several briefings as a JSON array in date order, each as `to_json` writes it."""
    return _json_text([_plain(briefing) for briefing in digest_order(briefings)])


def _json_text(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain: dict[str, Any] = {}
        for spec in fields_of(type(value)):
            field_value = getattr(value, spec.name)
            if field_value is not None and (field_value != () or spec.required):
                plain[spec.name] = _plain(field_value)
        return plain
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- a topic's history ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Meeting:
    """One briefing's part of a topic's history: its items about the topic, by section
    (Italy's positions first, as `timeline.topic_history` orders them)."""

    briefing: Briefing
    path: str
    sections: tuple[tuple[str, tuple[HistoryEntry, ...]], ...]


def history_meetings(entries: Iterable[HistoryEntry]) -> list[Meeting]:
    """A history's entries grouped by meeting, and within each by section, in the order
    given. A history of nothing is a mistake of the caller's: ValueError."""
    meetings: list[tuple[HistoryEntry, dict[str, list[HistoryEntry]]]] = []
    for entry in entries:
        if not meetings or meetings[-1][0].path != entry.path:
            meetings.append((entry, {}))
        meetings[-1][1].setdefault(entry.section, []).append(entry)
    if not meetings:
        raise ValueError(_("a history needs at least one item"))
    return [
        Meeting(
            first.briefing,
            str(first.path),
            tuple((name, tuple(found)) for name, found in sections.items()),
        )
        for first, sections in meetings
    ]


def history_title(topic: str, meetings: Sequence[Meeting]) -> str:
    """'#ukraine: 7 items in 3 briefings, 15 January 2025 – 22 January 2026'."""
    items = sum(len(found) for meeting in meetings for _, found in meeting.sections)
    first = min(meeting.briefing.date for meeting in meetings)
    last = max(meeting.briefing.end_date or meeting.briefing.date for meeting in meetings)
    briefings = len({meeting.path for meeting in meetings})
    return _("#{topic}: {items} in {briefings}, {dates}").format(
        topic=_one_line(topic),
        items=ngettext("{count} item", "{count} items", items).format(count=i18n.number(items)),
        briefings=ngettext("{count} briefing", "{count} briefings", briefings).format(
            count=i18n.number(briefings)
        ),
        dates=date_span(first, last),
    )


HISTORY_NOTE = N_(
    "In date order, each meeting under its date and name, Italy's positions first. Each "
    "meeting is marked at its head; the marking at the top and the bottom is the highest "
    "of them."
)
"""What a topic's history says under its title (marked only: shown as `_(HISTORY_NOTE)`)."""


def meeting_heading(briefing: Briefing) -> str:
    """'21–22 January 2026 · Chiefs of Defence meet at NATO Headquarters'."""
    return f"{date_span(briefing.date, briefing.end_date)} · {_one_line(briefing.title)}"


def _history_marking(meetings: Sequence[Meeting]) -> str:
    return digest_marking(meeting.briefing for meeting in meetings)


def history_markdown(topic: str, entries: Iterable[HistoryEntry]) -> str:
    """A topic's history as CommonMark: the highest marking first and last, then each
    meeting under its own marking, date and name, its items in full by section."""
    meetings = history_meetings(entries)
    marking = _md_marking(_history_marking(meetings))
    blocks = [marking, _md_heading(1, history_title(topic, meetings)), _md_line(_(HISTORY_NOTE))]
    for meeting in meetings:
        blocks += ["---", _md_marking(_marking(meeting.briefing.classification))]
        blocks.append(_md_heading(2, meeting_heading(meeting.briefing)))
        for name, found in meeting.sections:
            blocks.append(_md_heading(3, SECTION_TITLES[name]))
            for entry in found:
                blocks += _md_item(entry.item, 4)
    return _md_document([*blocks, "---", marking])


def history_text(topic: str, entries: Iterable[HistoryEntry], width: int = 80) -> str:
    """A topic's history as plain text for mail, wrapped at `width`, laid out as
    `history_markdown`."""
    check_width(width)
    meetings = history_meetings(entries)
    marking = _history_marking(meetings)
    lines = [marking, "", *_text_heading(history_title(topic, meetings), width, "=")]
    lines += ["", *_wrap(_(HISTORY_NOTE), width)]
    for meeting in meetings:
        lines += ["", "", "=" * width, _marking(meeting.briefing.classification), ""]
        lines += _text_heading(meeting_heading(meeting.briefing), width, "=")
        for name, found in meeting.sections:
            lines += ["", *_text_heading(SECTION_TITLES[name], width, "-")]
            for entry in found:
                lines += ["", *_text_item(entry.item, width)]
    return _text_document([*lines, "", "=" * width, marking])


def history_html(topic: str, entries: Iterable[HistoryEntry]) -> str:
    """A topic's history as one self-contained HTML page, laid out as `history_markdown`,
    the marking at the top and bottom of the window and of every printed page."""
    meetings = history_meetings(entries)
    marking = _history_marking(meetings)
    title = history_title(topic, meetings)
    articles = []
    for number, meeting in enumerate(meetings, 1):
        briefing = meeting.briefing
        parts = [
            _html_banner("p", _marking(briefing.classification)),
            _html_heading(2, "title", _h(meeting_heading(briefing))),
        ]
        for name, found in meeting.sections:
            section = [_html_heading(3, "section-title", html.escape(SECTION_TITLES[name]))]
            section += [_html_item(entry.item, 4, briefing.language) for entry in found]
            parts.append(f"<section>{''.join(section)}</section>")
        lang = _lang(briefing.language)
        opening = f'<article class="briefing" id="meeting-{number}"{lang}>'  # not shown
        articles.append("\n".join([opening, *parts, "</article>"]))
    note = html.escape(_(HISTORY_NOTE))
    body = f'<h1 class="title">{_h(title)}</h1>\n<p>{note}</p>\n' + "\n".join(articles)
    return _html_document(title, marking, body, "history")


def history_json(topic: str, entries: Iterable[HistoryEntry]) -> str:
    """A topic's history as JSON for tools: the topic, the highest marking, and every item
    in order with its meeting's date, title, marking and file, its section and its
    position there, and the item with the YAML's keys."""
    listed = list(entries)
    meetings = history_meetings(listed)
    data = {
        "topic": topic,
        "marking": _history_marking(meetings),
        "entries": [
            {
                "date": entry.briefing.date.isoformat(),
                "end_date": _plain(entry.briefing.end_date),
                "title": entry.briefing.title,
                "classification": entry.briefing.classification,
                "path": str(entry.path),
                "section": entry.section,
                "index": entry.index,
                "item": _plain(entry.item),
            }
            for entry in listed
        ],
    }
    return _json_text(data)

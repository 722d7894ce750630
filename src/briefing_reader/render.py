"""Rich renderables built from the model: the `summary` command and the app's detail views.

Text from a briefing only ever enters Rich as `Text` objects made from `printable()` strings,
so `[bold]` in a file is shown as typed and escape sequences never reach the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .i18n import _
from .model import (
    SECTION_TITLES,
    AgendaItem,
    Bilateral,
    Briefing,
    Initiative,
    Item,
    Partner,
    Position,
    Quote,
    Region,
    Source,
    item_heading,
)
from .text import (
    MARKING_COLOURS,
    MarkingLevel,
    clipped,
    date_span,
    headline,
    marking_level,
    marking_text,
    printable,
)


def safe(text: str | None, style: str = "") -> Text:
    """Briefing text as a literal, terminal-safe Rich `Text`."""
    return Text(clipped(text or ""), style=style)


def marking_banner(briefing: Briefing) -> Text:
    """The briefing's classification marking as a full-width, centred banner in its colour."""
    return banner(briefing.classification)


def banner(
    marking: str | None, colours: dict[MarkingLevel, tuple[str, str]] = MARKING_COLOURS
) -> Text:
    """A classification marking as a full-width, centred banner in its colour."""
    foreground, background = colours[marking_level(marking)]
    return Text(
        marking_text(marking),
        style=f"bold {foreground} on {background}",
        justify="center",
    )


def when_and_where(briefing: Briefing) -> Text:
    """'21–22 January 2026 · NATO Headquarters, Brussels'."""
    parts = [date_span(briefing.date, briefing.end_date)]
    if briefing.place:
        parts.append(printable(briefing.place))
    return Text(" · ".join(parts))


def topics_text(topics: Iterable[str], *, clickable: bool = False) -> Text:
    """Topic tags as '#ukraine #deterrence'; `clickable` makes each open its topic in the app.

    Tags match `[a-z0-9-]+` (the loader enforces it), so they are safe inside an action.
    """
    text = Text(style="italic")  # no colour of its own: any would fail on some highlight
    for position, topic in enumerate(topics):
        if position:
            text.append(" ")
        meta = {"@click": f"screen.topics('{topic}')"} if clickable else None  # not shown
        text.append(f"#{printable(topic)}", style=Style(meta=meta) if meta else "")
    return text


def overview(briefing: Briefing) -> RenderableType:
    """Title, event, dates, place, principal, summary and source."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    rows: list[tuple[str, str | None]] = [
        (_("Event"), _event_name(briefing)),
        (_("Dates"), date_span(briefing.date, briefing.end_date)),
        (_("Place"), briefing.place),
        (_("Principal"), briefing.principal),
        (_("Marking"), marking_text(briefing.classification)),
        (_("Language"), briefing.language),
    ]
    for label, value in rows:
        if value:
            facts.add_row(label, safe(value))
    parts: list[RenderableType] = [safe(briefing.title, "bold"), facts]
    if briefing.summary:
        parts.append(Padding(safe(briefing.summary), (1, 0, 0, 0)))
    if briefing.source:
        parts.append(Padding(source_text(briefing.source), (1, 0, 0, 0)))
    return Group(*parts)


def _event_name(briefing: Briefing) -> str | None:
    if briefing.event and briefing.short_name:
        return f"{briefing.event} ({briefing.short_name})"
    return briefing.event or briefing.short_name


def source_text(source: Source) -> Text:
    """A few lines naming the source document."""
    text = Text(f"{_('Source')}: ", style="bold")
    text.append(printable(source.publisher))
    if source.title:
        text.append(f", “{printable(source.title)}”")
    details = [
        printable(source.kind) if source.kind else None,
        source.date and date_span(source.date),
        _("original language: {language}").format(language=printable(source.language))
        if source.language
        else None,
    ]
    if any(details):
        text.append("\n" + " · ".join(part for part in details if part))
    for label, value in ((_("URL"), source.url), (_("Reference"), source.reference)):
        if value:
            text.append(f"\n{label}: ", style="bold")
            text.append(printable(value))
    return text


def item_detail(item: Item, *, clickable: bool = False) -> RenderableType:
    """Everything an item holds, for the detail view and the summary."""
    parts: list[RenderableType] = [safe(_heading(item), "bold")]
    parts.extend(_item_body(item))
    if item.topics:
        parts.append(topics_text(item.topics, clickable=clickable))
    return Group(*parts)


def _heading(item: Item) -> str:
    return item.speaker if isinstance(item, Quote) else item_heading(item)


def _labelled(label: str, value: str | None) -> Iterator[Text]:
    if value:
        line = Text(f"{label}: ", style="dim")
        line.append(clipped(value))
        yield line


def _item_body(item: Item) -> Iterator[RenderableType]:
    match item:
        case AgendaItem():
            if item.day:
                yield Text(date_span(item.day), style="dim")
            if item.summary:
                yield safe(item.summary)
        case Position():
            yield from _labelled(_("Speaker"), item.speaker)
            yield safe(item.statement)
        case Region():
            yield safe(item.concern)
            yield from _labelled(_("Raised by"), item.raised_by)
        case Bilateral():
            yield from _labelled(_("Country"), item.country)
            yield from _labelled(_("Organisation"), item.organisation)
            if item.summary:
                yield safe(item.summary)
        case Partner():
            yield from _labelled(_("Group"), item.group)
            if item.role:
                yield safe(item.role)
        case Initiative():
            if item.summary:
                yield safe(item.summary)
        case Quote():
            yield quote_panel(item)


def quote_panel(quote: Quote) -> RenderableType:
    """The original words beside their translation, and the context below."""
    if quote.language:
        original = _("Original ({language})").format(language=printable(quote.language))
    else:
        original = _("Original")
    table = Table(box=box.ROUNDED, border_style="dim", expand=True, show_edge=True)
    table.add_column(original, style="italic", ratio=1)
    row: list[RenderableType] = [Text(f"«{clipped(quote.original)}»")]
    if quote.translation:
        table.add_column(_("Translation"), ratio=1)
        row.append(safe(quote.translation))
    table.add_row(*row)
    if quote.context:
        return Group(table, *_labelled(_("Context"), quote.context))
    return table


def section(name: str, items: tuple[Item, ...]) -> RenderableType:
    """A titled section listing every item in full."""
    parts: list[RenderableType] = [Rule(Text(SECTION_TITLES[name], style="bold"), align="left")]
    for item in items:
        parts.append(Padding(item_detail(item), (0, 0, 1, 2)))
    return Group(*parts)


def summary(briefing: Briefing) -> RenderableType:
    """The whole briefing for `briefing summary`: banner, overview, each section, banner."""
    return Group(marking_banner(briefing), Text(""), *_body(briefing), marking_banner(briefing))


def _body(briefing: Briefing) -> list[RenderableType]:
    parts: list[RenderableType] = [overview(briefing)]
    for name in SECTION_TITLES:
        items = getattr(briefing, name)
        if items:
            parts += [Text(""), section(name, items)]
    return parts


def digest(briefings: Sequence[Briefing]) -> RenderableType:
    """Several briefings for `briefing summary A B`, in date order: the highest marking's
    banner first and last, contents, then each briefing under its own banner."""
    from .export import DIGEST_NOTE, digest_marking, digest_order, digest_title

    ordered = digest_order(briefings)
    top = banner(digest_marking(ordered))
    contents = []
    for briefing in ordered:
        line = Text(f"{date_span(briefing.date, briefing.end_date)}  ", style="bold")
        line.append(headline(briefing.title), style="")
        line.append(f"  {marking_text(briefing.classification)}", style="dim")
        contents.append(line)
    parts: list[RenderableType] = [
        top,
        Text(""),
        Text(digest_title(ordered), style="bold"),
        Text(_(DIGEST_NOTE), style="dim"),
        Text(""),
        *contents,
    ]
    for briefing in ordered:
        parts += [
            Text(""),
            Rule(style="bold"),
            marking_banner(briefing),
            Text(""),
            *_body(briefing),
        ]
    parts += [Text(""), top]
    return Group(*parts)


def item_prompt(item: Item) -> Text:
    """How an item reads in a list: its heading, and its topic tags beneath."""
    text = Text(headline(item_heading(item)))
    if item.topics:
        text.append("\n")
        text.append_text(topics_text(item.topics))
    return text

"""The main screen: the library beside the open briefing's panes, with marking banners.

It shows what the catalogue holds and never changes it: the app applies every load and
publishes a `Change`, and this screen redraws what the change touched. Where the reader
is (briefing, pane, item) belongs to this screen alone.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Static, TabbedContent

from ..catalogue import Catalogue, Change
from ..commands import PaletteEntry, ScreenCommands, topic_entries
from ..i18n import N_, _, labelled_in, labels_for, ngettext, number
from ..loader import LoadResult
from ..messages import BriefingChosen
from ..model import SECTIONS, item_heading
from ..navigation import PANE_TITLES, PANES, History, Location, cycle, follow_item, next_hit, step
from ..text import headline, printable
from ..topics import ItemRef
from ..widgets.briefing_view import BriefingView, section_items, title_line
from ..widgets.footer import KeyFooter
from ..widgets.library_list import LibraryPanel
from ..widgets.marking import MarkingBanner
from .base import TranslatedBindings

if TYPE_CHECKING:
    from .timeline import TimelineScreen


def _pane_bindings() -> list[BindingType]:
    # the panes' names in English, the messages the footer and the help translate
    with labelled_in("en"):
        return [
            Binding(str(digit), f"show_pane('{pane}')", PANE_TITLES[pane], show=False)
            for digit, pane in enumerate(PANES, start=1)
        ]


def pane_title(pane: str) -> str:
    """A pane's short name (its tab's), in the language in force."""
    return _(PANE_TITLES[pane])


class ReaderScreen(TranslatedBindings, Screen[None]):
    """Read the library by keyboard: panes, items, topics, briefings, history."""

    COMMANDS: ClassVar = {ScreenCommands}
    AUTO_FOCUS = ""  # not the filter box: keys typed before a briefing opens are commands
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab",
            "next_pane",
            N_("Next pane"),
            priority=True,
            tooltip=N_("Cycle through the panes"),
        ),
        Binding("shift+tab", "previous_pane", N_("Previous pane"), priority=True, show=False),
        *_pane_bindings(),
        Binding("left_square_bracket", "previous_briefing", N_("Prev briefing")),
        Binding("right_square_bracket", "next_briefing", N_("Next briefing")),
        Binding("slash", "search", N_("Search"), tooltip=N_("Search every briefing as you type")),
        Binding("n", "next_hit", N_("Next hit"), show=False, tooltip=N_("Next search hit here")),
        Binding(
            "N", "previous_hit", N_("Previous hit"), show=False, tooltip=N_("Previous search hit")
        ),
        Binding(
            "t", "topics", N_("Topics"), tooltip=N_("Every item, in every briefing, about a topic")
        ),
        Binding(
            "T",
            "timeline",
            N_("Timeline"),
            show=False,
            tooltip=N_("Every meeting on one time axis"),
        ),
        Binding("backspace,alt+left", "back", N_("Back"), tooltip=N_("Back to where you were")),
        Binding("alt+right", "forward", N_("Forward"), show=False, tooltip=N_("Forward again")),
        Binding(
            "e", "edit", N_("Edit"), show=False, tooltip=N_("Open $EDITOR at this item's line")
        ),
        Binding(
            "l", "library", N_("Library"), show=False, tooltip=N_("Move to the list of briefings")
        ),
        Binding(
            "f", "filter", N_("Filter"), show=False, tooltip=N_("Filter the list of briefings")
        ),
        Binding(
            "p",
            "present",
            N_("Present"),
            show=False,
            tooltip=N_("Present the briefing, a section a slide"),
        ),
        Binding(
            "p",
            "problems",
            N_("Problems"),
            show=False,
            tooltip=N_("Show all of a file's problems"),
        ),
        Binding(
            "y",
            "copy_item",
            N_("Copy item"),
            show=False,
            tooltip=N_("As Markdown, to the clipboard"),
        ),
        Binding(
            "Y", "copy_briefing", N_("Copy briefing"), show=False, tooltip=N_("All, as Markdown")
        ),
        Binding(
            "c",
            "compare",
            N_("Compare"),
            show=False,
            tooltip=N_("With the briefing picked next"),
        ),
        Binding("escape", "leave_detail", N_("Back to list"), show=False),
    ]

    library_open = var(False)
    """Whether the library has the keyboard (on a narrow screen, it replaces the panes)."""

    def __init__(self, catalogue: Catalogue, changed: Signal[Change]) -> None:
        super().__init__(id="reader")
        self.catalogue = catalogue
        self.changed = changed
        self.current: Path | None = None
        self.history = History()
        self.last_query = ""
        self._opened_by_itself = False
        self.compare_from: Path | None = None
        """Set by `c`: the next briefing chosen in the library is compared with this one."""
        self._timeline: TimelineScreen | None = None
        """The timeline, kept once opened (see `action_timeline`)."""

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top")
        yield Static(Text(_("Loading the library…"), style="dim"), id="title-bar")
        with Horizontal(id="body"):
            yield LibraryPanel()
            yield BriefingView()
        yield KeyFooter()
        yield MarkingBanner(id="marking-bottom")

    async def on_mount(self) -> None:
        self.changed.subscribe(self, self._catalogue_changed)
        if self.catalogue.loaded or len(self.catalogue):
            await self._catalogue_changed(Change(frozenset(), 0, 0, self.catalogue.loaded))

    def watch_library_open(self, library_open: bool) -> None:
        self.set_class(library_open, "-library-open")

    @property
    def view(self) -> BriefingView:
        return self.query_one(BriefingView)

    @property
    def library(self) -> LibraryPanel:
        return self.query_one(LibraryPanel)

    # --- what the catalogue tells us -------------------------------------------------------

    async def _catalogue_changed(self, change: Change) -> None:
        """Redraw what `change` touched: the list, and the open briefing if it changed."""
        panel = self.library
        panel.show_progress(None if change.loaded else change.done, change.total)
        # while loading, the list refills now and then; once loaded, at every change
        panel.show_results(self.catalogue.ordered, self.current, at_once=change.loaded)
        if self.current is not None and self.current in change.paths:
            await self._reload_current()
        if self.current is None or (self._opened_by_itself and change.loaded):
            # the newest briefing may have loaded after the first one shown: show it,
            # unless the user has gone somewhere already
            opened = await self._open_first(only_good=True)
            if not opened and change.loaded and not await self._open_first(only_good=False):
                self._show_empty()

    def on_key(self) -> None:
        self._opened_by_itself = False  # the user is reading: never move them

    def on_mouse_down(self) -> None:
        self._opened_by_itself = False

    async def _open_first(self, *, only_good: bool) -> bool:
        """Open the newest briefing (or, failing that, the first file); whether there was one."""
        results = self.catalogue.ordered()
        first = next((r for r in results if r.ok), None if only_good or not results else results[0])
        if first is None:
            return False
        if first.path != self.current:
            await self.open(Location(first.path, "overview"), record=False)
        self._opened_by_itself = True
        return True

    async def _reload_current(self) -> None:
        """The open file changed on disk: redraw it, keeping the same item in each pane
        (the same item, not the same position: a line inserted above must not move us)."""
        assert self.current is not None
        view = self.view
        before = view.briefing
        here = self.location()
        after = self.catalogue.readable(self.current)
        places: dict[str, int] = {}
        if before is not None and after is not None:
            for section in SECTIONS:
                places[section] = follow_item(
                    section_items(before, section),
                    view.index(section),
                    section_items(after, section),
                )
        self._draw(self.current, places)
        if here is not None and after is not None:
            await self._show_pane(here.pane, places.get(here.pane, 0))

    # --- where we are ----------------------------------------------------------------------

    @property
    def pane(self) -> str:
        return self.view.pane

    def location(self) -> Location | None:
        if self.current is None:
            return None
        return Location(self.current, self.pane, self.view.index(self.pane))

    @property
    def settled(self) -> bool:
        """Whether the library has loaded and what it opened on is on screen (for tests and
        benchmarks, which must wait for what a user would see)."""
        if not self.catalogue.loaded:
            return False
        if self.view.briefing is None:
            return True
        target = self.view.focus_target(self.pane)
        return target is not None and (self.focused is target or self.library_open)

    # --- going places ----------------------------------------------------------------------

    async def open(self, target: Location, *, record: bool = True) -> None:
        """Show `target`: its briefing, pane and item. `record` keeps where we were for Back."""
        self.compare_from = None  # gone elsewhere: no comparison is being picked any more
        if record:
            self.history.visit(self.location())
            self._opened_by_itself = False
        if target.path != self.current:
            self.current = target.path
            self._draw(target.path, {})
            self.library.mark_current(target.path)
        await self._show_pane(target.pane, target.index)

    async def open_ref(self, ref: ItemRef) -> None:
        await self.open(Location(ref.path, ref.section, ref.index))

    async def _show_pane(self, pane: str, index: int = 0) -> None:
        shown, making = self.view.show_pane(pane, index)
        if making is not None:
            await making  # keys typed just after this one must find the pane's list focused
        self._focus_pane(shown)

    def _focus_pane(self, pane: str, tries: int = 5) -> None:
        """Give the keyboard to `pane`, unless the user has already moved on.

        A late focus for a pane that is no longer shown is dropped: keys would go to a
        hidden widget. A pane made just now may need another frame before it can focus.
        """
        if self.pane != pane or self.library_open:
            return
        target = self.view.focus_target(pane)
        if target is not None and target.is_mounted:
            self.set_focus(target)  # now: Widget.focus() would wait behind keys already typed
        elif tries:
            self.call_after_refresh(self._focus_pane, pane, tries - 1)

    # --- drawing a briefing ----------------------------------------------------------------

    def _draw(self, path: Path, places: dict[str, int]) -> None:
        result = self.catalogue.result(path)
        briefing = self.catalogue.readable(path)
        self._show_problems(result, has_fallback=briefing is not None)
        self.view.show_briefing(briefing, places)
        title = self.query_one("#title-bar", Static)
        if briefing is None:
            self._set_marking(None, known=False)
            title.update(Text(printable(path.name), style="bold"))
        else:
            self._set_marking(briefing.classification)
            title.update(title_line(briefing))

    def _show_problems(self, result: LoadResult | None, *, has_fallback: bool) -> None:
        panel = self.view.problems
        if result is None and self.current is not None:
            panel.show_message(Text(_("This file was deleted or moved."), style="bold"))
        elif result is None or result.ok:
            panel.hide()
        else:
            panel.show_result(result, self.catalogue.root, has_fallback=has_fallback)

    def _set_marking(self, marking: str | None, *, known: bool = True) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(marking, known=known)

    def _show_empty(self) -> None:
        root = printable(str(self.catalogue.root))
        self._set_marking(None, known=False)
        self.view.show_briefing(None, {})
        heading = _("{folder}: no briefings").format(folder=root)
        self.query_one("#title-bar", Static).update(Text(heading, style="bold"))
        self.view.problems.show_empty_library(root)

    async def relabel(self) -> None:
        """Draw everything again in the language in force, which has just changed, where it
        was: tabs, list, banners, and the open briefing (its panes at the same items). The
        keys' descriptions follow by themselves when the bindings are refreshed."""
        if self._timeline is not None:  # made again in the new language when next opened
            self.app.uninstall_screen(self._timeline)
            await self._timeline.remove()
            self._timeline = None
        self.view.relabel()
        self.library.relabel(self.current)
        for banner in self.query(MarkingBanner):
            banner.show_marking(banner.marking, known=banner.known)
        if self.current is not None:
            await self._reload_current()
        elif self.catalogue.loaded:
            self._show_empty()
        else:
            title = self.query_one("#title-bar", Static)
            title.update(Text(_("Loading the library…"), style="dim"))

    # --- events from the widgets -----------------------------------------------------------

    @on(TabbedContent.TabActivated, "#panes")
    async def _tab_activated(self) -> None:
        """A tab chosen by mouse: make its pane if need be, and give it the keyboard.

        A pane shown by a key sends no such news (`BriefingView.show_pane`): it came after
        the keys typed since, and with `5 G enter` in one write it took the keyboard back
        from the detail `enter` had moved it to. News that still comes late finds the
        keyboard in the pane, and leaves it where it is."""
        if self.view.has_keyboard(self.pane, self.focused):
            return
        await self._show_pane(self.pane, self.view.index(self.pane))

    @on(BriefingChosen)
    async def _briefing_chosen(self, event: BriefingChosen) -> None:
        self.library_open = False
        if self.compare_from is not None:
            first, self.compare_from = self.compare_from, None
            self._focus_pane(self.pane)  # what has the keyboard when the comparison closes
            await self._compare(first, event.path)
            return
        here = self.location()
        if here is not None and event.path == here.path:
            await self._show_pane(here.pane, here.index)
        else:
            await self.open(Location(event.path, "overview"))

    # --- actions ---------------------------------------------------------------------------

    async def action_show_pane(self, pane: str) -> None:
        if self.current is None or self.view.briefing is None:
            return
        if pane not in self.view.visible_panes():
            message = _("This briefing has no {pane}.").format(pane=pane_title(pane).lower())
            self.notify(message, timeout=2, markup=False)
            return
        if pane != self.pane:
            self.history.visit(self.location())
        self.library_open = False
        await self._show_pane(pane, self.view.index(pane))

    async def _cycle_pane(self, offset: int) -> None:
        if self.library.has_focus_within:  # tab moves between the filter and the list
            panel = self.library
            self.set_focus(panel.option_list if panel.filter_box.has_focus else panel.filter_box)
            return
        target = cycle(self.view.visible_panes(), self.pane, offset)
        if target is not None:
            await self.action_show_pane(target)

    async def action_next_pane(self) -> None:
        await self._cycle_pane(1)

    async def action_previous_pane(self) -> None:
        await self._cycle_pane(-1)

    async def _step_briefing(self, offset: int) -> None:
        target = step(self.library.shown, self.current, offset)
        if target is None:
            self.notify(_("No more briefings that way."), timeout=2)
            return
        await self.open(Location(target, self.pane, 0))

    async def action_next_briefing(self) -> None:
        await self._step_briefing(1)

    async def action_previous_briefing(self) -> None:
        await self._step_briefing(-1)

    async def action_back(self) -> None:
        target = self.history.back(self.location())
        if target is None:
            self.notify(_("Nothing to go back to."), timeout=2)
        else:
            await self._go_without_recording(target)

    async def action_forward(self) -> None:
        target = self.history.forward(self.location())
        if target is None:
            self.notify(_("Nothing to go forward to."), timeout=2)
        else:
            await self._go_without_recording(target)

    async def _go_without_recording(self, target: Location) -> None:
        if target.path not in self.catalogue:
            self.notify(_("That briefing is no longer in the library."), timeout=3)
            return
        await self.open(target, record=False)

    async def action_topics(self, topic: str | None = None) -> None:
        from .topics import TopicScreen

        item = self.view.current_item()
        item_topics = item.topics if item is not None else ()
        if topic is None and item_topics:
            topic = item_topics[0]
        screen = TopicScreen(self.catalogue, self.changed, topic, item_topics)
        await self.app.push_screen(screen, self._jump_from_screen)

    async def action_timeline(self, topic: str | None = None) -> None:
        """The timeline, on `topic` (None: every briefing). It is made once and kept, so it
        opens again at once, where it was left: making it anew (styling its widgets,
        drawing ten thousand rows' first screenful) took some 100 ms at every open."""
        from .timeline import TimelineScreen

        screen = self._timeline
        if screen is None:
            screen = self._timeline = TimelineScreen(self.catalogue, self.changed, topic=topic)
            self.app.install_screen(screen, f"timeline-{id(self)}")
        else:
            screen.show_topic(topic)
        await self.app.push_screen(screen, self._jump_from_screen)

    async def action_search(self) -> None:
        from .search import SearchScreen

        screen = SearchScreen(self.catalogue, self.changed, self.last_query)
        await self.app.push_screen(screen, self._jump_from_search)

    async def _jump_from_screen(self, ref: ItemRef | None) -> None:
        if ref is not None and ref.path in self.catalogue:
            await self.open_ref(ref)

    async def _jump_from_search(self, outcome: tuple[str, ItemRef | None] | None) -> None:
        if outcome is None:
            return
        self.last_query, ref = outcome
        await self._jump_from_screen(ref)

    async def _step_hit(self, *, forward: bool) -> None:
        here = self.location()
        if not self.last_query or here is None:
            self.notify(_("Search first with /."), timeout=2)
            return
        matches = self.catalogue.search.matches(self.last_query)
        entries = (match.entry() for match in matches if match.path == here.path)
        mine = [(entry[0].section, entry[0].index) for entry in entries if entry is not None]
        target = next_hit(mine, (here.pane, here.index), forward=forward)
        if target is None:
            message = _("No hits for “{query}” in this briefing.").format(query=self.last_query)
            self.notify(message, timeout=2, markup=False)
            return
        await self.open(Location(here.path, *target))

    async def action_next_hit(self) -> None:
        await self._step_hit(forward=True)

    async def action_previous_hit(self) -> None:
        await self._step_hit(forward=False)

    async def action_library(self) -> None:
        """Move to the library (on a narrow screen, shown in place of the panes); again to
        leave it."""
        if self.library.has_focus_within:
            await self._close_library()
            return
        self.library_open = True
        self.set_focus(self.library.option_list)

    def action_filter(self) -> None:
        """Type to filter the library (keys typed there are text, never commands)."""
        self.library_open = True
        self.set_focus(self.library.filter_box)

    async def _close_library(self) -> None:
        self.library_open = False
        self.compare_from = None  # Esc from the library cancels a comparison being picked
        here = self.location()
        if here is not None:
            await self._show_pane(here.pane, here.index)

    async def action_leave_detail(self) -> None:
        focused = self.focused
        problems = self.view.problems
        if focused is problems or problems.expanded:
            problems.expanded = False
            self._focus_pane(self.pane)
        elif focused is not None and focused.has_class("item-detail"):
            self._focus_pane(self.pane)
        elif self.library.has_focus_within:
            await self._close_library()

    def action_problems(self) -> None:
        problems = self.view.problems
        if not problems.display:
            self.notify(_("This file has no problems."), timeout=2)
            return
        problems.expanded = not problems.expanded
        if problems.expanded:
            self.set_focus(problems)
        else:
            self._focus_pane(self.pane)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`p` presents a briefing that loads, and shows the problems of one that does not."""
        if action in ("present", "problems"):
            has_problems = bool(self.view.problems.display)
            return has_problems if action == "problems" else not has_problems
        return True

    async def action_present(self) -> None:
        from .present import PresentScreen

        briefing = self.view.briefing
        if briefing is None:
            self.notify(_("Open a briefing to present it."), timeout=2)
            return
        start = self.pane if self.pane in SECTIONS else None
        await self.app.push_screen(PresentScreen(briefing, start=start))

    def _copy(self, markdown: str, title: str | None) -> None:
        """Copy `markdown` (an item's, titled `title`; None: the whole briefing's)."""
        self.app.copy_to_clipboard(markdown)
        count = markdown.count("\n")
        if title is None:
            message = ngettext(
                "Copied the whole briefing as Markdown ({count} line, marking included).",
                "Copied the whole briefing as Markdown ({count} lines, marking included).",
                count,
            )
        else:
            message = ngettext(
                "Copied “{title}” as Markdown ({count} line, marking included).",
                "Copied “{title}” as Markdown ({count} lines, marking included).",
                count,
            )
        self.notify(message.format(count=number(count), title=title), timeout=3, markup=False)

    def action_copy_item(self) -> None:
        """The selected item as Markdown, its briefing's marking first and last (OSC 52:
        works over SSH, where the terminal allows it)."""
        from ..export import item_markdown

        briefing, item = self.view.briefing, self.view.current_item()
        if briefing is None:
            self.notify(_("Nothing to copy: this file does not load."), timeout=3)
        elif item is None:  # the overview or the source: no item to pick
            self.action_copy_briefing()
        else:
            with labelled_in(labels_for([briefing.language])):
                markdown = item_markdown(item, briefing)
            self._copy(markdown, headline(item_heading(item)))

    def action_copy_briefing(self) -> None:
        from ..export import to_markdown

        briefing = self.view.briefing
        if briefing is None:
            self.notify(_("Nothing to copy: this file does not load."), timeout=3)
            return
        with labelled_in(labels_for([briefing.language])):
            markdown = to_markdown(briefing)
        self._copy(markdown, None)

    async def action_compare(self) -> None:
        """`c`: compare the open briefing with the one picked next in the library."""
        if self.current is None or self.view.briefing is None:
            self.notify(_("Open a briefing to compare it with another."), timeout=3)
            return
        self.compare_from = self.current
        self.library_open = True
        self.set_focus(self.library.option_list)
        title = headline(self.view.briefing.title)
        self.notify(
            _("Compare “{title}” with: pick a briefing and press Enter (Esc: cancel).").format(
                title=title
            ),
            timeout=5,
            markup=False,
        )

    async def _compare(self, first: Path, second: Path) -> None:
        from .compare import CompareScreen

        a, b = self.catalogue.readable(first), self.catalogue.readable(second)
        if a is None or b is None:
            self.notify(_("Both briefings must load to be compared."), timeout=3)
            return
        if first == second:
            self.notify(_("That is the same briefing: pick another to compare."), timeout=3)
            return
        await self.app.push_screen(CompareScreen(a, b, first, second))

    async def action_export(self, kind: str) -> None:
        """Write the open briefing to a file the user names."""
        from .save_as import SaveAsScreen

        briefing = self.view.briefing
        if briefing is None or self.current is None:
            self.notify(_("Nothing to export: this file does not load."), timeout=3)
            return
        await self.app.push_screen(SaveAsScreen(briefing, self.current, self.catalogue.root, kind))

    def action_edit(self) -> None:
        if self.current is None:
            return
        item = self.view.current_item()
        from ..editor import editor_command

        command = editor_command(self.current, item.line if item is not None else 1)
        if not command:
            self.notify(_("Set $EDITOR (or $VISUAL) to open briefings from here."), timeout=4)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except Exception as error:  # SuspendNotSupported, or the editor could not start
            message = _("Could not open the editor: {error}").format(error=error)
            self.notify(message, severity="error", markup=False)

    # --- the command palette -------------------------------------------------------------

    def palette_entries(self) -> Iterable[PaletteEntry]:
        """Open a briefing, go to a pane, or follow a topic, by name."""
        for result in self.catalogue.ordered():
            if result.briefing is not None:
                title = _("Open briefing: {date} {title}").format(
                    date=result.briefing.date, title=headline(result.briefing.title)
                )
                location = Location(result.path, "overview")
                yield PaletteEntry(title, printable(result.path.name), partial(self.open, location))
        for digit, pane in enumerate(PANES, start=1):
            title = _("Go to pane: {pane}").format(pane=pane_title(pane))
            yield PaletteEntry(title, _key(digit), partial(self.action_show_pane, pane))
        yield from topic_entries(self.catalogue.topics, self.action_topics)
        yield PaletteEntry(_("Timeline: every meeting by date"), _key("T"), self.action_timeline)
        if self.view.briefing is not None:
            from .save_as import EXPORT_KINDS

            for kind in EXPORT_KINDS:
                help = _("write the open briefing to a file you name")
                title = _("Export as {kind}…").format(kind=_(kind))
                yield PaletteEntry(title, help, partial(self.action_export, kind))
            yield PaletteEntry(_("Present the briefing"), _key("p"), self.action_present)
            for result in self.catalogue.ordered():
                if result.briefing is not None and result.path != self.current:
                    other = f"{result.briefing.date} {headline(result.briefing.title)}"
                    assert self.current is not None
                    compare = partial(self._compare, self.current, result.path)
                    name = printable(result.path.name)
                    yield PaletteEntry(
                        _("Compare with: {other}").format(other=other), name, compare
                    )
            yield PaletteEntry(
                _("Copy the briefing as Markdown"), _key("Y"), self.action_copy_briefing
            )


def _key(key: object) -> str:
    """A palette entry's help: the key that does the same ('key T')."""
    return _("key {key}").format(key=key)

"""The main screen: the library beside the open briefing's panes, with marking banners."""

from __future__ import annotations

import subprocess
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from ..editor import editor_command
from ..loader import LoadResult, Problem
from ..messages import BriefingChosen, LibraryChanged, LibraryGrew, LibraryLoaded
from ..model import SECTIONS, Briefing, Item
from ..navigation import PANE_TITLES, PANES, History, Location
from ..render import overview, source_text
from ..text import date_span, headline, printable
from ..topics import ItemRef
from ..widgets.library_list import LibraryPanel
from ..widgets.lists import DetailScroll
from ..widgets.marking import MarkingBanner
from ..widgets.section_pane import PaneTabs, SectionPane

if TYPE_CHECKING:
    from ..app import BriefingApp


def _pane_bindings() -> list[BindingType]:
    return [
        Binding(str(number), f"show_pane('{pane}')", PANE_TITLES[pane], show=False)
        for number, pane in enumerate(PANES, start=1)
    ]


class ReaderScreen(Screen[None]):
    """Read the library by keyboard: panes, items, topics, briefings, history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane", "Next pane", priority=True, tooltip="Cycle through the panes"),
        Binding("shift+tab", "previous_pane", "Previous pane", priority=True, show=False),
        *_pane_bindings(),
        Binding("left_square_bracket", "previous_briefing", "Prev briefing"),
        Binding("right_square_bracket", "next_briefing", "Next briefing"),
        Binding("slash", "search", "Search", tooltip="Search every briefing as you type"),
        Binding("n", "next_hit", "Next hit", show=False, tooltip="Next search hit here"),
        Binding("N", "previous_hit", "Previous hit", show=False, tooltip="Previous search hit"),
        Binding("t", "topics", "Topics", tooltip="Every item, in every briefing, about a topic"),
        Binding("backspace,alt+left", "back", "Back", tooltip="Back to where you were"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again"),
        Binding("e", "edit", "Edit", show=False, tooltip="Open $EDITOR at this item's line"),
        Binding("l", "library", "Library", show=False, tooltip="Move to the list of briefings"),
        Binding("escape", "leave_detail", "Back to list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="reader")
        self.current: Path | None = None
        self.history = History()
        self.last_query = ""

    @property
    def briefing_app(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="marking-top", classes="marking")
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield LibraryPanel()
            with Vertical(id="main"):
                yield Static(id="problems")
                with PaneTabs(id="panes"):
                    for number, pane in enumerate(PANES, start=1):
                        with TabPane(f"{number} {PANE_TITLES[pane]}", id=pane):
                            if pane in SECTIONS:
                                yield SectionPane(pane)
                            else:
                                with DetailScroll(id=f"scroll-{pane}", classes="page"):
                                    yield Static(id=f"body-{pane}")
        yield Footer()
        yield MarkingBanner(id="marking-bottom", classes="marking")

    def on_mount(self) -> None:
        self._listed_at = 0.0
        self._listing_took = 0.0
        self._opened_by_itself = False
        self._set_marking(None, known=False)
        self.query_one("#panes").display = False
        self.query_one("#title-bar", Static).update(Text("Loading the library…", style="dim"))

    # --- the library, as it loads -------------------------------------------------------

    @on(LibraryGrew)
    def _library_grew(self, event: LibraryGrew) -> None:
        panel = self.query_one(LibraryPanel)
        panel.show_progress(event.done, event.total)
        now = time.monotonic()
        # refill the list now and then, never spending more than a fifth of the time on it
        if self.current is None or now - self._listed_at > max(0.5, 4 * self._listing_took):
            panel.show_results(self.briefing_app.library.ordered(), self.current)
            self._listed_at = time.monotonic()
            self._listing_took = self._listed_at - now
        if self.current is None:
            self._open_first(only_good=True)

    @on(LibraryLoaded)
    def _library_loaded(self) -> None:
        panel = self.query_one(LibraryPanel)
        panel.show_progress(None, None)
        panel.show_results(self.briefing_app.library.ordered(), self.current)
        # the newest briefing may have loaded after the first one shown: show it, unless
        # the user has gone somewhere already
        if (
            (self.current is None or self._opened_by_itself)
            and not self._open_first(only_good=True)
            and not self._open_first(only_good=False)
        ):
            self._show_empty()

    def on_key(self) -> None:
        self._opened_by_itself = False  # the user is reading: never move them

    def on_mouse_down(self) -> None:
        self._opened_by_itself = False

    def _open_first(self, *, only_good: bool) -> bool:
        """Open the newest briefing (or, failing that, the first file); whether there was one."""
        results = self.briefing_app.library.ordered()
        first = next((r for r in results if r.ok), None if only_good or not results else results[0])
        if first is None:
            return False
        if first.path != self.current:
            self.open(Location(first.path, "overview"), record=False)
        self._opened_by_itself = True
        return True

    # --- where we are -------------------------------------------------------------------

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#panes", TabbedContent)

    @property
    def pane(self) -> str:
        return self.tabs.active or "overview"

    def section_pane(self, section: str) -> SectionPane:
        return self.query_one(f"#pane-{section}", SectionPane)

    def location(self) -> Location | None:
        if self.current is None:
            return None
        index = self.section_pane(self.pane).index if self.pane in SECTIONS else 0
        return Location(self.current, self.pane, index)

    def current_item(self) -> Item | None:
        if self.pane not in SECTIONS:
            return None
        pane = self.section_pane(self.pane)
        return pane.items[pane.index] if pane.items else None

    # --- going places -------------------------------------------------------------------

    def open(self, target: Location, *, record: bool = True) -> None:
        """Show `target`: its briefing, pane and item. `record` keeps where we were for Back."""
        if record:
            self.history.visit(self.location())
            self._opened_by_itself = False
        if target.path != self.current:
            self.current = target.path
            self._render_file(target.path, keep_place=False)
            self.query_one(LibraryPanel).mark_current(target.path)
        self._show_pane(target.pane, target.index)

    def open_ref(self, ref: ItemRef) -> None:
        self.open(Location(ref.path, ref.section, ref.index))

    def _show_pane(self, pane: str, index: int = 0) -> None:
        tabs = self.tabs
        if tabs.get_tab(pane).display is False:
            pane = "overview"
        tabs.active = pane
        if pane in SECTIONS:
            self.section_pane(pane).highlight(index)
        self.call_after_refresh(self._focus_pane, pane)

    def _focus_pane(self, pane: str) -> None:
        """Give the keyboard to `pane`, unless the user has already moved on.

        A late focus for a pane that is no longer shown is dropped: keys would go to a
        hidden widget.
        """
        if self.pane != pane or self.has_class("-library-open"):
            return
        if pane in SECTIONS:
            self.section_pane(pane).item_list.focus()
        else:
            self.query_one(f"#scroll-{pane}").focus()

    def _visible_panes(self) -> list[str]:
        return [pane for pane in PANES if self.tabs.get_tab(pane).display is not False]

    # --- drawing a briefing -------------------------------------------------------------

    def _render_file(self, path: Path, *, keep_place: bool) -> None:
        library = self.briefing_app.library
        result = library.results.get(path)
        briefing = library.readable(path)
        self._show_problems(result, has_fallback=briefing is not None)
        self.query_one("#panes").display = briefing is not None
        if briefing is None:
            self._set_marking(None, known=False)
            self.query_one("#title-bar", Static).update(Text(printable(path.name), style="bold"))
            return
        self._set_marking(briefing.classification)
        self.query_one("#title-bar", Static).update(_title_line(briefing))
        self.query_one("#body-overview", Static).update(_overview_page(briefing))
        source = source_text(briefing.source) if briefing.source else Text("")
        self.query_one("#body-source", Static).update(source)
        tabs = self.tabs
        for section in SECTIONS:
            items: tuple[Item, ...] = getattr(briefing, section)
            pane = self.section_pane(section)
            pane.show_items(items, pane.index if keep_place else 0)
            (tabs.show_tab if items else tabs.hide_tab)(section)
        (tabs.show_tab if briefing.source else tabs.hide_tab)("source")

    def _show_problems(self, result: LoadResult | None, *, has_fallback: bool) -> None:
        problems = self.query_one("#problems", Static)
        if result is None and self.current is not None:
            problems.update(Text("This file was deleted or moved.", style="bold"))
            problems.display = True
            return
        if result is None or result.ok:
            problems.display = False
            return
        heading = "This file no longer loads; showing the last version that did."
        if not has_fallback:
            heading = "This file does not load:"
        lines = [Text(heading, style="bold")]
        lines += [Text(printable(self._relative(problem))) for problem in result.problems]
        lines.append(Text("Fix it in your editor (e) and save: it reloads by itself.", style="dim"))
        problems.update(Group(*lines))
        problems.display = True

    def _relative(self, problem: Problem) -> str:
        """A problem with its path relative to the library folder, which the user knows."""
        root = self.briefing_app.root
        path = Path(problem.path)
        if root.is_dir() and path.is_relative_to(root):
            problem = replace(problem, path=str(path.relative_to(root)))
        return str(problem)

    def _set_marking(self, marking: str | None, *, known: bool = True) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(marking, known=known)

    def _show_empty(self) -> None:
        root = self.briefing_app.root
        self._set_marking(None, known=False)
        self.query_one("#panes").display = False
        message = Text(f"No briefings found in {printable(str(root))}.\n", style="bold")
        message.append("Add a .yaml file there; it will appear here as soon as it is saved.")
        problems = self.query_one("#problems", Static)
        problems.update(message)
        problems.display = True

    # --- live reload --------------------------------------------------------------------

    @on(LibraryChanged)
    def _library_changed(self, event: LibraryChanged) -> None:
        panel = self.query_one(LibraryPanel)
        panel.show_results(self.briefing_app.library.ordered(), self.current)
        if self.current is None and event.result is not None:
            self.open(Location(event.path, "overview"), record=False)
        elif event.path == self.current:
            here = self.location()
            self._render_file(event.path, keep_place=True)
            if here is not None:
                self._show_pane(here.pane, here.index)

    @on(TabbedContent.TabActivated, "#panes")
    def _tab_clicked(self) -> None:
        """A tab chosen by mouse: give the keyboard to its pane too."""
        self.call_after_refresh(self._focus_pane, self.pane)

    @on(BriefingChosen)
    def _briefing_chosen(self, event: BriefingChosen) -> None:
        self.remove_class("-library-open")
        here = self.location()
        if here is not None and event.path == here.path:
            self._show_pane(here.pane, here.index)
        else:
            self.open(Location(event.path, "overview"))

    # --- actions ------------------------------------------------------------------------

    def action_show_pane(self, pane: str) -> None:
        if self.current is None:
            return
        if self.tabs.get_tab(pane).display is False:
            self.notify(f"This briefing has no {PANE_TITLES[pane].lower()}.", timeout=2)
            return
        if pane != self.pane:
            self.history.visit(self.location())
        self._show_pane(pane, self.section_pane(pane).index if pane in SECTIONS else 0)

    def _cycle_pane(self, step: int) -> None:
        visible = self._visible_panes()
        if self.current is None or not visible:
            return
        position = visible.index(self.pane) if self.pane in visible else 0
        self.action_show_pane(visible[(position + step) % len(visible)])

    def action_next_pane(self) -> None:
        self._cycle_pane(1)

    def action_previous_pane(self) -> None:
        self._cycle_pane(-1)

    def _step_briefing(self, step: int) -> None:
        shown = self.query_one(LibraryPanel).shown
        if not shown:
            return
        position = shown.index(self.current) if self.current in shown else -step
        target = position + step
        if not 0 <= target < len(shown):
            self.notify("No more briefings that way.", timeout=2)
            return
        self.open(Location(shown[target], self.pane, 0))

    def action_next_briefing(self) -> None:
        self._step_briefing(1)

    def action_previous_briefing(self) -> None:
        self._step_briefing(-1)

    def action_back(self) -> None:
        target = self.history.back(self.location())
        if target is None:
            self.notify("Nothing to go back to.", timeout=2)
        else:
            self._go_without_recording(target)

    def action_forward(self) -> None:
        target = self.history.forward(self.location())
        if target is None:
            self.notify("Nothing to go forward to.", timeout=2)
        else:
            self._go_without_recording(target)

    def _go_without_recording(self, target: Location) -> None:
        if target.path not in self.briefing_app.library.results:
            self.notify("That briefing is no longer in the library.", timeout=3)
            return
        self.open(target, record=False)

    def action_topics(self, topic: str | None = None) -> None:
        from .topics import TopicScreen

        item = self.current_item()
        item_topics = item.topics if item is not None else ()
        if topic is None and item_topics:
            topic = item_topics[0]
        self.app.push_screen(TopicScreen(topic, item_topics), self._jump_from_screen)

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen(self.last_query), self._jump_from_search)

    def _jump_from_screen(self, ref: ItemRef | None) -> None:
        if ref is not None:
            self.open_ref(ref)

    def _jump_from_search(self, outcome: tuple[str, ItemRef | None] | None) -> None:
        if outcome is None:
            return
        self.last_query, ref = outcome
        if ref is not None:
            self.open_ref(ref)

    def _step_hit(self, step: int) -> None:
        here = self.location()
        if not self.last_query or here is None:
            self.notify("Search first with /.", timeout=2)
            return
        hits = self.briefing_app.search_index.search(self.last_query)
        mine = sorted(
            {
                (PANES.index(hit.ref.section), hit.ref.index)
                for hit in hits
                if hit.ref.path == here.path
            }
        )
        if not mine:
            self.notify(
                f"No hits for “{self.last_query}” in this briefing.", timeout=2, markup=False
            )
            return
        position = (PANES.index(here.pane), here.index)
        after = [key for key in mine if (key > position if step > 0 else key < position)]
        target = (after[0] if step > 0 else after[-1]) if after else mine[0 if step > 0 else -1]
        self.open(Location(here.path, PANES[target[0]], target[1]))

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def action_library(self) -> None:
        """Focus the library (on a narrow screen, show it in place of the panes)."""
        panel = self.query_one(LibraryPanel)
        if panel.has_focus_within:
            self._close_library()
            return
        self.add_class("-library-open")
        panel.option_list.focus()

    def _close_library(self) -> None:
        self.remove_class("-library-open")
        here = self.location()
        if here is not None:
            self._show_pane(here.pane, here.index)

    def action_leave_detail(self) -> None:
        focused = self.focused
        if focused is not None and focused.has_class("item-detail") and self.pane in SECTIONS:
            self.section_pane(self.pane).item_list.focus()
        elif self.query_one(LibraryPanel).has_focus_within:
            self._close_library()

    def action_edit(self) -> None:
        if self.current is None:
            return
        item = self.current_item()
        command = editor_command(self.current, item.line if item is not None else 1)
        if not command:
            self.notify("Set $EDITOR (or $VISUAL) to open briefings from here.", timeout=4)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except Exception as error:  # SuspendNotSupported, or the editor could not start
            self.notify(f"Could not open the editor: {error}", severity="error", markup=False)


def _title_line(briefing: Briefing) -> RenderableType:
    text = Text(headline(briefing.title), style="bold")
    text.append(f"  {date_span(briefing.date, briefing.end_date)}", style="dim")
    if briefing.place:
        text.append(f" · {headline(briefing.place)}", style="dim")
    return text


def _overview_page(briefing: Briefing) -> RenderableType:
    """The overview, then what each pane holds and the key that opens it."""
    contents = Table.grid(padding=(0, 2))
    contents.add_column(style="bold cyan", justify="right")
    contents.add_column()
    contents.add_column(style="dim")
    for section in SECTIONS:
        items = getattr(briefing, section)
        if items:
            count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
            contents.add_row(str(PANES.index(section) + 1), PANE_TITLES[section], count)
    return Group(overview(briefing), Text(""), Text("In this briefing", style="bold"), contents)

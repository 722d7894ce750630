"""The open briefing laid out in panes, each made the first time it is shown."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import AwaitMount, Widget
from textual.widgets import Static, TabbedContent, TabPane

from ..i18n import _, ngettext, number
from ..model import SECTIONS, Briefing, Item
from ..navigation import PANE_TITLES, PANES
from ..render import overview, source_text
from ..text import date_span, headline
from .lists import DetailScroll
from .problems import ProblemsPanel
from .section_pane import PaneTabs, SectionPane


class Page(DetailScroll):
    """A pane that is one page of text (the overview, the source)."""

    def __init__(self, pane: str, content: RenderableType) -> None:
        super().__init__(id=f"scroll-{pane}", classes="page")
        self.pane = pane
        self.content = content

    def compose(self) -> ComposeResult:
        yield Static(self.content, id=f"body-{self.pane}")

    def show(self, content: RenderableType) -> None:
        """Show `content` (before this page's widgets exist, it is what they will show)."""
        self.content = content
        shown = self.query(Static)
        if shown:
            shown.first().update(content)


def title_line(briefing: Briefing) -> Text:
    """The title bar: title, dates and place."""
    text = Text(headline(briefing.title), style="bold")
    text.append(f"  {date_span(briefing.date, briefing.end_date)}", style="dim")
    if briefing.place:
        text.append(f" · {headline(briefing.place)}", style="dim")
    return text


def section_items(briefing: Briefing, pane: str) -> tuple[Item, ...]:
    items: tuple[Item, ...] = getattr(briefing, pane) if pane in SECTIONS else ()
    return items


def has_content(briefing: Briefing, pane: str) -> bool:
    if pane == "overview":
        return True
    if pane == "source":
        return briefing.source is not None
    return bool(section_items(briefing, pane))


def page_content(briefing: Briefing, pane: str) -> RenderableType:
    if pane == "source":
        return source_text(briefing.source) if briefing.source else Text("")
    return overview_page(briefing)


def overview_page(briefing: Briefing) -> RenderableType:
    """The overview, then what each pane holds and the key that opens it."""
    contents = Table.grid(padding=(0, 2))
    contents.add_column(style="bold cyan", justify="right")
    contents.add_column()
    contents.add_column(style="dim")
    for section in SECTIONS:
        items = section_items(briefing, section)
        if items:
            count = ngettext("{count} item", "{count} items", len(items))
            contents.add_row(
                str(PANES.index(section) + 1),
                _(PANE_TITLES[section]),
                count.format(count=number(len(items))),
            )
    heading = Text(_("In this briefing"), style="bold")
    return Group(overview(briefing), Text(""), heading, contents)


def tab_label(pane: str) -> str:
    """A pane's tab: its key and its short name, '3 Positions'."""
    return f"{PANES.index(pane) + 1} {_(PANE_TITLES[pane])}"


class BriefingView(Vertical):
    """Problems (when the file does not load) above the briefing's panes."""

    def __init__(self) -> None:
        super().__init__(id="main")
        self.briefing: Briefing | None = None

    def compose(self) -> ComposeResult:
        yield ProblemsPanel(id="problems")
        with PaneTabs(id="panes"):
            for pane in PANES:
                yield TabPane(tab_label(pane), id=pane)

    def on_mount(self) -> None:
        self.tabs.display = False
        self.problems.display = False

    def relabel(self) -> None:
        """Name the tabs again, in the language in force (it has just changed)."""
        for pane in PANES:
            self.tabs.get_tab(pane).label = tab_label(pane)

    @property
    def tabs(self) -> PaneTabs:
        return self.query_one(PaneTabs)

    @property
    def problems(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    @property
    def pane(self) -> str:
        """The pane shown."""
        return self.tabs.active or "overview"

    def visible_panes(self) -> list[str]:
        """The panes this briefing has something in, in order."""
        if self.briefing is None:
            return []
        return [pane for pane in PANES if has_content(self.briefing, pane)]

    def _content(self, pane: str) -> Widget | None:
        """The pane's content, if it has been made (panes are made when first shown)."""
        children = self.query_one(f"TabPane#{pane}", TabPane).children
        return children[0] if children else None

    def section_pane(self, pane: str) -> SectionPane | None:
        content = self._content(pane)
        return content if isinstance(content, SectionPane) else None

    def index(self, pane: str) -> int:
        """The highlighted item's position in `pane` (0 in a page or a pane not yet made)."""
        content = self.section_pane(pane)
        return content.index if content is not None else 0

    def current_item(self) -> Item | None:
        content = self.section_pane(self.pane)
        if content is None or not content.items:
            return None
        return content.items[min(content.index, len(content.items) - 1)]

    def show_briefing(self, briefing: Briefing | None, places: Mapping[str, int]) -> None:
        """Lay out `briefing` (None: nothing to show), at `places` in each pane (else the top)."""
        self.briefing = briefing
        tabs = self.tabs
        tabs.display = briefing is not None
        if briefing is None:
            return
        for pane in PANES:
            if has_content(briefing, pane):
                tabs.show_tab(pane)
            else:
                tabs.hide_tab(pane)
            content = self._content(pane)
            if isinstance(content, SectionPane):
                content.show_items(section_items(briefing, pane), places.get(pane, 0))
            elif isinstance(content, Page):
                content.show(page_content(briefing, pane))

    def show_pane(self, pane: str, index: int = 0) -> tuple[str, AwaitMount | None]:
        """Show `pane` at item `index`, making it if this is its first time. The pane shown
        (the overview, if this briefing has nothing in `pane`), and the mounting of its
        content when it is made now, to await before giving it the keyboard."""
        briefing = self.briefing
        if briefing is None:
            return self.pane, None
        if not has_content(briefing, pane):
            pane = "overview"
        with self.prevent(TabbedContent.TabActivated):  # news of a click, not of this
            self.tabs.active = pane
        content = self._content(pane)
        if isinstance(content, SectionPane):
            content.highlight(index)
        elif content is None:
            made: Widget
            if pane in SECTIONS:
                made = SectionPane(pane, section_items(briefing, pane), index)
            else:
                made = Page(pane, page_content(briefing, pane))
            return pane, self.query_one(f"TabPane#{pane}", TabPane).mount(made)
        return pane, None

    def has_keyboard(self, pane: str, focused: Widget | None) -> bool:
        """Whether `focused` is in `pane` (its list, or the detail beside it)."""
        content = self._content(pane)
        return (
            content is not None and focused is not None and content in focused.ancestors_with_self
        )

    def focus_target(self, pane: str) -> Widget | None:
        """What takes the keyboard in `pane` (None while it is being made)."""
        content = self._content(pane)
        if isinstance(content, SectionPane):
            lists = content.query(".item-list")
            return lists.first() if lists else None
        return content

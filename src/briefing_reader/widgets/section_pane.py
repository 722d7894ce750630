"""A pane of the reader: a list of one section's items beside the selected item in full."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ..model import Item
from ..render import item_detail, item_prompt
from .lists import DetailScroll, NavList


class ItemOption(Option):
    """An item in a section's list, carrying the item itself."""

    def __init__(self, item: Item) -> None:
        super().__init__(item_prompt(item))
        self.item = item


class SectionPane(Horizontal):
    """One section (agenda, positions, …): items on the left, the highlighted one in full.

    It is made when its pane is first shown, with the items it shows and where to start.
    """

    def __init__(self, section: str, items: tuple[Item, ...], index: int = 0) -> None:
        super().__init__(id=f"pane-{section}", classes="section-pane")
        self.section = section
        self.items = items
        self.index = index
        """The highlighted item's position: the reader's place in this pane."""

    def compose(self) -> ComposeResult:
        yield NavList(id=f"list-{self.section}", classes="item-list")
        with DetailScroll(id=f"detail-{self.section}", classes="item-detail"):
            yield Static(id=f"detail-body-{self.section}")

    def on_mount(self) -> None:
        self._ready = True
        self.show_items(self.items, self.index)

    _ready = False
    """Whether its widgets exist: a second key for this pane, or a new version of the file,
    can arrive between its making and its mounting; until then they only update its data."""

    @property
    def item_list(self) -> NavList:
        return self.query_one(NavList)

    @property
    def detail(self) -> DetailScroll:
        return self.query_one(DetailScroll)

    def show_items(self, items: tuple[Item, ...], index: int = 0) -> None:
        """Fill the list with `items` and highlight the one at `index` (clamped)."""
        self.items = items
        self._detail_of = None  # drawn again: the file or the language may have changed
        if not self._ready:
            self.index = index
            return
        self.item_list.set_options(ItemOption(item) for item in items)
        if items:
            self.highlight(index)
        else:
            self.index = 0
            self._detail_of = None
            self.query_one(Static).update("")

    def highlight(self, index: int) -> None:
        if not self.items:
            return
        self.index = max(0, min(index, len(self.items) - 1))
        if not self._ready:
            return
        self.item_list.highlighted = self.index
        self._show_detail(self.items[self.index])

    _detail_of: Item | None = None
    """The item the detail view shows: showing it again draws nothing (a new text lays the
    whole screen out again, and a pane shown again, by key or by tab, asks for its item)."""

    def _show_detail(self, item: Item) -> None:
        if item is self._detail_of:
            return
        self._detail_of = item
        self.query_one(Static).update(item_detail(item, clickable=True))
        self.detail.scroll_home(animate=False)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if isinstance(event.option, ItemOption):
            self.index = event.option_index
            self._show_detail(event.option.item)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.detail)


class PaneTabs(TabbedContent):
    """The reader's panes. The reader alone decides which pane is shown.

    TabbedContent switches to any pane that gains focus, through a message that arrives
    later; a keypress in between (tab, tab) would then be undone. The reader focuses the
    pane it shows, so that message is ignored here.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()
        event.stop()

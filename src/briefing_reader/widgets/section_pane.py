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


class SectionPane(Horizontal):
    """One section (agenda, positions, …): items on the left, the highlighted one in full."""

    def __init__(self, section: str) -> None:
        super().__init__(id=f"pane-{section}", classes="section-pane")
        self.section = section
        self.items: tuple[Item, ...] = ()

    def compose(self) -> ComposeResult:
        yield NavList(id=f"list-{self.section}", classes="item-list")
        with DetailScroll(id=f"detail-{self.section}", classes="item-detail"):
            yield Static(id=f"detail-body-{self.section}")

    @property
    def item_list(self) -> NavList:
        return self.query_one(NavList)

    @property
    def detail(self) -> DetailScroll:
        return self.query_one(DetailScroll)

    @property
    def index(self) -> int:
        """The highlighted item's position (0 when the list is empty)."""
        return self.item_list.highlighted or 0

    def show_items(self, items: tuple[Item, ...], index: int = 0) -> None:
        """Fill the list with `items` and highlight the one at `index` (clamped)."""
        self.items = items
        item_list = self.item_list
        item_list.set_options(Option(item_prompt(item)) for item in items)
        if items:
            self.highlight(index)
        else:
            self.query_one(Static).update("")

    def highlight(self, index: int) -> None:
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        self.item_list.highlighted = index
        self._show_detail(index)

    def _show_detail(self, index: int) -> None:
        self.query_one(Static).update(item_detail(self.items[index], clickable=True))
        self.detail.scroll_home(animate=False)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.items):
            self._show_detail(event.option_index)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.detail.focus()


class PaneTabs(TabbedContent):
    """The reader's panes. The reader alone decides which pane is shown.

    TabbedContent switches to any pane that gains focus, through a message that arrives
    later; a keypress in between (tab, tab) would then be undone. The reader focuses the
    pane it shows, so that message is ignored here.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()
        event.stop()

"""The `?` screen: every key, generated from the bindings that define them."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _bindings(source: list[BindingType]) -> list[Binding]:
    return [binding for binding in source if isinstance(binding, Binding)]


class HelpScreen(ModalScreen[None]):
    """A table of keys by where they work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(self._table(), id="help-table")

    def _keys(self, binding: Binding) -> str:
        keys = [key.strip() for key in binding.key.split(",")]
        return " / ".join(self.app.get_key_display(Binding(key, binding.action)) for key in keys)

    def _table(self) -> Table:
        from ..app import BriefingApp
        from ..widgets.lists import DetailScroll, NavList
        from .reader import ReaderScreen
        from .search import SearchScreen
        from .topics import TopicScreen

        groups = [
            ("Anywhere", _bindings(BriefingApp.BINDINGS)),
            ("Reader", _bindings(ReaderScreen.BINDINGS)),
            ("Lists and text", _bindings(NavList.BINDINGS) + _bindings(DetailScroll.BINDINGS)),
            ("Topics", _bindings(TopicScreen.BINDINGS)),
            ("Search", _bindings(SearchScreen.BINDINGS)),
        ]
        table = Table(title="Keys", expand=True, show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, bindings in groups:
            table.add_row(Text(title, style="bold underline"), "")
            seen: set[str] = set()
            panes = [b for b in bindings if b.action.startswith("show_pane")]
            if panes:
                names = ", ".join(binding.description for binding in panes)
                table.add_row(f"{panes[0].key}…{panes[-1].key}", f"Go to pane: {names}")
            for binding in bindings:
                if binding in panes or binding.description in seen or not binding.description:
                    continue
                seen.add(binding.description)
                explained = binding.description
                if binding.tooltip:
                    explained += f" — {binding.tooltip}"
                table.add_row(self._keys(binding), explained)
            table.add_row("", "")
        table.add_row("↑ ↓ PgUp PgDn Home End", "Move in a list or scroll text, as usual")
        table.add_row("Enter", "Open the highlighted item, briefing, topic or hit")
        table.add_row("Mouse", "Click tabs, items and briefings; scroll with the wheel")
        return table

"""The `?` screen: every key, generated from the bindings that define them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..i18n import N_, _
from ..widgets.lists import DetailScroll, NavList
from ..widgets.marking import MarkingBanner
from .base import ClosingModal

KeyGroup = tuple[str, Sequence[BindingType]]
"""A heading and the bindings listed under it: the heading and the keys' descriptions in
English, marked with `N_` (they are translated here, as they are shown)."""


def _bindings(source: list[BindingType]) -> list[Binding]:
    return [binding for binding in source if isinstance(binding, Binding)]


class HelpScreen(ClosingModal[None]):
    """A table of keys by where they work, from the bindings of the screens it is given."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", N_("Close")),
    ]

    def __init__(
        self, groups: Sequence[KeyGroup], marking: str | None = None, *, known: bool = False
    ) -> None:
        super().__init__()
        self.marking, self.known = marking, known
        self.groups = [
            *groups,
            (N_("Lists and text"), [*NavList.BINDINGS, *DetailScroll.BINDINGS]),
        ]

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="help-marking-top")
        with DetailScroll(id="help-body"):
            yield Static(self._table(), id="help-table")
        yield MarkingBanner(id="help-marking-bottom")

    def on_mount(self) -> None:
        # the marking of what is beneath, on this screen too: a small terminal has no room
        # to show it around the dialog
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.marking, known=self.known)

    def _keys(self, binding: Binding) -> str:
        keys = [key.strip() for key in binding.key.split(",")]
        return " / ".join(self.app.get_key_display(Binding(key, binding.action)) for key in keys)

    def _table(self) -> Table:
        table = Table(title=_("Keys"), expand=True, show_header=False, box=None, padding=(0, 2))
        # a third of the width for the keys: a long one ("→ / space / pagedown") wraps at
        # its slashes instead of pushing every description into a narrow column
        table.add_column(style="bold cyan", ratio=1)
        table.add_column(ratio=2)
        for title, source in self.groups:
            bindings = _bindings(list(source))
            table.add_row(Text(_(title), style="bold underline"), "")
            panes = [b for b in bindings if b.action.startswith("show_pane")]
            if panes:
                names = ", ".join(_(binding.description) for binding in panes)
                go = _("Go to pane: {panes}").format(panes=names)
                table.add_row(f"{panes[0].key}…{panes[-1].key}", go)
            # keys that do the same thing share a row: "q / ^c  Quit"
            keys: dict[str, list[str]] = {}
            explained: dict[str, str] = {}
            for binding in bindings:
                if binding in panes or not binding.description:
                    continue
                description = _(binding.description)
                shown = keys.setdefault(description, [])
                if self._keys(binding) not in shown:
                    shown.append(self._keys(binding))
                if binding.tooltip:
                    explained.setdefault(description, _(binding.tooltip))
            for description, shown in keys.items():
                tooltip = explained.get(description)
                table.add_row(
                    " / ".join(shown), f"{description} — {tooltip}" if tooltip else description
                )
            table.add_row("", "")
        table.add_row(_("↑ ↓ PgUp PgDn Home End"), _("Move in a list or scroll text, as usual"))
        table.add_row(_("Enter"), _("Open the highlighted item, briefing, topic or hit"))
        table.add_row(_("Mouse"), _("Click tabs, items and briefings; scroll with the wheel"))
        return table

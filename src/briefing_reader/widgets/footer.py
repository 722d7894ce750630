"""Textual's footer, drawn again only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys whenever the screen's bindings are updated,
    which is on every change of focus, though the keys shown are mostly the same: in the
    reader that was about a third of each pane switch (a dozen keys made, mounted and
    styled again). This one rebuilds only when what it would show differs."""

    _keys_shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            palette = screen.app.COMMAND_PALETTE_BINDING
            shown = tuple(
                (key, binding.action, binding.description, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
                if binding.show or key == palette
            )
            if shown == self._keys_shown:
                return
            self._keys_shown = shown
        super().bindings_changed(screen)

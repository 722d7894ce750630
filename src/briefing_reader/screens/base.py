"""Screens that close themselves, once.

Keys arrive faster than a screen leaves: a second Enter (or Escape) pressed before the
first has popped the screen would dismiss it again, popping the screen beneath, which
Textual refuses with a crash. Only the first dismissal counts.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

R = TypeVar("R")


def _already_dismissing() -> AwaitComplete:
    done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
    return done


class ClosingScreen(Screen[R]):
    """A full screen that returns a result to the one beneath it."""

    _dismissing = False

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        if self._dismissing:
            return _already_dismissing()
        self._dismissing = True
        return super().dismiss(result)


class ClosingModal(ModalScreen[R]):
    """A modal screen (drawn over the one beneath) that closes once."""

    _dismissing = False

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        if self._dismissing:
            return _already_dismissing()
        self._dismissing = True
        return super().dismiss(result)

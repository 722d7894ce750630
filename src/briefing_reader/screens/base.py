"""Screens that close themselves, once.

Keys arrive faster than a screen leaves: a second Enter (or Escape) pressed before the
first has popped the screen would dismiss it again, popping the screen beneath, which
Textual refuses with a crash. Only the first dismissal counts; and a screen that is no
longer on top (the palette was opened over it in the same burst of keys) does not close,
since Textual would pop the screen above it instead.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.screen import ModalScreen, Screen

from ..i18n import N_, _, language
from ..widgets.marking import MarkingBanner

if TYPE_CHECKING:
    _Base = Screen[Any]
else:
    _Base = object

R = TypeVar("R")


def _already_dismissing() -> AwaitComplete:
    done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
    return done


def _first_dismissal(screen: Screen[Any]) -> bool:
    """Whether `screen` may close now: its first dismissal, and it is on top."""
    if getattr(screen, "_dismissing", False) or not screen.is_active:
        return False
    screen._dismissing = True  # type: ignore[attr-defined]
    return True


@cache
def translated(binding: Binding, code: str) -> Binding:
    """A key's binding with its description and tooltip in the language `code`."""
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


class TranslatedBindings(_Base):
    """A screen whose keys are described in the language in force: the footer, the
    help and the palette read `active_bindings`, where the descriptions (written in
    English and marked with `N_`) are translated as they are shown."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        code = language()
        return {
            key: active._replace(binding=translated(active.binding, code))
            for key, active in super().active_bindings.items()
        }


CTRL_C_QUITS = Binding("ctrl+c", "copy_or_quit", N_("Quit"), show=False, system=True)
"""Ctrl+C on a modal screen. A modal hides the app's bindings, so the app's Ctrl+C (quit)
is never reached from it: the modal answers the key itself, as the app would."""


async def _copy_or_quit(screen: Screen[Any]) -> None:
    """Copy the selection if there is one (as Textual's Ctrl+C does), else quit."""
    try:
        screen.action_copy_text()
    except SkipAction:  # nothing selected
        await screen.run_action("app.quit")


class ClosingScreen(TranslatedBindings, Screen[R]):
    """A full screen that returns a result to the one beneath it."""

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        return super().dismiss(result) if _first_dismissal(self) else _already_dismissing()

    @on(events.ScreenResume)
    def _may_close_again(self) -> None:
        """Shown again (a screen that is kept, as the timeline is): it closes once more."""
        self._dismissing = False


class ClosingModal(TranslatedBindings, ModalScreen[R]):
    """A modal screen (drawn over the one beneath) that closes once, and quits on Ctrl+C."""

    BINDINGS: ClassVar[list[BindingType]] = [CTRL_C_QUITS]

    async def action_copy_or_quit(self) -> None:
        await _copy_or_quit(self)

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        return super().dismiss(result) if _first_dismissal(self) else _already_dismissing()


class ClosingCommandPalette(TranslatedBindings, CommandPalette):
    """Textual's command palette, closing once (Enter Enter popped the reader beneath it),
    with the marking of the screen beneath at its top and bottom; Ctrl+C quits."""

    BINDINGS: ClassVar[list[BindingType]] = [CTRL_C_QUITS]

    def __init__(self, marking: str | None = None, *, known: bool = False) -> None:
        super().__init__(id="--command-palette", placeholder=_("Search for commands…"))
        self.marking, self.known = marking, known

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="palette-marking-top")
        yield from super().compose()
        yield MarkingBanner(id="palette-marking-bottom")

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.marking, known=self.known)
        self.call_after_refresh(self._fit_list)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_list)

    def _fit_list(self) -> None:
        """Keep the list of hits above the bottom banner. Textual draws it over the whole
        screen (`overlay: screen`), as tall as 70% of the terminal below the prompt: at
        20x10 it covered the marking."""
        prompt = self.query_one("#--input")
        bottom = self.query_one("#palette-marking-bottom")
        room = bottom.region.y - prompt.region.bottom
        commands = self.query_one(CommandList)
        commands.styles.max_height = max(3, room)  # its two borders and one hit, at least
        commands.display = room >= 3  # no room: Enter still runs the highlighted hit

    def dismiss(self, result: None = None) -> AwaitComplete:
        return super().dismiss(result) if _first_dismissal(self) else _already_dismissing()

    async def action_copy_or_quit(self) -> None:
        await _copy_or_quit(self)

    def _action_command_list(self, action: str) -> None:
        # Textual's list pages by lines it may not have laid out yet (no room, or the
        # list just filled): KeyError. Paging then moves to the end instead.
        if action in ("page_down", "page_up"):
            commands = self.query_one(CommandList)
            if (commands.highlighted or 0) not in commands._index_to_line:
                (commands.action_last if action == "page_down" else commands.action_first)()
                return
        super()._action_command_list(action)

"""The reader app: the library, its indexes, file watching, app-wide keys and commands."""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import get_current_worker

from .commands import LibraryCommands
from .library import Library, briefing_files
from .loader import LoadResult, load_file
from .messages import LibraryChanged
from .screens.reader import ReaderScreen
from .search import SearchIndex
from .text import highest_marking
from .topics import TopicIndex

HIGH_CONTRAST = Theme(
    name="briefing-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
)
"""Black, white and yellow, for glare, projectors and tired eyes."""

Stamp = tuple[int, int]


class BriefingApp(App[None]):
    """Read a folder (or a file) of briefings."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]  # noqa: RUF012
    COMMANDS = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(self, root: Path, *, watch: bool = True, poll_seconds: float = 0.5) -> None:
        super().__init__()
        self.root = root
        self.watch_changes = watch
        self.poll_seconds = poll_seconds
        self.library = Library.open([root])
        self._topic_index: TopicIndex | None = None
        self._search_index: SearchIndex | None = None
        self.reader = ReaderScreen()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.watch_changes:
            self.watch_files()

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    @property
    def topic_index(self) -> TopicIndex:
        if self._topic_index is None:
            self._topic_index = TopicIndex(self.library.ordered())
        return self._topic_index

    @property
    def search_index(self) -> SearchIndex:
        if self._search_index is None:
            self._search_index = SearchIndex(self.library.ordered())
        return self._search_index

    @property
    def library_marking(self) -> str | None:
        """The most restrictive marking in the library, for screens that span briefings."""
        briefings = [r.briefing for r in self.library.results.values() if r.briefing]
        return highest_marking(briefing.classification for briefing in briefings)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, and every key of the screen as a command."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action == "command_palette":
                continue
            if binding.description in seen or "(" in binding.action:
                continue
            seen.add(binding.description)
            key = self.get_key_display(Binding(binding.key.split(",")[0], binding.action))
            run = partial(screen.run_action, binding.action)
            yield SystemCommand(binding.description, f"key {key}", run)

    # --- live reload --------------------------------------------------------------------

    def _stamps(self) -> dict[Path, Stamp]:
        paths = briefing_files(self.root) if self.root.is_dir() else [self.root]
        stamps: dict[Path, Stamp] = {}
        for path in paths:
            try:
                status = path.stat()
            except OSError:
                continue
            stamps[path] = (status.st_mtime_ns, status.st_size)
        return stamps

    @work(thread=True, exclusive=True, group="watch")
    def watch_files(self) -> None:
        """Poll the library's files and reload any that changed (stat only: cheap, portable)."""
        worker = get_current_worker()
        known = self._stamps()
        while not worker.is_cancelled:
            time.sleep(self.poll_seconds)
            current = self._stamps()
            for path, stamp in current.items():
                if known.get(path) != stamp:
                    current[path] = self._settled(path, stamp)
                    self.call_from_thread(self._apply_change, path, load_file(path))
            for path in known.keys() - current.keys():
                self.call_from_thread(self._apply_change, path, None)
            known = current

    @staticmethod
    def _settled(path: Path, stamp: Stamp) -> Stamp:
        """Wait (briefly) until a file stops changing: editors may write it in several steps."""
        for _ in range(10):
            time.sleep(0.05)
            try:
                status = path.stat()
            except OSError:
                return stamp
            now = (status.st_mtime_ns, status.st_size)
            if now == stamp:
                return stamp
            stamp = now
        return stamp

    def _apply_change(self, path: Path, result: LoadResult | None) -> None:
        if result is None:
            self.library.remove(path)
        else:
            self.library.update(result)
        self._topic_index = self._search_index = None
        self.reader.post_message(LibraryChanged(path, result))

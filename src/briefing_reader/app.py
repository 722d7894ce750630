"""The reader app: the library, its indexes, file watching, app-wide keys and commands."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import get_current_worker

from .cache import LoadCache, Stamp, stamp_of
from .commands import LibraryCommands
from .library import Library, scan
from .loader import LoadResult, load_file
from .messages import LibraryChanged, LibraryGrew, LibraryLoaded
from .model import Briefing
from .screens.reader import ReaderScreen
from .search import BriefingText, SearchIndex
from .text import highest_marking
from .topics import BriefingTopics, TopicIndex

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


Loaded = tuple[LoadResult, BriefingTopics, BriefingText]
"""A load result with its index entries, prepared off the screen's thread."""


@dataclass
class _Batch(Message):
    loaded: list[Loaded]
    done: int
    total: int
    stamps: dict[Path, Stamp | None] | None = None
    """Given with the last batch: every file's stamp, for the watcher to start from."""


class BriefingApp(App[None]):
    """Read a folder (or a file) of briefings."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it
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
        self.library = Library()
        self.topic_index = TopicIndex()
        self.search_index = SearchIndex()
        self.loaded = False
        """Whether every file has been loaded; until then the library fills as it goes."""
        self.reader = ReaderScreen()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.load_library()

    def get_default_screen(self) -> Screen[None]:
        return self.reader

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

    # --- loading, in the background -----------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """Load every file, cached ones first, handing the screen a batch at a time.

        The screen paints at once and its list fills as batches arrive; parsing and
        indexing happen here, off the screen's thread.
        """
        worker = get_current_worker()
        stamps = self._stamps()
        files = sorted(stamps)
        cache = LoadCache()
        batch: list[Loaded] = []
        done = 0
        sent = time.monotonic()

        kept: list[tuple[Path, Stamp, Briefing]] = []

        def take(result: LoadResult) -> None:
            nonlocal done, sent
            stamp = stamps.get(result.path)
            if result.briefing is not None and stamp is not None:
                kept.append((result.path, stamp, result.briefing))
            batch.append(_prepare(result))
            done += 1
            if time.monotonic() - sent > (0.05 if done < 50 else 0.2):
                self.post_message(_Batch(batch.copy(), done, len(files)))
                batch.clear()
                sent = time.monotonic()

        remaining = dict(stamps)
        by_folder: dict[Path, dict[str, Path]] = {}
        for path in files:
            by_folder.setdefault(path.parent, {})[path.name] = path
        for folder, names in by_folder.items():
            for chunk in cache.briefings(folder):
                for name, (stamp, briefing) in chunk.items():
                    known = names.get(name)
                    if known is not None and known in remaining and remaining[known] == stamp:
                        del remaining[known]
                        take(LoadResult(known, briefing, ()))
                if worker.is_cancelled:
                    return
        fresh = 0
        for path in sorted(remaining, key=lambda path: path.name, reverse=True):  # newest first
            if worker.is_cancelled:
                return
            problems = cache.known_problems(path, remaining[path])
            if problems:  # known to be broken, and unchanged: not parsed again
                take(LoadResult(path, None, problems))
                continue
            result = load_file(path)
            fresh += 1
            cache.remember(result, remaining[path])
            take(result)
        self.post_message(_Batch(batch, done, len(files), stamps))
        if fresh:
            cache.save(kept)

    @on(_Batch)
    def _take_batch(self, batch: _Batch) -> None:
        """Take a batch from the loading worker (posted, so the worker never waits)."""
        for result, topics, text in batch.loaded:
            self.library.update(result)
            self.topic_index.add(topics)
            self.search_index.add(text)
        self.reader.post_message(LibraryGrew(batch.done, batch.total))
        if batch.stamps is not None:
            self._finish_loading(batch.stamps)

    def _finish_loading(self, stamps: dict[Path, Stamp | None]) -> None:
        self.loaded = True
        self.reader.post_message(LibraryLoaded())  # it bubbles up to the app too
        if self.watch_changes:
            self.watch_files(stamps)

    # --- live reload --------------------------------------------------------------------

    def _stamps(self) -> dict[Path, Stamp | None]:
        """Every briefing file with its size and mtime (None: a named file that can't be read)."""
        if self.root.is_dir():
            return dict(scan(self.root))
        return {self.root: stamp_of(self.root)}

    @work(thread=True, exclusive=True, group="watch")
    def watch_files(self, known: dict[Path, Stamp | None]) -> None:
        """Poll the library's files and reload any that changed (stat only: cheap, portable)."""
        worker = get_current_worker()
        pause = self.poll_seconds
        while not worker.is_cancelled:
            time.sleep(pause)
            started = time.monotonic()
            current = self._stamps()
            # a huge library on a slow disk: never spend more than a fifth of the time polling
            pause = max(self.poll_seconds, 4 * (time.monotonic() - started))
            for path, stamp in current.items():
                if known.get(path) != stamp:
                    current[path] = self._settled(path, stamp)
                    self.call_from_thread(self._apply_change, path, _prepare(load_file(path)))
            for path in known.keys() - current.keys():
                self.call_from_thread(self._apply_change, path, None)
            known = current

    @staticmethod
    def _settled(path: Path, stamp: Stamp | None) -> Stamp | None:
        """Wait (briefly) until a file stops changing: editors may write it in several steps."""
        for _ in range(10):
            time.sleep(0.05)
            now = stamp_of(path)
            if now is None or now == stamp:
                return stamp
            stamp = now
        return stamp

    def _apply_change(self, path: Path, loaded: Loaded | None) -> None:
        if loaded is None:
            self.library.remove(path)
            self.topic_index.remove(path)
            self.search_index.remove(path)
            result = None
        else:
            result, topics, text = loaded
            self.library.update(result)
            readable = self.library.readable(path)
            if result.briefing is None and readable is not None:  # keep the last good one
                kept = LoadResult(path, readable, ())
                topics, text = BriefingTopics.of(kept), BriefingText.of(kept)
            self.topic_index.add(topics)
            self.search_index.add(text)
        self.reader.post_message(LibraryChanged(path, result))


def _prepare(result: LoadResult) -> Loaded:
    return result, BriefingTopics.of(result), BriefingText.of(result)

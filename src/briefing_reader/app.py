"""The reader app: owns the catalogue, loads and watches the files, app-wide keys."""

# ruff: noqa: E402  (the collector is paused before the imports, see below)

from __future__ import annotations

import gc

_COLLECTING = gc.isenabled()
gc.disable()  # the imports make many objects and no garbage: collecting meanwhile is lost time

import asyncio
import contextlib
import contextvars
import os
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.terminal_theme import TerminalTheme
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import BUILTIN_THEMES, Theme

from .cache import Kept, LoadCache, Stamp, stamp_of
from .catalogue import Catalogue, Change, Prepared, make_all
from .i18n import LANGUAGES, N_, _, interface_language, pgettext, set_language
from .library import scan
from .loader import LoadResult, load_file
from .parallel_load import Helpers, helper_count
from .screens.reader import ReaderScreen
from .widgets.marking import MarkingBanner

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
    variables={"block-cursor-blurred-background": "#262600"},
)
"""Black, white and yellow, for glare, projectors and tired eyes."""

THEMES: tuple[Theme, ...] = (
    replace(BUILTIN_THEMES["textual-dark"], variables={"block-cursor-background": "#015a9e"}),
    replace(
        BUILTIN_THEMES["textual-light"],
        foreground="#000000",
        variables={**BUILTIN_THEMES["textual-light"].variables, "footer-key-foreground": "#004578"},
    ),
    HIGH_CONTRAST,
)
"""The themes the reader offers, all with text at WCAG contrast (tests/test_contrast.py):
Textual's dark and light, a few colours darker, and the high-contrast one. Textual's other
themes put some text below 4.5:1, and its ANSI ones leave colours to the terminal."""

LIGHT_ANSI = TerminalTheme(
    (247, 247, 247),
    (0, 0, 0),
    [
        (0, 0, 0),
        (0x99, 0x31, 0x2C),
        (0x2E, 0x5F, 0x1B),
        (0x70, 0x4F, 0x00),
        (0x2B, 0x50, 0xA7),
        (0x74, 0x3B, 0x95),
        (0x00, 0x5C, 0x7D),
        (247, 247, 247),
    ],
)
"""Named colours ("cyan", "red") on light themes: Textual's own, darkened to 4.5:1 or more
even on the light theme's darkest panel (#d0d0d0), where Textual's cyan was 2.8:1."""


@dataclass
class _Changed(Message):
    """A file changed on disk (its new load result), or was deleted (None)."""

    path: Path
    prepared: Prepared | None


@dataclass
class _NoCache(Message):
    """The loading worker found no usable cache folder: say so once."""

    reason: str


@dataclass
class _Batch(Message):
    """Load results from the loading worker, for the catalogue."""

    prepared: list[Prepared]
    done: int
    total: int
    stamps: dict[Path, Stamp | None] | None = None
    """Given with the last batch: every file's stamp, for the watcher to start from."""


TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""The titles and help of Textual's own palette commands, written here so that the
catalogue holds them (`get_system_commands` translates them as they are offered)."""

QUIT_KEYS = frozenset({"ctrl+c", "ctrl+q"})
"""Keys that never wait their turn. (`q` waits: typed just after `/`, it is text.)"""

KEY_PATIENCE = 1.0
"""The longest a typed key waits for the reader to settle after the key before it."""
KEY_HANDLING = 10.0
"""Seconds a key's own handling is waited for before the next key goes (a bound: a hung
handler never holds the keyboard for good)."""
SETTLE_AFTER = 0.03
"""Seconds after the last key typed before checking that the reader has settled."""


class BriefingApp(App[None]):
    """Read a folder (or a file) of briefings.

    The app owns the catalogue: it alone applies load results to it, then publishes
    `catalogue_changed`, to which every screen showing the catalogue subscribes.
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit")),
        # Textual's default answers Ctrl+C with "press ctrl+q to quit". A selection still
        # copies (the input's and the screen's own Ctrl+C run first and skip when there is
        # nothing selected); otherwise Ctrl+C quits, as every terminal user expects.
        Binding("ctrl+c", "quit", N_("Quit"), show=False, system=True),
        Binding("question_mark", "help", N_("Help")),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False),
    ]

    def __init__(
        self,
        root: Path,
        *,
        watch: bool = True,
        poll_seconds: float = 0.5,
        present: bool = False,
    ) -> None:
        """`present`: open straight into presentation mode on the first briefing (`briefing
        present FILE`); leaving the slides then ends the app."""
        super().__init__()
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # Textual slides a tab's underline over 15 frames and scrolls smoothly: each a
            # repaint, sent down the line over SSH, and work that slows the next key. The
            # reader moves at once unless the user asks Textual for its animations.
            self.animation_level = "none"
        # Our themes before the stylesheet is first parsed (when the app starts), so that it
        # is parsed once, with their colours: registered at mount, it had to be parsed again.
        for name in list(self.available_themes):
            self.unregister_theme(name)
        for theme in THEMES:
            self.register_theme(theme)
        self.stylesheet.set_variables(self.get_css_variables())
        self.catalogue = Catalogue(root)
        self.catalogue_changed: Signal[Change] = Signal(self, "catalogue-changed")
        self.watch_changes = watch
        self.poll_seconds = poll_seconds
        self.present_only = present
        self.crash_report: Path | None = None
        """Where the traceback of a crash was written, if the reader crashed."""
        self._typed_keys: deque[events.Key] = deque()
        self._released_key: events.Key | None = None
        self._pacer: asyncio.Task[None] | None = None
        self._settler: asyncio.Task[None] | None = None
        self._load_complete = threading.Event()
        self._cache_written = threading.Event()
        """Every file read, and what was read saved (see `finish_saving`)."""
        self._all_made = threading.Event()
        """Every briefing read from the cache made whole (see `_load_all`)."""
        self._keys_posted = 0
        self._keys_settled = 0
        """How many keys were handed on, and how many of them are known to have settled."""

    @property
    def root(self) -> Path:
        return self.catalogue.root

    @property
    def loaded(self) -> bool:
        """Whether every file has been loaded; until then the library fills as it goes."""
        return self.catalogue.loaded

    @property
    def all_made(self) -> bool:
        """Whether every briefing is whole: after a warm start, the items of the briefings
        read from the cache are made in the background once the list is complete."""
        return self._all_made.is_set()

    def on_mount(self) -> None:
        if _COLLECTING:
            gc.disable()  # laying out the first screen makes many objects and little garbage
        self.ansi_theme_light = LIGHT_ANSI
        self.load_library()

    def _on_ready(self) -> None:
        """The first screen is painted: the collector runs again."""
        if _COLLECTING:
            gc.enable()

    def _on_unmount(self) -> None:
        if _COLLECTING:
            gc.enable()  # closed before it painted: never leave the collector off

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.catalogue, self.catalogue_changed)

    # --- keys, one at a time ---------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys take effect in the order they were typed, however fast they arrive.

        Textual forwards each key to the focused widget and runs its binding when the key
        comes back up to the app; keys that arrive together (one write to the terminal:
        a fast typist, `tmux send-keys`, a held key) are all forwarded before the first
        one's binding has moved the focus or opened a screen. `f` then `oslo` left the
        filter box empty, `/jatec` the search box, `/q` quit, and `3` typed just after
        Enter on a briefing was undone by the briefing opening. So a key typed while the
        reader is still busy with the one before waits for it (see `_pace_keys`). The
        keys that quit never wait.
        """
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and event is not self._released_key
            and event.key not in QUIT_KEYS
        ):
            self._typed_keys.append(event)
            if self._pacer is None or self._pacer.done():
                self._pacer = asyncio.create_task(self._pace_keys())
            return
        await super().on_event(event)

    async def _pace_keys(self) -> None:
        """Hand the waiting keys to Textual one by one, each once the reader has settled
        after the one before (or after `KEY_PATIENCE` seconds, if it never does).

        The wait comes before the next key, not after each one: a key typed on its own is
        handled and painted with nothing else running, and the reader is checked as settled
        a moment later (`_settle`), off the keypress's path.
        """
        while self._typed_keys and self.is_running:
            if self._keys_settled != self._keys_posted:
                await self._quiet(KEY_PATIENCE)
                self._keys_settled = self._keys_posted
            typed = self._typed_keys.popleft()
            key = events.Key(typed.key, typed.character)
            self._released_key = key
            if not self.post_message(key):
                return
            self._keys_posted += 1
        self._settle(self._keys_posted)

    def _settle(self, posted: int) -> None:
        """Note, a moment later and in a task of its own, that the keys handed on so far
        have settled, unless more came meanwhile: a key on its own is handled and painted
        first, with no check competing for the loop. (A callback after the next refresh
        was tried: a key that closes its screen takes that screen's callbacks with it.)"""

        async def settle() -> None:
            await asyncio.sleep(SETTLE_AFTER)
            await self._quiet(KEY_PATIENCE)
            if self._keys_posted == posted:
                self._keys_settled = posted

        self._settler = asyncio.create_task(settle())

    async def _quiet(self, patience: float) -> None:
        """Wait until the app and the widgets of the screen on top have handled all they
        had queued, including what handling it queued in turn, for at most `patience` s."""
        deadline = time.monotonic() + patience
        first = True
        while first or time.monotonic() < deadline:
            try:
                screen, focused = self.screen, self.focused
                nodes = list(screen.walk_children(with_self=True))
            except Exception:  # no screen: the app is closing
                return
            busy = [node for node in nodes if node.message_queue_size]
            if not busy and not self.message_queue_size and not first:
                return
            # a barrier: each runs a callback once it has handled what it has queued now.
            # The app, and the focused widget and those above it, may be in the middle of
            # handling a key with nothing queued: they are waited for too.
            path = list(focused.ancestors_with_self) if focused is not None else [screen, self]
            waits = []
            for node in {*busy, *path, self}:
                handled = asyncio.Event()
                if node.call_later(handled.set):
                    waits.append(asyncio.ensure_future(handled.wait()))
            if not waits:  # every one closed: the app is closing
                return
            # The first round waits for the key just handed on, however long its handling
            # takes on a loaded machine (a pane made, a screen opened), up to KEY_HANDLING:
            # with only `patience`, the next key once went out early and was lost or undone.
            timeout = KEY_HANDLING if first else max(0.0, deadline - time.monotonic())
            _, late = await asyncio.wait(waits, timeout=timeout)
            for wait in late:
                wait.cancel()
            if first:
                first = False
                deadline = time.monotonic() + patience

    @property
    def keys_pending(self) -> bool:
        """Whether keys typed are still waiting their turn (tests wait for them)."""
        return (
            bool(self._typed_keys)
            or (self._pacer is not None and not self._pacer.done())
            or self._keys_settled != self._keys_posted
        )

    async def action_help(self) -> None:
        from .screens.compare import CompareScreen
        from .screens.help import HelpScreen
        from .screens.present import PresentScreen
        from .screens.search import SearchScreen
        from .screens.timeline import TimelineScreen
        from .screens.topics import TopicScreen

        if not isinstance(self.screen, HelpScreen):
            groups = [
                (pgettext("help group", "Anywhere"), self.BINDINGS),
                (pgettext("help group", "Reader"), ReaderScreen.BINDINGS),
                (pgettext("help group", "Topics"), TopicScreen.BINDINGS),
                (pgettext("help group", "Search"), SearchScreen.BINDINGS),
                (pgettext("help group", "Timeline"), TimelineScreen.BINDINGS),
                (pgettext("help group", "Presentation"), PresentScreen.BINDINGS),
                (pgettext("help group", "Compare"), CompareScreen.BINDINGS),
            ]
            marking, known = self._marking_shown()
            await self.push_screen(HelpScreen(groups, marking, known=known))

    def _marking_shown(self) -> tuple[str | None, bool]:
        """The marking the screen on top shows, for a modal screen drawn over it."""
        banners = self.screen.query(MarkingBanner)
        if not banners:
            return None, False
        return banners.first().marking, banners.first().known

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .screens.base import ClosingCommandPalette

        open_already = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        closing = getattr(self.screen, "_dismissing", False)  # popped next: never over it
        if self.use_command_palette and not open_already and not closing:
            marking, known = self._marking_shown()
            self.push_screen(ClosingCommandPalette(marking, known=known))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands in the interface's language (but its key panel: `?` is
        ours, and keeps the banners in view), the other languages, and every key of the
        screen as a command."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command._replace(title=_(command.title), help=_(command.help))
        if not self.present_only:
            for code, name in LANGUAGES.items():
                if code != interface_language():
                    title = _("Language: {name}").format(name=name)
                    help_text = _("Show the interface in {name}, from here on").format(name=name)
                    yield SystemCommand(title, help_text, partial(self.switch_language, code))
        seen: set[str] = set()
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action == "command_palette":
                continue
            if binding.description in seen or "(" in binding.action:
                continue
            seen.add(binding.description)
            key = self.get_key_display(Binding(binding.key.split(",")[0], binding.action))
            run = partial(screen.run_action, binding.action)
            yield SystemCommand(_(binding.description), _("key {key}").format(key=key), run)

    async def switch_language(self, code: str) -> None:
        """Show the interface in `code` from now on: screens opened over the reader close
        (they are made again in the new language when reopened), and the reader is drawn
        again where it was."""
        if code == interface_language():
            return
        set_language(code)
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        if isinstance(self.screen, ReaderScreen):
            await self.screen.relabel()
        self.refresh_bindings()

    def _handle_exception(self, error: Exception) -> None:
        """A crash: keep the whole traceback in a private file, and exit non-zero."""
        self.crash_report = write_crash_report(error)
        super()._handle_exception(error)

    # --- loading, in the background -----------------------------------------------------

    @work(exclusive=True, group="load")
    async def load_library(self) -> None:
        """Load the library off the screen's thread (see `_load_all`)."""
        await off_thread(self._load_all, "briefing-load")

    def _load_all(self, stop: threading.Event) -> None:
        """Load every file, cached ones first, handing the screen a batch at a time.

        The screen paints at once and its list fills as batches arrive; parsing and
        indexing happen here, off the screen's thread.
        """
        stamps = self._stamps()
        files = sorted(stamps)
        cache = LoadCache()
        if cache.unusable:
            self._post(stop, _NoCache(cache.unusable))
        batch: list[Prepared] = []
        done = 0
        sent = time.monotonic()

        kept: list[tuple[Path, Kept]] = []

        def take(prepared: Prepared) -> None:
            nonlocal done, sent
            result = prepared.result
            stamp = stamps.get(result.path)
            if result.briefing is not None and stamp is not None:
                text, counts = prepared.text.text, prepared.topics.counts
                kept.append((result.path, Kept(stamp, result.briefing, text, counts)))
            batch.append(prepared)
            done += 1
            # the first file at once (something to read while the rest load), then batches
            if done == 1 or time.monotonic() - sent > (0.05 if done < 50 else 0.2):
                self._post(stop, _Batch(batch.copy(), done, len(files)))
                batch.clear()
                sent = time.monotonic()

        remaining = dict(stamps)
        by_folder: dict[Path, dict[str, Path]] = {}
        for path in files:
            by_folder.setdefault(path.parent, {})[path.name] = path
        for folder, names in by_folder.items():
            for chunk in cache.briefings(folder):
                for name, entry in chunk.items():
                    known = names.get(name)
                    if known is not None and known in remaining and remaining[known] == entry.stamp:
                        del remaining[known]
                        result = LoadResult(known, entry.briefing, ())
                        take(Prepared.kept(result, entry.text, entry.counts))
                if stop.is_set():
                    return
        unread: list[Path] = []
        for path in sorted(remaining, key=lambda path: path.name, reverse=True):  # newest first
            problems = cache.known_problems(path, remaining[path])
            if problems:  # known to be broken, and unchanged: not parsed again
                take(Prepared.of(LoadResult(path, None, problems)))
            else:
                unread.append(path)

        def read(prepared: Prepared) -> None:
            cache.remember(prepared.result, remaining[prepared.result.path])
            take(prepared)

        fresh = len(unread)
        helpers = helper_count(len(unread))
        if helpers:  # a large library read cold: the newest here while helpers start
            with Helpers(unread[1:], helpers) as reading:
                read(Prepared.of(load_file(unread[0])))
                for prepared in reading.answers(stop):
                    read(prepared)
                unread = reading.unanswered()  # a helper that failed: its files read here
        for path in unread:
            if stop.is_set():
                return
            read(Prepared.of(load_file(path)))
        if stop.is_set():
            return
        self._load_complete.set()
        try:
            self._post(stop, _Batch(batch, done, len(files), stamps))
            if fresh:  # even if the reader is closing: `finish_saving` waits for it
                cache.save(kept)
        finally:
            self._cache_written.set()
        # Listed, searchable and indexed: now make the items of the briefings read from the
        # cache (see cache.Kept), newest first, so that a screen spanning the library (the
        # timeline, a topic's items) finds them made.
        make_all((entry.briefing for _path, entry in kept), stop)
        if stop.is_set():
            return
        gc.freeze()  # as the list was when complete (see `_take_batch`): the items made since
        self._all_made.set()

    def finish_saving(self, timeout: float = 60.0) -> None:
        """After the reader has closed, wait for a cache save still under way: cut short,
        the next start would parse every file again (at 10,000 briefings saving takes some
        seconds, and a reader closed soon after loading lost it every time). Bounded, so a
        hung file system never holds the exit."""
        if not self._load_complete.is_set() or self._cache_written.wait(0.3):
            return  # nothing to save yet (a read may hang: never wait for one), or saved
        print(_("briefing: keeping what was read for the next start…"), file=sys.stderr)
        self._cache_written.wait(timeout)

    def _post(self, stop: threading.Event, message: Message) -> None:
        """Hand a message to the app from a loading or watching thread, unless it has been
        told to stop (the app may be gone: its loop closed)."""
        if not stop.is_set():
            try:
                self.post_message(message)
            except RuntimeError:  # the app's loop closed as we posted
                stop.set()

    @on(_NoCache)
    def _no_cache(self, event: _NoCache) -> None:
        message = _("Working without a cache ({reason}): every file is read afresh.").format(
            reason=event.reason
        )
        self.notify(message, severity="warning", timeout=8, markup=False)

    @on(_Batch)
    def _take_batch(self, batch: _Batch) -> None:
        """Take a batch from the loading worker (posted, so the worker never waits)."""
        self.catalogue.progress(batch.done, batch.total)
        self.catalogue_changed.publish(self.catalogue.apply(batch.prepared))
        if batch.stamps is not None:
            self.catalogue_changed.publish(self.catalogue.finish())
            # the library lives as long as the reader: full collections need not walk it
            # again (pauses of a second or two were seen at 10,000 briefings)
            gc.freeze()
            if self.watch_changes:
                self.watch_files(batch.stamps)
            if self.present_only:
                self.call_after_refresh(self._present_first)

    async def _present_first(self) -> None:
        """`briefing present FILE`: the slides, and leaving them leaves the app."""
        from .screens.present import PresentScreen

        briefing = next((r.briefing for r in self.catalogue.ordered() if r.briefing), None)
        if briefing is None:
            self.exit(return_code=1, message=_("briefing present: the file does not load"))
            return
        await self.push_screen(PresentScreen(briefing), lambda _: self.exit())

    # --- live reload --------------------------------------------------------------------

    def _stamps(self) -> dict[Path, Stamp | None]:
        """Every briefing file with its stamp (None: a named file that can't be read)."""
        root = self.root
        if root.is_dir():
            return dict(scan(root))
        return {root: stamp_of(root)}

    @work(exclusive=True, group="watch")
    async def watch_files(self, known: dict[Path, Stamp | None]) -> None:
        """Watch the library off the screen's thread (see `_watch`)."""
        await off_thread(partial(self._watch, known), "briefing-watch")

    def _watch(self, known: dict[Path, Stamp | None], stop: threading.Event) -> None:
        """Poll the library's files and reload any that changed (stat only: cheap, portable)."""
        pause = self.poll_seconds
        while not stop.wait(pause):
            started = time.monotonic()
            current = self._stamps()
            # a huge library on a slow disk: never spend more than a fifth of the time polling
            pause = max(self.poll_seconds, 4 * (time.monotonic() - started))
            for path, stamp in current.items():
                if stop.is_set():
                    return
                if known.get(path) != stamp:
                    current[path] = self._settled(path, stamp, stop)
                    self._post(stop, _Changed(path, Prepared.of(load_file(path))))
            for path in known.keys() - current.keys():
                self._post(stop, _Changed(path, None))
            known = current

    @staticmethod
    def _settled(path: Path, stamp: Stamp | None, stop: threading.Event) -> Stamp | None:
        """Wait (briefly) until a file stops changing: editors may write it in several steps."""
        for _attempt in range(10):
            if stop.wait(0.05):
                return stamp
            now = stamp_of(path)
            if now is None or now == stamp:
                return stamp
            stamp = now
        return stamp

    @on(_Changed)
    def _apply_change(self, change: _Changed) -> None:
        if change.prepared is None:
            self.catalogue_changed.publish(self.catalogue.remove(change.path))
        else:
            self.catalogue_changed.publish(self.catalogue.apply([change.prepared]))


async def off_thread(job: Callable[[threading.Event], None], name: str) -> None:
    """Run `job` in a daemon thread and wait here until it ends; `job` is given an event
    that is set when it should stop.

    Cancelled (the reader quits, or a newer job replaces this one), this returns at once and
    sets the event: the thread stops at its next check, and nobody waits for it, even if it
    is stuck in a read of a slow or hung file system. (Textual's thread workers run in the
    loop's executor, which the interpreter joins at exit: a hung read would hang `q`.)
    """
    loop = asyncio.get_running_loop()
    finished: asyncio.Future[None] = loop.create_future()
    stop = threading.Event()

    def settle(error: BaseException | None) -> None:
        if finished.done():
            return
        if error is None:
            finished.set_result(None)
        else:
            finished.set_exception(error)

    def run() -> None:
        error: BaseException | None = None
        try:
            job(stop)
        except BaseException as raised:  # handed to the waiting worker: a crash report
            error = raised
        with contextlib.suppress(RuntimeError):  # the app is gone: nobody is waiting
            loop.call_soon_threadsafe(settle, error)

    context = contextvars.copy_context()  # the active app, for post_message in the thread
    threading.Thread(target=context.run, args=(run,), name=name, daemon=True).start()
    try:
        await finished
    finally:
        stop.set()


def write_crash_report(error: BaseException) -> Path | None:
    """The traceback of `error` in a new file only the user can read; None if none could be
    written. Tracebacks can quote a briefing's text, so it is never world-readable."""
    try:
        handle, name = tempfile.mkstemp(prefix="briefing-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as report:
            report.write("".join(traceback.format_exception(error)))
            cause = getattr(error, "error", None)  # a worker's failure wraps what it raised
            if isinstance(cause, BaseException) and cause is not error.__cause__:
                report.write("\nRaised in the worker:\n")  # not shown: for whoever debugs it
                report.write("".join(traceback.format_exception(cause)))
        return Path(name)
    except OSError:
        return None


# What the imports made lives as long as the process: out of the collector's sight.
gc.freeze()
if _COLLECTING:
    gc.enable()

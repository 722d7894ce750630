"""Export the open briefing to a file the user names: Markdown, HTML or plain text.

A briefing is sensitive, so the file is the user's choice, never a surprise: the path
offered is outside the library (the current folder, or the home folder if the current
folder is inside the library), an existing file is replaced only after a second Enter
on the same path, and a new file is created readable by its owner only. The disk is
touched in a daemon thread: a hung share freezes neither the screen nor quitting.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..i18n import N_, _, labelled_in, labels_for
from ..model import Briefing
from ..text import headline, printable
from ..widgets.marking import MarkingBanner
from .base import ClosingModal

EXPORT_KINDS: dict[str, str] = {N_("Markdown"): ".md", N_("HTML"): ".html", N_("text"): ".txt"}
"""What the reader exports, and the file extension each is offered with (by its name in
English: `_(kind)` where it is shown)."""


def export_text(briefing: Briefing, kind: str) -> str:
    """The export, labelled as `briefing summary` would label it: in the briefing's own
    language unless `--lang` named one."""
    from .. import export

    with labelled_in(labels_for([briefing.language])):
        if kind == "Markdown":
            return export.to_markdown(briefing)
        if kind == "HTML":
            return export.to_html(briefing)
        return export.to_text(briefing, width=80)


def offered_path(source: Path, library: Path, kind: str, here: str | None = None) -> Path:
    """Where to offer to write: the current folder, unless it is inside the library (then
    the home folder). Judged on the names alone: no disk access on the screen's thread."""
    here = os.path.abspath(here or os.curdir)
    is_file = library.suffix.lower() in (".yaml", ".yml")  # the reader opened on one file
    root = os.path.abspath(library.parent if is_file else library)
    inside = os.path.commonpath([here, root]) == root
    folder = here
    if inside:
        home = os.path.expanduser("~")
        folder = home if home != "~" and os.path.isabs(home) else tempfile.gettempdir()
    return Path(folder) / (source.stem + EXPORT_KINDS[kind])


def write_new_or_replace(path: Path, content: str, *, replace: bool) -> None:
    """Write `content` to `path`, created 0600. Without `replace`, fail if it exists (even
    if it appeared a moment ago); with it, swap the new file in whole (never half written)."""
    data = content.encode("utf-8")
    if not replace:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


Outcome = tuple[str, str]
"""("written" | "exists" | "error", what to say)."""


def _save(path: Path, content: str, *, replace: bool) -> Outcome:
    try:
        if path.is_dir():
            return "error", _("That is a folder: add a file name.")
        if not path.parent.is_dir():
            folder = printable(str(path.parent))
            return "error", _("There is no folder {folder}.").format(folder=folder)
        if path.exists() and not replace:
            return "exists", _exists(path)
        write_new_or_replace(path, content, replace=replace)
    except FileExistsError:
        return "exists", _exists(path)
    except OSError as error:
        reason = printable(error.strerror or str(error))
        return "error", _("Could not write it: {reason}.").format(reason=reason)
    return "written", printable(str(path))


def _exists(path: Path) -> str:
    return _("{name} already exists: Enter again to replace it.").format(name=printable(path.name))


class SaveAsScreen(ClosingModal[None]):
    """Name a file; Enter writes it (asking before replacing one), Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, briefing: Briefing, source: Path, library: Path, kind: str) -> None:
        super().__init__(id="save-as")
        self.briefing, self.source, self.library, self.kind = briefing, source, library, kind
        self._replace_confirmed: Path | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        yield MarkingBanner(id="save-as-marking-top")
        with Vertical(id="save-as-dialog"):
            title = Text(_("Export as {kind}:").format(kind=_(self.kind)) + " ", style="bold")
            title.append(headline(self.briefing.title))
            yield Static(title, id="save-as-title")
            offered = offered_path(self.source, self.library, self.kind)
            yield Input(value=str(offered), id="save-as-path", select_on_focus=False)
            yield Static("", id="save-as-message")
            keys = Text(_("Enter: write   Esc: cancel"), style="dim")
            yield Static(keys, id="save-as-keys")
        yield MarkingBanner(id="save-as-marking-bottom")

    def on_mount(self) -> None:
        for banner in self.query(MarkingBanner):
            banner.show_marking(self.briefing.classification)
        self.set_focus(self.query_one("#save-as-path", Input))

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#save-as-message", Static).update(
            Text(message, style="bold red" if error else "bold")
        )

    @on(Input.Changed, "#save-as-path")
    def _path_changed(self) -> None:
        self._replace_confirmed = None  # a new name: ask again before replacing anything
        self._say("")

    @on(Input.Submitted, "#save-as-path")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed or self._busy:
            return
        path = Path(os.path.abspath(os.path.expanduser(typed)))
        replace = path == self._replace_confirmed
        content = export_text(self.briefing, self.kind)
        self._busy = True
        self._say(_("Writing…"))
        _in_background(
            lambda: _save(path, content, replace=replace),
            lambda outcome: self._saved(path, outcome),
            self.app.call_from_thread,
        )

    def _saved(self, path: Path, outcome: Outcome) -> None:
        self._busy = False
        status, message = outcome
        if status == "written":
            exported = _("Exported as {kind} to {path}.").format(kind=_(self.kind), path=message)
            self.notify(exported, timeout=4, markup=False)
            self.dismiss(None)
        elif status == "exists":
            self._replace_confirmed = path
            self._say(message)
        else:
            self._say(message, error=True)


def _in_background(
    work: Callable[[], Outcome],
    then: Callable[[Outcome], object],
    call_from_thread: Callable[..., object],
) -> None:
    """Run `work` in a daemon thread (a hung share never holds up quitting) and hand its
    outcome to `then` on the screen's thread."""

    def run() -> None:
        outcome = work()
        with contextlib.suppress(RuntimeError):  # the reader has quit meanwhile
            call_from_thread(then, outcome)

    threading.Thread(target=run, name="briefing-export", daemon=True).start()

"""Why the open file does not load: every problem, located, in a panel that stays small."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import var
from textual.widgets import Static

from ..i18n import _, ngettext, number
from ..loader import LoadResult, Problem
from ..text import printable
from .lists import DetailScroll


def relative(problem: Problem, root: Path) -> Problem:
    """A problem with its path relative to the library folder, which the user knows (a
    file opened on its own keeps its name). Pure: nothing on the screen's thread touches
    the disk, which may hang."""
    path = Path(problem.path)
    if path != root and path.is_relative_to(root):
        return replace(problem, path=str(path.relative_to(root)))
    return problem


class ProblemsPanel(DetailScroll):
    """A few lines tall, scrolling, with the count on top; `expanded` makes it taller.

    A file with many problems must never push the briefing off the screen, and the count
    says how many there are even when only the first few fit.
    """

    expanded = var(False)

    def compose(self) -> ComposeResult:
        yield Static(id="problems-body")

    def show_problems(self, heading: str, lines: Sequence[str], advice: str) -> None:
        count = len(lines)
        title = Text(heading, style="bold")
        counted = ngettext("{count} problem", "{count} problems", count)
        title.append(f"  {counted.format(count=number(count))}", style="bold")
        if count > 3:
            title.append(f"  {_('(p: show all · j/k: scroll)')}", style="dim")
        body = [title, *(Text(line) for line in lines), Text(advice, style="dim")]
        self.query_one(Static).update(Group(*body))
        self.display = True
        self.scroll_home(animate=False)

    def show_result(self, result: LoadResult, root: Path, *, has_fallback: bool) -> None:
        """Why `result`'s file does not load, each problem located relative to `root`."""
        heading = _("This file no longer loads; showing the last version that did.")
        if not has_fallback:
            heading = _("This file does not load:")
        lines = [printable(str(relative(problem, root))) for problem in result.problems]
        advice = _("Fix it in your editor (e) and save: it reloads by itself.")
        self.show_problems(heading, lines, advice)

    def show_empty_library(self, root: str) -> None:
        """A folder with no briefings: what it is and what to do next."""
        heading = _("The folder {folder} holds no briefings (.yaml or .yml files).")
        message = Text(heading.format(folder=root) + "\n")
        message.stylize("bold")
        message.append(
            _(
                "`{command}` writes one to start from, dated today: fill in its title and it "
                "appears here at once. `briefing schema` prints the format for your editor; "
                "docs/format.md explains each field with an example."
            ).format(command=shlex.join(["briefing", "new", root]))
        )
        self.show_message(message)

    def show_message(self, message: Text) -> None:
        """A single notice in the same place (a deleted file, an empty library)."""
        self.query_one(Static).update(message)
        self.expanded = False
        self.display = True

    def hide(self) -> None:
        self.display = False
        self.expanded = False

    def watch_expanded(self, expanded: bool) -> None:
        self.set_class(expanded, "-expanded")

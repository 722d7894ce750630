"""Why the open file does not load: every problem, located, in a panel that stays small."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import var
from textual.widgets import Static

from .lists import DetailScroll


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
        title.append(f"  {count} problem{'s' if count != 1 else ''}", style="bold")
        if count > 3:
            title.append("  (p: show all · j/k: scroll)", style="dim")
        body = [title, *(Text(line) for line in lines), Text(advice, style="dim")]
        self.query_one(Static).update(Group(*body))
        self.display = True
        self.scroll_home(animate=False)

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

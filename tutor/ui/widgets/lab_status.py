"""The lab's status line: epoch, learning rate, loss, phase, and a divergence warning."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tutor.ui.widgets.in_place import update_in_place


class LabStatus(Static):
    """One or two lines; repaints only when the text changes."""

    DEFAULT_CSS = """
    LabStatus {
        height: auto;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    LabStatus.-diverged { background: $error; color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plain = ""

    def show(self, line: str, warning: str = "") -> None:
        plain = line + ("\n" + warning if warning else "")
        if plain == self.plain:
            return
        self.plain = plain
        self.set_class(bool(warning), "-diverged")
        # The first line never wraps (a height change would move, hence repaint, everything).
        first = Text(line, no_wrap=True, overflow="ellipsis")
        update_in_place(self, Group(first, Text(warning, style="bold reverse")) if warning else first)

"""The lab's status line: epoch, lr, loss, phase or state and the last feedback on one line
that never wraps; a warning (diverged, a loss that grew, TensorFlow missing) on a second.

Feedback from the keys goes here, not in toasts over the charts.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tutor.lab.status import Status
from tutor.ui.widgets.in_place import update_in_place


class LabStatus(Static):
    """One or two lines; repaints only when the text (or the width it is fitted to) changes.
    `plain` is the whole text, whatever the width."""

    DEFAULT_CSS = """
    LabStatus {
        height: auto;
        padding: 0 1;
        background: $boost;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    LabStatus.-diverged { background: $error; color: $text; }
    LabStatus.-rising { background: $warning; color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plain = ""
        self._status: Status | None = None
        self._drawn: tuple | None = None

    def on_resize(self) -> None:
        if self._status is not None:
            self.show(self._status)

    def show(self, status: Status) -> None:
        self._status = status
        self.plain = status.text + ("\n" + status.warning if status.warning else "")
        width = self.content_size.width or self.app.size.width - 2
        line = status.fit(width)
        if (line, status.warning, status.kind) == self._drawn:
            return
        self._drawn = (line, status.warning, status.kind)
        self.set_class(status.kind in ("diverged", "failed"), "-diverged")
        self.set_class(status.kind == "rising", "-rising")
        # No line wraps: a height change would move, hence repaint, everything below.
        first = Text(line, no_wrap=True, overflow="ellipsis")
        if status.warning:
            update_in_place(self, Group(first, Text(status.warning, style="bold reverse", no_wrap=True,
                                                    overflow="ellipsis")))
        else:
            update_in_place(self, first)

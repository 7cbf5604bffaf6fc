"""One of the four panels named as in the notebook: "1 Forward", "2 Loss", "3 Gradientes",
"4 Update". It shows a phase of the current epoch, or a dim placeholder until revealed.

The panel is a titled top rule over three blocks of text: the formula (`.phase-extra`, shown
by the lab only in tall windows), the column titles (head) and the numbers with their foot
line (body). Each block repaints only when its own text changed (the head hardly ever), and
the rule never does: over SSH every repaint is resent whole.
"""

from __future__ import annotations

from typing import Callable, Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tutor.ui.widgets.in_place import update_in_place
from tutor.ui.widgets.phase_views import PhaseView


class PhasePanel(Vertical):
    """A panel titled with the phase; see the module docstring."""

    DEFAULT_CSS = """
    PhasePanel {
        height: auto;
        border-top: solid $primary;
        border-title-style: bold;
        padding: 0 1;
    }
    PhasePanel > Static { height: auto; }
    PhasePanel > .phase-head, PhasePanel > .phase-body { text-wrap: nowrap; text-overflow: ellipsis; }
    PhasePanel.-waiting { border-top: double $warning; }
    """

    def __init__(self, number: int, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        self.border_title = f"{number} {name}"
        self.plain = ""  # the text on screen (head, body, foot), for tests and the benchmark
        self.revealed = False
        self._key: Hashable = None
        self._parts: list[tuple | None] = [None, None, None]
        self._pending: PhaseView | None = None
        self._statics: list[Static] = []  # extra, head, body (+ foot): found once mounted

    def compose(self) -> ComposeResult:
        yield Static("", classes="phase-extra")
        yield Static("", classes="phase-head")
        yield Static("", classes="phase-body")

    def on_mount(self) -> None:
        self._statics = [self.query_one(f".phase-{name}", Static) for name in ("extra", "head", "body")]
        if self._pending is not None:
            self._show(self._pending)

    def reveal(self, key: Hashable, build: Callable[[], PhaseView]) -> None:
        """Show `build()`; `key` identifies the content so repeats cost nothing."""
        if key == self._key:
            return
        self._key = key
        self.revealed = True
        self.set_class(False, "-waiting")
        self._show(build())

    def conceal(self, message: str, skeleton: PhaseView, *, foot: Text | None = None, waiting: bool = False) -> None:
        """Hide the numbers behind a dim message (waiting: an exercise must be answered first).

        The skeleton (the same phase of a zero-valued record) keeps the formula, the column
        titles and the panel's size, so nothing around it moves; `foot` replaces its foot line
        (say, the weights the next epoch starts from).
        """
        key = ("concealed", message, waiting, foot.plain if foot is not None else None)
        if key == self._key:
            return
        self._key = key
        self.revealed = False
        self.set_class(waiting, "-waiting")  # a border change repaints the whole panel: rare
        rows = max(len(skeleton.body.plain.splitlines()), 1)
        body = Text(message + "\n" * (rows - 1), style="italic dim")
        head = skeleton.head.copy()
        head.stylize("dim")
        shown_foot = foot.copy() if foot is not None else Text(" " if skeleton.foot.plain else "")
        shown_foot.stylize("dim")
        self._show(PhaseView(head, body, shown_foot, skeleton.extra))

    def _show(self, view: PhaseView) -> None:
        self.plain = "\n".join(part.plain for part in view[:3] if part.plain)
        if not self._statics:
            self._pending = view
            return
        body = view.body
        if view.foot.plain:  # one widget for both: they change together
            body = Text("\n").join([view.body, view.foot])
        for index, (part, text) in enumerate(zip(self._statics, (view.extra, view.head, body))):
            look = (text.plain, str(text.style), tuple(text.spans))  # dim when concealed, not once shown
            if look == self._parts[index]:
                continue
            self._parts[index] = look
            update_in_place(part, text)

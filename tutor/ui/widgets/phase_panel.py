"""One of the four panels named as in the notebook: "1 Forward", "2 Loss", "3 Gradientes",
"4 Update". It shows a phase of the current epoch, or a dim placeholder until revealed.

The panel is a bordered container of two blocks of text: the head (formula and column
titles), and the body (the numbers) with its foot line below. Each block repaints only when
its own text changed (the head hardly ever), and the border never does: over SSH every
repaint is resent whole.
"""

from __future__ import annotations

from typing import Callable, Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tutor.ui.widgets.in_place import update_in_place
from tutor.ui.widgets.phase_views import PhaseView
from tutor.ui.widgets.text_panel import TextPanel


class PhasePanel(TextPanel):
    """A bordered panel titled with the phase; see the module docstring."""

    DEFAULT_CSS = """
    PhasePanel.-waiting { border: double $warning; }
    """

    def __init__(self, number: int, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        self.border_title = f"{number} {name}"
        self.plain = ""  # the text on screen, for tests and the benchmark
        self._key: Hashable = None
        self._parts: list[tuple | None] = [None, None]
        self._pending: PhaseView | None = None
        self._statics: list[Static] = []  # head, body (+ foot): found once mounted

    def compose(self) -> ComposeResult:
        yield Static("", classes="phase-head")
        yield Static("", classes="phase-body")

    def on_mount(self) -> None:
        self._statics = [self.query_one(f".phase-{name}", Static) for name in ("head", "body")]
        if self._pending is not None:
            self._show(self._pending)

    def reveal(self, key: Hashable, build: Callable[[], PhaseView]) -> None:
        """Show `build()`; `key` identifies the content so repeats cost nothing."""
        if key == self._key:
            return
        self._key = key
        self.set_class(False, "-waiting")
        self._show(build())

    def conceal(self, message: str, skeleton: PhaseView | None = None, *, waiting: bool = False) -> None:
        """Hide the numbers behind a dim message (waiting: an exercise must be answered first).

        With a skeleton (the same phase of a zero-valued record) the formula and column titles
        stay and the panel keeps the size it has when revealed, so nothing below it moves.
        """
        key = ("concealed", message, waiting)
        if key == self._key:
            return
        self._key = key
        self.set_class(waiting, "-waiting")  # a border change repaints the whole panel: rare
        if skeleton is None:
            self._show(PhaseView(Text(message, style="italic dim"), Text(""), Text("")))
            return
        rows = max(len(skeleton.body.plain.splitlines()), 1)
        body = Text(message + "\n" * (rows - 1), style="italic dim")
        head = skeleton.head.copy()
        head.stylize("dim")
        foot = skeleton.foot.copy() if self.number == 3 else Text(" " if skeleton.foot.plain else "")
        foot.stylize("dim")
        self._show(PhaseView(head, body, foot))

    def _show(self, view: PhaseView) -> None:
        self.plain = "\n".join(part.plain for part in view if part.plain)
        if not self._statics:
            self._pending = view
            return
        body = view.body
        if view.foot.plain:  # one widget for both: they change together
            body = Text("\n").join([view.body, view.foot])
        for index, (part, text) in enumerate(zip(self._statics, (view.head, body))):
            look = (text.plain, str(text.style), tuple(text.spans))  # dim when concealed, not once shown
            if look == self._parts[index]:
                continue
            self._parts[index] = look
            update_in_place(part, text)

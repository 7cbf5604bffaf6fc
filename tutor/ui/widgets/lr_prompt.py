"""l in the lab: type an exact learning rate (0.119, 1e-3) where the status line is.

    prompt.open(current_lr)     # shown and focused, with the current value selected
    on LrPrompt.Chosen          # .value: a learning rate inside the one range
    on LrPrompt.Closed          # Escape, or a value chosen: the status line comes back

While it has the focus, keys are typed (e, +, - are part of numbers); Enter applies, Escape
cancels. A value outside the range is said here and nothing changes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from tutor.lab.numbers import rate
from tutor.lessons.learning_rate import LR_MAX, LR_MIN, lr_problem

HOW = f"Enter aplica · Escape cancela ({LR_MIN:g} a {LR_MAX:g})"


class LrInput(Input):
    BINDINGS = [Binding("escape", "cancel", "cancelar", show=False)]

    def action_cancel(self) -> None:
        self.post_message(LrPrompt.Closed())


class LrPrompt(Horizontal):
    DEFAULT_CSS = """
    LrPrompt { height: 1; padding: 0 1; background: $boost; display: none; }
    LrPrompt.-open { display: block; }
    LrPrompt > Static { width: auto; }
    LrPrompt LrInput { width: 16; margin: 0 1; }
    LrPrompt .lr-how { color: $text-muted; }
    LrPrompt .lr-how.-wrong { color: $text-error; text-style: bold; }
    """

    class Chosen(Message):
        def __init__(self, value: float) -> None:
            super().__init__()
            self.value = value

    class Closed(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Static("learning rate:")
        yield LrInput(compact=True, id="lab-lr-input")
        yield Static(HOW, classes="lr-how")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, current: float) -> None:
        box = self.query_one(LrInput)
        box.value = rate(current)
        self._say(HOW, wrong=False)
        self.add_class("-open")
        box.focus()
        box.select_all()

    def close(self) -> None:
        self.remove_class("-open")

    def _say(self, text: str, *, wrong: bool) -> None:
        how = self.query_one(".lr-how", Static)
        how.update(text)
        how.set_class(wrong, "-wrong")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = float(event.value.strip().replace(",", "."))
        except ValueError:
            value = float("nan")
        if value != value or lr_problem(value):  # not a number, or out of the one range
            what = "no es un número" if value != value else f"debe estar entre {LR_MIN:g} y {LR_MAX:g}"
            self._say(f"{what} · Escape cancela", wrong=True)
            return
        self.post_message(self.Chosen(value))
        self.post_message(self.Closed())

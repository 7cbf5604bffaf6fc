"""The predict exercise, asked where "3 Gradientes" will appear, before its numbers are shown.

    gate.ask(exercise, order)     # the question and its options, numbered in this student's order
    on ChoiceList.Chosen          # the student picked an option (a digit or ↑/↓) and pressed Enter

The lab shows it in place of the "3 Gradientes" and "4 Update" panels while its session waits
for the answer (space and e never answer it), and hides it again once the card is answered.
"""

from __future__ import annotations

from typing import Sequence

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.lessons.model import Exercise
from tutor.ui.widgets.choice_list import ChoiceList, plain_inline


class PredictGate(Vertical):
    DEFAULT_CSS = """
    PredictGate {
        height: auto;
        border-top: double $warning;
        border-title-style: bold;
        padding: 0 1;
    }
    PredictGate > Static { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "3 Gradientes: antes, tu predicción"
        self.exercise: Exercise | None = None

    @property
    def choices(self) -> ChoiceList | None:
        found = self.query(ChoiceList)
        return found.first() if found else None

    async def ask(self, exercise: Exercise, order: Sequence[int]) -> None:
        """Show `exercise` (once: asking the same one again changes nothing)."""
        if self.exercise is exercise:
            return
        self.exercise = exercise
        await self.remove_children()
        prompt = " ".join(plain_inline(exercise.prompt).split())
        await self.mount(Static(Content(prompt), classes="gate-prompt"),
                         ChoiceList(exercise.choices, order, classes="gate-choices"))
        # After the options exist: a title on screen means a digit now picks one.
        self.border_title = f"3 Gradientes: antes, tu predicción (elige 1–{len(exercise.choices)} y Enter)"

    def pick(self, number: int) -> None:
        if self.choices is not None:
            self.choices.action_pick(number)
            self.choices.focus()

    def confirm(self) -> None:
        if self.choices is not None:
            self.choices.action_select()  # with nothing picked, it says how to pick

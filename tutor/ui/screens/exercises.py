"""The exercises step of a lesson: one card per exercise that needs no live lab run.

With skipping locked (`--no-skip` or the pack's setting) the student cannot leave with n
until every card is resolved: `leave_blocker()` says why.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from tutor.lessons.model import Course, Exercise
from tutor.ui.navigation import Step
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.step_header import StepHeader


class ExercisesScreen(TutorScreen):
    BINDINGS = [Binding("h", "hint", "pista")]

    def __init__(self, step: Step, exercises: tuple[Exercise, ...], *, course: Course, allow_skip: bool = True,
                 results: dict[str, str | None] | None = None, order_key: str = "") -> None:
        super().__init__()
        self.step = step
        self.course = course
        self.order_key = order_key
        self.exercises = exercises
        self.allow_skip = allow_skip
        self.results = results or {}

    def compose(self) -> ComposeResult:
        yield StepHeader(self.step, f"Ejercicios ({len(self.exercises)})", self.course)
        with VerticalScroll(id="exercises"):
            if not self.allow_skip:
                yield Static(Content("Tu profesor desactivó saltar ejercicios: respóndelos todos "
                                     "para seguir."), classes="notice")
            for number, exercise in enumerate(self.exercises, 1):
                yield Static(Content(f"Ejercicio {number} de {len(self.exercises)}"), classes="exercise-number-title")
                yield ExerciseCard(exercise, lesson_id=self.step.lesson.id, order_key=self.order_key,
                                   allow_skip=self.allow_skip, result=self.results.get(exercise.id))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_first_open_card)

    def _focus_first_open_card(self) -> None:
        card = self._first_open_card()
        if card is not None:
            card.focus_answer()

    @property
    def cards(self) -> list[ExerciseCard]:
        return list(self.query(ExerciseCard))

    def _first_open_card(self) -> ExerciseCard | None:
        return next((card for card in self.cards if not card.resolved), None)

    def leave_blocker(self) -> str | None:
        """Why n may not leave yet (skipping locked and cards unanswered), or None."""
        if self.allow_skip:
            return None
        pending = [number for number, card in enumerate(self.cards, 1) if not card.resolved]
        if not pending:
            return None
        listed = ", ".join(str(number) for number in pending)
        return f"Responde antes los ejercicios pendientes ({listed}): saltar está desactivado."

    def action_hint(self) -> None:
        """h outside any card: a hint for the first card still open."""
        card = self._first_open_card()
        if card is not None:
            card.action_hint()
            card.scroll_visible()

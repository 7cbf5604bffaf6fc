"""One exercise on screen: prompt, the way to answer, hints, verdict and explanation.

    card = ExerciseCard(exercise, lesson_id="neurona-lineal", order_key="student:Ana",
                        live=None, allow_skip=True, result=None)

- choice / predict: a ChoiceList in this student's order (tutor.lessons.choice_order): a digit
  or ↑/↓ picks, Enter answers (never space); numeric: an Input that accepts "0,5" as well as
  "0.5" (Enter checks, Escape leaves); goal: no input, the lab calls `set_goal_result`.
- Answers are checked by `tutor.lessons.checking.check_answer` (the lesson's declared rule);
  text it cannot read, or a live value not there yet, gets its message and is no attempt.
- h (or the "Pista" button) shows the next hint; "Saltar" only when skipping is allowed.
  Messages go on the card itself, never in a toast.
- Every answer and skip posts `ExerciseCard.Answered` (with the lesson id); a hint posts
  `ExerciseCard.HintShown`.
- A card is *resolved* once answered right, out of attempts (the answer is then shown),
  skipped, or already right in a previous session (`result="correct"`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Markdown, Static

from tutor.lessons.choice_order import choice_order
from tutor.lessons.model import Exercise
from tutor.ui.widgets.choice_list import ChoiceList, plain_inline

KIND_LABELS = {
    "choice": "Opción múltiple",
    "numeric": "Respuesta numérica",
    "predict": "Predice y comprueba",
    "goal": "Objetivo del laboratorio",
}

# Inside the numeric input, h still shows a hint (it is never part of a number). Other
# letters are typed: a student writing a word must not be sent elsewhere by n, g or q.
_PASSTHROUGH_KEYS = frozenset({"h"})


def max_attempts(exercise: Exercise) -> int:
    """Tries before the answer is shown: one when guessing is cheap (two options, a sign)."""
    if exercise.kind == "predict" or (exercise.kind == "choice" and len(exercise.choices) <= 2):
        return 1
    return 2 if exercise.kind == "choice" else 3


class NumberInput(Input):
    """An Input where h asks for a hint instead of being typed; Escape leaves the box."""

    BINDINGS = [Binding("escape", "leave", "salir de la casilla", show=False)]

    def action_leave(self) -> None:
        self.screen.set_focus(None)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key not in _PASSTHROUGH_KEYS and super().check_consume_key(key, character)

    async def _on_key(self, event) -> None:  # noqa: ANN001 - textual's Key event
        if event.key in _PASSTHROUGH_KEYS:
            event.prevent_default()  # not typed: run the binding of the card, screen or app
            event.stop()
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.enabled:
                await self.app.run_action(active.binding.action, active.node)


class ExerciseCard(Vertical):
    """An exercise the student answers; see the module docstring."""

    BINDINGS = [Binding("h", "hint", "Pista")]

    DEFAULT_CSS = """
    ExerciseCard { height: auto; padding: 0 1; border: round $primary; }
    ExerciseCard.-resolved { border: round $secondary; }
    ExerciseCard .exercise-kind, ExerciseCard .exercise-how { height: auto; color: $text-muted; text-style: italic; }
    ExerciseCard Markdown { padding: 0; margin: 0; }
    ExerciseCard ChoiceList { width: 1fr; }
    ExerciseCard .exercise-number { width: 1fr; max-width: 50; }
    ExerciseCard .exercise-hints { height: auto; color: $text-warning; }
    ExerciseCard .exercise-verdict { height: auto; text-style: bold; }
    ExerciseCard .exercise-verdict.-right { color: $text-success; }
    ExerciseCard .exercise-verdict.-wrong { color: $text-error; }
    ExerciseCard .exercise-buttons { height: auto; margin-top: 1; }
    ExerciseCard .exercise-buttons Button { margin-right: 2; }
    """

    class _CardMessage(Message):
        """Something the student did on `card` (`hints_used` hints seen so far)."""

        def __init__(self, card: ExerciseCard, exercise: Exercise, hints_used: int) -> None:
            super().__init__()
            self.card = card
            self.exercise = exercise
            self.lesson_id = card.lesson_id
            self.hints_used = hints_used

        @property
        def control(self) -> ExerciseCard:
            return self.card

    class Answered(_CardMessage):
        """The student answered (right or wrong) or skipped; posted once per attempt."""

        def __init__(self, card: ExerciseCard, exercise: Exercise, correct: bool,
                     hints_used: int, skipped: bool) -> None:
            super().__init__(card, exercise, hints_used)
            self.correct = correct
            self.skipped = skipped

    class HintShown(_CardMessage):
        """The student asked for a hint."""

    def __init__(self, exercise: Exercise, *, lesson_id: str = "", order_key: str = "",
                 live: float | None = None, allow_skip: bool = True, result: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.exercise = exercise
        self.lesson_id = lesson_id
        self.order = choice_order(exercise.choices, order_key, exercise.id)
        self.verdict = ""  # the last verdict shown, as text
        self.brief = ""  # the last answer's verdict, short (no option, no hint)
        self.live = live
        self.allow_skip = allow_skip
        self.hints_used = 0
        self.attempts = 0
        self.correct: bool | None = None
        self.skipped = False
        self.resolved = result == "correct"
        if self.resolved:
            self.correct = True

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        yield Static(KIND_LABELS.get(exercise.kind, exercise.kind), classes="exercise-kind")
        yield Markdown(exercise.prompt, open_links=False, classes="exercise-prompt")
        if exercise.kind in ("choice", "predict"):
            yield ChoiceList(exercise.choices, self.order, classes="exercise-choices")
            yield Static(Content(f"Elige con 1–{len(exercise.choices)} (o ↑ ↓) y pulsa Enter."),
                         classes="exercise-how")
        elif exercise.kind == "numeric":
            yield NumberInput(placeholder="Tu respuesta, p. ej. 0,5 (Enter comprueba, Escape sale)",
                              classes="exercise-number")
        elif exercise.kind == "goal" and exercise.goal is not None:
            goal = exercise.goal
            yield Static(Content(f"Meta: {goal.metric} < {goal.below:g} en {goal.within_epochs} "
                                 "épocas como mucho. Se comprueba en el laboratorio."),
                         classes="exercise-goal")
        yield Markdown("", open_links=False, classes="exercise-hints")
        yield Static("", classes="exercise-verdict")
        yield Markdown("", open_links=False, classes="exercise-explanation")
        with Horizontal(classes="exercise-buttons"):
            if exercise.kind == "numeric":
                yield Button("Comprobar", classes="exercise-check", compact=True)
            if exercise.hints:
                yield Button("Pista (h)", classes="exercise-hint", compact=True)
            if self.allow_skip:
                yield Button("Saltar", classes="exercise-skip", compact=True)

    def on_mount(self) -> None:
        for empty in self.query(".exercise-explanation, .exercise-verdict, .exercise-hints"):
            empty.display = False
        if self.resolved and self.query(".exercise-verdict"):
            self._show_verdict("✓ Ya la respondiste bien.", "right")
            self._finish()

    def focus_answer(self) -> None:
        """Focus the control the student answers with (the options or the number box), else
        the card's first button (a goal, or an answered card: its hint)."""
        for control in [*self.query("ChoiceList, NumberInput"), *self.query(Button)]:
            if not control.disabled and control.display:
                control.focus()
                return

    # -- public API ------------------------------------------------------------------------

    def set_live(self, value: float | None) -> None:
        """The live lab value this exercise is checked against (numeric live / predict)."""
        self.live = value

    def set_goal_result(self, met: bool, detail: str = "") -> None:
        """The lab reports that the goal was met (an attempt, right), or a note on why not yet
        (no attempt: trying is not failing)."""
        if self.resolved:
            return
        if not met:
            self._show_verdict(detail or "✗ Todavía no se alcanzó la meta.", "wrong")
            return
        self.attempts += 1
        self._show_verdict(detail or "✓ ¡Meta alcanzada!", "right")
        self.correct = True
        self._finish()
        self.post_message(self.Answered(self, self.exercise, True, self.hints_used, False))

    def answer(self, response: str) -> None:
        """Check a response as if the student had typed or chosen it."""
        if self.resolved or self.exercise.kind == "goal":
            return
        from tutor.lessons.checking import check_answer

        verdict = check_answer(self.exercise, response, self.live)
        if not verdict.understood:  # unreadable, or no live value yet: not an attempt
            self._show_verdict(verdict.message, "wrong")
            return
        self.attempts += 1
        self.correct = verdict.correct
        self.brief = ("✓ " if verdict.correct else "✗ ") + verdict.message  # for a one-line status
        # Name the chosen option: without colour, the verdict is how the student sees it.
        chosen = f"«{plain_inline(response)}»: " if self.exercise.kind in ("choice", "predict") else ""
        if verdict.correct:
            self._show_verdict(f"✓ {chosen}{verdict.message}", "right")
            self._finish()
        elif self.attempts >= max_attempts(self.exercise):
            self._show_verdict(f"✗ {chosen}{verdict.message} La respuesta correcta: "
                               f"{plain_inline(verdict.expected)}.", "wrong")
            self._finish()
        else:
            more = " Pulsa h para una pista." if self.hints_used < len(self.exercise.hints) else ""
            self._show_verdict(f"✗ {chosen}{verdict.message} Inténtalo otra vez.{more}", "wrong")
        self.post_message(self.Answered(self, self.exercise, verdict.correct, self.hints_used, False))

    def skip(self) -> None:
        if self.resolved or not self.allow_skip:
            return
        self.skipped = True
        self.brief = "saltada"
        self._show_verdict("Saltada.", "skipped")
        self._finish()
        self.post_message(self.Answered(self, self.exercise, False, self.hints_used, True))

    def action_hint(self) -> None:
        hints = self.exercise.hints
        if not hints or self.hints_used >= len(hints):
            self._show_verdict("Este ejercicio no tiene pistas." if not hints else "No hay más pistas.",
                               "skipped")
            return
        self.hints_used += 1
        shown = "\n".join(f"- **Pista {n}:** {hint}" for n, hint in enumerate(hints[: self.hints_used], 1))
        hints_view = self.query_one(".exercise-hints", Markdown)
        hints_view.update(shown)
        hints_view.display = True
        self.post_message(self.HintShown(self, self.exercise, self.hints_used))

    # -- events ----------------------------------------------------------------------------

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.answer(event.choice)

    @on(ChoiceList.NothingPicked)
    def _nothing_picked(self, event: ChoiceList.NothingPicked) -> None:
        event.stop()
        self._show_verdict(event.choice_list.how_to_pick, "note")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.answer(event.value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("exercise-check"):
            self.answer(self.query_one(NumberInput).value)
        elif event.button.has_class("exercise-hint"):
            self.action_hint()
        elif event.button.has_class("exercise-skip"):
            self.skip()

    # -- helpers ---------------------------------------------------------------------------

    def _show_verdict(self, text: str, kind: str) -> None:
        self.verdict = text
        verdict = self.query_one(".exercise-verdict", Static)
        verdict.update(Content(text))
        verdict.set_classes(f"exercise-verdict -{kind}")
        verdict.display = True

    def _finish(self) -> None:
        """Resolved: show the explanation and stop accepting answers."""
        self.resolved = True
        self.add_class("-resolved")
        for how in self.query(".exercise-how"):
            how.display = False
        explanation = self.query_one(".exercise-explanation", Markdown)
        if self.exercise.explanation:
            explanation.update(self.exercise.explanation)
            explanation.display = True
        for widget in self.query("ChoiceList, NumberInput, .exercise-check, .exercise-skip"):
            widget.disabled = True

"""The lab: the notebook's GradientTape loop, stepped by phase or by epoch, or run to the end.

    LabScreen(lesson, progress=None, seed=None, allow_skip=True, order_key="", init=None,
              start_seed=None, lr=None, exercises_of=None, back=None)

A thin view over a LabSession (tutor/lab/session.py), which holds the state and decides what
every key does; a LabChannel owns TensorFlow's thread, whose results come back as LabResult
messages. Every change ends in `refresh_from(session)`: the status line, the four panels, the
gate and the code first, in this frame; the charts, interpretation and cards in the next (plotext
and Markdown are slow to draw). While r runs, a timer redraws a few times a second. Every widget
repaints only if its content changed, without a screen-wide layout if its height did not.

The lab's keys are priority bindings: they work whatever has the focus (a card's options, a
button), except while the student types in a text box (a number, the `l` learning rate).
Exercises are answered only with their own keys: a digit (or ↑/↓) and Enter, or typing a number.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.message import Message
from textual.widgets import Input

from tutor.engine import epoch_source
from tutor.lab.channel import Chunk, LabChannel
from tutor.lab.session import LabSession
from tutor.lessons.model import Lesson
from tutor.ui.navigation import needs_live_run
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.lab_drawing import LabDrawing
from tutor.ui.screens.lab_keys import LAB_ACTIONS, LAB_BINDINGS
from tutor.ui.screens.lab_layout import LAB_CSS, LabWidgets, compose_lab
from tutor.ui.widgets.choice_list import ChoiceList
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.lr_prompt import LrPrompt

REDRAW_INTERVAL = 0.25  # seconds between redraws while running (4 per second at most)
class LabScreen(TutorScreen):
    """One lab lesson: status, the four phases, charts, code and live exercises."""

    AUTO_FOCUS = "#lab-body"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (76, "-narrow"), (116, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    DEFAULT_CSS = LAB_CSS

    BINDINGS = LAB_BINDINGS

    class Progressed(Message):
        """The student trained: the app records epochs run and the best loss of `lesson_id`."""

        def __init__(self, lesson_id: str, epochs_run: int, best_loss: float | None) -> None:
            super().__init__()
            self.lesson_id = lesson_id
            self.epochs_run = epochs_run
            self.best_loss = best_loss

    class LabResult(Message):
        """A result of the lab's channel (posted from its thread)."""

        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    def __init__(self, lesson: Lesson, *, progress=None, seed: int | None = None, allow_skip: bool = True,
                 order_key: str = "", init: str | None = None, start_seed: int | None = None,
                 lr: float | None = None, exercises_of: str | None = None, back: str | None = None,
                 name: str | None = None, id: str | None = None) -> None:
        """progress: the student's Progress (earlier answers); init "notebook" / "random",
        start_seed (as `tutor run --seed N`), lr: how the lab starts; exercises_of: the lesson
        that owns the exercises (the free lab's); back: Escape dismisses this screen."""
        super().__init__(name=name, id=id)
        if lesson.lab is None:
            raise ValueError(f"lesson {lesson.id!r} has no lab")
        self.lesson = lesson
        self.spec = lesson.lab
        self.allow_skip = allow_skip
        self.order_key = order_key
        self.exercises_of = exercises_of or lesson.id
        self.back_to = back
        self.source = epoch_source(self.spec)
        self.exercises = tuple(e for e in lesson.exercises if needs_live_run(e))
        self.results = {e.id: progress.exercise_result(self.exercises_of, e.id) if progress else None
                        for e in self.exercises}
        channel = LabChannel(self.spec, lambda result: self.post_message(self.LabResult(result)))
        self.session = LabSession(self.spec, channel, exercises=self.exercises, seed=seed, init=init,
                                  start_seed=start_seed, lr=lr,
                                  resolved={i for i, result in self.results.items() if result == "correct"})
        cards = [ExerciseCard(e, lesson_id=self.exercises_of, order_key=order_key, allow_skip=allow_skip,
                              result=self.results.get(e.id), id=f"lab-exercise-{e.id}") for e in self.exercises]
        self.parts = LabWidgets(self, cards)
        self.drawing = LabDrawing(self, self.parts)

    def compose(self):
        yield from compose_lab(self.parts)

    def on_mount(self) -> None:
        self.title = self.lesson.title
        self.drawing.mount()
        self._ticker = self.set_interval(REDRAW_INTERVAL, self._tick, pause=True)
        self.session.open()
        self.refresh_from(self.session)

    def on_resize(self) -> None:
        self.drawing.resized()

    def on_unmount(self) -> None:
        self.session.close()
        progressed = self.final_progress()
        if progressed is not None:
            self.app.post_message(progressed)

    # -- for the app, the tests and the benchmark ------------------------------------------

    @property
    def run(self):
        return self.session.run

    @property
    def lr(self) -> float:
        return self.session.lr

    @property
    def ready(self) -> bool:
        return self.session.ready

    @property
    def training(self) -> bool:
        return self.session.compiled

    @property
    def busy(self) -> bool:
        """Something is being computed, waits, or is still to be drawn."""
        return self.session.busy or self.drawing.slow_pending

    def final_progress(self) -> Progressed | None:
        """Exactly what is on screen, unsaved: the app records it when it exits (q, SIGHUP...)."""
        note = self.session.progress.final()
        return self.Progressed(self.lesson.id, note.epochs_run, note.best_loss) if note else None

    def leave_blocker(self) -> str | None:
        """With skipping locked, why the student may not leave yet (the app asks on n)."""
        if not self.allow_skip and any(not card.resolved for card in self.drawing.cards):
            return "Completa los ejercicios del laboratorio antes de seguir: saltar está desactivado."
        return None

    def say(self, text: str) -> None:
        """A message for the student, on the status line (the app's, too: no toasts here)."""
        self.session.message = text
        self.refresh_from(self.session)

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action in LAB_ACTIONS:
            return not typing  # while typing a number, keys are characters
        if action in ("pick", "confirm"):
            return self.session.gate is not None and not typing
        if action == "back":  # the comparison or the exercises first; then (else the app's Escape) away
            return self.session.comparison is not None or self.drawing.below_the_loop() or self.back_to is not None
        if action == "exercises":
            return bool(self.exercises)
        return True

    def _do(self, change) -> None:  # noqa: ANN001 - a session method
        self.session.close_comparison()  # any lab key puts the loss chart back
        change()
        self.refresh_from(self.session)

    def action_next_phase(self) -> None:
        self._do(lambda: self.session.press("phase"))

    def action_epoch(self) -> None:
        self._do(lambda: self.session.press("epoch"))

    def action_run(self) -> None:
        self._do(lambda: self.session.press("run"))

    def action_reset(self) -> None:
        self._do(self.session.reset)

    def action_random_start(self) -> None:
        self._do(self.session.random_start)

    def action_notebook_start(self) -> None:
        self._do(self.session.notebook_start)

    def action_faster(self) -> None:
        self._do(self.session.faster)

    def action_slower(self) -> None:
        self._do(self.session.slower)

    def action_next_optimizer(self) -> None:
        self._do(self.session.next_optimizer)

    def action_next_batch_size(self) -> None:
        self._do(self.session.next_batch_size)

    def action_compare(self) -> None:
        self._do(self.session.compare)

    def action_type_lr(self) -> None:
        self._do(self.drawing.open_lr_prompt)

    def action_toggle_code(self) -> None:
        self._do(lambda: self.toggle_class("-code"))

    def action_pick_weight(self) -> None:
        self._do(lambda: self.drawing.picker.step(1))

    def action_pick_weight_back(self) -> None:
        self._do(lambda: self.drawing.picker.step(-1))

    def action_exercises(self) -> None:
        self.drawing.focus_next_card()

    def action_back(self) -> None:
        if self.session.close_comparison():
            self.refresh_from(self.session)
        elif self.drawing.below_the_loop():
            self.drawing.leave_cards()
        elif self.back_to is not None:
            self.dismiss()

    def action_pick(self, number: int) -> None:
        self.drawing.gate.pick(number)

    def action_confirm(self) -> None:
        self.drawing.gate.confirm()

    # -- messages --------------------------------------------------------------------------

    @on(LabResult)
    def _result(self, message: LabResult) -> None:
        if not self.session.receive(message.result):
            return
        if isinstance(message.result, Chunk) and self.run.records:
            self._ticker.resume()  # drawn by the timer, a few times a second
        else:  # anything else, and a run's first chunk, at once
            self.session.catch_up()
            self.refresh_from(self.session)

    def _tick(self) -> None:
        if self.session.catch_up():
            self.refresh_from(self.session)
        elif not self.session.compiled:
            self._ticker.pause()

    @on(ChoiceList.Chosen, "#lab-gate ChoiceList")
    def _gate_answered(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.drawing.answer_gate(event.choice)

    @on(ChoiceList.NothingPicked, "#lab-gate ChoiceList")
    def _gate_nothing_picked(self, event: ChoiceList.NothingPicked) -> None:
        event.stop()
        self.say(event.choice_list.how_to_pick)

    @on(ExerciseCard.Answered)
    def _card_answered(self, message: ExerciseCard.Answered) -> None:
        card = message.card  # the app records the answer (the message goes on to it)
        if card.resolved and self.focused is None:  # its controls are disabled: keys to the lab
            self.set_focus(self.drawing.body)
        if card.resolved:
            gate = self.session.gate
            self.session.exercise_resolved(card.exercise.id)
            if gate is not None and gate.id == card.exercise.id:
                self.session.message = f"Predicción: {card.brief}"
                self.drawing.after_gate()
        self.refresh_from(self.session)

    @on(LrPrompt.Chosen)
    def _lr_chosen(self, message: LrPrompt.Chosen) -> None:
        self._do(lambda: self.session.set_lr(message.value))

    @on(LrPrompt.Closed)
    def _lr_closed(self) -> None:
        self.drawing.close_lr_prompt()

    # -- drawing ---------------------------------------------------------------------------

    def refresh_from(self, session: LabSession) -> None:
        """The one way the screen is redrawn: every widget brought up to `session`."""
        self.drawing.refresh_from(session)
        if session.compiled:
            self._ticker.resume()

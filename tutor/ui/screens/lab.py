"""The lab: the notebook's GradientTape loop, stepped by phase or by epoch, or run to the end.

    LabScreen(lesson, seed=None, allow_skip=True, init=None, start_seed=None, lr=None)

TensorFlow is never imported here at module level: the lab's own thread (lab_thread.py) loads
it and creates the Trainer while the screen is already on display. Every use of the Trainer
happens in that thread, in order (and under a lock); results come back as messages tagged with
a *generation* (bumped on every reset), so results of an abandoned start are dropped.

Drawing: a step's status line, four panels and code appear in one frame; the charts, the
interpretation and exercise cards follow in the next (plotext and Markdown are slow to draw).
While running, everything is redrawn from a timer a few times a second. Every widget repaints
only when its own content changed, and without a screen-wide layout when its height did not
change (over SSH every repaint is resent whole).
"""

from __future__ import annotations

import gc
import math
import random
import threading
import time
from collections import deque
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from tutor.engine import PHASES, EpochRecord, epoch_source, hand_gradients, start_values
from tutor.lessons.model import Lesson
from tutor.ui.navigation import needs_live_run
from tutor.lab.run import PHASE_COUNT, LabRun
from tutor.ui.screens.lab_thread import LabThread
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.interpretation_panel import InterpretationPanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart
from tutor.ui.widgets.lab_footer import LabFooter
from tutor.lab.numbers import num, rate
from tutor.ui.widgets.lab_status import LabStatus
from tutor.ui.widgets.phase_panel import PhasePanel
from tutor.ui.widgets.phase_views import PhaseView, forward_view, gradients_view, loss_view, update_view

RUN_FIRST_CHUNK = 100  # epochs of the first Trainer.run call of a run: on screen at once
RUN_CHUNK_SECONDS = 0.15  # later calls are sized to last about this long (pause is checked between them)
RUN_MAX_CHUNK = 1000
REDRAW_INTERVAL = 0.25  # seconds between redraws while running (4 per second at most)
SLOW_PARTS_DELAY = 0.03  # seconds after the panels' frame: charts & co. come in the next one
PROGRESS_INTERVAL = 2.0  # seconds between Progressed messages while stepping
QUEUE_LIMIT = 8  # key presses remembered while an epoch is being computed
PANEL_IDS = ("phase-forward", "phase-loss", "phase-gradients", "phase-update")


def skeleton_views(spec) -> list[PhaseView]:
    """The four phase views of a zero-valued record: the layout of the lab's real ones."""
    weight, bias = spec.params
    count = len(spec.dataset.inputs)
    width = 1 if spec.model == "lineal" else len(spec.dataset.inputs[0])
    zeros = {weight: (0.0,) * width, bias: (0.0,)}
    forward = {"y_pred": (0.5,) * count}
    if spec.model == "sigmoide":
        forward = {"z": (0.0,) * count, **forward}
    blank = EpochRecord(epoch=0, lr=spec.lr, params_before=zeros, forward=forward,
                        sample_losses=(0.0,) * count, loss=0.0, grads=zeros, params_after=zeros)
    return [forward_view(spec, blank), loss_view(spec, blank), gradients_view(spec, blank, zeros),
            update_view(spec, blank)]


def view_height(view: PhaseView) -> int:
    """Lines a phase view takes (before any wrapping)."""
    return sum(len(part.plain.splitlines()) for part in view)


def panel_heights(spec) -> list[int]:
    """Lines each phase panel needs for this lab (before any wrapping)."""
    return [view_height(view) for view in skeleton_views(spec)]


class LabScreen(Screen):
    """One lab lesson: code, the four phase panels, charts, status and live exercises."""

    AUTO_FOCUS = "#lab-body"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("space", "next_phase", "fase", key_display="esp",
                tooltip="siguiente fase: 1 Forward → 2 Loss → 3 Gradientes → 4 Update"),
        Binding("e", "epoch", "época", tooltip="una época completa (las cuatro fases)"),
        Binding("r", "run", "correr",
                tooltip="entrenar hasta el número de épocas del laboratorio; otra vez r pausa"),
        Binding("x", "reset", "reinicia", tooltip="volver a empezar desde los mismos valores iniciales"),
        Binding("s", "random_start", "azar", tooltip="nuevos valores iniciales al azar"),
        Binding("i", "notebook_start", "cuaderno", tooltip="los valores iniciales del cuaderno"),
        Binding("plus", "faster", "lr×2", key_display="+", tooltip="duplicar el learning rate"),
        Binding("minus", "slower", "lr÷2", key_display="-", tooltip="dividir el learning rate entre dos"),
    ]

    DEFAULT_CSS = """
    LabScreen { layout: vertical; }
    LabScreen #lab-loading { height: 1; display: none; }
    LabScreen #lab-loading.-on { display: block; }
    LabScreen #lab-loading LoadingIndicator { width: 6; height: 1; }
    LabScreen #lab-loading Static { width: auto; }
    LabScreen #lab-body { height: 1fr; }
    LabScreen #lab-grid { height: auto; }
    LabScreen #lab-phases, LabScreen #lab-side { height: auto; }
    LabScreen #lab-charts { height: auto; }
    LabScreen #lab-charts > PlotextPlot { height: 14; min-height: 10; }
    LabScreen #lab-exercises { height: auto; }
    LabScreen #lab-exercises ExerciseCard { height: auto; border: round $accent; padding: 0 1; }
    LabScreen.-narrow #lab-grid { layout: vertical; }
    LabScreen.-narrow #lab-charts { layout: horizontal; }
    LabScreen.-wide #lab-grid { layout: horizontal; }
    LabScreen.-wide #lab-phases { width: 5fr; min-width: 44; max-width: 72; }
    LabScreen.-wide #lab-side { width: 6fr; }
    LabScreen.-wide #lab-charts { layout: horizontal; }
    LabScreen.-wide #lab-charts > PlotextPlot { height: 16; width: 1fr; }
    """

    class Progressed(Message):
        """The student trained: the app records epochs run and the best loss."""

        def __init__(self, lesson_id: str, epochs_run: int, best_loss: float | None) -> None:
            super().__init__()
            self.lesson_id = lesson_id
            self.epochs_run = epochs_run
            self.best_loss = best_loss

    # Messages from the lab's thread back to the screen.
    class _TrainerReady(Message):
        def __init__(self, trainer: Any, generation: int) -> None:
            super().__init__()
            self.trainer = trainer
            self.generation = generation

    class _JobDone(Message):
        """A job for the trainer of `generation` finished (error: why it failed, if it did)."""

        def __init__(self, generation: int, error: str = "") -> None:
            super().__init__()
            self.generation = generation
            self.error = error

    class _EpochDone(_JobDone):
        def __init__(self, generation: int, record: Any, hand: Any, reveal: int, error: str = "") -> None:
            super().__init__(generation, error)
            self.record = record
            self.hand = hand
            self.reveal = reveal

    class _ResetDone(_JobDone):
        pass

    class _RunEnded(_JobDone):
        pass

    class _RunChunk(Message):
        def __init__(self, generation: int, records: list) -> None:
            super().__init__()
            self.generation = generation
            self.records = records

    class _Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, lesson: Lesson, *, seed: int | None = None, allow_skip: bool = True,
                 init: str | None = None, start_seed: int | None = None, lr: float | None = None,
                 name: str | None = None, id: str | None = None) -> None:
        """init: "notebook" or "random" start (default: the notebook's values if the lab has
        them, else a random start from `seed`); start_seed: a random start drawn with exactly
        this seed (as `tutor run --seed N`); lr: the learning rate to start with."""
        super().__init__(name=name, id=id)
        if lesson.lab is None:
            raise ValueError(f"lesson {lesson.id!r} has no lab")
        self.lesson = lesson
        self.spec = lesson.lab
        self.seed = seed
        self.allow_skip = allow_skip
        self.source = epoch_source(self.spec)
        self._seeds = random.Random(seed) if seed is not None else random.Random()
        self._random_starts = 0
        self._lr = float(self.spec.lr if lr is None else lr)
        self._lock = threading.Lock()  # serialises every use of the Trainer
        self._generation = 0
        self._trainer: Any = None
        self._ready = False
        self._failed = ""
        self._stepping = False
        self._resetting = False
        self._training = False
        self._stop = threading.Event()
        self._queue: deque[str] = deque()
        self._dirty = False
        self._slow_pending = False  # charts & co. are due in the next frame
        self._stepped = False  # an epoch was shown: progress and goals follow with the charts
        self._card_widgets: list[ExerciseCard] | None = None
        self._phase_panels: list[PhasePanel] = []  # found in on_mount
        self._status_line: LabStatus | None = None
        self._code_panel: CodePanel | None = None
        self._slow_parts: tuple[LossChart, DataChart, InterpretationPanel] | None = None  # found in on_mount
        self._progress_dirty = False
        self._progress_at = 0.0
        self._hand: tuple[Any, Any] = (None, None)  # (record, hand-derived gradients)
        self._gate_waiting = False
        self._goal_reported: dict[str, bool] = {}
        self.exercises = tuple(ex for ex in lesson.exercises if needs_live_run(ex))
        self._skeletons = skeleton_views(self.spec)
        how = init or ("notebook" if self.spec.notebook_init is not None and start_seed is None else "random")
        if start_seed is not None:
            self.start_label = f"inicio semilla {start_seed}"
            start = start_values(self.spec, "random", seed=start_seed)
        elif how == "notebook" and self.spec.notebook_init is not None:
            self.start_label = "inicio cuaderno"
            start = start_values(self.spec, "notebook")
        else:
            start = self._next_random_start()
        self.run = LabRun(start=start)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LabStatus(id="lab-status")
        with Horizontal(id="lab-loading", classes="-on"):
            yield LoadingIndicator()
            yield Static("Cargando TensorFlow… (puedes leer el código mientras tanto)")
        with VerticalScroll(id="lab-body"):
            with Horizontal(id="lab-grid"):
                with Vertical(id="lab-phases"):
                    for number, (name, panel_id) in enumerate(zip(PHASES, PANEL_IDS), start=1):
                        yield PhasePanel(number, name, id=panel_id)
                with Vertical(id="lab-side"):
                    with Horizontal(id="lab-charts"):
                        yield LossChart(id="lab-loss-chart")
                        yield DataChart(self.spec, id="lab-data-chart")
                    yield CodePanel(self.source.code, self.source.phase_lines, id="lab-code")
            yield InterpretationPanel(self.lesson.interpretation, id="lab-interpretation")
            if self.exercises:
                with Vertical(id="lab-exercises"):
                    for exercise in self.exercises:
                        yield ExerciseCard(exercise, allow_skip=self.allow_skip,
                                           result=self._earlier_result(exercise.id),
                                           id=f"lab-exercise-{exercise.id}")
        yield LabFooter(compact=True)

    def _earlier_result(self, exercise_id: str) -> str | None:
        """How the student answered this exercise in an earlier session, if the app keeps progress."""
        progress = getattr(self.app, "progress", None)
        return progress.exercise_result(self.lesson.id, exercise_id) if progress is not None else None

    def on_mount(self) -> None:
        self.title = self.lesson.title
        self._phase_panels = [self.query_one(f"#{panel_id}", PhasePanel) for panel_id in PANEL_IDS]
        self._status_line = self.query_one(LabStatus)
        self._code_panel = self.query_one(CodePanel)
        self._slow_parts = (self.query_one(LossChart), self.query_one(DataChart), self.query_one(InterpretationPanel))
        for panel, skeleton in zip(self._phase_panels, self._skeletons):
            panel.styles.min_height = view_height(skeleton) + 2  # + border
        self._ticker = self.set_interval(REDRAW_INTERVAL, self._tick, pause=True)
        self._refresh_view()
        self._thread = LabThread()
        self._thread.submit(self._load_worker, self._generation, dict(self.run.start), self._lr)

    def on_unmount(self) -> None:
        self._stop.set()
        self._thread.close()
        self._generation += 1  # any result still in flight is dropped
        if self._progress_dirty:
            self._post_progress()

    # -- state, for the app and tests ----------------------------------------------------

    @property
    def ready(self) -> bool:
        """The Trainer exists (TensorFlow loaded)."""
        return self._ready

    @property
    def training(self) -> bool:
        """A run (r) is in progress."""
        return self._training

    @property
    def busy(self) -> bool:
        """Something is being computed, waits in the queue, or is still to be drawn."""
        return bool(self._stepping or self._resetting or self._training or self._queue or not self._ready
                    or self._slow_pending)

    @property
    def lr(self) -> float:
        """The learning rate the next epoch will use."""
        return self._lr

    def leave_blocker(self) -> str | None:
        """With skipping locked, why the student may not leave yet (the app asks on n)."""
        if self.allow_skip:
            return None
        pending = [card for card in self._cards() if not card.resolved]
        if pending:
            return "Completa los ejercicios del laboratorio antes de seguir: saltar está desactivado."
        return None

    # -- keys ----------------------------------------------------------------------------

    def action_next_phase(self) -> None:
        self._request("phase")

    def action_epoch(self) -> None:
        self._request("epoch")

    def action_run(self) -> None:
        if self._training:
            self._stop.set()
            self._refresh_view()
            return
        self._request("run")

    def action_reset(self) -> None:
        self._restart(dict(self.run.start), "Reiniciado al mismo inicio.")

    def action_random_start(self) -> None:
        start = self._next_random_start()
        self._restart(start, f"Nuevo inicio aleatorio: {self._params_text(start)}")

    def action_notebook_start(self) -> None:
        if self.spec.notebook_init is None:
            self.notify("Este laboratorio no tiene valores iniciales del cuaderno; "
                        "usa s para un inicio aleatorio.", severity="warning")
            return
        self.start_label = "inicio cuaderno"
        start = start_values(self.spec, "notebook")
        self._restart(start, f"Inicio del cuaderno: {self._params_text(start)}")

    def action_faster(self) -> None:
        self._set_lr(self._lr * 2)

    def action_slower(self) -> None:
        self._set_lr(self._lr / 2)

    # -- commands ------------------------------------------------------------------------

    def _request(self, command: str) -> None:
        if self._failed:
            self.notify(self._failed, severity="error")
            return
        if self.run.diverged():
            self.notify("El entrenamiento divergió: baja el learning rate con - y pulsa x "
                        "(o i / s) para empezar de nuevo.", severity="warning")
            return
        if self._training:
            self.notify("Corriendo: pulsa r para pausar.", timeout=2)
            return
        if len(self._queue) < QUEUE_LIMIT:
            self._queue.append(command)
        if not self._ready:
            self.notify("Cargando TensorFlow… se hará en cuanto esté listo.", timeout=2)
        self._pump()

    def _pump(self) -> None:
        """Carry out queued commands, one computation at a time."""
        while self._queue and self._ready and not (self._stepping or self._resetting or self._training):
            if self.run.diverged():
                self._queue.clear()
                return
            command = self._queue.popleft()
            run = self.run
            if command == "phase":
                if run.needs_record:
                    self._launch_step(reveal=1)
                elif run.revealed == 2 and self._predict_pending():
                    self._hold_for_prediction()
                    self._queue.clear()
                else:
                    run.revealed += 1
                    self._refresh_view()
                    self._scroll_to_phase(run.revealed)
                    self._progress_soon()
            elif command == "epoch":
                if run.needs_record:
                    self._launch_step(reveal=PHASE_COUNT)
                else:
                    run.revealed = PHASE_COUNT
                    self._refresh_view()
            elif command == "run":
                self._launch_run()

    def _launch_step(self, reveal: int) -> None:
        self._stepping = True
        self._thread.submit(self._step_worker, self._generation, self._lr, reveal)

    def _launch_run(self) -> None:
        target = self.spec.epochs
        if self.run.epochs_run >= target:  # past the lab's count: one more batch of as many
            target = self.run.epochs_run + self.spec.epochs
            self.notify(f"Otras {self.spec.epochs} épocas, hasta {target}.", timeout=3)
        self.run.revealed = PHASE_COUNT if self.run.records else 0
        self._gate_waiting = False
        self._training = True
        self._stop = threading.Event()
        self._ticker.resume()
        self._thread.submit(self._run_worker, self._generation, target, self._stop)
        self._refresh_view()

    def _restart(self, start: dict, message: str) -> None:
        """x, s, i: stop whatever runs and start again from `start` (lr stays as set)."""
        self._stop.set()
        self._training = False
        self._ticker.pause()
        self._queue.clear()
        self._generation += 1
        self._gate_waiting = False
        self._goal_reported.clear()
        if self.run.records:
            self._post_progress()
        self.run = LabRun(start=start)
        self._stepping = False
        if self._ready:
            self._resetting = True
            self._thread.submit(self._reset_worker, self._generation, dict(start))
        self.notify(message, timeout=3)
        self._refresh_view()
        self._reset_cards()

    def _set_lr(self, lr: float) -> None:
        if not 1e-9 <= lr <= 1e9:
            self.notify(f"El learning rate ya es {rate(self._lr)}; no se puede llevar más lejos.",
                        severity="warning")
            return
        self._lr = lr
        note = " (se aplica desde la próxima época)"
        if self.run.diverged():
            note = "; pulsa x (o i / s) para empezar de nuevo con él"
        self.notify(f"lr = {rate(lr)}{note}", timeout=2)
        self._refresh_view()

    def _next_random_start(self) -> dict:
        self._random_starts += 1
        self.start_label = f"inicio azar n.º {self._random_starts}"
        return start_values(self.spec, "random", seed=self._seeds.randrange(2**32))

    def _params_text(self, params) -> str:
        return "  ".join(f"{name} = " + ", ".join(num(v) for v in values)
                         for name, values in params.items())

    # -- jobs, one at a time on the lab's thread (LabThread) -----------------------------

    def _load_worker(self, generation: int, start: dict, lr: float) -> None:
        try:
            from tutor.engine import Trainer, load_tensorflow

            load_tensorflow()
            with self._lock:
                trainer = Trainer(self.spec, start, lr=lr)
        except Exception as error:  # noqa: BLE001 - shown to the student, never a traceback
            self.post_message(self._Failed(f"No se pudo preparar TensorFlow: {error}"))
            return
        self.post_message(self._TrainerReady(trainer, generation))
        try:
            with self._lock:  # build run()'s graph now, so r starts at once
                trainer.prepare_run()
        except Exception:  # noqa: BLE001 - run() builds it later if this failed
            pass
        try:
            with self._lock:  # TF's first eager epoch in a thread is slow: pay for it now
                if trainer.epoch == 0:
                    try:
                        trainer.step()
                    finally:
                        trainer.reset(start)
        except Exception:  # noqa: BLE001 - the first real step pays for it instead
            pass
        # TensorFlow leaves about a million long-lived objects: a full garbage collection walks
        # them all (a quarter of a second here, in the middle of a step). They live as long as
        # the process, so move them out of the collector's sight.
        gc.freeze()

    def _step_worker(self, generation: int, lr: float, reveal: int) -> None:
        record = hand = None
        error = ""
        try:
            with self._lock:
                if generation == self._generation:
                    self._trainer.lr = lr
                    record = self._trainer.step()
            if record is not None:
                hand = hand_gradients(self.spec, record)
        except Exception as exc:  # noqa: BLE001
            error = str(exc)
        self.post_message(self._EpochDone(generation, record, hand, reveal, error))

    def _reset_worker(self, generation: int, start: dict) -> None:
        error = ""
        try:
            with self._lock:
                if generation == self._generation:
                    self._trainer.reset(start)
        except Exception as exc:  # noqa: BLE001
            error = str(exc)
        self.post_message(self._ResetDone(generation, error))

    def _run_worker(self, generation: int, target: int, stop: threading.Event) -> None:
        error = ""
        chunk = RUN_FIRST_CHUNK
        try:
            while not stop.is_set() and generation == self._generation:
                with self._lock:
                    if stop.is_set() or generation != self._generation:
                        break
                    trainer = self._trainer
                    count = min(chunk, target - trainer.epoch)
                    if count <= 0 or trainer.diverged:
                        break
                    trainer.lr = self._lr
                    started = time.perf_counter()
                    records = trainer.run(count, should_stop=stop.is_set)
                    took = time.perf_counter() - started
                if records:
                    self.post_message(self._RunChunk(generation, records))
                    per_epoch = max(took / len(records), 1e-6)
                    chunk = max(RUN_FIRST_CHUNK, min(RUN_MAX_CHUNK, int(RUN_CHUNK_SECONDS / per_epoch)))
                if not records or records[-1].diverged:
                    break
        except Exception as exc:  # noqa: BLE001
            error = str(exc)
        self.post_message(self._RunEnded(generation, error))

    # -- job results (UI thread) ---------------------------------------------------------

    @on(_TrainerReady)
    def _trainer_ready(self, message: _TrainerReady) -> None:
        self._trainer = message.trainer
        self._ready = True
        self.query_one("#lab-loading").remove_class("-on")
        if message.generation != self._generation:  # the start changed while loading
            self._resetting = True
            self._thread.submit(self._reset_worker, self._generation, dict(self.run.start))
        self._refresh_view()
        self._pump()

    @on(_Failed)
    def _failed_to_load(self, message: _Failed) -> None:
        self._failed = message.text
        self.query_one("#lab-loading").remove_class("-on")
        self._refresh_view()

    @on(_EpochDone)
    def _epoch_done(self, message: _EpochDone) -> None:
        self._stepping = False
        if message.generation != self._generation:
            self._pump()
            return
        if message.error:
            self._queue.clear()
            self.notify(f"No se pudo calcular la época: {message.error}", severity="error")
        elif message.record is not None:
            self.run.add(message.record, message.reveal)
            self._hand = (message.record, message.hand)
            self._refresh_view()
            if message.reveal == 1:
                self._scroll_to_phase(1)
            self._stepped = True  # _refresh_slow_parts reports progress and checks goals
        self._pump()

    @on(_ResetDone)
    def _reset_done(self, message: _ResetDone) -> None:
        if message.generation != self._generation:
            return
        self._resetting = False
        if message.error:
            self.notify(f"No se pudo reiniciar: {message.error}", severity="error")
        self._pump()

    @on(_RunChunk)
    def _run_chunk(self, message: _RunChunk) -> None:
        if message.generation != self._generation:
            return
        self.run.extend(message.records)
        self._dirty = True

    @on(_RunEnded)
    def _run_ended(self, message: _RunEnded) -> None:
        if message.generation != self._generation:
            return
        self._training = False
        self._ticker.pause()
        self._dirty = False
        if message.error:
            self.notify(f"El entrenamiento se detuvo: {message.error}", severity="error")
        elif self._stop.is_set() and self.run.epochs_run < self.spec.epochs:
            self.notify(f"En pausa tras {self.run.epochs_run} épocas: r sigue.", timeout=3)
        self._refresh_view()
        self._post_progress()
        self._check_goals()
        self._pump()

    def _tick(self) -> None:
        if self._dirty:
            self._dirty = False
            self._refresh_view()
            self._check_goals()

    # -- exercises -----------------------------------------------------------------------

    def _cards(self) -> list[ExerciseCard]:
        if self._card_widgets is None:  # composed once; a query per epoch costs milliseconds
            self._card_widgets = list(self.query(ExerciseCard))
        return self._card_widgets

    def _predict_pending(self) -> bool:
        return self._pending_prediction() is not None

    def _pending_prediction(self) -> ExerciseCard | None:
        """The unanswered predict card about the epoch now on screen, if any."""
        record = self.run.current
        if record is None:
            return None
        for card in self._cards():
            live = card.exercise.live
            if (card.exercise.kind == "predict" and live is not None and live.epoch == record.epoch
                    and not card.resolved):
                return card
        return None

    def _hold_for_prediction(self) -> None:
        card = self._pending_prediction()
        self._gate_waiting = True
        self._refresh_view()
        if card is not None:
            card.scroll_visible(animate=False)
            focusable = [w for w in card.query("RadioSet, Input") if w.focusable]
            if focusable:
                focusable[0].focus()
        self.notify("Antes de ver los gradientes: responde la predicción.", timeout=4)

    @on(ExerciseCard.Answered)
    def _answered(self, message: ExerciseCard.Answered) -> None:
        if self._gate_waiting and message.card.resolved and not self._predict_pending():
            self._gate_waiting = False
            if not message.skipped:
                verdict = "correcta ✓" if message.correct else "incorrecta ✗"
                self.notify(f"Tu predicción fue {verdict}: compárala con el panel 3 Gradientes.", timeout=5)
            self.run.revealed = max(self.run.revealed, 3)
            self._refresh_view()
            self.query_one("#lab-body").focus()
            self._scroll_to_phase(3)

    def _check_goals(self) -> None:
        """Tell goal cards when their goal is met (or can no longer be met in this run)."""
        cards = [card for card in self._cards()
                 if card.exercise.kind == "goal" and card.exercise.goal is not None and not card.resolved
            and getattr(card.exercise.goal, "dataset", "") in ("", self.spec.dataset.id)]
        if not cards:
            return
        from tutor.lessons.checking import goal_reached

        losses = [record.loss for record in self.run.records]
        for card in cards:
            goal = card.exercise.goal
            met = goal_reached(goal, losses)
            if met:
                card.set_goal_result(True, f"loss < {goal.below:g} en tus primeras "
                                           f"{goal.within_epochs} épocas.")
            elif len(losses) >= goal.within_epochs and not self._goal_reported.get(card.exercise.id):
                # Not met: a toast, not the card (its verdict would grow the card and move,
                # hence repaint, the whole screen; and no attempt is recorded for trying).
                self._goal_reported[card.exercise.id] = True
                finite = [loss for loss in losses[: goal.within_epochs] if math.isfinite(loss)]
                best = num(min(finite)) if finite else "nan"
                self.notify(f"Meta no alcanzada: la mejor loss en {goal.within_epochs} épocas fue {best} "
                            f"(meta: < {goal.below:g}). Cambia el learning rate (+ / -) y pulsa x.",
                            title="Objetivo del laboratorio", timeout=8)

    def _reset_cards(self) -> None:
        for card in self._cards():
            if card.exercise.live is not None:
                card.set_live(None)

    # -- drawing -------------------------------------------------------------------------

    def _refresh_view(self) -> None:
        """Bring every widget up to date; each one repaints only if its content changed.

        The status line, the four panels and the code come first, in this frame; the charts,
        the interpretation and the exercise cards (slower to draw: plotext, Markdown) follow
        in the next one, so a step shows its numbers without waiting for them.
        """
        if self._code_panel is None:  # a key before on_mount: on_mount draws everything
            return
        run = self.run
        record = run.current
        key = (self._generation, record.epoch if record else None)
        builders = (
            lambda: forward_view(self.spec, record),
            lambda: loss_view(self.spec, record),
            lambda: gradients_view(self.spec, record, self._hand_for(record)),
            lambda: update_view(self.spec, record),
        )
        for number, (panel, build, skeleton) in enumerate(zip(self._phase_panels, builders, self._skeletons), start=1):
            if record is not None and number <= run.revealed:
                panel.reveal(key, build)
            elif number == 3 and self._gate_waiting:
                panel.conceal("Responde primero la predicción (más abajo) para ver los gradientes.",
                              skeleton, waiting=True)
            elif record is not None and run.revealed < PHASE_COUNT:
                panel.conceal(f"pulsa espacio para ver la fase {number} {PHASES[number - 1]}", skeleton)
            else:
                panel.conceal("pulsa espacio (por fases) o e (una época entera)", skeleton)
        self._code_panel.show_phase(run.phase)
        self._show_status()
        if not self._slow_pending:
            self._slow_pending = True
            self.set_timer(SLOW_PARTS_DELAY, self._refresh_slow_parts)

    def _refresh_slow_parts(self) -> None:
        """Charts, interpretation and live exercise cards, from the state as it is now."""
        self._slow_pending = False
        if not self.is_attached:
            return
        run = self.run
        record = run.current
        loss_chart, data_chart, interpretation = self._slow_parts
        loss_chart.show(run.losses_shown())
        data_chart.show(run.params_shown())
        if not self._training:  # in flux while running: filled once the run stops
            values = run.trained_values()
            epoch = (record.epoch if run.revealed >= PHASE_COUNT else record.epoch - 1) if values else None
            interpretation.show(values, epoch, preview={**run.start, "loss": (0.0,)})
        for card in self._cards():
            if card.exercise.live is not None and card.exercise.kind in ("numeric", "predict"):
                card.set_live(run.live_value(card.exercise.live))
        if self._stepped:
            self._stepped = False
            self._progress_soon()
            self._check_goals()

    def _hand_for(self, record) -> Any:
        if self._hand[0] is not record:
            self._hand = (record, hand_gradients(self.spec, record))
        return self._hand[1]

    def _show_status(self) -> None:
        run = self.run
        record = run.current
        parts = []
        if record is None:
            parts.append(f"Época - (0/{self.spec.epochs})")
        else:
            parts.append(f"Época {record.epoch} ({run.epochs_run}/{self.spec.epochs})")
        parts.append(f"lr {rate(self._lr)}")
        shown = run.losses_shown()
        parts.append(f"loss {num(shown[-1])}" if shown else "loss -")
        if self._training:
            parts.append("pausando…" if self._stop.is_set() else "▶ corriendo: r pausa")
        elif run.phase:
            parts.append(f"{run.phase} {PHASES[run.phase - 1]}")
        parts.append(self.start_label)
        warning = ""
        if self._failed:
            warning = f"⚠ {self._failed}"
        elif run.diverged():
            warning = (f"⚠ DIVERGIÓ en la época {record.epoch}: la pérdida o los pesos son NaN/inf "
                       f"(lr {rate(record.lr)} es demasiado grande). Baja el lr con - y pulsa x, "
                       "o i / s para otro inicio.")
        self._status_line.show(" · ".join(parts), warning)

    def _scroll_to_phase(self, number: int) -> None:
        self.query_one("#lab-body").scroll_to_widget(self._phase_panels[number - 1], animate=False)

    # -- progress ------------------------------------------------------------------------

    def _progress_soon(self) -> None:
        """Post Progressed now, or once PROGRESS_INTERVAL has passed since the last one."""
        wait = self._progress_at + PROGRESS_INTERVAL - time.monotonic()
        if wait <= 0:
            self._post_progress()
        elif not self._progress_dirty:
            self._progress_dirty = True
            self.set_timer(wait, self._post_progress_if_dirty)

    def _post_progress_if_dirty(self) -> None:
        if self._progress_dirty:
            self._post_progress()

    def _post_progress(self) -> None:
        self._progress_dirty = False
        self._progress_at = time.monotonic()
        if self.run.epochs_run:
            self.app.post_message(self.Progressed(self.lesson.id, self.run.epochs_run, self.run.best_loss()))

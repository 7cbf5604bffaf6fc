"""LabSession: the lab's controller, in plain Python (no Textual, no TensorFlow).

It holds the one explicit `state` (tutor.lab.state), the records and how much of the last one
is revealed (`run`), the predict `gate` (tutor.lab.predictions), goals (`take_goal_events`), the
learning rate (tutor.lab.learning_rate_keys), the optimizer and batch size (tutor.lab.tuning),
the start values and when to save progress (`progress`).
Keys call press("phase" | "epoch" | "run"), reset(), random_start(), notebook_start(),
faster(), slower(), set_lr(), next_optimizer(), next_batch_size() and compare(); the channel's
results come back through receive() (stale ones dropped) and a run's records go on screen with
catch_up(). The view only reads it.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Callable, Iterable, Mapping, Sequence

from tutor.lab.channel import (
    Chunk, Compared, EpochDone, JobFailed, Load, LoadFailed, Ready, Reset, Run, RunControl,
    RunEnded, Step,
)
from tutor.lab.goals import GoalEvent, Goals
from tutor.lab.numbers import num
from tutor.lab.run import PHASE_COUNT, LabRun
from tutor.lab.saving import ProgressNote, ProgressSaver
from tutor.lab.starts import Starts
from tutor.lab.state import COMMANDS, QUEUE_LIMIT, State
from tutor.lab.learning_rate_keys import LearningRateKeys
from tutor.lab.predictions import PredictionGate
from tutor.lab.tuning import Tuning, TuningKeys
from tutor.lessons.model import Exercise

class LabSession(LearningRateKeys, PredictionGate, TuningKeys):
    def __init__(self, spec, channel, *, exercises: Iterable[Exercise] = (), resolved: Iterable[str] = (),
                 seed: int | None = None, init: str | None = None, start_seed: int | None = None,
                 start: Mapping[str, Sequence[float]] | None = None, lr: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.spec = spec
        self.channel = channel
        exercises = tuple(exercises)
        self.predictions = tuple(e for e in exercises if e.kind == "predict" and e.live is not None)
        self.resolved: set[str] = set(resolved)
        self.goals = Goals(exercises, spec.dataset.id, resolved=self.resolved)
        self.starts = Starts(spec, seed)
        self.start, self.start_label = self.starts.first(init=init, start_seed=start_seed, explicit=start)
        self.lr = float(spec.lr if lr is None else lr)
        self.tuning = Tuning(spec)  # the optimizer and batch size of the next epochs
        self.shuffle_seed = start_seed or 0  # mini-batch orders, as `tutor run --seed N`
        self.comparison: Mapping[str, tuple[float, ...]] | None = None  # k's losses, while on screen
        self.comparing = False
        self.generation = 0
        self.state = State.LOADING
        self.ready = False  # the Trainer exists
        self.failure = ""
        self.run = LabRun(start=dict(self.start))
        self.gate: Exercise | None = None  # the predict exercise to answer before "3 Gradientes"
        self.pausing = False
        self.message = ""  # the last feedback for the status line ("" = none)
        self.progress = ProgressSaver(clock)
        self._queue: deque[str] = deque()
        self._reveal = PHASE_COUNT  # what the epoch being computed will reveal
        self._control: RunControl | None = None
        self._incoming: list = []  # a run's records received, not on screen yet
        self.hand: tuple = (None, None)  # (last record stepped, its hand-derived gradients)
        self._goal_events: list[GoalEvent] = []

    # -- life cycle ------------------------------------------------------------------------

    def open(self) -> None:
        self.channel.submit(Load(self.generation, dict(self.start), self.lr, self.tuning.settings, self.shuffle_seed))

    def close(self) -> None:
        if self._control is not None:
            self._control.stop()
        self.channel.close()

    # -- keys ------------------------------------------------------------------------------

    def press(self, command: str) -> None:
        """space ("phase"), e ("epoch"), r ("run"; while running it pauses)."""
        if command not in COMMANDS:
            raise ValueError(f"unknown lab command {command!r}")
        self.message = ""
        if self.state is State.FAILED:
            self.message = self.failure
            return
        if self.state is State.DIVERGED:
            self.message = "Divergió: baja el lr (- o l) y pulsa x (o i / s)."
            return
        if self.state is State.RUNNING:
            if command == "run":
                self.pause()
            else:
                self.message = "Corriendo: r pausa."
            return
        if len(self._queue) < QUEUE_LIMIT:
            self._queue.append(command)
        self._pump()

    def pause(self) -> None:
        if self.state is State.RUNNING and self._control is not None:
            self._control.stop()
            self.pausing = True

    def reset(self) -> None:
        self._restart(self.start, self.start_label, "reiniciado")

    def random_start(self) -> None:
        start, label = self.starts.next_random()
        self._restart(start, label, label)

    def notebook_start(self) -> None:
        chosen = self.starts.notebook()
        if chosen is None:
            self.message = "Este laboratorio no tiene valores iniciales del cuaderno: s da uno al azar."
            return
        self._restart(*chosen, "valores del cuaderno")

    # -- exercises -------------------------------------------------------------------------

    def take_goal_events(self) -> list[GoalEvent]:
        events, self._goal_events = self._goal_events, []  # goals met / missed since the last call
        return events

    def live_value(self, exercise: Exercise) -> float | None:
        return self.run.live_value(exercise.live) if exercise.live is not None else None

    # -- what is on screen -----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Something is being computed, waits in the queue or is not on screen yet."""
        return self.state in (State.LOADING, State.STEPPING, State.RUNNING) or self.comparing or \
            bool(self._queue or self._incoming)

    @property
    def epochs_received(self) -> int:
        """Epochs computed so far in this run, on screen or about to be."""
        return self.run.epochs_run + len(self._incoming)

    @property
    def compiled(self) -> bool:
        """r is running the same loop compiled with tf.function (not the eager code step by step)."""
        return self.state is State.RUNNING

    def rising(self) -> tuple[float, float] | None:
        """(start loss, last loss) when the run ends worse than it started (lr too big), else None."""
        losses = self.run.losses_shown()
        if len(losses) < 2 or self.state is State.DIVERGED or not losses[-1] > losses[0] * (1 + 1e-6):
            return None
        return losses[0], losses[-1]

    # -- results from the channel (UI thread) ----------------------------------------------

    def receive(self, result) -> bool:
        """Take one channel result; False if it belongs to an abandoned start (dropped)."""
        if isinstance(result, LoadFailed):
            self.state, self.failure = State.FAILED, result.text
            self._queue.clear()
            self.comparing = False
            return True
        if isinstance(result, Ready):  # of any generation: the Trainer exists
            self.ready = True
            if result.generation != self.generation:  # the start changed while it loaded
                self.channel.submit(Reset(self.generation, dict(self.start), self.tuning.settings))
            if self.state is State.LOADING:
                self.state = State.IDLE
            self._pump()
            return True
        if result.generation != self.generation:
            return False
        if isinstance(result, EpochDone):
            self.hand = (result.record, result.hand)
            self.run.add(result.record, self._reveal)
            self._passed_a_prediction()
            self.state = State.DIVERGED if result.record.diverged else State.IDLE
            self._trained()
        elif isinstance(result, Chunk):
            self._incoming.extend(result.records)
            return True
        elif isinstance(result, RunEnded):
            self.catch_up()
            stopped = self._control is not None and self._control.stopped.is_set()
            self._control, self.pausing = None, False
            self.state = State.DIVERGED if self.run.diverged() else State.IDLE
            self.progress.soon()
            if stopped and self.run.epochs_run < self.spec.epochs:
                self.message = f"En pausa tras {self.run.epochs_run} épocas: r sigue."
        elif isinstance(result, Compared):
            self.comparing = False
            self.comparison = result.losses
            self.message = "comparación: cualquier tecla vuelve"
            return True
        elif isinstance(result, JobFailed):
            self.comparing = False
            self.message = f"No se pudo calcular: {result.text}"
            self._queue.clear()
            if self.state is State.STEPPING:
                self.state = State.IDLE
            return True
        if self.state is State.DIVERGED:
            self._queue.clear()
        self._pump()
        return True

    def catch_up(self) -> bool:
        """Put the run's records received so far on screen; True if there were any."""
        if not self._incoming:
            return False
        records, self._incoming = self._incoming, []
        self.run.extend(records)
        self._trained()
        return True

    # -- inside ----------------------------------------------------------------------------

    def _pump(self) -> None:
        """Carry out queued commands, one computation at a time."""
        while self._queue and self.state is State.IDLE:
            command = self._queue.popleft()
            if command == "run":
                self._start_run()
            else:
                self._reveal_more(PHASE_COUNT if command == "epoch" else None)

    def _reveal_more(self, upto: int | None) -> None:
        """One more phase (upto None) or the rest of the epoch, holding at the predict gate."""
        run = self.run
        if self.gate is not None:  # the status line says what to do: answer it
            self._queue.clear()
            return
        if upto is None and run.more_batches():  # space walks a mini-batch epoch's updates
            run.next_batch()
            return
        if run.needs_record:
            self._reveal = upto or 1
            self.state = State.STEPPING
            self.channel.submit(Step(self.generation, self.lr))
            return
        target = upto or run.revealed + 1
        if upto is None and run.revealed < PHASE_COUNT <= target:
            run.batch = 0  # by space: from its first update (without batches, ignored)
        run.revealed = max(run.revealed, min(target, PHASE_COUNT))
        self._hold_at_gate()

    def _start_run(self) -> None:
        if self.gate is not None:
            self.message = f"Antes, tu predicción: 1–{len(self.gate.choices)} y Enter."
            return
        target = self.spec.epochs
        if self.run.epochs_run >= target:  # past the lab's count: one more batch of as many
            target = self.run.epochs_run + self.spec.epochs
            self.message = f"Otras {self.spec.epochs} épocas, hasta {target}."
        self.run.revealed = PHASE_COUNT if self.run.records else 0
        self.gate = None
        self._control = RunControl(lr=self.lr)
        self.state = State.RUNNING
        self.channel.submit(Run(self.generation, target, self._control))

    def _restart(self, start, label: str, what: str) -> None:
        """x, s, i: stop whatever runs and start again from `start` (the lr stays as set)."""
        if self._control is not None:
            self._control.stop()
        self._control, self.pausing = None, False
        self.catch_up()  # what was on screen of the old run counts for progress
        self.progress.soon()
        self.generation += 1
        self._queue.clear()
        self._incoming.clear()
        self.gate = None
        self.comparing, self.comparison = False, None  # a Compare of the old start is skipped
        self.goals.new_run()
        self.start, self.start_label = dict(start), label
        self.run = LabRun(start=dict(start))
        shown = "  ".join(f"{name}={', '.join(num(v) for v in values)}" for name, values in start.items())
        self.message = f"{what}: {shown}"
        if self.state is State.FAILED:
            return
        if self.ready:
            self.state = State.IDLE
            self.channel.submit(Reset(self.generation, dict(start), self.tuning.settings))
        else:
            self.state = State.LOADING  # the Ready of the old generation resets the trainer

    def _trained(self) -> None:
        """The run on screen grew: progress to save, goals to check."""
        self.progress.trained(ProgressNote(self.run.epochs_run, self.run.best_loss()))
        self._goal_events.extend(self.goals.check([record.loss for record in self.run.records]))

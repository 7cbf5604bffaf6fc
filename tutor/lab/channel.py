"""The lab's one TensorFlow thread: every Trainer call runs there, in the order asked.

    channel = LabChannel(spec, post)         # post(result) is called from the thread
    channel.submit(Load(generation, start, lr)) ... Step / Reset / Run / Configure / Compare
    channel.close()

One long-lived thread rather than a worker per key press: TensorFlow sets up per-thread state
on the first operation in a thread, and one thread keeps every computation in order. Jobs and
results (tutor/lab/jobs.py) are plain dataclasses tagged with a *generation* (the session bumps it on every reset):
a job whose generation is older than the newest one submitted is skipped, and the session drops
results of an old generation. Nothing is shared but two ints and the run's RunControl, so no
lock is needed. Daemon, so quitting never waits for TensorFlow to finish loading.

`make_trainer` and `hand` default to the engine's Trainer and hand_gradients; tests pass a fake
trainer and `threaded=False` (jobs then wait in a list until `drain()` runs them).
"""

from __future__ import annotations

import gc
import queue
import threading
import time
from typing import Any, Callable

from tutor.lab.jobs import (  # the messages, importable from here too
    Chunk, Compare, Compared, Configure, EpochDone, JobFailed, Load, LoadFailed, Ready, Reset, Run, RunControl,
    RunEnded, Settings, Start, Step,
)

RUN_FIRST_CHUNK = 100  # epochs of a run's first Trainer.run call: on screen at once
RUN_CHUNK_SECONDS = 0.15  # later calls are sized to last about this long (pause is checked between)
RUN_MAX_CHUNK = 1000

__all__ = ["Chunk", "Compare", "Compared", "Configure", "EpochDone", "JobFailed", "LabChannel", "Load", "LoadFailed",
           "Ready", "Reset", "Run", "RunControl", "RunEnded", "Settings", "Step"]


def _engine_trainer(spec, start: Start, lr: float, **options):
    from tutor.engine import Trainer, load_tensorflow

    load_tensorflow()
    return Trainer(spec, start, lr=lr, **options)


def _engine_hand(spec, record):
    from tutor.engine import hand_gradients

    return hand_gradients(spec, record)


class LabChannel:
    """Runs a lab's jobs one after the other on its own thread; see the module docstring."""

    def __init__(self, spec, post: Callable[[Any], None], *, make_trainer: Callable | None = None,
                 hand: Callable | None = None, threaded: bool = True, warm_up: bool = True) -> None:
        self.spec = spec
        self._post = post
        self._make_trainer = make_trainer or _engine_trainer
        self._hand = hand or _engine_hand
        self._warm_up = warm_up and make_trainer is None
        self._trainer: Any = None
        self._shuffle_seed = 0
        self._rivals: dict[str, Any] = {}  # Compare's trainers, one per optimizer, made once
        self._newest = 0  # the newest generation submitted (written by the UI thread only)
        self._jobs: queue.SimpleQueue | list = queue.SimpleQueue() if threaded else []
        self._thread = None
        if threaded:
            self._thread = threading.Thread(target=self._loop, name="lab-trainer", daemon=True)
            self._thread.start()

    def submit(self, job) -> None:
        self._newest = max(self._newest, getattr(job, "generation", 0))
        if isinstance(self._jobs, list):
            self._jobs.append(job)
        else:
            self._jobs.put(job)

    def drain(self) -> int:
        """Without a thread: run the jobs waiting, in order; how many ran."""
        count = 0
        while isinstance(self._jobs, list) and self._jobs:
            self._execute(self._jobs.pop(0))
            count += 1
        return count

    def close(self) -> None:
        """Finish the job in progress (if any), skip what is queued after it, and stop."""
        self._newest += 1  # every queued job is now stale
        if not isinstance(self._jobs, list):
            self._jobs.put(None)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            self._execute(job)

    def _stale(self, generation: int) -> bool:
        return generation < self._newest

    def _execute(self, job) -> None:
        if isinstance(job, Load):
            self._load(job)
            return
        if self._trainer is None or self._stale(job.generation):
            return
        try:
            if isinstance(job, Step):
                self._trainer.lr = job.lr
                record = self._trainer.step()
                self._post(EpochDone(job.generation, record, self._hand(self.spec, record)))
            elif isinstance(job, Reset):
                if job.settings is not None:
                    _configure(self._trainer, job.settings)
                self._trainer.reset(job.start)
            elif isinstance(job, Configure):
                _configure(self._trainer, job.settings)
            elif isinstance(job, Run):
                self._run(job)
            elif isinstance(job, Compare):
                self._compare(job)
        except Exception as error:  # noqa: BLE001 - told to the student, never a traceback
            self._post(JobFailed(job.generation, str(error) or type(error).__name__))
            if isinstance(job, Run):
                self._post(RunEnded(job.generation))

    def _load(self, job: Load) -> None:
        try:
            self._shuffle_seed = job.shuffle_seed
            self._trainer = self._make_trainer(self.spec, job.start, job.lr, optimizer=job.settings.optimizer,
                                               batch_size=job.settings.batch_size, shuffle_seed=job.shuffle_seed)
        except Exception as error:  # noqa: BLE001
            self._post(LoadFailed(f"No se pudo preparar TensorFlow: {error}"))
            return
        self._post(Ready(job.generation))
        if self._warm_up and not self._stale(job.generation):
            self._warm(job.start)

    def _warm(self, start: Start) -> None:
        """Build run()'s graph and pay TF's slow first eager epoch now, while the student reads."""
        trainer = self._trainer
        try:
            trainer.prepare_run()
        except Exception:  # noqa: BLE001 - run() builds it later if this failed
            pass
        try:
            if trainer.epoch == 0:
                try:
                    trainer.step()
                finally:
                    trainer.reset(start)
        except Exception:  # noqa: BLE001 - the first real step pays for it instead
            pass
        # TensorFlow leaves about a million long-lived objects: a full garbage collection walks
        # them all (a quarter of a second, in the middle of a step). Move them out of its sight.
        gc.freeze()

    def _run(self, job: Run) -> None:
        trainer, control = self._trainer, job.control
        chunk = RUN_FIRST_CHUNK
        while not control.stopped.is_set() and not self._stale(job.generation):
            count = min(chunk, job.target - trainer.epoch)
            if count <= 0 or trainer.diverged:
                break
            trainer.lr = control.lr
            if control.settings is not None:
                _configure(trainer, control.settings)
            started = time.perf_counter()
            records = trainer.run(count, should_stop=control.stopped.is_set)
            took = time.perf_counter() - started
            if not records:
                break
            self._post(Chunk(job.generation, records))
            per_epoch = max(took / len(records), 1e-6)
            chunk = max(RUN_FIRST_CHUNK, min(RUN_MAX_CHUNK, int(RUN_CHUNK_SECONDS / per_epoch)))
            if records[-1].diverged:
                break
        self._post(RunEnded(job.generation))

    def _compare(self, job: Compare) -> None:
        from tutor.engine.comparison import in_step

        for name in job.optimizers:
            if name not in self._rivals:
                self._rivals[name] = self._make_trainer(self.spec, job.start, job.lr, optimizer=name,
                                                        batch_size=job.batch_size, shuffle_seed=self._shuffle_seed)
        rivals = {name: self._rivals[name] for name in job.optimizers}
        for trainer in rivals.values():
            trainer.lr, trainer.batch_size = job.lr, job.batch_size
            trainer.reset(job.start)
        losses: dict[str, list[float]] = {name: [] for name in job.optimizers}
        for _, chunk in in_step(rivals, job.epochs, should_stop=lambda: self._stale(job.generation)):
            for name, records in chunk.items():
                losses[name].extend(records[epoch].loss for epoch in sorted(records))
        if not self._stale(job.generation):
            self._post(Compared(job.generation, {name: tuple(values) for name, values in losses.items()}))


def _configure(trainer, settings: Settings) -> None:
    """Apply what changed: setting the optimizer, even to the same one, would restart its state."""
    if trainer.optimizer != settings.optimizer:
        trainer.optimizer = settings.optimizer
    if trainer.batch_size != settings.batch_size:
        trainer.batch_size = settings.batch_size

"""A stand-in for the engine's Trainer in the session's unit tests: the same narrow interface
(lr, optimizer, batch_size, epoch, diverged, step, run, reset, prepare_run), the linear neuron
with MSE in numpy (plain SGD whatever `optimizer` says; mini-batches in order, unshuffled),
so a test runs in milliseconds without TensorFlow. Never used by the product."""

from __future__ import annotations

import math

import numpy as np

from tutor.engine.records import BatchRecord, EpochRecord
from tutor.lessons.model import Dataset, Exercise, Goal, LabSpec, LiveValue

DATA = Dataset("ejemplo-1", "Ejemplo 1", ("x",), "y_real", ((1.0,), (2.0,), (3.0,), (4.0,)), (3.0, 5.0, 7.0, 9.0))
SPEC = LabSpec("neurona", "Neurona", DATA, "lineal", "mse", 0.1, 51, 10, ("w", "b"),
               bias_init="normal", notebook_init={"w": (1.3552873,), "b": (0.00364656,)})
PREDICT = Exercise("signo-dw", "predict", "¿dw será positivo o negativo?", 1, choices=("positivo", "negativo"),
                   live=LiveValue("grads", "w", 0, 0))
GOAL = Exercise("meta", "goal", "loss < 0.05 en 20 épocas", 2, goal=Goal(0.05, 20))
OTHER_GOAL = Exercise("meta-xor", "goal", "otra", 3, goal=Goal(0.1, 5, dataset="xor"))


class FakeTrainer:
    def __init__(self, spec, start, lr=None, optimizer="sgd", batch_size=None, shuffle_seed=0):
        self.spec = spec
        self.lr = spec.lr if lr is None else lr
        self.optimizer, self.batch_size, self.shuffle_seed = optimizer, batch_size, shuffle_seed
        self.calls: list[str] = []
        self.reset(start)
        self.calls = ["init"]

    def reset(self, start):
        self.calls.append("reset")
        self.w, self.b = float(start["w"][0]), float(start["b"][0])
        self.epoch = 0
        self.diverged = False

    def prepare_run(self):
        pass

    def step(self) -> EpochRecord:
        self.calls.append("step")
        return self._epoch()

    def run(self, epochs, should_stop=None):
        self.calls.append(f"run {epochs}")
        records = []
        while len(records) < epochs and not self.diverged:
            records.append(self._epoch())
        return records

    def _epoch(self) -> EpochRecord:
        assert not self.diverged, "stepped after diverging"
        x = np.array([row[0] for row in self.spec.dataset.inputs])
        y = np.array(self.spec.dataset.targets)
        before = {"w": (self.w,), "b": (self.b,)}
        y_pred, terms, loss, dw, db = _mse(self.w, self.b, x, y)
        batches = None
        if self.batch_size is None:
            w, b = self.w - self.lr * dw, self.b - self.lr * db
        else:
            w, b, batches = self.w, self.b, []
            for start in range(0, len(x), self.batch_size):
                indices = tuple(range(start, min(start + self.batch_size, len(x))))
                _, _, part, pw, pb = _mse(w, b, x[list(indices)], y[list(indices)])
                w, b = w - self.lr * pw, b - self.lr * pb
                batches.append(BatchRecord(indices, part, {"w": (pw,), "b": (pb,)}, {"w": (w,), "b": (b,)}))
            batches = tuple(batches)
        record = EpochRecord(self.epoch, self.lr, before, {"y_pred": tuple(y_pred)}, tuple(terms), loss,
                             {"w": (dw,), "b": (db,)}, {"w": (w,), "b": (b,)},
                             diverged=not all(math.isfinite(v) for v in (loss, w, b)), optimizer=self.optimizer,
                             batches=batches)
        self.w, self.b, self.epoch, self.diverged = w, b, self.epoch + 1, record.diverged
        return record


def _mse(w, b, x, y):
    with np.errstate(all="ignore"):
        y_pred = w * x + b
        terms = (y - y_pred) ** 2
        return (y_pred, terms, float(terms.mean()), float(-2 * np.mean(x * (y - y_pred))),
                float(-2 * np.mean(y - y_pred)))

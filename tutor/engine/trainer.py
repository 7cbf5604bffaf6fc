"""Trainer: runs a lab's training loop one epoch at a time, or many at once.

Creating a Trainer imports TensorFlow (call it from a worker thread in the UI).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from tutor.engine.records import EpochRecord
from tutor.engine.shapes import as_arrays, inputs, targets
from tutor.engine.start import start_values
from tutor.errors import TutorError
from tutor.lessons.model import LabSpec

CHUNK = 500  # epochs per graph call in run(): should_stop() is checked between chunks


class DivergedError(TutorError):
    """step() or run() was called after the training diverged; reset() starts again."""


class Trainer:
    """The notebook's training loop for one lab.

    `step()` runs one eager epoch (tutor/engine/loops.py, the code the lab shows);
    `run(epochs)` runs many in a TensorFlow graph (tutor/engine/bulk.py) and returns the
    same records. After an epoch whose loss or parameters are NaN/inf (record.diverged),
    `diverged` is True and both step() and run() raise DivergedError until reset().
    """

    def __init__(self, spec: LabSpec, start: Mapping[str, Sequence[float]], lr: float | None = None):
        from tutor.engine.runtime import load_tensorflow

        self._tf = tf = load_tensorflow()
        from tutor.engine import loops

        self.spec = spec
        self._epoch_function = loops.EPOCHS[(spec.model, spec.loss)]
        self._x = tf.constant(inputs(spec))
        self._y = tf.constant(targets(spec))
        self._names = tuple(spec.params)
        self._forward_names = ("z", "y_pred") if spec.model == "sigmoide" else ("y_pred",)
        self.lr = spec.lr if lr is None else lr
        values = as_arrays(spec, start_values(spec, start))
        self._variables = {name: tf.Variable(values[name], name=name) for name in self._names}
        self.epoch = 0
        self.diverged = False

    @property
    def lr(self) -> float:
        """The learning rate of the next epochs; settable between steps (the UI doubles/halves it)."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = float(value)

    @property
    def params(self) -> dict[str, tuple[float, ...]]:
        """The current parameters, {name: flat tuple}."""
        return {name: _flat(variable.numpy()) for name, variable in self._variables.items()}

    def reset(self, start: Mapping[str, Sequence[float]]) -> None:
        """Start again from `start` (any form start_values accepts as explicit values)."""
        values = as_arrays(self.spec, start_values(self.spec, start))
        for name, variable in self._variables.items():
            variable.assign(values[name])
        self.epoch = 0
        self.diverged = False

    def step(self) -> EpochRecord:
        """One eager epoch of the notebook's loop; returns what it computed."""
        self._check_not_diverged()
        weight, bias = self._weight_and_bias()
        before = (_flat(weight.numpy()), _flat(bias.numpy()))
        forward, perdidas, loss, grads = self._epoch_function(self._x, self._y, weight, bias, self.lr)
        record = self._record(before, [_flat(value.numpy()) for value in forward], _flat(perdidas.numpy()),
                              float(loss.numpy()), [_flat(grad.numpy()) for grad in grads],
                              (_flat(weight.numpy()), _flat(bias.numpy())))
        self._advance(record)
        return record

    def run(self, epochs: int, should_stop: Callable[[], bool] | None = None) -> list[EpochRecord]:
        """Run up to `epochs` epochs in a graph (much faster than step()); return every record.

        Stops early after an epoch that diverged, or when should_stop() returns True
        (checked before each chunk of CHUNK epochs).
        """
        from tutor.engine.bulk import run_chunk

        self._check_not_diverged()
        records: list[EpochRecord] = []
        weight, bias = self._weight_and_bias()
        while len(records) < epochs and not self.diverged:
            if should_stop is not None and should_stop():
                break
            out = run_chunk(self.spec.model, self.spec.loss, self._x, self._y, weight.read_value(),
                            bias.read_value(), self.lr, min(CHUNK, epochs - len(records)))
            for i, loss in enumerate(out["loss"]):
                record = self._record(
                    (out["w_before"][i], out["b_before"][i]), [out[name][i] for name in self._forward_names],
                    out["perdidas"][i], loss[0], (out["dw"][i], out["db"][i]),
                    (out["w_after"][i], out["b_after"][i]))
                self._advance(record)
                records.append(record)
            weight.assign(np.reshape(out["w_after"][-1], tuple(weight.shape)))
            bias.assign(np.reshape(out["b_after"][-1], tuple(bias.shape)))
        return records

    def prepare_run(self) -> None:
        """Build run()'s graph now (about 0.2 s, once per process and model/loss pair), so the
        first run() starts at once. Optional; call it from the same worker that made the Trainer."""
        from tutor.engine.bulk import prepare

        weight, bias = self._weight_and_bias()
        prepare(self.spec.model, self.spec.loss, self._x, self._y, weight.read_value(), bias.read_value())

    def predict(self) -> tuple[float, ...]:
        """y_pred per sample with the current parameters (what the notebook rounds at the end)."""
        tf = self._tf
        weight, bias = self._weight_and_bias()
        if self.spec.model == "lineal":
            y_pred = weight * self._x + bias
        else:
            y_pred = tf.sigmoid(tf.matmul(self._x, weight) + bias)
        return _flat(y_pred.numpy())

    def _weight_and_bias(self) -> tuple[Any, Any]:
        return self._variables[self._names[0]], self._variables[self._names[1]]

    def _record(self, before: Sequence[tuple[float, ...]], forward: Sequence[tuple[float, ...]],
                perdidas: tuple[float, ...], loss: float, grads: Sequence[tuple[float, ...]],
                after: Sequence[tuple[float, ...]]) -> EpochRecord:
        """The record of epoch self.epoch from flat values (parameters: weight, then bias),
        the same for the eager step() and the graph run()."""
        params_after = dict(zip(self._names, after))
        return EpochRecord(
            epoch=self.epoch,
            lr=self.lr,
            params_before=dict(zip(self._names, before)),
            forward=dict(zip(self._forward_names, forward)),
            sample_losses=perdidas,
            loss=loss,
            grads=dict(zip(self._names, grads)),
            params_after=params_after,
            diverged=not _finite(loss, params_after),
        )

    def _advance(self, record: EpochRecord) -> None:
        self.epoch = record.epoch + 1
        self.diverged = record.diverged

    def _check_not_diverged(self) -> None:
        if self.diverged:
            raise DivergedError(
                f"el entrenamiento divergió en la época {self.epoch - 1} (pérdida o pesos NaN/inf); "
                "reinicia con un learning rate menor")


def _finite(loss: float, params: Mapping[str, tuple[float, ...]]) -> bool:
    return math.isfinite(loss) and all(math.isfinite(v) for values in params.values() for v in values)


def _flat(array: Any) -> tuple[float, ...]:
    return tuple(np.asarray(array).ravel().tolist())

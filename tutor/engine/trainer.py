"""Trainer: runs a lab's training loop one epoch at a time, or many at once.

Creating a Trainer imports TensorFlow (call it from a worker thread in the UI).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from tutor.engine.records import EpochRecord
from tutor.engine.shapes import as_arrays, inputs, param_shapes, targets
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
        self._shapes = param_shapes(spec)
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
        weight, bias = (self._variables[name] for name in self._names)
        before = {name: variable.numpy() for name, variable in self._variables.items()}
        forward, perdidas, loss, grads = self._epoch_function(self._x, self._y, weight, bias, self.lr)
        record = self._record(
            self.epoch, before,
            [value.numpy() for value in forward], perdidas.numpy(), loss.numpy(),
            [grad.numpy() for grad in grads],
            {name: variable.numpy() for name, variable in self._variables.items()})
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
        weight, bias = (self._variables[name] for name in self._names)
        weight_name, bias_name = self._names
        forward_names = ("z", "y_pred") if self.spec.model == "sigmoide" else ("y_pred",)
        while len(records) < epochs and not self.diverged:
            if should_stop is not None and should_stop():
                break
            out = run_chunk(self.spec.model, self.spec.loss, self._x, self._y, weight.read_value(),
                            bias.read_value(), self.lr, min(CHUNK, epochs - len(records)))
            for i, loss in enumerate(out["loss"]):
                after = {weight_name: out["w_after"][i], bias_name: out["b_after"][i]}
                record = EpochRecord(
                    epoch=self.epoch, lr=self.lr,
                    params_before={weight_name: out["w_before"][i], bias_name: out["b_before"][i]},
                    forward={name: out[name][i] for name in forward_names},
                    sample_losses=out["perdidas"][i], loss=loss[0],
                    grads={weight_name: out["dw"][i], bias_name: out["db"][i]},
                    params_after=after, diverged=not _finite(loss[0], after))
                self._advance(record)
                records.append(record)
            weight.assign(np.reshape(out["w_after"][-1], self._shapes[weight_name]))
            bias.assign(np.reshape(out["b_after"][-1], self._shapes[bias_name]))
        return records

    def prepare_run(self) -> None:
        """Build run()'s graph now (about 0.2 s, once per process and model/loss pair), so the
        first run() starts at once. Optional; call it from the same worker that made the Trainer."""
        from tutor.engine.bulk import prepare

        weight, bias = (self._variables[name] for name in self._names)
        prepare(self.spec.model, self.spec.loss, self._x, self._y, weight.read_value(), bias.read_value())

    def predict(self) -> tuple[float, ...]:
        """y_pred per sample with the current parameters (what the notebook rounds at the end)."""
        tf = self._tf
        weight, bias = (self._variables[name] for name in self._names)
        if self.spec.model == "lineal":
            y_pred = weight * self._x + bias
        else:
            y_pred = tf.sigmoid(tf.matmul(self._x, weight) + bias)
        return _flat(y_pred.numpy())

    def _record(self, epoch: int, before: dict[str, Any], forward: list[Any], perdidas: Any,
                loss: Any, grads: list[Any], after: dict[str, Any]) -> EpochRecord:
        names = ("z", "y_pred") if len(forward) == 2 else ("y_pred",)
        loss_value = float(loss)
        return EpochRecord(
            epoch=epoch,
            lr=self.lr,
            params_before={name: _flat(before[name]) for name in self._names},
            forward={name: _flat(value) for name, value in zip(names, forward)},
            sample_losses=_flat(perdidas),
            loss=loss_value,
            grads={name: _flat(grad) for name, grad in zip(self._names, grads)},
            params_after={name: _flat(after[name]) for name in self._names},
            diverged=not _finite(loss_value, {name: _flat(after[name]) for name in self._names}),
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

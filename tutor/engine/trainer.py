"""Trainer: runs a lab's training loop one epoch at a time, or many at once.

Creating a Trainer imports TensorFlow (call it from a worker thread in the UI).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from tutor.engine.batches import epoch_batches
from tutor.engine.layout import EpochValues, UpdateValues
from tutor.engine.models import model_for
from tutor.engine.optimizers import optimizer_kind
from tutor.engine.records import BatchRecord, EpochRecord
from tutor.engine.start import start_values
from tutor.errors import TutorError
from tutor.lessons.model import LabSpec

CHUNK = 500  # epochs per graph call in run(): should_stop() is checked between chunks


class DivergedError(TutorError):
    """step() or run() was called after the training diverged; reset() starts again."""


class Trainer:
    """The notebook's training loop for one lab.

    `step()` runs one eager epoch (the epoch function of tutor/engine/loops/, the code the lab
    shows); `run(epochs)` runs many in a TensorFlow graph (tutor/engine/bulk.py) and returns
    the same records. After an epoch whose loss or parameters are NaN/inf (record.diverged),
    `diverged` is True and both step() and run() raise DivergedError until reset().

    `optimizer` ("sgd", "momentum", "adam", "rmsprop"; default the lab's) and `batch_size`
    (None: the whole dataset; default the lab's) can change between epochs, like `lr`;
    mini-batch orders follow tutor/engine/batches.py with `shuffle_seed`.
    """

    def __init__(self, spec: LabSpec, start: Mapping[str, Sequence[float]], lr: float | None = None, *,
                 optimizer: str | None = None, batch_size: int | None = None, shuffle_seed: int = 0):
        from tutor.engine.compute import ModelCode
        from tutor.engine.runtime import load_tensorflow

        self._tf = tf = load_tensorflow()
        self.spec = spec
        self.model = model_for(spec)
        self._code = ModelCode(self.model)
        self._x = tf.constant(self.model.inputs())
        self._y = tf.constant(self.model.targets())
        self._names = self.model.param_names
        values = self.model.as_arrays(start_values(spec, start))
        self._variables = [tf.Variable(values[name], name=name) for name in self._names]
        self._lr = float(spec.lr if lr is None else lr)
        self._optimizer: Any = None
        self._graphs: dict[bool, Any] = {}
        self.optimizer = optimizer or spec.optimizer
        self.batch_size = batch_size if batch_size is not None else spec.batch_size
        self.shuffle_seed = shuffle_seed
        self.epoch = 0
        self.diverged = False

    @property
    def lr(self) -> float:
        """The learning rate of the next epochs; settable between steps (the UI doubles/halves it)."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = float(value)
        if self._optimizer is not None:
            self._optimizer.learning_rate = self._lr

    @property
    def optimizer(self) -> str:
        """The update rule of the next epochs; setting it starts that optimizer's state afresh."""
        return self._kind.name

    @optimizer.setter
    def optimizer(self, name: str) -> None:
        self._kind = optimizer_kind(name)
        self._optimizer = self._kind.make(self._tf, self._lr)
        if self._optimizer is not None:
            self._optimizer.build(self._variables)
        self._graphs = {}

    @property
    def batch_size(self) -> int | None:
        """Samples per update (None: the whole dataset, as the notebook); settable between epochs."""
        return self._batch_size

    @batch_size.setter
    def batch_size(self, size: int | None) -> None:
        if size is not None and not 1 <= size <= self.model.samples:
            raise TutorError(f"el batch size debe estar entre 1 y {self.model.samples} (los ejemplos de "
                             f"{self.spec.dataset.id}), no {size}", exit_code=2)
        self._batch_size = size

    @property
    def params(self) -> dict[str, tuple[float, ...]]:
        """The current parameters, {name: flat tuple}."""
        return {name: _flat(variable.numpy()) for name, variable in zip(self._names, self._variables)}

    def reset(self, start: Mapping[str, Sequence[float]]) -> None:
        """Start again from `start` (any form start_values accepts as explicit values); the
        optimizer's state starts from zero too."""
        values = self.model.as_arrays(start_values(self.spec, start))
        for name, variable in zip(self._names, self._variables):
            variable.assign(values[name])
        if self._optimizer is not None:
            for variable in self._optimizer.variables:
                variable.assign(self._tf.zeros_like(variable))
        self.epoch = 0
        self.diverged = False

    def step(self) -> EpochRecord:
        """One eager epoch of the notebook's loop (one update per batch); returns what it computed."""
        self._check_not_diverged()
        before = self.params
        if self.batch_size is None:
            top = self._update(self._x, self._y, ())
            values = EpochValues(before, top)
        else:
            whole = self._code.evaluate(self._x, self._y, self._variables)
            batches = []
            for indices in epoch_batches(self.shuffle_seed, self.epoch, self.model.samples, self.batch_size):
                chosen = self._tf.constant(indices, self._tf.int32)
                batches.append(self._update(self._tf.gather(self._x, chosen), self._tf.gather(self._y, chosen), indices))
            values = EpochValues(before, self._values(whole), batches)
        record = self._record(values)
        self._advance(record)
        return record

    def run(self, epochs: int, should_stop: Callable[[], bool] | None = None) -> list[EpochRecord]:
        """Run up to `epochs` epochs in a graph (much faster than step()); return every record.

        Stops early after an epoch that diverged, or when should_stop() returns True
        (checked before each chunk of CHUNK epochs).
        """
        self._check_not_diverged()
        records: list[EpochRecord] = []
        while len(records) < epochs and not self.diverged:
            if should_stop is not None and should_stop():
                break
            count = min(CHUNK, epochs - len(records))
            for values in self._graph().run(self._x, self._y, self._variables, self.lr, self.epoch, count,
                                            self.batch_size, self.shuffle_seed):
                record = self._record(values)
                self._advance(record)
                records.append(record)
        return records

    def prepare_run(self) -> None:
        """Build run()'s graph now (about 0.2 s, once per process for sgd), so the first run()
        starts at once. Optional; call it from the same worker that made the Trainer."""
        self._graph().prepare(self._x, self._y, self._variables, self.batch_size)

    def predict(self, inputs: Sequence[Sequence[float]] | None = None,
                params: Mapping[str, Sequence[float]] | None = None) -> tuple[float, ...]:
        """y_pred per sample (what the notebook rounds at the end), with the model's one forward
        function: of the lab's data or of `inputs` (rows, e.g. a grid), with the current
        parameters or `params` ({name: flat values}, e.g. a past record's)."""
        tf = self._tf
        x = self._x if inputs is None else tf.constant(self.model.to_inputs(inputs))
        if params is None:
            tensors = self._variables
        else:
            arrays = self.model.as_arrays(params)
            tensors = [tf.constant(arrays[name]) for name in self._names]
        return _flat(self._code.forward(x, tensors)[-1].numpy())

    def _graph(self) -> Any:
        from tutor.engine.bulk import Graph

        batched = self.batch_size is not None
        if batched not in self._graphs:
            self._graphs[batched] = Graph(self._code, self._kind, self._optimizer, batched)
        return self._graphs[batched]

    def _update(self, x: Any, y: Any, indices: Sequence[int]) -> UpdateValues:
        """One update with the epoch function, as the lab shows it."""
        update = self._values(self._code.epoch(x, y, self._variables, self.lr, self._optimizer))
        update.indices = tuple(indices)
        return update

    def _values(self, computed: Sequence[Any]) -> UpdateValues:
        forward, perdidas, loss, grads = computed
        state = {}
        if self._optimizer is not None:
            for name, variable in zip(self._names, self._variables):
                tensors = self._kind.state(self._tf, self._optimizer, variable)
                state[name] = {slot: _flat(t.numpy()) for slot, t in zip(self._kind.slots, tensors)}
        return UpdateValues(
            forward={name: _flat(value.numpy()) for name, value in zip(self.model.forward_names, forward)},
            perdidas=_flat(perdidas.numpy()), loss=float(loss.numpy()),
            grads={name: _flat(grad.numpy()) for name, grad in zip(self._names, grads)},
            after=self.params, state=state)

    def _record(self, values: EpochValues) -> EpochRecord:
        """The record of epoch self.epoch, the same for the eager step() and the graph run()."""
        top = values.top
        batches = None
        finite = _finite(top.loss, top.after)
        if values.batches is not None:
            batches = tuple(BatchRecord(indices=b.indices, loss=b.loss, grads=b.grads, params_after=b.after,
                                        forward=b.forward, sample_losses=b.perdidas, optimizer_state=b.state)
                            for b in values.batches)
            finite = finite and all(math.isfinite(b.loss) for b in batches)
        return EpochRecord(
            epoch=self.epoch, lr=self.lr, params_before=values.before, forward=top.forward,
            sample_losses=top.perdidas, loss=top.loss, grads=top.grads, params_after=top.after,
            diverged=not finite, optimizer=self.optimizer, optimizer_state=top.state, batches=batches)

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

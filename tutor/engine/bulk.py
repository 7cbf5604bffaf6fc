"""The fast path for "run to the end": many epochs inside one TensorFlow graph.

It runs the same model code as step() (the forward function of tutor/engine/loops/, the same
loss, tape.gradient and update, on the same tf.Variables, in the same order), inside a
`tf.while_loop`, and writes each epoch's values as one row of a TensorArray (see layout.py),
so a chunk of hundreds of epochs costs one call from Python. Tests check every record against
step()'s within 1e-6 (relative above 1: a graph kernel may round a float32 ULP differently).

Graphs for the notebook's update (sgd) are shared by every Trainer of the process; those
with a tf.keras optimizer hold that optimizer's slots, so each Trainer keeps its own.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from typing import Any, Callable, Sequence

import numpy as np

from tutor.engine.batches import epoch_batches
from tutor.engine.compute import ModelCode, apply_update, optimizer_state
from tutor.engine.layout import EpochValues, Layout, pack
from tutor.engine.optimizers import OptimizerKind
from tutor.engine.runtime import quiet_stderr

_lock = threading.Lock()
_shared: dict[tuple, Callable[..., Any]] = {}
_traced: set[tuple] = set()


class Graph:
    """One compiled epoch loop for one model, optimizer and batching."""

    def __init__(self, code: ModelCode, kind: OptimizerKind, optimizer: Any, batched: bool) -> None:
        self.code = code
        self.layout = Layout(code.model, kind)
        self.batched = batched
        model = code.model
        # one graph per row layout: the shapes (hidden size, inputs) are part of it
        key = (model.name, model.spec.loss, model.spec.activation, tuple(model.param_sizes.items()),
               tuple(model.forward_widths.items()), batched)
        if optimizer is None:
            with _lock:
                if key not in _shared:
                    _shared[key] = _build(code, self.layout, kind, None, batched)
                self._function = _shared[key]
            self._key = key
        else:
            self._function = _build(code, self.layout, kind, optimizer, batched)
            self._key = (id(self),) + key

    def run(self, x: Any, y: Any, variables: Sequence[Any], lr: float, first_epoch: int, epochs: int,
            batch_size: int | None, shuffle_seed: int) -> list[EpochValues]:
        """Up to `epochs` epochs from the variables' values (which it updates); stops after
        the first epoch whose loss or parameters are NaN/inf (that epoch included)."""
        tf = self.code.tf
        samples = self.code.model.samples
        batches = None
        orders = np.zeros((epochs, samples if self.batched else 0), dtype=np.int32)
        if self.batched:
            batches = [epoch_batches(shuffle_seed, first_epoch + i, samples, batch_size) for i in range(epochs)]
            for row, epoch in zip(orders, batches):
                row[:] = [i for batch in epoch for i in batch]
        args = (x, y, list(variables), tf.constant(lr, tf.float32), tf.constant(epochs, tf.int32),
                tf.constant(orders), tf.constant(batch_size or 0, tf.int32))
        # the first run of a graph prints TensorFlow log lines on fd 2
        shapes = (self._key, tuple(x.shape), tuple(tuple(v.shape) for v in variables))
        with quiet_stderr() if shapes not in _traced else nullcontext():
            rows = self._function(*args).numpy()
        _traced.add(shapes)
        if len(rows) == 0:
            return []
        rows = rows.reshape(len(rows), -1)
        return [self.layout.unpack(row, samples, batches[i] if batches else None) for i, row in enumerate(rows)]

    def prepare(self, x: Any, y: Any, variables: Sequence[Any], batch_size: int | None) -> None:
        """Trace and run the graph for zero epochs: nothing changes, the next run starts fast."""
        self.run(x, y, variables, 0.0, 0, 0, batch_size or 1, 0)


def _build(code: ModelCode, layout: Layout, kind: OptimizerKind, optimizer: Any, batched: bool) -> Callable[..., Any]:
    tf = code.tf
    params = layout.params

    def values_of(values, perdidas, loss, grads, variables) -> dict:
        found = {("perdidas",): perdidas, ("loss",): loss}
        found.update({("forward", name): value for name, value in zip(layout.widths, values)})
        found.update({("grads", name): grad for name, grad in zip(params, grads)})
        found.update({("after", name): variable.read_value() for name, variable in zip(params, variables)})
        found.update(zip(layout.state_keys(), optimizer_state(kind, optimizer, variables)))
        return found

    def finite(*tensors: Any) -> Any:
        return tf.reduce_all(tf.math.is_finite(tf.concat([tf.reshape(t, [-1]) for t in tensors], 0)))

    def run_batches(x, y, variables, lr, order, batch_size):
        samples = tf.shape(order)[0]
        count = (samples + batch_size - 1) // batch_size

        def one_batch(b, ok, parts):
            start = b * batch_size
            indices = order[start:tf.minimum(start + batch_size, samples)]
            values, perdidas, loss, grads = code.evaluate(tf.gather(x, indices), tf.gather(y, indices), variables)
            apply_update(variables, grads, lr, optimizer)
            found = values_of(values, perdidas, loss, grads, variables)
            return b + 1, tf.logical_and(ok, finite(loss)), parts.write(b, pack(tf, found, layout.batch_keys()))

        parts = tf.TensorArray(tf.float32, size=count, infer_shape=False)
        _, ok, parts = tf.while_loop(lambda b, ok, parts: b < count, one_batch, (tf.constant(0), tf.constant(True), parts))
        return ok, parts.concat()

    @tf.function(autograph=False, reduce_retracing=True)
    def run(x, y, variables, lr, epochs, orders, batch_size):
        rows = tf.TensorArray(tf.float32, size=epochs, infer_shape=False)

        def keep_going(i, diverged, rows):
            return tf.logical_and(i < epochs, tf.logical_not(diverged))

        def one_epoch(i, diverged, rows):
            before = {("before", name): variable.read_value() for name, variable in zip(params, variables)}
            values, perdidas, loss, grads = code.evaluate(x, y, variables)
            if batched:
                ok, batch_row = run_batches(x, y, variables, lr, orders[i], batch_size)
            else:
                apply_update(variables, grads, lr, optimizer)
                ok, batch_row = tf.constant(True), tf.zeros([0])
            found = {**before, **values_of(values, perdidas, loss, grads, variables)}
            row = tf.concat([pack(tf, found, layout.top_keys()), batch_row], 0)
            fine = tf.logical_and(ok, finite(loss, *(found[("after", name)] for name in params)))
            return i + 1, tf.logical_not(fine), rows.write(i, row)

        count, _, rows = tf.while_loop(keep_going, one_epoch, (tf.constant(0), tf.constant(False), rows))
        return tf.cond(count > 0, lambda: rows.gather(tf.range(count)), lambda: tf.zeros([0, 0]))

    return run

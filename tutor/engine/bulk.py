"""The fast path for "run to the end": many epochs inside one TensorFlow graph.

It computes the same numbers as the eager loop in tutor/engine/loops.py, with the same
operations in the same order (tests check every record within 1e-6, relative above 1: a
graph kernel may round a float32 ULP differently), but carries w and b as tensors through a
`tf.while_loop` and writes each epoch's values as one row of a TensorArray, so a chunk of
hundreds of epochs costs one call from Python.

One difference had to be undone: inside a graph, Keras 2's binary_crossentropy notices that
y_pred comes straight from a Sigmoid op and switches to the logits formula, while eagerly
(as in the notebook) it clips y_pred and adds epsilon inside the log. A `tf.identity`
between the two keeps the notebook's formula.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from typing import Any, Callable

import numpy as np

from tutor.engine.runtime import load_tensorflow, quiet_stderr

_lock = threading.Lock()
_compiled: dict[tuple[str, str], Callable[..., Any]] = {}

# The values of one epoch, in the order they are joined into its row.
FIELDS = ("w_before", "b_before", "z", "y_pred", "perdidas", "loss", "dw", "db",
          "w_after", "b_after")


def run_chunk(model: str, loss: str, x: Any, y: Any, w: Any, b: Any, lr: float,
              epochs: int) -> dict[str, list[tuple[float, ...]]]:
    """Run up to `epochs` epochs from (w, b); return each field as one flat tuple per epoch.

    Stops after the first epoch whose loss or parameters are NaN/inf (that epoch included).
    The first call for a (model, loss) pair traces the graph (~0.2 s); see prepare().
    """
    tf = load_tensorflow()
    key = (model, loss)
    with _lock:
        first = key not in _compiled
        if first:
            _compiled[key] = _build(tf, model, loss)
        function = _compiled[key]
    w = tf.convert_to_tensor(w, tf.float32)
    b = tf.convert_to_tensor(b, tf.float32)
    args = (x, y, w, b, tf.constant(lr, tf.float32), tf.constant(epochs, tf.int32))
    # the first run of a graph prints TensorFlow log lines on fd 2
    with quiet_stderr() if first else nullcontext():
        rows = function(*args).numpy()
    n, k = int(tf.size(y)), int(tf.size(w))
    sizes = (k, 1, n, n, n, 1, k, 1, k, 1)
    columns = np.split(rows.reshape(len(rows), -1), np.cumsum(sizes)[:-1], axis=1)
    return {name: list(map(tuple, column.tolist())) for name, column in zip(FIELDS, columns)}


def prepare(model: str, loss: str, x: Any, y: Any, w: Any, b: Any) -> None:
    """Trace and run the graph once (one epoch, results dropped) so the next call is fast."""
    run_chunk(model, loss, x, y, w, b, 0.0, 1)


def _build(tf: Any, model: str, loss: str) -> Callable[..., Any]:
    def forward_and_loss(x: Any, y: Any, w: Any, b: Any) -> tuple[Any, Any, Any, Any]:
        if model == "lineal":
            y_pred = w * x + b
            z = y_pred
        else:
            z = tf.matmul(x, w) + b
            y_pred = tf.sigmoid(z)
        if loss == "mse" and model == "lineal":
            perdidas = (y - y_pred) ** 2
        elif loss == "mse":
            perdidas = tf.reduce_mean((y - y_pred) ** 2, axis=1)
        elif model == "lineal":
            perdidas = tf.keras.losses.binary_crossentropy(y[:, None], tf.identity(y_pred)[:, None])
        else:
            perdidas = tf.keras.losses.binary_crossentropy(y, tf.identity(y_pred))
        return z, y_pred, perdidas, tf.reduce_mean(perdidas)

    tensor = tf.TensorSpec(shape=None, dtype=tf.float32)

    @tf.function(autograph=False, input_signature=[tensor, tensor, tensor, tensor,
                                                    tf.TensorSpec([], tf.float32), tf.TensorSpec([], tf.int32)])
    def run(x: Any, y: Any, w: Any, b: Any, lr: Any, epochs: Any) -> Any:
        rows = tf.TensorArray(tf.float32, size=epochs, infer_shape=False)

        def keep_going(i: Any, w: Any, b: Any, diverged: Any, rows: Any) -> Any:
            return tf.logical_and(i < epochs, tf.logical_not(diverged))

        def one_epoch(i: Any, w: Any, b: Any, diverged: Any, rows: Any) -> tuple[Any, ...]:
            with tf.GradientTape() as tape:
                tape.watch([w, b])
                z, y_pred, perdidas, loss_value = forward_and_loss(x, y, w, b)
            dw, db = tape.gradient(loss_value, [w, b])
            w_after = w - lr * dw
            b_after = b - lr * db
            values = (w, b, z, y_pred, perdidas, loss_value, dw, db, w_after, b_after)
            row = tf.concat([tf.reshape(value, [-1]) for value in values], 0)
            checked = tf.concat([tf.reshape(loss_value, [1]), tf.reshape(w_after, [-1]), b_after], 0)
            diverged = tf.logical_not(tf.reduce_all(tf.math.is_finite(checked)))
            return i + 1, w_after, b_after, diverged, rows.write(i, row)

        count, _, _, _, rows = tf.while_loop(
            keep_going, one_epoch, (tf.constant(0), w, b, tf.constant(False), rows))
        return rows.gather(tf.range(count))

    return run

"""What the tutor is measured against: bare TensorFlow, and the notebook's own eager loop."""

from __future__ import annotations

import json
import subprocess
import sys
import time

# The notebook's Ejemplo 2 (compuerta-and) cell, as it runs there; and the same cell with
# the XOR lab's network (2 → 3 tanh → 1 sigmoid, its `--seed 1` start). Each is timed the same
# way: one epoch for the step latency baseline, the lab's epochs for run-to-end.
_HEADER = r"""
import json, os, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
"""

_AND_CELL = r"""
X = tf.constant([[0.,0.],[0.,1.],[1.,0.],[1.,1.]])
y_true = tf.constant([[0.],[0.],[0.],[1.]])
w = tf.Variable([[1.0883665], [-0.92451656]])
b = tf.Variable(tf.zeros([1]))
lr = 0.1

def epoch_once():
    with tf.GradientTape() as tape:
        z = tf.matmul(X, w) + b
        y_pred = tf.sigmoid(z)
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(y_true, y_pred))
    grads = tape.gradient(loss, [w, b])
    w.assign_sub(lr * grads[0])
    b.assign_sub(lr * grads[1])
    return loss
"""

_XOR_CELL = r"""
X = tf.constant([[0.,0.],[0.,1.],[1.,0.],[1.,1.]])
y_true = tf.constant([[0.],[1.],[1.],[0.]])
W1 = tf.Variable([[0.21856664, 0.51963693, 0.20898676], [-0.8241890, 0.57259732, 0.28231207]])
b1 = tf.Variable(tf.zeros([3]))
W2 = tf.Variable([[-0.37968329], [0.41091254], [0.25779161]])
b2 = tf.Variable(tf.zeros([1]))
lr = 0.5

def epoch_once():
    with tf.GradientTape() as tape:
        a1 = tf.tanh(tf.matmul(X, W1) + b1)
        y_pred = tf.sigmoid(tf.matmul(a1, W2) + b2)
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(y_true, y_pred))
    grads = tape.gradient(loss, [W1, b1, W2, b2])
    for variable, grad in zip([W1, b1, W2, b2], grads):
        variable.assign_sub(lr * grad)
    return loss
"""

_TIMED = r"""
for _ in range(20):  # warm up kernels, as a student's notebook already is
    epoch_once()
singles = []
for _ in range(200):
    started = time.perf_counter()
    epoch_once().numpy()
    singles.append(time.perf_counter() - started)
started = time.perf_counter()
for epoch in range(EPOCHS):
    loss = epoch_once()
    if epoch % 400 == 0:
        loss.numpy()
loop = time.perf_counter() - started
singles.sort()
print(json.dumps({"epoch_s": singles[len(singles) // 2], "loop_s": loop}))
"""

_BARE_IMPORT = r'''
import json, os, resource
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow
print(json.dumps({"tf_import_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''


def _run_json(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_tf_import() -> dict:
    """Wall time of a bare `python -c "import tensorflow"` (best of 3) and its peak RSS."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    peak = _run_json(_BARE_IMPORT)["tf_import_peak_rss_mb"]
    return {"tf_import_s": round(min(times), 3), "tf_import_peak_rss_mb": round(peak, 1)}


def notebook_eager_loop() -> dict:
    """compuerta-and's cell: one eager epoch (median of 200) and its 2000 epochs."""
    numbers = _run_json(_HEADER + _AND_CELL + _TIMED.replace("EPOCHS", "2000"))
    return {"eager_epoch_s": round(numbers["epoch_s"], 5), "notebook_loop_2000_s": round(numbers["loop_s"], 5)}


def notebook_xor_loop() -> dict:
    """The XOR network's cell: one eager epoch (median of 200) and its 1000 epochs."""
    numbers = _run_json(_HEADER + _XOR_CELL + _TIMED.replace("EPOCHS", "1000"))
    return {"xor_eager_epoch_s": round(numbers["epoch_s"], 5),
            "xor_notebook_loop_1000_s": round(numbers["loop_s"], 5)}

"""What the tutor is measured against: bare TensorFlow, and the notebook's own eager loop."""

from __future__ import annotations

import json
import subprocess
import sys
import time

# The notebook's Ejemplo 2 (compuerta-and) cell, as it runs there, timed: one epoch for the
# step latency baseline, 2000 epochs for run-to-end.
_NOTEBOOK_LOOP = r'''
import json, os, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf

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

for _ in range(20):  # warm up kernels, as a student's notebook already is
    epoch_once()
singles = []
for _ in range(200):
    started = time.perf_counter()
    epoch_once().numpy()
    singles.append(time.perf_counter() - started)
started = time.perf_counter()
for epoch in range(2000):
    loss = epoch_once()
    if epoch % 400 == 0:
        loss.numpy()
loop = time.perf_counter() - started
singles.sort()
print(json.dumps({"eager_epoch_s": singles[len(singles) // 2], "notebook_loop_2000_s": loop}))
'''

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
    numbers = _run_json(_NOTEBOOK_LOOP)
    return {key: round(value, 5) for key, value in numbers.items()}

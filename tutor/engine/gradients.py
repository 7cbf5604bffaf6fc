"""The gradients worked out by hand, in numpy: what tape.gradient should have returned.

MSE with the linear neuron:   dw = -2/n · Σ x·(y − y_pred)    db = -2/n · Σ (y − y_pred)
sigmoid with BCE:            dW = Xᵀ(y_pred − y) / n          db = mean(y_pred − y)
The other pairs (free lab) follow the chain rule: dL/dy_pred, times dy_pred/dz = p(1 − p)
for the sigmoid, times x (weights) or 1 (bias). The BCE formula ignores Keras's clipping
(1e-7 from 0 and 1), so it matches TensorFlow away from that edge.
"""

from __future__ import annotations

import numpy as np

from tutor.engine.records import EpochRecord
from tutor.engine.shapes import inputs, targets
from tutor.lessons.model import LabSpec

EPSILON = 1e-7  # Keras's epsilon inside the log of binary crossentropy


def hand_gradients(spec: LabSpec, record: EpochRecord) -> dict[str, tuple[float, ...]]:
    """{name: flat gradient} from the lab's data and the record's y_pred (which was computed
    with params_before)."""
    with np.errstate(all="ignore"):  # a diverged record may hold inf/NaN: no warnings
        x = inputs(spec).astype(np.float64)
        y = targets(spec).astype(np.float64).ravel()
        p = np.array(record.forward["y_pred"], dtype=np.float64)
        n = len(y)
        if spec.model == "sigmoide" and spec.loss == "bce":
            dz = (p - y) / n
        else:
            if spec.loss == "mse":
                dp = -2.0 * (y - p) / n
            else:
                dp = -(y / (p + EPSILON) - (1.0 - y) / (1.0 - p + EPSILON)) / n
            dz = dp * p * (1.0 - p) if spec.model == "sigmoide" else dp
        weight, bias = spec.params
        d_weight = x.T @ dz if spec.model == "sigmoide" else np.sum(x * dz)
        return {weight: tuple(np.ravel(d_weight).tolist()), bias: (float(np.sum(dz)),)}

"""The gradients worked out by hand, in numpy: what tape.gradient should have returned.

Each model kind derives its own (tutor/engine/models/): MSE with the linear neuron
dw = -2/n · Σ x·(y − y_pred); sigmoid with BCE dW = Xᵀ(y_pred − y)/n; the network backward
layer by layer, dz2 = (y_pred − y)/n, dW2 = a1ᵀ·dz2, dz1 = dz2·W2ᵀ ⊙ (1 − a1²), dW1 = Xᵀ·dz1.
They start from the record's own forward values (computed by TensorFlow with the parameters
before the update). The BCE formulas ignore Keras's clipping (1e-7 from 0 and 1), so they
match TensorFlow away from that edge.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tutor.engine.models import WeightChain, model_for
from tutor.engine.records import EpochRecord
from tutor.lessons.model import LabSpec


def hand_gradients(spec: LabSpec, record: EpochRecord, batch: int | None = None) -> dict[str, tuple[float, ...]]:
    """{name: flat gradient}: of the whole dataset with params_before (record.grads), or of
    the record's batch number `batch` with its own parameters (record.batches[batch].grads)."""
    model = model_for(spec)
    chain = backprop_chain(spec, record, batch)
    return {name: tuple(float(v) for v in chain[f"d{name}"]) for name in model.param_names}


def backprop_chain(spec: LabSpec, record: EpochRecord, batch: int | None = None) -> dict[str, tuple[float, ...]]:
    """Every value of the hand derivation, flat: "dz" per sample (one neuron), or "dz2" per
    sample and "dz1" per sample and hidden neuron (the network), and "d" + each parameter."""
    model, x, y, forward, params = _inputs(spec, record, batch)
    with np.errstate(all="ignore"):  # a diverged record may hold inf/NaN: no warnings
        chain = model.chain(x, y, forward, params)
    return {name: tuple(float(v) for v in np.ravel(values)) for name, values in chain.items()}


def weight_chain(spec: LabSpec, record: EpochRecord, name: str, index: int = 0,
                 batch: int | None = None) -> WeightChain:
    """One scalar parameter's gradient as the chain rule, sample by sample, with the numbers
    plugged in: e.g. dW1[0,2] = Σ x1 · (y_pred - y) · 1/n · W2[2] · (1 - a1[2]²)."""
    model, x, y, forward, params = _inputs(spec, record, batch)
    with np.errstate(all="ignore"):
        return model.weight_chain(x, y, forward, params, name, index)


def _inputs(spec: LabSpec, record: EpochRecord, batch: int | None) -> tuple[Any, ...]:
    model = model_for(spec)
    x = model.inputs().astype(np.float64)
    y = model.targets().astype(np.float64).ravel()
    if batch is None:
        return model, x, y, record.forward, record.params_before
    chosen = list(record.batches[batch].indices)
    return model, x[chosen], y[chosen], record.batches[batch].forward, record.batch_params_before(batch)

"""A lab's data and parameters in the notebook's shapes, as float32 numpy arrays (no TF).

Shortcuts to the lab's registry entry (tutor.engine.models), kept for the callers that only
need the arrays."""

from __future__ import annotations

import numpy as np

from tutor.engine.models import model_for
from tutor.lessons.model import LabSpec


def inputs(spec: LabSpec) -> np.ndarray:
    """Lineal: x, the first input column, shape [n]. Otherwise X, shape [n, k]."""
    return model_for(spec).inputs()


def targets(spec: LabSpec) -> np.ndarray:
    """Lineal: y_real, shape [n]. Otherwise y_true, shape [n, 1]."""
    return model_for(spec).targets()


def param_shapes(spec: LabSpec) -> dict[str, tuple[int, ...]]:
    """Lineal: w [1], b [1]. Sigmoide: W [k, 1], b [1]. Red: W1 [k, H], b1 [H], W2 [H, 1], b2 [1]."""
    return model_for(spec).param_shapes


def as_arrays(spec: LabSpec, values) -> dict[str, np.ndarray]:
    """{name: flat values} -> {name: float32 array in the notebook's shape}."""
    return model_for(spec).as_arrays(values)

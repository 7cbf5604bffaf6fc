"""A lab's data and parameters in the notebook's shapes, as float32 numpy arrays (no TF)."""

from __future__ import annotations

import numpy as np

from tutor.lessons.model import LabSpec


def inputs(spec: LabSpec) -> np.ndarray:
    """Lineal: x, the first input column, shape [n]. Sigmoide: X, shape [n, k]."""
    table = np.array(spec.dataset.inputs, dtype=np.float32).reshape(len(spec.dataset.inputs), -1)
    return table[:, 0] if spec.model == "lineal" else table


def targets(spec: LabSpec) -> np.ndarray:
    """Lineal: y_real, shape [n]. Sigmoide: y_true, shape [n, 1]."""
    column = np.array(spec.dataset.targets, dtype=np.float32)
    return column if spec.model == "lineal" else column.reshape(-1, 1)


def param_shapes(spec: LabSpec) -> dict[str, tuple[int, ...]]:
    """Lineal: w [1], b [1]. Sigmoide: W [k, 1], b [1]. Keys are the notebook's names."""
    weight, bias = spec.params
    if spec.model == "lineal":
        return {weight: (1,), bias: (1,)}
    columns = len(spec.dataset.inputs[0]) if spec.dataset.inputs else len(spec.dataset.columns)
    return {weight: (columns, 1), bias: (1,)}


def as_arrays(spec: LabSpec, values) -> dict[str, np.ndarray]:
    """{name: flat values} -> {name: float32 array in the notebook's shape}."""
    return {name: np.array(values[name], dtype=np.float32).reshape(shape)
            for name, shape in param_shapes(spec).items()}

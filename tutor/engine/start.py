"""Start values of a lab's parameters: the notebook's, random with a seed, or explicit."""

from __future__ import annotations

import math
from typing import Mapping, Sequence, Union

import numpy as np

from tutor.engine.models import model_for
from tutor.errors import TutorError
from tutor.lessons.model import LabSpec

Start = dict[str, tuple[float, ...]]
How = Union[str, Mapping[str, Sequence[float]]]


def start_values(spec: LabSpec, how: How = "random", seed: int | None = None) -> Start:
    """The parameters a Trainer starts from, as {name: flat tuple of float32 values}.

    how = "notebook": the values the notebook printed (spec.notebook_init).
    how = "random": numpy `default_rng(seed)` standard normal, drawn in the notebook's
        order and shapes: first the weights (w [1] or W [k, 1]), then b [1] if
        spec.bias_init is "normal" (zeros otherwise). The network draws W1 then W2, each
        scaled by √(2 / (fan_in + fan_out)) (Glorot normal), and zero biases. The same seed
        gives the same numbers everywhere; seed None draws fresh entropy.
    how = a mapping {name: values}: explicit values, e.g. {"W": [0.5, -1.0], "b": [0.0]},
        flat in row order; checked against the notebook's shapes.
    """
    shapes = model_for(spec).param_shapes
    if isinstance(how, Mapping):
        return _explicit(spec, how, shapes)
    if how == "notebook":
        if spec.notebook_init is None:
            raise TutorError(f"el laboratorio {spec.id!r} no tiene valores iniciales del notebook")
        return _explicit(spec, spec.notebook_init, shapes)
    if how == "random":
        drawn = model_for(spec).random_start(np.random.default_rng(seed))
        return {name: _flat32(drawn[name]) for name in spec.params}
    raise ValueError(f"how must be 'notebook', 'random' or a mapping, not {how!r}")


def _explicit(spec: LabSpec, values: Mapping[str, Sequence[float]], shapes) -> Start:
    start: Start = {}
    for name, shape in shapes.items():
        if name not in values:
            raise TutorError(f"faltan los valores iniciales de {name!r} ({spec.id})")
        flat = tuple(float(v) for v in np.ravel(np.asarray(values[name], dtype=np.float64)))
        if len(flat) != math.prod(shape):
            raise TutorError(f"{name!r} necesita {math.prod(shape)} valores, no {len(flat)} ({spec.id})")
        if not all(math.isfinite(v) for v in flat):
            raise TutorError(f"los valores iniciales de {name!r} deben ser números finitos ({spec.id})")
        start[name] = _flat32(np.array(flat))
    unknown = sorted(set(values) - set(shapes))
    if unknown:
        raise TutorError(f"parámetros desconocidos {', '.join(unknown)} ({spec.id})")
    return start


def _flat32(array: np.ndarray) -> tuple[float, ...]:
    """Round to float32 (what TensorFlow will hold) and flatten to plain floats."""
    return tuple(float(v) for v in np.asarray(array, dtype=np.float32).ravel())

"""What every model kind gives, bound to one lab: names, shapes, formula text, the gradients
derived by hand and the backprop chain of one weight (numpy only: no TensorFlow here).

The TensorFlow code of each kind (its forward pass and its epoch functions, the code the lab
shows) lives in tutor/engine/loops/<kind>.py; a Model names it (`code_module`,
`forward_function`, `epoch_function`) and never runs it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from tutor.lessons.model import LabSpec

EPSILON = 1e-7  # Keras's epsilon inside the log of binary crossentropy

Values = Mapping[str, Sequence[float]]


@dataclass(frozen=True)
class Formulas:
    """Short formula lines for the panels, with the lab's own names (w or W, y_real or Clase)."""

    forward: tuple[str, ...]  # one line per step of the forward pass
    loss: str
    gradients: tuple[str, ...]  # how the hand-derived gradients are computed


@dataclass(frozen=True)
class Defaults:
    """Where the free lab starts for this kind."""

    loss: str
    lr: float
    epochs: int


@dataclass(frozen=True)
class Limits:
    max_inputs: int | None = None  # input columns it uses (lineal: the first one only)
    hidden: tuple[int, int] | None = None  # neurons of the hidden layer: at least, at most


@dataclass(frozen=True)
class ChainTerm:
    """One sample's contribution to a gradient: the product of its factors."""

    sample: int
    factors: tuple[tuple[str, float], ...]  # (what it is, its value), e.g. ("x1", 1.0)
    value: float


@dataclass(frozen=True)
class WeightChain:
    """The chain rule for one scalar parameter with the numbers plugged in:
    gradient = Σ over samples of the product of each term's factors."""

    label: str  # "W1[0,2]"
    formula: str  # "dW1[0,2] = Σ x1 · (y_pred - y) · 1/n · W2[2] · (1 - a1[2]²)"
    terms: tuple[ChainTerm, ...]
    total: float


class Model:
    """A model kind bound to one lab. Subclasses set the class attributes and the methods
    marked "per kind"; everything here is plain numpy and strings."""

    # -- the kind, independent of any lab (also read as class attributes) --
    name = ""  # as lesson files write it: model = "sigmoide"
    title = ""  # Spanish, for lists and choices
    chart_kind = ""  # "line" (y = w·x + b), "boundary" (one neuron's line), "regions" (network)
    losses: tuple[str, ...] = ()  # losses the engine trains it with
    forward_names: tuple[str, ...] = ()  # forward values per sample, y_pred last
    code_params: tuple[str, ...] = ()  # parameter names as its code in loops/ writes them
    default_trace = ""
    probabilities = True  # y_pred is a probability (targets must be classes 0/1)
    targets_1d = False  # lineal: x and y are vectors [n], as the notebook writes them
    defaults = Defaults("bce", 0.1, 1000)
    limits = Limits()

    def __init__(self, spec: LabSpec) -> None:
        self.spec = spec

    # -- names and shapes ------------------------------------------------------------

    @property
    def code_module(self) -> str:
        return f"tutor.engine.loops.{self.name}"

    @property
    def forward_function(self) -> str:
        return f"forward_{self.name}"

    @property
    def epoch_function(self) -> str:
        return f"epoch_{self.name}_{self.spec.loss}"

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(self.spec.params)

    @property
    def samples(self) -> int:
        return len(self.spec.dataset.inputs)

    @property
    def columns(self) -> int:
        """Input columns the model uses."""
        columns = len(self.spec.dataset.inputs[0]) if self.spec.dataset.inputs else len(self.spec.dataset.columns)
        return columns if self.limits.max_inputs is None else min(columns, self.limits.max_inputs)

    @property
    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        """{name: shape} in the notebook's shapes (per kind)."""
        raise NotImplementedError

    @property
    def param_sizes(self) -> dict[str, int]:
        return {name: math.prod(shape) for name, shape in self.param_shapes.items()}

    @property
    def forward_widths(self) -> dict[str, int]:
        """Values per sample of each forward value (1, or H for the hidden layer's)."""
        return {name: 1 for name in self.forward_names}

    @property
    def forward_shapes(self) -> dict[str, tuple[int, int]]:
        """{name: (samples, width)}: record.forward[name] holds them flat, sample by sample."""
        return {name: (self.samples, width) for name, width in self.forward_widths.items()}

    @property
    def param_labels(self) -> dict[str, tuple[str, ...]]:
        """Names of each parameter's scalars: w -> (w,); W [2, 1] -> (W[0], W[1]);
        W1 [2, 3] -> (W1[0,0], W1[0,1], ...), in the flat order of the records."""
        labels = {}
        for name, shape in self.param_shapes.items():
            wide = [d for d in shape if d > 1]
            if not wide:
                labels[name] = (name,)
            elif len(wide) == 1:
                labels[name] = tuple(f"{name}[{i}]" for i in range(wide[0]))
            else:
                labels[name] = tuple(f"{name}[{i},{j}]" for i in range(shape[0]) for j in range(shape[1]))
        return labels

    @property
    def hidden(self) -> int:
        return self.spec.hidden_size

    # -- data ------------------------------------------------------------------------

    def inputs(self) -> np.ndarray:
        """float32 X [n, k] (lineal: the first column, x [n])."""
        return self.to_inputs(self.spec.dataset.inputs)

    def to_inputs(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """Rows of input values (e.g. a grid over the input square) as the model takes them."""
        table = np.array(rows, dtype=np.float32).reshape(len(rows), -1)
        return table[:, 0] if self.targets_1d else table[:, :self.columns]

    def targets(self) -> np.ndarray:
        """float32 y [n, 1] (lineal: y_real [n])."""
        column = np.array(self.spec.dataset.targets, dtype=np.float32)
        return column if self.targets_1d else column.reshape(-1, 1)

    def as_arrays(self, values: Values) -> dict[str, np.ndarray]:
        """{name: flat values} -> {name: float32 array in the notebook's shape}."""
        return {name: np.array(values[name], dtype=np.float32).reshape(shape)
                for name, shape in self.param_shapes.items()}

    # -- start values, TensorFlow glue -------------------------------------------------

    def random_start(self, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Seeded start values in the notebook's order (per kind)."""
        raise NotImplementedError

    def predict_grid(self, rows: Sequence[Sequence[float]], params: Values) -> np.ndarray:
        """y_pred per row (e.g. a grid over the input square) in float64 numpy, mirroring the
        kind's TensorFlow forward: for charts, which may not import TensorFlow."""
        arrays = {name: array.astype(np.float64) for name, array in self.as_arrays(params).items()}
        with np.errstate(all="ignore"):
            return np.ravel(self.forward_numpy(self.to_inputs(rows).astype(np.float64), arrays))

    def forward_numpy(self, x: np.ndarray, arrays: Mapping[str, np.ndarray]) -> np.ndarray:
        """y_pred of inputs x, the forward function of loops/<kind>.py in numpy (per kind)."""
        raise NotImplementedError

    def code_kwargs(self, module: Any) -> dict[str, Any]:
        """Extra keyword arguments its forward and epoch functions take (e.g. the activation)."""
        return {}

    # -- panels ----------------------------------------------------------------------

    @property
    def formulas(self) -> Formulas:
        raise NotImplementedError

    def loss_formula(self) -> str:
        target = self.spec.dataset.target
        if self.spec.loss == "mse":
            return f"MSE: loss = media(({target} - y_pred)²)"
        return f"Binary crossentropy: loss = media(-[{target}·log(y_pred) + (1-{target})·log(1-y_pred)])"

    # -- by hand -----------------------------------------------------------------------

    def chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values) -> dict[str, np.ndarray]:
        """The backprop chain in float64 numpy from the record's own forward values: every
        intermediate (dz per sample, or dz2 and dz1 for the network) and the gradients, keyed
        "d" + parameter name (per kind). x, y: the samples of the update (all, or one batch)."""
        raise NotImplementedError

    def weight_chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values,
                     name: str, index: int) -> WeightChain:
        """One scalar parameter's chain with the numbers plugged in (per kind)."""
        raise NotImplementedError

    def output_error(self, y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
        """dL/dz of the output neuron per sample, and its factors (for the chain shown by
        hand). Sigmoid + BCE: (y_pred - y)/n (ignores Keras's clipping at 1e-7 from 0 and 1)."""
        n = len(y)
        target = self.spec.dataset.target
        if self.probabilities and self.spec.loss == "bce":
            factors = [(f"y_pred - {target}", p - y)]
        else:
            if self.spec.loss == "mse":
                factors = [(f"-2·({target} - y_pred)", -2.0 * (y - p))]
            else:
                factors = [("dBCE/dy_pred", -(y / (p + EPSILON) - (1.0 - y) / (1.0 - p + EPSILON)))]
            if self.probabilities:
                factors.append(("y_pred·(1 - y_pred)", p * (1.0 - p)))
        factors.append(("1/n", np.full(n, 1.0 / n)))
        return np.prod([value for _, value in factors], axis=0), factors

    def output_error_formula(self, dz: str) -> str:
        target = self.spec.dataset.target
        if self.probabilities and self.spec.loss == "bce":
            return f"{dz} = (y_pred - {target})/n"
        if self.spec.loss == "mse":
            slope = " · y_pred(1 - y_pred)" if self.probabilities else ""
            return f"{dz} = -2({target} - y_pred){slope}/n"
        return f"{dz} = -({target}/y_pred - (1-{target})/(1-y_pred))/n"


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def chain_formula(label: str, factors: list[tuple[str, np.ndarray]]) -> str:
    """"dW1[0,2] = Σ x1 · (y_pred - y) · 1/n · W2[2] · (1 - a1[2]²)"."""
    parts = [f"({name})" if (" - " in name or " + " in name) and not name.endswith(")") else name
             for name, _ in factors]
    return f"d{label} = Σ " + " · ".join(parts)


def terms(factors: list[tuple[str, np.ndarray]]) -> tuple[tuple[ChainTerm, ...], float]:
    """Per-sample products of aligned factor columns, and their sum."""
    rows = len(factors[0][1])
    built = []
    for s in range(rows):
        pairs = tuple((label, float(values[s])) for label, values in factors)
        built.append(ChainTerm(s, pairs, float(np.prod([value for _, value in pairs]))))
    return tuple(built), float(sum(term.value for term in built))

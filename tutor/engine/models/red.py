"""The network of the XOR lab: 2 inputs → H hidden neurons (tanh, sigmoid or relu) → 1 output
(sigmoid). Parameters W1 [inputs, H], b1 [H], W2 [H, 1], b2 [1], used as tf.matmul(X, W1) + b1."""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from tutor.engine.models.base import (
    Defaults, Formulas, Limits, Model, Values, WeightChain, chain_formula, sigmoid, terms,
)
from tutor.lessons.model import HIDDEN_SIZES

# The activation's derivative from its output a (and input z, for relu), as the hand chain uses it.
SLOPES = {
    "tanh": ("1 - a1²", lambda a, z: 1.0 - a ** 2),
    "sigmoid": ("a1·(1 - a1)", lambda a, z: a * (1.0 - a)),
    "relu": ("1 si z1 > 0", lambda a, z: (z > 0).astype(np.float64)),
}
ACTIVATIONS = {"tanh": np.tanh, "sigmoid": sigmoid, "relu": lambda z: np.maximum(z, 0.0)}  # loops/red.py's


class Red(Model):
    name = "red"
    title = "red: 2 → H (capa oculta) → 1 (sigmoid)"
    chart_kind = "regions"
    losses = ("bce", "mse")
    forward_names = ("z1", "a1", "z2", "y_pred")
    code_params = ("W1", "b1", "W2", "b2")
    default_trace = "red"
    defaults = Defaults("bce", 0.5, 1000)
    limits = Limits(hidden=HIDDEN_SIZES)

    @property
    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        w1, b1, w2, b2 = self.param_names
        return {w1: (self.columns, self.hidden), b1: (self.hidden,), w2: (self.hidden, 1), b2: (1,)}

    @property
    def forward_widths(self) -> dict[str, int]:
        return {"z1": self.hidden, "a1": self.hidden, "z2": 1, "y_pred": 1}

    @property
    def activation(self) -> str:
        return self.spec.activation

    def code_kwargs(self, module: Any) -> dict[str, Any]:
        return {"activacion": module.ACTIVACIONES[self.activation]}

    def random_start(self, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Glorot normal: W1 then W2 drawn from numpy's standard normal times
        √(2 / (fan_in + fan_out)); b1 and b2 zeros (standard normal if bias_init = "normal")."""
        w1, b1, w2, b2 = self.param_names
        shapes = self.param_shapes
        drawn = {}
        for name in (w1, w2):
            fan_in, fan_out = shapes[name]
            drawn[name] = rng.standard_normal(shapes[name]) * np.sqrt(2.0 / (fan_in + fan_out))
        for name in (b1, b2):
            drawn[name] = rng.standard_normal(shapes[name]) if self.spec.bias_init == "normal" else np.zeros(shapes[name])
        return {name: drawn[name] for name in self.param_names}

    def forward_numpy(self, x: np.ndarray, arrays: Mapping[str, np.ndarray]) -> np.ndarray:
        w1, b1, w2, b2 = (arrays[name] for name in self.param_names)
        a1 = ACTIVATIONS[self.activation](x @ w1 + b1)
        return sigmoid(a1 @ w2 + b2)

    @property
    def formulas(self) -> Formulas:
        slope = SLOPES[self.activation][0]
        return Formulas(
            forward=("z1 = X·W1 + b1", f"a1 = {self.activation}(z1)", "z2 = a1·W2 + b2", "y_pred = sigmoid(z2)"),
            loss=self.loss_formula(),
            gradients=(self.output_error_formula("dz2"), "dW2 = a1ᵀ·dz2    db2 = Σ dz2",
                       f"dz1 = dz2·W2ᵀ ⊙ ({slope})", "dW1 = Xᵀ·dz1    db1 = Σ dz1"),
        )

    def _layers(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values):
        n, h = len(y), self.hidden
        a1 = np.asarray(forward["a1"], dtype=np.float64).reshape(n, h)
        z1 = np.asarray(forward["z1"], dtype=np.float64).reshape(n, h)
        p = np.asarray(forward["y_pred"], dtype=np.float64)
        w2 = np.asarray(params[self.param_names[2]], dtype=np.float64).reshape(h)
        dz2, output_factors = self.output_error(y, p)
        slope = SLOPES[self.activation][1](a1, z1)
        return a1, w2, dz2, output_factors, slope

    def chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values) -> dict[str, np.ndarray]:
        """dz2 = dL/dz2 per sample, dW2 = a1ᵀ·dz2, db2 = Σ dz2, dz1 = dz2·W2ᵀ ⊙ f'(z1) per sample
        and hidden neuron, dW1 = Xᵀ·dz1, db1 = Σ dz1."""
        a1, w2, dz2, _, slope = self._layers(x, y, forward, params)
        dz1 = np.outer(dz2, w2) * slope
        w1, b1, w2_name, b2 = self.param_names
        return {"dz2": dz2, "dz1": dz1.ravel(), f"d{w2_name}": a1.T @ dz2, f"d{b2}": np.array([dz2.sum()]),
                f"d{w1}": (x.T @ dz1).ravel(), f"d{b1}": dz1.sum(axis=0)}

    def weight_chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values,
                     name: str, index: int) -> WeightChain:
        a1, w2, _, output_factors, slope = self._layers(x, y, forward, params)
        w1_name, b1_name, w2_name, b2_name = self.param_names
        label = self.param_labels[name][index]
        n = len(y)
        if name in (w2_name, b2_name):
            factors = ([(f"a1[{index}]", a1[:, index])] if name == w2_name else []) + output_factors
        elif name in (w1_name, b1_name):
            j = index % self.hidden if name == w1_name else index
            back = [(f"{w2_name}[{j}]", np.full(n, w2[j])), (SLOPES[self.activation][0].replace("a1", f"a1[{j}]")
                                                            .replace("z1", f"z1[{j}]"), slope[:, j])]
            factors = output_factors + back
            if name == w1_name:
                i = index // self.hidden
                column = self.spec.dataset.columns[i] if i < len(self.spec.dataset.columns) else f"x{i + 1}"
                factors = [(column, x[:, i])] + factors
        else:
            raise KeyError(name)
        built, total = terms(factors)
        return WeightChain(label, chain_formula(label, factors), built, total)

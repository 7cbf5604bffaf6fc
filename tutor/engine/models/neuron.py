"""What the two single-neuron kinds share: a weight and a bias, one dz per sample."""

from __future__ import annotations

import numpy as np

from typing import Mapping

from tutor.engine.models.base import Model, Values, WeightChain, chain_formula, sigmoid, terms


class SingleNeuron(Model):
    """z = x·w + b (lineal: y_pred = z; sigmoide: y_pred = sigmoid(z))."""

    @property
    def weight(self) -> str:
        return self.param_names[0]

    @property
    def bias(self) -> str:
        return self.param_names[1]

    def random_start(self, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """numpy standard normal, in the notebook's order and shapes: first the weights, then
        b if the lab's bias_init is "normal" (zeros otherwise)."""
        shapes = self.param_shapes
        drawn = {self.weight: rng.standard_normal(shapes[self.weight])}
        if self.spec.bias_init == "normal":
            drawn[self.bias] = rng.standard_normal(shapes[self.bias])
        else:
            drawn[self.bias] = np.zeros(shapes[self.bias])
        return drawn

    def forward_numpy(self, x: np.ndarray, arrays: Mapping[str, np.ndarray]) -> np.ndarray:
        weight, bias = arrays[self.weight], arrays[self.bias]
        if self.targets_1d:  # lineal: y_pred = w * x + b
            return weight * x + bias
        z = x @ weight + bias
        return sigmoid(z) if self.probabilities else z

    def chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values) -> dict[str, np.ndarray]:
        p = np.asarray(forward["y_pred"], dtype=np.float64)
        dz, _ = self.output_error(y, p)
        d_weight = x.T @ dz if x.ndim == 2 else np.sum(x * dz)
        return {"dz": dz, f"d{self.weight}": np.ravel(d_weight), f"d{self.bias}": np.array([np.sum(dz)])}

    def weight_chain(self, x: np.ndarray, y: np.ndarray, forward: Values, params: Values,
                     name: str, index: int) -> WeightChain:
        p = np.asarray(forward["y_pred"], dtype=np.float64)
        _, factors = self.output_error(y, p)
        label = self.param_labels[name][index]
        columns = x.reshape(len(x), -1)
        if name == self.weight:
            column = self.spec.dataset.columns[index] if index < len(self.spec.dataset.columns) else f"x{index + 1}"
            factors = [(column, columns[:, index])] + factors
        elif name != self.bias:
            raise KeyError(name)
        built, total = terms(factors)
        return WeightChain(label, chain_formula(label, factors), built, total)

"""Ejemplo 1: one linear neuron, y_pred = w * x + b (one input, MSE)."""

from __future__ import annotations

from tutor.engine.models.base import Defaults, Formulas, Limits
from tutor.engine.models.neuron import SingleNeuron


class Lineal(SingleNeuron):
    name = "lineal"
    title = "lineal: y = w·x + b"
    chart_kind = "line"
    losses = ("mse", "bce")
    forward_names = ("y_pred",)
    code_params = ("w", "b")
    default_trace = "ejemplo-1"
    probabilities = False
    targets_1d = True
    defaults = Defaults("mse", 0.01, 100)
    limits = Limits(max_inputs=1)

    @property
    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {self.weight: (1,), self.bias: (1,)}

    @property
    def formulas(self) -> Formulas:
        w, b, target = self.weight, self.bias, self.spec.dataset.target
        if self.spec.loss == "mse":
            gradients = (f"d{w} = -2/n·Σ x({target} - y_pred)", f"d{b} = -2/n·Σ({target} - y_pred)")
        else:
            gradients = (self.output_error_formula("dz"), f"d{w} = Σ x·dz", f"d{b} = Σ dz")
        return Formulas(forward=(f"y_pred = {w} * x + {b}",), loss=self.loss_formula(), gradients=gradients)

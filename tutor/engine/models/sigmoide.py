"""Ejemplo 2 and Ejemplo final: one neuron with a sigmoid, y_pred = sigmoid(X·W + b)."""

from __future__ import annotations

from tutor.engine.models.base import Defaults, Formulas
from tutor.engine.models.neuron import SingleNeuron


class Sigmoide(SingleNeuron):
    name = "sigmoide"
    title = "sigmoide: y = sigmoid(X·W + b) (clasificación)"
    chart_kind = "boundary"
    losses = ("bce", "mse")
    forward_names = ("z", "y_pred")
    code_params = ("W", "b")
    default_trace = "ejemplo-2"
    defaults = Defaults("bce", 0.5, 1000)

    @property
    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {self.weight: (self.columns, 1), self.bias: (1,)}

    @property
    def formulas(self) -> Formulas:
        w, b, target = self.weight, self.bias, self.spec.dataset.target
        if self.spec.loss == "bce":
            gradients = (f"d{w} = Xᵀ(y_pred - {target})/n", f"d{b} = media(y_pred - {target})")
        else:
            gradients = (self.output_error_formula("dz"), f"d{w} = Xᵀ·dz", f"d{b} = Σ dz")
        return Formulas(forward=(f"z = X·{w} + {b}", "y_pred = sigmoid(z)"), loss=self.loss_formula(),
                        gradients=gradients)

"""What one epoch computed, as plain Python numbers (no tensors, no numpy)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

# The four phases of an epoch, named as in the notebook's "Resumen del flujo".
PHASES = ("Forward", "Loss", "Gradientes", "Update")

Values = Mapping[str, tuple[float, ...]]


@dataclass(frozen=True)
class EpochRecord:
    """One epoch of the training loop.

    `loss` and `forward` are computed with `params_before` (the notebook prints that loss
    next to the weights after the update). `forward` holds "y_pred" per sample, plus "z" for
    the sigmoid neuron. `diverged` is True when the loss or a parameter became NaN/inf.
    """

    epoch: int
    lr: float
    params_before: Values
    forward: Values
    sample_losses: tuple[float, ...]
    loss: float
    grads: Values
    params_after: Values
    diverged: bool = False

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data; NaN and inf become None (strict JSON)."""
        return {
            "epoch": self.epoch,
            "loss": _number(self.loss),
            "params_before": _lists(self.params_before),
            "forward": _lists(self.forward),
            "grads": _lists(self.grads),
            "params_after": _lists(self.params_after),
            "lr": _number(self.lr),
            "diverged": self.diverged,
        }


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _lists(values: Values) -> dict[str, list[float | None]]:
    return {name: [_number(v) for v in flat] for name, flat in values.items()}

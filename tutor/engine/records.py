"""What one epoch computed, as plain Python numbers (no tensors, no numpy)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

# The four phases of an epoch, named as in the notebook's "Resumen del flujo".
PHASES = ("Forward", "Loss", "Gradientes", "Update")

Values = Mapping[str, tuple[float, ...]]
State = Mapping[str, Mapping[str, tuple[float, ...]]]  # {param: {slot: flat values}}


@dataclass(frozen=True)
class BatchRecord:
    """One update of a mini-batch epoch: the samples it used and what it computed.

    `forward`, `sample_losses`, `loss` and `grads` are those of the batch's samples with the
    parameters before this update (the previous batch's params_after, or the epoch's
    params_before for the first batch)."""

    indices: tuple[int, ...]
    loss: float
    grads: Values
    params_after: Values
    forward: Values = field(default_factory=dict)
    sample_losses: tuple[float, ...] = ()
    optimizer_state: State = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = {"indices": list(self.indices), "loss": _number(self.loss), "grads": _lists(self.grads),
                "params_after": _lists(self.params_after)}
        if self.optimizer_state:
            data["optimizer_state"] = _state(self.optimizer_state)
        return data


@dataclass(frozen=True)
class EpochRecord:
    """One epoch of the training loop.

    `loss`, `forward`, `sample_losses` and `grads` are computed with `params_before` over the
    whole dataset (the notebook prints that loss next to the weights after the update).
    `forward` holds each of the model's forward values ("y_pred"; "z"; "z1", "a1", "z2")
    flat, sample by sample. `diverged` is True when a loss or a parameter became NaN/inf.

    `optimizer` names the update rule ("sgd": the notebook's assign_sub); `optimizer_state`
    is its state per parameter after the epoch's last update ({} for sgd).

    With mini-batches, `batches` holds each update in order: params_after is the last
    batch's, and `grads` is the whole-dataset gradient at params_before (the one a
    full-batch epoch would have applied; each batch applies its own). Without, None.
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
    optimizer: str = "sgd"
    optimizer_state: State = field(default_factory=dict)
    batches: tuple[BatchRecord, ...] | None = None

    def batch_params_before(self, index: int) -> Values:
        """The parameters batch `index` started from."""
        return self.params_before if index == 0 else self.batches[index - 1].params_after

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data; NaN and inf become None (strict JSON).

        Keys: epoch, loss, params_before, forward, grads, params_after, lr, diverged,
        optimizer; optimizer_state when the optimizer has one; batches with mini-batches."""
        data = {
            "epoch": self.epoch,
            "loss": _number(self.loss),
            "params_before": _lists(self.params_before),
            "forward": _lists(self.forward),
            "grads": _lists(self.grads),
            "params_after": _lists(self.params_after),
            "lr": _number(self.lr),
            "diverged": self.diverged,
            "optimizer": self.optimizer,
        }
        if self.optimizer_state:
            data["optimizer_state"] = _state(self.optimizer_state)
        if self.batches is not None:
            data["batches"] = [batch.to_json() for batch in self.batches]
        return data


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _lists(values: Values) -> dict[str, list[float | None]]:
    return {name: [_number(v) for v in flat] for name, flat in values.items()}


def _state(state: State) -> dict[str, dict[str, list[float | None]]]:
    return {name: _lists(slots) for name, slots in state.items()}

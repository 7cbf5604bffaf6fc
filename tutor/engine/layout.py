"""One epoch's values as one flat float32 row, the way the graph in bulk.py writes them.

The graph packs, for each epoch, the values named by `top_keys()` and then, for each batch,
those named by `batch_keys()`, every value flattened, in exactly that order; `unpack` reads a
row back into the same plain structure step() builds (see `EpochValues`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from tutor.engine.models import Model
from tutor.engine.optimizers import OptimizerKind

Key = tuple[str, ...]  # ("before", "W"), ("forward", "z1"), ("perdidas",), ("state", "W", "m")
Flat = dict[str, tuple[float, ...]]


@dataclass
class UpdateValues:
    """What one update computed on its samples (params_after: after the update)."""

    forward: Flat
    perdidas: tuple[float, ...]
    loss: float
    grads: Flat
    after: Flat
    state: dict[str, Flat]
    indices: tuple[int, ...] = ()


@dataclass
class EpochValues:
    """One epoch, before it becomes an EpochRecord: params before, the whole-dataset values
    (`top`; its `after` is the epoch's end), and the batches, if any."""

    before: Flat
    top: UpdateValues
    batches: list[UpdateValues] | None = field(default=None)


class Layout:
    def __init__(self, model: Model, optimizer: OptimizerKind) -> None:
        self.params = model.param_names
        self.sizes = model.param_sizes
        self.widths = model.forward_widths
        self.optimizer = optimizer

    def state_keys(self) -> list[Key]:
        return [("state", name, slot) for name in self.params for slot in self.optimizer.slots]

    def top_keys(self) -> list[Key]:
        return ([("before", name) for name in self.params] + [("forward", name) for name in self.widths]
                + [("perdidas",), ("loss",)] + [("grads", name) for name in self.params]
                + [("after", name) for name in self.params] + self.state_keys())

    def batch_keys(self) -> list[Key]:
        return ([("loss",)] + [("grads", name) for name in self.params] + [("after", name) for name in self.params]
                + self.state_keys() + [("forward", name) for name in self.widths] + [("perdidas",)])

    def size(self, key: Key, samples: int) -> int:
        kind = key[0]
        if kind == "forward":
            return samples * self.widths[key[1]]
        if kind == "perdidas":
            return samples
        if kind == "loss":
            return 1
        if kind == "state":
            return self.optimizer.slot_sizes(self.sizes[key[1]])[key[2]]
        return self.sizes[key[1]]

    def unpack(self, row: np.ndarray, samples: int, batches: Sequence[tuple[int, ...]] | None) -> EpochValues:
        reader = _Reader(row)
        top = {key: reader.take(self.size(key, samples)) for key in self.top_keys()}
        values = EpochValues(before={name: top[("before", name)] for name in self.params},
                             top=self._update(top, ()))
        if batches is not None:
            values.batches = []
            for indices in batches:
                read = {key: reader.take(self.size(key, len(indices))) for key in self.batch_keys()}
                values.batches.append(self._update(read, tuple(indices)))
        return values

    def _update(self, read: dict[Key, tuple[float, ...]], indices: tuple[int, ...]) -> UpdateValues:
        return UpdateValues(
            forward={name: read[("forward", name)] for name in self.widths},
            perdidas=read[("perdidas",)], loss=read[("loss",)][0],
            grads={name: read[("grads", name)] for name in self.params},
            after={name: read[("after", name)] for name in self.params},
            state={name: {slot: read[("state", name, slot)] for slot in self.optimizer.slots}
                   for name in self.params} if self.optimizer.slots else {},
            indices=indices)


def pack(tf: Any, values: dict[Key, Any], keys: Sequence[Key]) -> Any:
    """The graph side: the values of `keys`, flattened and joined in that order."""
    return tf.concat([tf.reshape(values[key], [-1]) for key in keys], 0)


class _Reader:
    def __init__(self, row: np.ndarray) -> None:
        self.values = row.tolist()
        self.at = 0

    def take(self, count: int) -> tuple[float, ...]:
        part = tuple(self.values[self.at:self.at + count])
        self.at += count
        return part

"""Mini-batches: which samples each update of an epoch uses (numpy only).

The rule, the same for step() and run() and on every machine: the samples of epoch e are
visited in the order `numpy.random.default_rng([seed, e]).permutation(n)` and cut, in that
order, into batches of `batch_size` (the last one smaller when n is not a multiple), so an
epoch makes ceil(n / batch_size) updates. `seed` is the Trainer's shuffle_seed (`tutor run`:
its --seed, or 0).
"""

from __future__ import annotations

import math

import numpy as np


def epoch_order(seed: int, epoch: int, samples: int) -> np.ndarray:
    """The order in which epoch `epoch` visits the samples."""
    return np.random.default_rng([seed, epoch]).permutation(samples)


def batch_count(samples: int, batch_size: int) -> int:
    return math.ceil(samples / batch_size)


def batch_lengths(samples: int, batch_size: int) -> tuple[int, ...]:
    """Samples in each batch of an epoch: (10, 10, ..., the rest)."""
    return tuple(min(batch_size, samples - start) for start in range(0, samples, batch_size))


def epoch_batches(seed: int, epoch: int, samples: int, batch_size: int) -> list[tuple[int, ...]]:
    """The sample indices of each batch of epoch `epoch`."""
    order = epoch_order(seed, epoch, samples).tolist()
    return [tuple(order[start:start + batch_size]) for start in range(0, samples, batch_size)]

"""Where a lab run starts: the notebook's values, a seeded random draw, or explicit values.

    starts = Starts(spec, seed=7)
    start, label = starts.first(init=None, start_seed=None, explicit=None)
    start, label = starts.next_random()      # s: the next start of the stream
    start, label = starts.notebook()         # i (None when the lab has no notebook values)

Random starts come from one stream seeded by `seed` (`tutor --seed N`): the same seed gives
every student the same sequence of starts. `start_seed` draws exactly the start of
`tutor run LAB --seed N`.
"""

from __future__ import annotations

import random
from typing import Mapping, Sequence

from tutor.engine.start import start_values

Start = dict[str, tuple[float, ...]]


class Starts:
    def __init__(self, spec, seed: int | None = None) -> None:
        self.spec = spec
        self._stream = random.Random(seed) if seed is not None else random.Random()
        self.random_count = 0

    def first(self, *, init: str | None = None, start_seed: int | None = None,
              explicit: Mapping[str, Sequence[float]] | None = None) -> tuple[Start, str]:
        """The start of a new lab: explicit values, a seed, the notebook's or a random one."""
        if explicit is not None:
            return start_values(self.spec, explicit), "inicio elegido"
        if start_seed is not None:
            return start_values(self.spec, "random", seed=start_seed), f"inicio semilla {start_seed}"
        has_notebook = self.spec.notebook_init is not None
        if has_notebook and init in (None, "notebook"):
            return self.notebook()
        return self.next_random()

    def notebook(self) -> tuple[Start, str] | None:
        if self.spec.notebook_init is None:
            return None
        return start_values(self.spec, "notebook"), "inicio cuaderno"

    def next_random(self) -> tuple[Start, str]:
        self.random_count += 1
        start = start_values(self.spec, "random", seed=self._stream.randrange(2**32))
        return start, f"inicio azar n.º {self.random_count}"

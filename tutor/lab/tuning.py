"""The update rule the lab's next epochs use: the optimizer (`o`) and the batch size (`b`).

    tuning = Tuning(spec)          # the lab's own (LabSpec.optimizer, LabSpec.batch_size)
    tuning.next_optimizer()        # sgd → momentum → adam → rmsprop → sgd
    tuning.next_batch_size()       # all → N/2 → 50, 20, 10, 5, 2 below it → 1 → all

Plain Python. TuningKeys: the LabSession's keys o, b and k (compare the optimizers), which
send the channel Configure and Compare jobs.
"""

from __future__ import annotations

from tutor.engine.batches import batch_count
from tutor.lab.channel import Compare, Configure, Settings
from tutor.lab.state import State
from tutor.lessons.model import OPTIMIZERS

NICE_SIZES = (50, 20, 10, 5, 2, 1)


def batch_sizes(samples: int, own: int | None = None) -> tuple[int | None, ...]:
    """The sizes `b` goes through: the whole dataset (None), half of it when even, the nice
    sizes up to half of it, 1; and the lab's own size if it is none of those."""
    sizes = {size for size in NICE_SIZES if size <= samples // 2} | {1}
    if samples % 2 == 0 and samples > 2:
        sizes.add(samples // 2)
    if own is not None and own < samples:
        sizes.add(own)
    return (None, *sorted(sizes, reverse=True))


def updates_text(size: int | None, samples: int) -> str:
    """"10 actualizaciones por época", or the whole dataset's one."""
    if size is None or size >= samples:
        return f"batch: todo el dataset ({samples}), 1 actualización por época"
    updates = batch_count(samples, size)
    return f"{updates} actualizaci{'ón' if updates == 1 else 'ones'} por época"


class Tuning:
    def __init__(self, spec) -> None:  # noqa: ANN001 - a LabSpec
        self.samples = len(spec.dataset.inputs)
        own = spec.batch_size if spec.batch_size is not None and spec.batch_size < self.samples else None
        self.sizes = batch_sizes(self.samples, own)
        self.settings = Settings(spec.optimizer, own)

    @property
    def optimizer(self) -> str:
        return self.settings.optimizer

    @property
    def batch_size(self) -> int | None:
        return self.settings.batch_size

    def next_optimizer(self) -> str:
        """The next optimizer; the message for the status line (which names it, but sgd)."""
        name = OPTIMIZERS[(OPTIMIZERS.index(self.optimizer) + 1) % len(OPTIMIZERS)]
        self.settings = Settings(name, self.batch_size)
        return ("sgd " if name == "sgd" else "") + "desde la próxima época; x empieza de nuevo"

    def next_batch_size(self) -> str:
        """The next batch size; the message (the status line says "batch 10" before it)."""
        size = self.sizes[(self.sizes.index(self.batch_size) + 1) % len(self.sizes)]
        self.settings = Settings(self.optimizer, size)
        return f"{updates_text(size, self.samples)}, desde la próxima; x empieza de nuevo"

    def short(self) -> str:
        """What the status line adds after the lr: the optimizer unless sgd, the batch size
        unless the whole dataset."""
        parts = [] if self.optimizer == "sgd" else [self.optimizer]
        if self.batch_size is not None:
            parts.append(f"batch {self.batch_size}")
        return " · ".join(parts)


class TuningKeys:
    """LabSession's o, b and k (a mixin: it uses the session's tuning, channel, state, ...)."""

    def next_optimizer(self) -> None:
        """o: the next optimizer, from the next epoch (x starts again with it)."""
        self.message = self.tuning.next_optimizer()
        self._configure()

    def next_batch_size(self) -> None:
        """b: the next batch size, from the next epoch."""
        self.message = self.tuning.next_batch_size()
        self._configure()

    def _configure(self) -> None:
        if self._control is not None:
            self._control.settings = self.tuning.settings
        self.channel.submit(Configure(self.generation, self.tuning.settings))

    def compare(self) -> None:
        """k: the same start with every optimizer for the lab's epochs, on the channel's thread."""
        if self.state is State.FAILED:
            self.message = self.failure
            return
        self.comparing = True
        self.message = f"{self.spec.epochs} épocas desde el mismo inicio"
        self.channel.submit(Compare(self.generation, dict(self.start), self.lr, self.spec.epochs, OPTIMIZERS,
                                    self.tuning.batch_size))

    def close_comparison(self) -> bool:
        """Any lab key: the comparison chart goes; True if it was on screen."""
        shown, self.comparison = self.comparison is not None, None
        return shown

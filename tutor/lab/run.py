"""What the lab has computed and how much of it is on screen (plain Python, no widgets).

The engine computes whole epochs; stepping by phase only reveals parts of the last record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from tutor.lessons.model import LiveValue

PHASE_COUNT = 4


@dataclass
class LabRun:
    """The records of the current run (since the last reset) and the phases revealed."""

    start: dict[str, tuple[float, ...]]
    records: list[Any] = field(default_factory=list)  # EpochRecord, in epoch order
    revealed: int = 0  # phases of the last record on screen: 0 (none) .. 4 (whole epoch)
    batch: int | None = None  # the update of a mini-batch epoch on screen in "4 Update" (None: its last)

    @property
    def current(self):
        return self.records[-1] if self.records else None

    @property
    def needs_record(self) -> bool:
        """True when the next phase belongs to an epoch not computed yet."""
        return not self.records or self.revealed >= PHASE_COUNT

    @property
    def epochs_run(self) -> int:
        return len(self.records)

    @property
    def phase(self) -> int | None:
        """The phase on screen (1..4), None before the first epoch."""
        return self.revealed or None if self.records else None

    def add(self, record, revealed: int) -> None:
        self.records.append(record)
        self.revealed = revealed
        self.batch = None

    def extend(self, records) -> None:
        self.records.extend(records)
        if records:
            self.revealed = PHASE_COUNT
            self.batch = None

    def shown_batch(self) -> int | None:
        """Index of the update on screen of the current mini-batch epoch (None without batches)."""
        record = self.current
        if record is None or not record.batches:
            return None
        return len(record.batches) - 1 if self.batch is None else self.batch

    def more_batches(self) -> bool:
        """space has updates of this epoch left to show: from the first one when the epoch came
        whole (e, r: its last update on screen), or the next one while walking them."""
        record = self.current
        if self.revealed < PHASE_COUNT or record is None or not record.batches or len(record.batches) < 2:
            return False
        return self.batch is None or self.batch < len(record.batches) - 1

    def next_batch(self) -> None:
        self.batch = 0 if self.batch is None else self.batch + 1

    def losses_shown(self) -> list[float]:
        """Losses of the epochs whose "2 Loss" phase has been revealed."""
        losses = [record.loss for record in self.records]
        if self.records and self.revealed < 2:
            losses.pop()
        return losses

    def params_shown(self) -> Mapping[str, tuple[float, ...]]:
        """The model on screen: before the update until "4 Update" is revealed."""
        record = self.current
        if record is None:
            return self.start
        if self.revealed < PHASE_COUNT:
            return record.params_before
        batch = self.shown_batch()
        return record.params_after if batch is None else record.batches[batch].params_after

    def trained_values(self) -> dict[str, tuple[float, ...]] | None:
        """Values for the interpretation template once an epoch was completed, else None."""
        complete = self.records if self.revealed >= PHASE_COUNT else self.records[:-1]
        if not complete:
            return None
        last = complete[-1]
        return {**last.params_after, "loss": (last.loss,)}

    def best_loss(self) -> float | None:
        finite = [record.loss for record in self.records if math.isfinite(record.loss)]
        return min(finite) if finite else None

    def diverged(self) -> bool:
        return bool(self.records) and self.records[-1].diverged

    def record_of(self, epoch: int):
        if 0 <= epoch < len(self.records) and self.records[epoch].epoch == epoch:
            return self.records[epoch]
        return next((record for record in self.records if record.epoch == epoch), None)

    def live_value(self, live: LiveValue) -> float | None:
        """The number a LiveValue points at in this run, None if that epoch has not run."""
        record = self.record_of(live.epoch)
        if record is None:
            return None
        if live.field == "loss":
            return record.loss
        values = getattr(record, live.field, None)
        if not isinstance(values, Mapping) or live.name not in values:
            return None
        flat = values[live.name]
        return flat[live.index] if 0 <= live.index < len(flat) else None

"""When the lab's training is written to the progress file: at most every INTERVAL seconds
while the student trains, and always, exactly as shown, when the lab closes or the app exits.

    saver = ProgressSaver(clock)
    saver.trained(note)          # the run now shows `note` (epochs, best loss)
    saver.due()                  # the note to save now, or None (throttled / nothing new)
    saver.wait()                 # seconds until one is due, or None
    saver.final()                # whatever is unsaved, now (quit, SIGHUP, leaving the lab)
    saver.soon()                 # a run ended or was reset: the next due() is not throttled

The progress file keeps, per lab, the most epochs of one run and the best loss ever
(record_lab takes the max and the min), so unsaved notes of several runs merge into one.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

INTERVAL = 2.0


@dataclass(frozen=True)
class ProgressNote:
    epochs_run: int
    best_loss: float | None

    def merge(self, other: "ProgressNote | None") -> "ProgressNote":
        if other is None:
            return self
        losses = [loss for loss in (self.best_loss, other.best_loss) if loss is not None and math.isfinite(loss)]
        return ProgressNote(max(self.epochs_run, other.epochs_run), min(losses) if losses else None)


class ProgressSaver:
    def __init__(self, clock: Callable[[], float] = time.monotonic, interval: float = INTERVAL) -> None:
        self._clock = clock
        self._interval = interval
        self._unsaved: ProgressNote | None = None
        self._saved_at: float | None = None

    def trained(self, note: ProgressNote) -> None:
        if note.epochs_run > 0:
            self._unsaved = note.merge(self._unsaved)

    def soon(self) -> None:
        self._saved_at = None

    def wait(self) -> float | None:
        if self._unsaved is None:
            return None
        if self._saved_at is None:
            return 0.0
        return max(0.0, self._saved_at + self._interval - self._clock())

    def due(self) -> ProgressNote | None:
        wait = self.wait()
        return self.final() if wait == 0.0 else None

    def final(self) -> ProgressNote | None:
        note, self._unsaved = self._unsaved, None
        if note is not None:
            self._saved_at = self._clock()
        return note

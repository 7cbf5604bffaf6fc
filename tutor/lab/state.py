"""The one explicit state of a lab (LabSession.state), and the keys it takes."""

from __future__ import annotations

import enum

QUEUE_LIMIT = 8  # key presses remembered while an epoch is being computed
COMMANDS = ("phase", "epoch", "run")


class State(enum.Enum):
    LOADING = "loading"  # TensorFlow and the Trainer are not ready yet
    IDLE = "idle"  # ready for the next key
    STEPPING = "stepping"  # one epoch is being computed
    RUNNING = "running"  # r: epochs are being computed in chunks
    DIVERGED = "diverged"  # the last epoch's loss or weights are NaN/inf: only x / s / i go on
    FAILED = "failed"  # TensorFlow could not be loaded: nothing can run

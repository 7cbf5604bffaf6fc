"""The lab's one TensorFlow thread: every use of the Trainer runs here, in order.

One long-lived thread rather than a worker per key press: TensorFlow sets up per-thread
state on the first operation in a thread (milliseconds each time), and a single thread
keeps every computation in the order the student asked for it. Daemon, so quitting never
waits for TensorFlow to finish loading.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable


class LabThread:
    """Runs submitted jobs one after the other; a job handles (and reports) its own errors."""

    def __init__(self, name: str = "lab-trainer") -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[..., Any], tuple] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[..., Any], *args: Any) -> None:
        self._jobs.put((job, args))

    def close(self) -> None:
        """Finish the job in progress (if any), drop nothing queued after it, and stop."""
        self._jobs.put(None)

    def _loop(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, args = item
            try:
                job(*args)
            except Exception:  # noqa: BLE001 - a job reports its own errors; keep serving
                pass

"""Save the progress when the terminal goes away: SIGTERM, or SIGHUP when an SSH link drops.

    restore = save_on_signals(lambda: store.save(progress), then=lambda signum: app.exit())

Call it from the main thread. On a signal, `save()` runs first (a failure to save is
ignored: the old file is still intact), then `then(signum)`; without `then` the process
exits with status 128 + signum, as if the signal had killed it.
"""

from __future__ import annotations

import signal
from typing import Callable

DEFAULT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def save_on_signals(
    save: Callable[[], None],
    then: Callable[[int], None] | None = None,
    signals: tuple[int, ...] = DEFAULT_SIGNALS,
) -> Callable[[], None]:
    """Install the handlers; returns a function that puts the previous handlers back."""
    previous = {signum: signal.getsignal(signum) for signum in signals}

    def handle(signum: int, _frame: object) -> None:
        try:
            save()
        except Exception:  # noqa: BLE001 - nothing useful to say to a closed terminal
            pass
        if then is not None:
            then(signum)
        else:
            raise SystemExit(128 + signum)

    for signum in signals:
        signal.signal(signum, handle)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

    return restore

"""make_fifo(path): a FIFO that cannot hang a test. If the code under test opens it and
blocks waiting for a writer, a helper thread opens the other end, so the read returns
(empty) and the test fails on its assertions instead of hanging the suite."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

GIVE_UP_AFTER = 600  # polls of 0.2 s: the helper thread never outlives a slow test run


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    threading.Thread(target=_unblock, args=(path,), daemon=True).start()
    return path


def _unblock(path: Path) -> None:
    stop = threading.Event()
    for _ in range(GIVE_UP_AFTER):
        if stop.wait(0.2):
            return
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno == errno.ENXIO:  # nobody is reading it: nothing blocked yet
                continue
            return  # gone: moved aside, or the test is over
        os.close(fd)
        return

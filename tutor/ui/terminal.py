"""Keep native log noise off the screen while the app runs.

TensorFlow's C++ logging writes straight to file descriptor 2, and Textual's Linux driver
draws the screen on `sys.__stderr__` (also fd 2): a log line would land in the middle of
the picture. `screen_on_private_stderr(log)` gives Textual a private duplicate of the
terminal and points fd 2 at a log file (or /dev/null) until the app is done:

    with screen_on_private_stderr(data_dir / "tutor.log"):
        app = TutorApp(...)      # created inside: Textual remembers sys.__stderr__
        app.run()
"""

from __future__ import annotations

import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _open_sink(log_path: Path | None) -> int:
    if log_path is not None:
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # never block on (or follow) whatever sits where the log should be: a FIFO, a link
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(log_path, flags, 0o600)
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise OSError("not a regular file")
            os.set_blocking(fd, True)
            return fd
        except OSError:
            pass
    return os.open(os.devnull, os.O_WRONLY)


@contextmanager
def screen_on_private_stderr(log_path: Path | None = None) -> Iterator[None]:
    original_dunder, original_stderr = sys.__stderr__, sys.stderr
    try:
        original_stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass
    try:
        terminal_fd = os.dup(2)
    except OSError:  # no fd 2 at all: nothing to protect
        yield
        return
    encoding = getattr(original_dunder, "encoding", None) or "utf-8"
    screen = os.fdopen(terminal_fd, "w", encoding=encoding, errors="replace")
    sink = _open_sink(log_path)
    os.dup2(sink, 2)
    os.close(sink)
    sys.__stderr__ = sys.stderr = screen
    try:
        yield
    finally:
        try:
            screen.flush()
        except (OSError, ValueError):
            pass
        os.dup2(screen.fileno(), 2)
        sys.__stderr__, sys.stderr = original_dunder, original_stderr
        screen.close()

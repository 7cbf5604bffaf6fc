"""File locks beside progress.json, so tutors in several processes share it safely.

    with save_lock(folder / "progress.json.lock"):   # one save at a time, across processes
        ...read the file, merge, write it...
    other = hold_session(folder / "progress.json.session")  # True: another process holds it

Both are `fcntl.flock` locks on small sibling files (mode 0600, never followed if a
symlink, never blocking on a FIFO): the kernel drops them when a process ends, however it
ends, so nothing is ever stale. Where flock does not work (no fcntl, some network disks)
saving goes on without the lock and `hold_session` says it cannot tell (None).

The session lease is a shared lock held for the process's lifetime. A new session first
tries an exclusive lock without waiting: if that fails, another live process holds the
shared one. Stores of one process share one lease: they are one session.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from tutor.errors import TutorError

SAVE_WAIT_SECONDS = 10.0  # a save holds the lock for milliseconds; more means something is stuck
_RETRY_SECONDS = 0.01
_leases: dict[str, tuple[int, int]] = {}  # lease path -> (pid, fd) held by this process
_leases_guard = threading.Lock()


def _open_lock_file(path: Path) -> int | None:
    """A descriptor of the (new or existing) regular file `path`, or None if it cannot be one."""
    flags = (os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        fd = os.open(path, flags, 0o600)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _try_lock(fd: int, kind: int) -> bool | None:
    """True: locked; False: another holder; None: flock does not work here."""
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


@contextmanager
def save_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block (TutorError if it stays taken)."""
    fd = _open_lock_file(path) if fcntl is not None else None
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + SAVE_WAIT_SECONDS
        while (locked := _try_lock(fd, fcntl.LOCK_EX)) is False:
            if time.monotonic() > deadline:
                raise TutorError(f"no se pudo guardar el progreso: otra sesión de tutor tiene "
                                 f"bloqueado {path.name} desde hace más de {SAVE_WAIT_SECONDS:g} s")
            time.sleep(_RETRY_SECONDS)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def hold_session(path: Path) -> bool | None:
    """Take this process's shared lease on `path` (kept until it exits); whether another
    live process holds one too (None: cannot tell)."""
    if fcntl is None:
        return None
    key = os.path.abspath(path)
    with _leases_guard:
        held = _leases.get(key)
        if held is not None and held[0] == os.getpid():
            return False  # another store of this same process: the same session
        fd = _open_lock_file(path)
        if fd is None:
            return None
        alone = _try_lock(fd, fcntl.LOCK_EX)
        if alone is None:
            os.close(fd)
            return None
        for _ in range(100):  # an exclusive holder is another session checking, for a moment
            if _try_lock(fd, fcntl.LOCK_SH):
                break
            time.sleep(_RETRY_SECONDS)
        else:
            os.close(fd)
            return True
        _leases[key] = (os.getpid(), fd)  # a forked child inherits it, but not as its own
        return not alone

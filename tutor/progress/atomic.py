"""Writing a file so that, killed at any moment, it is the old file or the new one.

    write_atomic(path, data)   # temp file (0600) + fsync + os.replace + fsync of the folder
    remove_stale_temps(path)   # temp files of a writer that was killed (its pid is gone)
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# Each write gets its own temp file: a save from a signal handler can interrupt another save
# in the same process, and sharing one name would let it truncate the other's file.
_write_numbers = itertools.count()


def write_atomic(path: Path, data: bytes, make_dirs: bool = True) -> None:
    """Replace `path` by `data` all at once, with mode 0600 (see the module docstring);
    `make_dirs`: create the missing folders first (mode 0700)."""
    if make_dirs:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{next(_write_numbers)}{TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # OverflowError: no pid is that large
        return False
    except OSError:  # exists, but owned by someone else
        return True
    return True


def remove_stale_temps(path: Path) -> None:
    """Temp files left by a tutor that was killed mid-write (their process is gone)."""
    prefix = f".{path.name}."
    try:
        candidates = list(path.parent.glob(f"{prefix}*{TEMP_SUFFIX}"))
    except OSError:
        return
    for temp in candidates:
        pid_text = temp.name[len(prefix):-len(TEMP_SUFFIX)].split(".")[0]  # "<pid>.<n>"
        if not (pid_text.isascii() and pid_text.isdigit()):  # "²".isdigit(), yet int("²") fails
            continue
        if int(pid_text) != os.getpid() and not _pid_alive(int(pid_text)):
            try:
                temp.unlink()
            except OSError:
                pass

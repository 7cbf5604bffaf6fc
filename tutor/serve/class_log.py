"""The class log, DIR/tutor-serve.log (0600): one line per login, refusal and session end.

    2026-11-27T09:01:02+00:00 entra ana 127.0.0.1 clave SHA256:...
    2026-11-27T09:31:40+00:00 sale ana 127.0.0.1 se cortó la conexión (pid 4242, estado 0)

Fields a client chose (a refused name, a command) are written through `printable`, so a
client cannot forge lines; what a student types is never written.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from tutor.errors import TutorError
from tutor.progress.model import now_iso
from tutor.serve.client_input import printable


class ClassLog:
    def __init__(self, path: Path, echo: bool = True) -> None:
        self.path = path
        self.echo = echo  # also print each line on the teacher's terminal
        self._lock = threading.Lock()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
            os.fchmod(fd, 0o600)
        except OSError as error:
            raise TutorError(f"no se pudo abrir el registro {path}: {error.strerror or error}") from None
        self._stream = os.fdopen(fd, "a", encoding="utf-8", buffering=1)

    def write(self, event: str, name: object = "-", peer: object = "-", detail: str = "") -> None:
        line = " ".join(part for part in (now_iso(), event, printable(name), printable(peer, 64), detail) if part)
        with self._lock:
            try:
                self._stream.write(line + "\n")
            except (OSError, ValueError):
                pass
        if self.echo:
            try:
                sys.stdout.write(line + "\n")
                sys.stdout.flush()
            except (OSError, ValueError):
                pass

    def close(self) -> None:
        with self._lock:
            try:
                self._stream.close()
            except OSError:
                pass

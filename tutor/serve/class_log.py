"""The class log, DIR/tutor-serve.log (0600): one line per login, refusal and session end.

    2026-11-27T09:01:02+00:00 entra ana 127.0.0.1 clave SHA256:...
    2026-11-27T09:31:40+00:00 sale ana 127.0.0.1 se cortó la conexión (pid 4242, estado 0)

Fields a client chose (a refused name, a command) are written through `printable`, so a
client cannot forge lines; what a student types is never written. Connections that close
before saying a name (port scans, floods) get one line per address every NAMELESS_EVERY
seconds, with how many more there were: no client can fill the disk or the teacher's screen.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from tutor.errors import TutorError
from tutor.progress.model import now_iso
from tutor.serve.client_input import printable

NAMELESS_EVERY = 10.0  # seconds


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
        self._nameless: dict[str, tuple[float, int]] = {}  # address -> (last line, left out since)

    def nameless(self, peer: str, reason: str, now: float | None = None) -> None:
        """A refused connection that never said a name: at most a line per address and period."""
        now = time.monotonic() if now is None else now
        last, left_out = self._nameless.get(peer, (None, 0))
        if last is not None and now - last < NAMELESS_EVERY:
            self._nameless[peer] = (last, left_out + 1)
            return
        if len(self._nameless) > 1024:  # many addresses: forget the quiet ones
            self._nameless = {key: value for key, value in self._nameless.items() if now - value[0] < NAMELESS_EVERY}
        self._nameless[peer] = (now, 0)
        more = f" (y {left_out} conexiones más así desde esta dirección)" if left_out else ""
        self.write("rechaza", "-", peer, reason + more)

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

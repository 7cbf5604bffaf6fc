"""Run a program in a real pseudo-terminal, as a student's SSH session would, and watch
what it writes: how many bytes, and when a given text first appears."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import threading
import time


class PtySession:
    def __init__(self, argv: list[str], *, columns: int, rows: int, env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child: becomes the program, on the pty's other end
            try:
                os.execvpe(argv[0], argv, {**os.environ, **(env or {})})
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._lock = threading.Lock()
        self._output = bytearray()
        self._arrivals: list[tuple[float, int]] = []  # (time, total bytes so far)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if not ready:
                    continue
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk
                self._arrivals.append((time.perf_counter(), len(self._output)))

    @property
    def bytes_written(self) -> int:
        with self._lock:
            return len(self._output)

    def last_output_at(self) -> float:
        """perf_counter() time of the latest byte written."""
        with self._lock:
            return self._arrivals[-1][0] if self._arrivals else self.started

    def busiest_second(self, since: float, until: float) -> int:
        """The most bytes written within any one second between perf_counter() times `since`
        and `until`: what the session costs an uplink at its worst moment."""
        with self._lock:
            arrivals = list(self._arrivals)
        return busiest_window(arrivals, since, until, 1.0)

    def text_since(self, offset: int) -> str:
        with self._lock:
            return self._output[offset:].decode("utf-8", "replace")

    def wait_for(self, text: str, *, since: int = 0, timeout: float = 60.0) -> float:
        """Seconds since launch when `text` first appeared after byte `since`."""
        return self._wait([text], since, timeout)[1]

    def wait_for_any(self, texts: list[str], *, since: int = 0, timeout: float = 60.0) -> str:
        """The first of `texts` to appear after byte `since`."""
        return self._wait(texts, since, timeout)[0]

    def _wait(self, texts: list[str], since: int, timeout: float) -> tuple[str, float]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self._lock:
                hits = [(self._output.find(text.encode(), since), text) for text in texts]
                hits = sorted((position, text) for position, text in hits if position >= 0)
                if hits:
                    position, text = hits[0]
                    end = position + len(text.encode())
                    arrived = next(t for t, total in self._arrivals if total >= end)
                    return text, arrived - self.started
            time.sleep(0.005)
        raise TimeoutError(f"{' / '.join(map(repr, texts))} did not appear within {timeout:.0f} s")

    def wait_quiet(self, quiet: float = 0.5, timeout: float = 30.0) -> None:
        """Wait until nothing has been written for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if time.perf_counter() - self.last_output_at() >= quiet:
                return
            time.sleep(0.02)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def __enter__(self) -> "PtySession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def busiest_window(arrivals: list[tuple[float, int]], since: float, until: float, window: float) -> int:
    """Most bytes within any `window` seconds of [since, until], from (time, running total)
    pairs, one per read."""
    sizes, previous = [], 0
    for at, total in arrivals:
        if since <= at <= until:
            sizes.append((at, total - previous))
        previous = total
    most = inside = first = 0
    for at, size in sizes:
        inside += size
        while sizes[first][0] <= at - window:
            inside -= sizes[first][1]
            first += 1
        most = max(most, inside)
    return most

"""`tutor` in a real pseudo-terminal: SIGHUP (a dropped SSH link) and SIGTERM save the
progress and end the app cleanly, with the terminal restored and no traceback."""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time
from pathlib import Path

import pytest

from app_pack import write_pack

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")

TUTOR = [sys.executable, "-m", "tutor"]


class Terminal:
    """A child process on a pty of 80x24; collects everything it writes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = b""

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                self.output += os.read(self.fd, 65536)
            except OSError:
                pass

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{self.output[-2000:]!r}"
            self.read(0.1)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait_exit(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.read(0.2)
                os.close(self.fd)
                return status
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"tutor did not exit:\n{self.output[-2000:]!r}")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_signal_saves_progress_and_exits_cleanly(tmp_path: Path, signum: int) -> None:
    pack = write_pack(tmp_path / "pack")
    data = tmp_path / "data"
    env = {**os.environ, "TUTOR_DATA_DIR": str(data), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    term = Terminal([*TUTOR, "--lessons", str(pack)], env)
    try:
        term.wait_for("Curso de prueba")
        term.send("\r")  # open lesson 1
        term.wait_for("paso 1/2")
        term.send("n")
        term.wait_for("Recordatorio del flujo")
        progress = data / "progress.json"
        deadline = time.monotonic() + 10
        while not progress.exists() and time.monotonic() < deadline:
            term.read(0.05)
        progress.unlink()  # from here on, only the signal handler can write it
        os.kill(term.pid, signum)
        status = term.wait_exit()
    finally:
        try:
            os.kill(term.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not os.WIFSIGNALED(status), f"killed by signal {os.WTERMSIG(status)}"
    assert os.WEXITSTATUS(status) == 0
    import json

    saved = json.loads(progress.read_text("utf-8"))
    assert saved["position"] == {"lesson": "intro", "page": 1}
    text = term.output.decode("utf-8", "replace")
    assert "Traceback" not in text and "Error" not in text
    assert text.rstrip().endswith("\x1b[?1049l") or "\x1b[?1049l" in text[-400:]  # screen restored

"""`tutor` in a real pseudo-terminal: SIGHUP (a dropped SSH link) and SIGTERM save the
progress and end the app cleanly, with the terminal restored and no traceback."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from app_pack import write_pack
from pty_terminal import TUTOR, Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")


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

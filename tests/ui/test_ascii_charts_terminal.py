"""`tutor lab` on a real pseudo-terminal: `--ascii` and the Linux console get charts without
braille (U+2800-U+28FF); a UTF-8 xterm gets the braille lines."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from chart_host import braille_in
from pty_terminal import TUTOR, Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="ptys")


@pytest.mark.parametrize("options, term, braille", [
    (["--ascii"], "xterm-256color", False),
    ([], "linux", False),
    ([], "xterm-256color", True),
], ids=["--ascii", "TERM=linux", "xterm"])
def test_the_charts_after_one_epoch(tmp_path: Path, options: list[str], term: str, braille: bool) -> None:
    env = {**os.environ, "TUTOR_DATA_DIR": str(tmp_path / "data"), "TERM": term, "LANG": "C.UTF-8"}
    for name in ("NO_COLOR", "TUTOR_ASCII", "TUTOR_LESSONS", "LC_ALL", "LC_CTYPE"):
        env.pop(name, None)
    shell = Terminal([*TUTOR, "lab", "compuerta-and", *options, "--init", "notebook"], env, size=(120, 40))
    try:
        shell.wait_for("Loss por ")  # the lab and its charts are on screen
        shell.send("e")  # done as soon as TensorFlow is loaded
        shell.wait_for("Época 0 (1/", timeout=120)
        shell.wait_for("0.75" + ("┤" if braille else "+"), timeout=60)  # the loss chart's first tick
        deadline = time.monotonic() + 1  # and the rest of that frame
        while time.monotonic() < deadline:
            shell.read(0.1)
        shell.send("q")
        status = shell.wait_exit()
    finally:
        try:
            os.kill(shell.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    shown = shell.output.decode("utf-8", "replace")
    assert ("Loss por epoca" if not braille else "Loss por época") in shown
    assert braille_in(shown) is braille

"""Issue 13, item 1, in a real terminal: when the last save fails as the student quits (here
the data dir was swapped for a file mid-session), the terminal says so in one line after the
screen closes, and the exit status is not 0. Quitting never ends in a traceback."""

from __future__ import annotations

import os
import sys

from tutor.bench.pty_session import PtySession

LESSON = """+++
id = "intro"
order = 1
title = "Una lección de prueba"
kind = "reading"
+++

## Página

Texto.
"""


def test_a_save_that_fails_on_quit_is_said_after_the_screen_closes(tmp_path):
    pack, data = tmp_path / "pack", tmp_path / "datos"
    pack.mkdir()
    (pack / "intro.md").write_text(LESSON, encoding="utf-8")
    argv = [sys.executable, "-m", "tutor", "--lessons", str(pack)]
    tty = PtySession(argv, columns=80, rows=24, env={"TUTOR_DATA_DIR": str(data), "TERM": "xterm-256color"})
    try:
        tty.wait_for("Una lección de prueba")
        data.rename(tmp_path / "datos-movidos")
        data.write_text("ya no es una carpeta")
        offset = tty.bytes_written
        tty.send("q")
        tty.wait_for("tutor: no se pudo guardar el progreso", since=offset)
        _, status = os.waitpid(tty.pid, 0)
        text = tty.text_since(offset)
    except BaseException:
        tty.close()
        raise
    os.close(tty.fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1
    assert "es un archivo, no una carpeta" in text and "Traceback" not in text

"""tutor.ui.terminal: while the app runs, native writes to fd 2 (TensorFlow's C++ logs) go to
a log file and Textual's screen (sys.__stderr__) still reaches the terminal; all restored after."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_native_noise_goes_to_the_log_and_the_screen_to_the_terminal(tmp_path):
    terminal, log = tmp_path / "terminal.txt", tmp_path / "data" / "tutor.log"
    script = textwrap.dedent(f"""
        import os, sys
        fd = os.open({str(terminal)!r}, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 2)
        from pathlib import Path
        from tutor.ui.terminal import screen_on_private_stderr
        with screen_on_private_stderr(Path({str(log)!r})):
            os.write(2, b"I0000 tensorflow noise\\n")
            sys.__stderr__.write("the screen\\n")
            sys.__stderr__.flush()
            print("python stderr", file=sys.stderr, flush=True)
        os.write(2, b"after\\n")
        print("restored", file=sys.stderr, flush=True)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    shown = terminal.read_text()
    assert shown.splitlines() == ["the screen", "python stderr", "after", "restored"]
    assert log.read_text() == "I0000 tensorflow noise\n"
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_without_a_log_path_noise_is_dropped(tmp_path):
    terminal = tmp_path / "terminal.txt"
    script = textwrap.dedent(f"""
        import os, sys
        fd = os.open({str(terminal)!r}, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 2)
        from tutor.ui.terminal import screen_on_private_stderr
        with screen_on_private_stderr(None):
            os.write(2, b"noise\\n")
            sys.__stderr__.write("screen\\n")
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert terminal.read_text() == "screen\n"

"""A tutor that gets SIGTERM or SIGHUP (an SSH link that drops) saves before leaving."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tutor.progress import ProgressStore

PROGRAM = """
import sys, time
from tutor.progress import ProgressStore, save_on_signals
store = ProgressStore(sys.argv[1])
progress, _ = store.load()
progress.student = "Ana"
progress.mark_page_read("intro", 2)
progress.set_position("intro", 2)
save_on_signals(lambda: store.save(progress))
print("listo", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_then_exits(tmp_path, signum):
    path = tmp_path / "progress.json"
    child = subprocess.Popen([sys.executable, "-c", PROGRAM, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "listo"
    assert not path.exists()  # nothing saved before the signal
    child.send_signal(signum)
    assert child.wait(timeout=20) == 128 + signum
    child.stdout.close()
    progress, notice = ProgressStore(path).load()
    assert notice is None
    assert (progress.student, progress.last_lesson, progress.last_page) == ("Ana", "intro", 2)


def test_then_callback_replaces_the_exit_and_restore_puts_handlers_back():
    from tutor.progress import save_on_signals

    calls = []
    before = signal.getsignal(signal.SIGTERM)
    restore = save_on_signals(lambda: calls.append("save"), then=lambda s: calls.append(s))
    try:
        signal.raise_signal(signal.SIGTERM)
    finally:
        restore()
    assert calls == ["save", signal.SIGTERM]
    assert signal.getsignal(signal.SIGTERM) == before

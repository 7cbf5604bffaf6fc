"""Atomic writes: a crash at any moment leaves the old file or the new one, never a broken one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tutor.progress import Progress, ProgressStore

# Saves changing progress in a tight loop until killed; the file is large enough (~100 KB)
# that a kill often lands while it is being written (an in-place writer fails this test).
WRITER = """
import sys
from tutor.progress import Progress, ProgressStore
store = ProgressStore(sys.argv[1])
progress = Progress(student="bucle")
for lesson in range(100):
    for page in range(100):
        progress.mark_page_read(f"leccion-{lesson}", page)
n = 0
print("listo", flush=True)
while True:
    n += 1
    progress.record_lab("lab", n, 1.0 / n)
    progress.mark_page_read(f"leccion-{n % 100}", 100 + n)
    store.save(progress)
"""
LOCK_FILES = ("progress.json.lock", "progress.json.session")  # the locks beside it stay


def files_in(folder) -> list[str]:
    """What is in the folder besides the lock files (a temp left behind would show here)."""
    return sorted(path.name for path in folder.iterdir() if path.name not in LOCK_FILES)


def test_crash_during_replace_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "progress.json")
    old = Progress(student="antes")
    store.save(old)
    before = store.path.read_bytes()

    def crash(*_args, **_kwargs):
        raise OSError(5, "fallo simulado")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Exception):
        store.save(Progress(student="después"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert files_in(tmp_path) == ["progress.json"]
    assert ProgressStore(store.path).load()[0].student == "antes"


def test_crash_while_writing_the_temp_keeps_the_old_file(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "progress.json")
    store.save(Progress(student="antes"))

    def crash(_fd):
        raise KeyboardInterrupt  # as Ctrl+C would, mid-write

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save(Progress(student="después"))
    monkeypatch.undo()
    assert ProgressStore(store.path).load()[0].student == "antes"
    assert files_in(tmp_path) == ["progress.json"]


def test_sigkill_at_random_moments_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "progress.json"
    kills = 0
    for round_ in range(20):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "listo"
        time.sleep(0.02 + 0.011 * round_)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        kills += 1
        if path.exists():
            document = json.loads(path.read_text(encoding="utf-8"))  # always whole
            assert document["student"] == "bucle"
            progress, notice = ProgressStore(path).load()
            assert notice is None and progress.lab("lab").epochs_run >= 1
    assert kills == 20 and path.exists()
    # Temp files of killed writers are cleaned on the next load.
    ProgressStore(path).load()
    assert files_in(tmp_path) == ["progress.json"]


def test_a_temp_of_a_live_process_is_left_alone(tmp_path):
    live = tmp_path / f".progress.json.{os.getppid()}.tmp"
    dead = tmp_path / ".progress.json.999999999.tmp"
    live.write_text("escribiendo")
    dead.write_text("abandonado")
    ProgressStore(tmp_path / "progress.json").load()
    assert live.exists() and not dead.exists()


def test_a_save_interrupted_by_another_save_in_the_same_process(tmp_path, monkeypatch):
    # What a SIGTERM handler does when it lands while the app itself is saving.
    store = ProgressStore(tmp_path / "progress.json")
    real_fsync = os.fsync
    calls = []

    def fsync_then_save_again(fd):
        calls.append(fd)
        if len(calls) == 1:
            store.save(Progress(student="desde la señal"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_save_again)
    store.save(Progress(student="la app"))
    monkeypatch.undo()
    progress, notice = ProgressStore(store.path).load()
    assert notice is None and progress.student == "la app"
    assert files_in(tmp_path) == ["progress.json"]


def test_temp_names_that_are_not_a_pid_do_not_break_loading(tmp_path):
    impossible = tmp_path / ".progress.json.99999999999999999999.tmp"  # no pid is this large
    not_ascii = tmp_path / ".progress.json.².tmp"  # "²".isdigit() is True, int("²") fails
    impossible.write_text("abandonado")
    not_ascii.write_text("ajeno")
    assert ProgressStore(tmp_path / "progress.json").load()[1] is None
    assert not impossible.exists() and not_ascii.exists()

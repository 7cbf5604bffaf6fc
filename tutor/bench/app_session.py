"""The tutor as a student runs it: `tutor` in a real pty, driven by keys, watched by text.

A lab is opened the way a class does: `tutor lab compuerta-and --init notebook` (AND), or
`tutor lab xor-capa-oculta --seed 1` (XOR, the hidden-layer network). The markers are what
the student sees: the home screen's progress line, and the lab's status line ("Época 0
(1/2000)"), which is redrawn in the same frame as the four panels (the charts follow in the
next frame; "settled" times include them).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from tutor.bench.pty_session import PtySession

LAB = "compuerta-and"
LAB_EPOCHS = 2000


class BenchLab(NamedTuple):
    id: str
    start: tuple[str, ...]  # `tutor lab ID` options giving the same start every run
    epochs: int


AND = BenchLab(LAB, ("--init", "notebook"), LAB_EPOCHS)
XOR = BenchLab("xor-capa-oculta", ("--seed", "1"), 1000)  # no notebook start: a seeded one

HOME_MARKER = "Tu progreso"
LAB_MARKER = "Época - (0/"  # the lab's status line, visible at any size
LAB_READY_MARKER = "listo: espacio o e"  # the status line, once TensorFlow is loaded
GATE_MARKER = "(elige 1"  # the gate's title, on screen once its options are
GATE_ANSWER = "1\r"  # an option and Enter: right or wrong, it opens the gate (what is timed comes after)
ANSWERED_MARKER = "Predicción:"


class TutorSession:
    """One `tutor` process with its own data dir: `tutor lab` (or the home screen, lab=None)."""

    def __init__(self, *, columns: int, rows: int, lab: BenchLab | None = AND) -> None:
        self.data_dir = tempfile.mkdtemp(prefix="tutor-bench-")
        tutor = str(Path(sys.executable).with_name("tutor"))
        env = {"TUTOR_DATA_DIR": self.data_dir, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        argv = [tutor, "lab", lab.id, *lab.start] if lab else [tutor, "--seed", "1"]
        self.lab = lab
        self.pty = PtySession(argv, columns=columns, rows=rows, env=env)
        self.epochs_done = 0  # epochs stepped since the lab opened or was reset

    def first_paint_s(self) -> float:
        """Launch until the home screen is drawn (start with lab=None)."""
        return self.pty.wait_for(HOME_MARKER, timeout=60)

    def open_lab(self) -> None:
        """`tutor lab` opens on the lab: wait until TensorFlow is loaded and the screen is still."""
        self.pty.wait_for(LAB_MARKER, timeout=60)
        self.pty.wait_for(LAB_READY_MARKER, timeout=120)
        self.pty.wait_quiet(1.0)
        self.pass_prediction()

    def pass_prediction(self) -> None:
        """Step epoch 0 by phase into the lab's prediction, answer it (right or wrong, either
        opens it) and finish the epoch: the lab then steps as for a student who has answered."""
        mark = self.pty.bytes_written
        self.pty.send("   ")  # space x3: 1 Forward, 2 Loss, then the gate instead of 3 Gradientes
        self.pty.wait_for(GATE_MARKER, since=mark, timeout=30)
        self.pty.send(GATE_ANSWER)
        self.pty.wait_for(ANSWERED_MARKER, since=mark, timeout=30)
        self.pty.send("e")
        self.pty.wait_for("4 Update", since=mark, timeout=30)
        self.pty.wait_quiet(0.5)
        self.epochs_done = 1

    def _next_status(self) -> str:
        """The status line once the next epoch is shown: "Época 3 (4/2000)"."""
        return f"Época {self.epochs_done} ({self.epochs_done + 1}/{self.lab.epochs})"

    def step_latencies(self, count: int) -> tuple[list[float], list[float]]:
        """Per press of e: seconds until the status line (and, in that frame, the four panels)
        shows the new epoch; and seconds until the screen settled (the charts drawn too)."""
        shown, settled = [], []
        for _ in range(count):
            mark = self.pty.bytes_written
            pressed = time.perf_counter()
            self.pty.send("e")
            arrived = self.pty.wait_for(self._next_status(), since=mark, timeout=30)
            self.epochs_done += 1
            shown.append(arrived + self.pty.started - pressed)
            self.pty.wait_quiet(0.3)
            settled.append(self.pty.last_output_at() - pressed)
        return shown, settled

    def bytes_per_step(self, count: int) -> float:
        """Bytes written to the terminal for one epoch step (e), until the screen settled."""
        sizes = []
        for _ in range(count):
            self.pty.wait_quiet(0.5)
            mark = self.pty.bytes_written
            self.pty.send("e")
            self.pty.wait_for(self._next_status(), since=mark, timeout=30)
            self.epochs_done += 1
            self.pty.wait_quiet(0.5)
            sizes.append(self.pty.bytes_written - mark)
        return statistics.median(sizes)

    def run_to_end(self) -> dict:
        """Press r from epoch 0; time until the last epoch is shown and the screen settles.

        bytes_per_s is the busiest one-second window from the key press to the last frame
        (bytes / duration would turn a faster run into a "higher rate" for the same frames).
        """
        if self.epochs_done:
            mark = self.pty.bytes_written
            self.pty.send("x")  # back to the same start, epoch 0
            self.pty.wait_for(LAB_MARKER, since=mark, timeout=30)  # quiet alone may come before x is drawn
            self.epochs_done = 0
        self.pty.wait_quiet(0.5)
        mark = self.pty.bytes_written
        pressed = time.perf_counter()
        self.pty.send("r")
        epochs = self.lab.epochs
        self.pty.wait_for(f"({epochs}/{epochs})", since=mark, timeout=300)
        self.pty.wait_quiet(0.5)
        last = self.pty.last_output_at()
        drawn_s = last - pressed  # the last frame: charts drawn
        self.epochs_done = epochs
        return {"run_to_end_s": drawn_s, "bytes": self.pty.bytes_written - mark,
                "bytes_per_s": self.pty.busiest_second(pressed, last)}

    def peak_rss_mb(self) -> float:
        return _status_field(self.pty.pid, "VmHWM") / 1024

    def unique_mb(self) -> float:
        """USS: memory only this process holds (private clean + dirty pages)."""
        return _rollup_kb(self.pty.pid, ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:")) / 1024

    def shared_mb(self) -> float:
        """Resident pages this process shares with others (libraries, TensorFlow's .so files)."""
        return _rollup_kb(self.pty.pid, ("Shared_Clean:", "Shared_Dirty:", "Shared_Hugetlb:")) / 1024

    def close(self) -> None:
        self.pty.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def _rollup_kb(pid: int, fields: tuple[str, ...]) -> int:
    return sum(int(line.split()[1]) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
               if line.startswith(fields))


def _status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise KeyError(name)


def cpu_count() -> int:
    return os.cpu_count() or 1

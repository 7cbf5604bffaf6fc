"""The class server's figures, each next to a standalone `tutor lab` measured in the same run.

- per-session USS (private memory) with 4 and 10 students in the lab at once, each after
  training compuerta-and to the end, next to standalone sessions after the same run (three
  at once, so that the libraries they map count as shared, as on a lab server);
- seconds from `ssh` connect to the first epoch on screen, next to launching `tutor lab`
  until its first epoch (the standalone session imports TensorFlow itself);
- students per 8/16/32 GB for both: the shared part once (the zygote's resident memory for
  the server; the libraries for standalone), plus each student's private memory, 10 % free.
Goals: session USS <= 0.4x standalone, first epoch <= 0.5x standalone.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tutor.bench.app_session import AND, LAB, LAB_EPOCHS, LAB_READY_MARKER, TutorSession, _status_field
from tutor.bench.pty_session import PtySession
from tutor.bench.serve_class import ServedClass, ServedStudent, resident_mb, unique_mb

GOALS = {"session_uss_mb": ("standalone_uss_mb", 0.4), "connect_to_first_epoch_s": ("standalone_first_epoch_s", 0.5)}
MEMORY_GB = (8, 16, 32)


def standalone(count: int) -> dict:
    """`count` standalone `tutor lab compuerta-and` at once (so their libraries count as shared,
    as on a lab server): the first one's launch to first epoch, then each one's USS after
    running to the end."""
    sessions = []
    try:
        for number in range(count):
            sessions.append(_StandaloneLab())
            if number == 0:
                first_epoch = sessions[0].first_epoch()
            else:
                sessions[-1].first_epoch()
        for session in sessions:
            session.run_to_end()
        time.sleep(1.0)
        uss = [round(session.unique_mb(), 1) for session in sessions]
        shared = min(session.shared_mb() for session in sessions)
        peak = max(_status_field(session.pty.pid, "VmHWM") / 1024 - shared for session in sessions)
        return {"standalone_first_epoch_s": round(first_epoch, 3), "standalone_uss_mb": max(uss),
                "standalone_uss_mb_each": uss, "standalone_shared_mb": round(shared, 1),
                "standalone_private_peak_mb": round(max(peak, *uss), 1)}
    finally:
        for session in sessions:
            session.close()


class _StandaloneLab(TutorSession):
    """`tutor --seed 1 lab compuerta-and` in a pty (TutorSession's readers, another command)."""

    def __init__(self) -> None:  # noqa: D107 - TutorSession's fields, `tutor lab` as the program
        self.data_dir = tempfile.mkdtemp(prefix="tutor-bench-")
        argv = [str(Path(sys.executable).with_name("tutor")), "--seed", "1", "lab", LAB]
        env = {"TUTOR_DATA_DIR": self.data_dir, "TERM": "xterm-256color"}
        self.pty = PtySession(argv, columns=80, rows=24, env=env)
        self.lab = AND
        self.epochs_done = 0

    def first_epoch(self) -> float:
        """Seconds from launch until the first epoch is on screen."""
        self.pty.wait_for(LAB_READY_MARKER, timeout=120)
        mark = self.pty.bytes_written
        self.pty.send("e")
        seconds = self.pty.wait_for(f"Época 0 (1/{LAB_EPOCHS})", since=mark, timeout=60)
        self.epochs_done = 1
        return seconds


async def _class_in_lab(served: ServedClass) -> dict:
    students = [ServedStudent(served, name) for name in served.names]
    try:
        first_epochs = [await student.open_lab() for student in students]  # one after another
        await asyncio.gather(*(student.run_to_end() for student in students))
        uss = [round(unique_mb(served.session_pid(student.name)), 1) for student in students]
        zygote = served.zygote_pid()
        return {"first_epochs": first_epochs, "uss": uss, "zygote_rss_mb": resident_mb(zygote),
                "server_uss_mb": unique_mb(served.process.pid)}
    finally:
        await asyncio.gather(*(student.close() for student in students), return_exceptions=True)


def served(count: int) -> dict:
    server = ServedClass(count)
    try:
        figures = asyncio.run(_class_in_lab(server))
    finally:
        server.close()
    figures["server_ready_s"] = server.ready_s
    return figures


def measure_serve(quick: bool) -> dict:
    results: dict = standalone(2 if quick else 3)
    classes = {count: served(count) for count in ((2,) if quick else (4, 10))}
    for count, figures in classes.items():
        results[f"serve_uss_mb_{count}_sessions"] = figures["uss"]
    largest = classes[max(classes)]
    per_student = max(max(figures["uss"]) for figures in classes.values())
    shared = largest["zygote_rss_mb"] + largest["server_uss_mb"]
    first = [seconds for figures in classes.values() for seconds in figures["first_epochs"]]
    results.update({
        "session_uss_mb": per_student,
        "connect_to_first_epoch_s": round(statistics.median(first), 3),
        "connect_to_first_epoch_max_s": round(max(first), 3),
        "serve_shared_mb": round(shared, 1),
        "serve_ready_s": round(largest["server_ready_s"], 2),
        "students_per_server_served": _students(shared, per_student),
        "students_per_server_standalone": _students(results["standalone_shared_mb"],
                                                    results["standalone_private_peak_mb"]),
    })
    results["serve_goals"] = {
        figure: {"ratio": round(results[figure] / results[baseline], 3), "limit": limit,
                 "ok": results[figure] / results[baseline] <= limit}
        for figure, (baseline, limit) in GOALS.items()}
    return results


def _students(shared_mb: float, per_student_mb: float) -> dict:
    return {f"{gb}GB": max(0, int((gb * 1024 * 0.9 - shared_mb) // per_student_mb)) for gb in MEMORY_GB}

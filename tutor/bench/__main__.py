"""`python -m tutor.bench`: how fast and light the tutor is, each figure beside its baseline.

Prints one JSON object. Budgets are ratios to baselines measured in the same run, so they
hold on any machine. Not part of the test suite (a test only checks that it runs).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
from pathlib import Path

from tutor.bench.app_session import AND, XOR, TutorSession, cpu_count
from tutor.bench.baselines import bare_tf_import, notebook_eager_loop, notebook_xor_loop
from tutor.bench.lab_figures import lab_figures

BUDGETS = {  # figure: (baseline, largest ratio allowed); compuerta-and, then the XOR network
    "first_paint_s": ("tf_import_s", 0.25),
    "run_to_end_s": ("notebook_loop_2000_s", 0.2),
    "step_p95_s": ("eager_epoch_s", 15.0),
    "peak_rss_mb": ("tf_import_peak_rss_mb", 1.2),
    "xor_run_to_end_s": ("xor_notebook_loop_1000_s", 0.2),
    "xor_step_p95_s": ("xor_eager_epoch_s", 15.0),
    "xor_peak_rss_mb": ("tf_import_peak_rss_mb", 1.2),
}
BYTE_BUDGETS = {"pty_bytes_per_step_120x40": 8 * 1024, "pty_bytes_per_s_running_120x40": 40 * 1024,
                "xor_pty_bytes_per_step_120x40": 8 * 1024, "xor_pty_bytes_per_s_running_120x40": 40 * 1024}


def machine() -> dict:
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal:"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return {"cpu": cpu, "cores": cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def measure(quick: bool) -> dict:
    results: dict = {"machine": machine(), "quick": quick}
    results.update(bare_tf_import())
    results.update(notebook_eager_loop())
    results.update(notebook_xor_loop())

    paints = []
    for _ in range(1 if quick else 5):
        session = TutorSession(columns=80, rows=24, lab=None)
        try:
            paints.append(session.first_paint_s())
        finally:
            session.close()
    results["first_paint_s"] = round(statistics.median(paints), 3)

    results.update(lab_figures(AND, quick))
    results.update(lab_figures(XOR, quick, prefix="xor_"))

    # Students per server: the pages every session shares (TensorFlow's libraries) count once,
    # each student adds their private memory at its peak (peak RSS minus the shared pages).
    sessions = [TutorSession(columns=80, rows=24) for _ in range(3)]
    try:
        for session in sessions:
            session.open_lab()
        for session in sessions:
            session.run_to_end()
        unique = [round(session.unique_mb(), 1) for session in sessions]
        shared = min(session.shared_mb() for session in sessions)
        per_student = max(max(session.peak_rss_mb() - session.shared_mb() for session in sessions), *unique)
    finally:
        for session in sessions:
            session.close()
    results["uss_mb_three_sessions"] = unique
    results["shared_mb"] = round(shared, 1)
    results["peak_private_mb"] = round(per_student, 1)
    results["students_per_server"] = {
        f"{gb}GB": max(0, int((gb * 1024 * 0.9 - shared) // per_student)) for gb in (8, 16, 32)}

    results["budgets"] = budgets(results)
    return results


def budgets(results: dict) -> dict:
    verdicts = {}
    for figure, (baseline, limit) in BUDGETS.items():
        ratio = results[figure] / results[baseline]
        verdicts[figure] = {"ratio": round(ratio, 3), "limit": limit, "ok": ratio <= limit}
    for figure, limit in BYTE_BUDGETS.items():
        verdicts[figure] = {"value": results[figure], "limit": limit, "ok": results[figure] <= limit}
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--serve-only", action="store_true", help="only the class server's figures")
    args = parser.parse_args(argv)
    from tutor.bench.serve_figures import measure_serve

    results = {"machine": machine(), "quick": args.quick} if args.serve_only else measure(args.quick)
    results["serve"] = measure_serve(args.quick)  # `tutor serve` next to a standalone session
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

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

from tutor.bench.app_session import TutorSession, cpu_count
from tutor.bench.baselines import bare_tf_import, notebook_eager_loop

BUDGETS = {  # figure: (baseline, largest ratio allowed)
    "first_paint_s": ("tf_import_s", 0.25),
    "run_to_end_s": ("notebook_loop_2000_s", 0.2),
    "step_p95_s": ("eager_epoch_s", 15.0),
    "peak_rss_mb": ("tf_import_peak_rss_mb", 1.2),
}
BYTE_BUDGETS = {"pty_bytes_per_step_120x40": 8 * 1024, "pty_bytes_per_s_running_120x40": 40 * 1024}


def machine() -> dict:
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal:"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return {"cpu": cpu, "cores": cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(quick: bool) -> dict:
    results: dict = {"machine": machine(), "quick": quick}
    results.update(bare_tf_import())
    results.update(notebook_eager_loop())

    paints = []
    for _ in range(1 if quick else 5):
        session = TutorSession(columns=80, rows=24, lab=None)
        try:
            paints.append(session.first_paint_s())
        finally:
            session.close()
    results["first_paint_s"] = round(statistics.median(paints), 3)

    for columns, rows in ((120, 40), (80, 24)):
        size = f"{columns}x{rows}"
        session = TutorSession(columns=columns, rows=rows)
        try:
            session.open_lab()
            if size == "120x40":
                shown, settled = session.step_latencies(5 if quick else 40)
                results["step_p50_s"] = round(statistics.median(shown), 4)
                results["step_p95_s"] = round(percentile(shown, 0.95), 4)
                results["step_settled_p50_s"] = round(statistics.median(settled), 4)  # charts drawn too
                results["step_settled_p95_s"] = round(percentile(settled, 0.95), 4)
            results[f"pty_bytes_per_step_{size}"] = round(session.bytes_per_step(3 if quick else 10))
            runs = [session.run_to_end() for _ in range(1 if quick or size != "120x40" else 3)]
            results[f"pty_bytes_per_s_running_{size}"] = round(max(run["bytes_per_s"] for run in runs))
            results[f"pty_bytes_run_to_end_{size}"] = round(statistics.median(run["bytes"] for run in runs))
            if size == "120x40":
                results["run_to_end_s"] = round(statistics.median(run["run_to_end_s"] for run in runs), 3)
                results["peak_rss_mb"] = round(session.peak_rss_mb(), 1)
        finally:
            session.close()

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

"""One lab's figures, measured in real ptys at 120x40 and 80x24: step latency (shown and
settled), bytes per step, running to the end (time, bytes, busiest second) and peak memory."""

from __future__ import annotations

import statistics

from tutor.bench.app_session import BenchLab, TutorSession


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def lab_figures(lab: BenchLab, quick: bool, prefix: str = "") -> dict:
    """The figures of `tutor lab` on `lab`, each name with `prefix` ("xor_step_p95_s")."""
    results: dict = {}
    for columns, rows in ((120, 40), (80, 24)):
        size = f"{columns}x{rows}"
        session = TutorSession(columns=columns, rows=rows, lab=lab)
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
    return {prefix + name: value for name, value in results.items()}

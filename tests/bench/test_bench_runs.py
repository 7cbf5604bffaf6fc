"""The benchmark runs end to end and reports every figure (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

LAB_FIGURES = [  # of each lab: compuerta-and's plain, the XOR network's with "xor_"
    "step_p50_s", "step_p95_s", "step_settled_p50_s", "step_settled_p95_s", "run_to_end_s", "peak_rss_mb",
    "pty_bytes_per_step_120x40", "pty_bytes_per_s_running_120x40", "pty_bytes_run_to_end_120x40",
    "pty_bytes_per_step_80x24", "pty_bytes_per_s_running_80x24", "pty_bytes_run_to_end_80x24",
]
FIGURES = [
    "tf_import_s", "tf_import_peak_rss_mb", "eager_epoch_s", "notebook_loop_2000_s",
    "xor_eager_epoch_s", "xor_notebook_loop_1000_s", "first_paint_s",
    *LAB_FIGURES, *("xor_" + name for name in LAB_FIGURES), "shared_mb", "peak_private_mb",
    "uss_mb_three_sessions", "students_per_server", "budgets", "machine",
]
POSITIVE = FIGURES[:FIGURES.index("uss_mb_three_sessions")]
LAB_BUDGETS = {"run_to_end_s", "step_p95_s", "peak_rss_mb", "pty_bytes_per_step_120x40",
               "pty_bytes_per_s_running_120x40"}


def test_quick_benchmark_emits_every_figure():
    result = subprocess.run([sys.executable, "-m", "tutor.bench", "--quick"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    missing = [name for name in FIGURES if name not in report]
    assert not missing
    assert len(report["uss_mb_three_sessions"]) == 3
    assert set(report["budgets"]) == {"first_paint_s", *LAB_BUDGETS, *("xor_" + name for name in LAB_BUDGETS)}
    assert all(isinstance(verdict["ok"], bool) for verdict in report["budgets"].values())
    for name in POSITIVE:
        assert report[name] > 0, name
    for lab in ("", "xor_"):  # the charts come with or after the panels
        assert report[f"{lab}step_settled_p50_s"] >= report[f"{lab}step_p50_s"], lab
    assert set(report["students_per_server"]) == {"8GB", "16GB", "32GB"}

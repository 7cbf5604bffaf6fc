"""The class server's benchmark runs end to end and reports every figure (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

FIGURES = ["standalone_first_epoch_s", "standalone_uss_mb", "standalone_shared_mb", "standalone_private_peak_mb",
           "session_uss_mb", "connect_to_first_epoch_s", "connect_to_first_epoch_max_s", "serve_shared_mb",
           "serve_ready_s"]


def test_quick_serve_benchmark_emits_every_figure():
    result = subprocess.run([sys.executable, "-m", "tutor.bench", "--quick", "--serve-only"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    serve = json.loads(result.stdout)["serve"]
    for name in FIGURES:
        assert serve[name] > 0, name
    assert len(serve["serve_uss_mb_2_sessions"]) == 2
    assert set(serve["students_per_server_served"]) == set(serve["students_per_server_standalone"]) \
        == {"8GB", "16GB", "32GB"}
    assert set(serve["serve_goals"]) == {"session_uss_mb", "connect_to_first_epoch_s"}

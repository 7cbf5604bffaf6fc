"""Layering: each lower layer, imported alone in a fresh interpreter, leaves the heavy ones out."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CHECK = """
import json, sys
import {module}
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {{'tensorflow', 'textual', 'tf_keras', 'keras', 'asyncssh'}})))
"""


def heavy_modules_after_importing(module: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", CHECK.format(module=module)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", [
    "tutor.engine",  # records, start values, epoch_source, hand_gradients, Trainer (lazy TF)
    "tutor.engine.trace",
    "tutor.cli",
    "tutor.commands.run",
    "tutor.lessons",
    "tutor.serve",  # the class server: asyncssh and the UI only in the modules that serve
    "tutor.serve.class_table",
    "tutor.commands.serve",
    "tutor.commands.class_progress",
    "tutor.lessons.free_lab",  # the free lab's checks and lesson builder
    "tutor.lab.session",  # the lab's controller and its channel (TF only inside the thread)
    "tutor.lab.status",
])
def test_no_tensorflow_and_no_textual(module):
    assert heavy_modules_after_importing(module) == []


def test_the_check_sees_tensorflow_when_it_is_there():
    assert heavy_modules_after_importing("tutor.engine.loops") == ["tensorflow", "tf_keras"]


def test_engine_helpers_run_without_tensorflow():
    code = """
import sys
from tutor.lessons.model import Dataset, LabSpec
from tutor.engine import epoch_source, start_values
data = Dataset("d", "d", ("x1", "x2"), "y", ((0.0, 1.0), (1.0, 0.0)), (0.0, 1.0))
spec = LabSpec("l", "l", data, "sigmoide", "bce", 0.1, 10, 1, ("W", "b"))
start_values(spec, "random", seed=1)
assert "tape.gradient" in epoch_source(spec).code
assert "tensorflow" not in sys.modules, "TensorFlow was imported"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_nothing_below_the_commands_imports_the_class_server():
    """`serve` may use `ui` and everything under it; nothing under it uses `serve`."""
    from pathlib import Path

    import tutor

    root = Path(tutor.__file__).parent
    offenders = [str(path.relative_to(root)) for layer in ("engine", "lessons", "progress", "ui")
                 for path in (root / layer).rglob("*.py") if "tutor.serve" in path.read_text(encoding="utf-8")]
    assert offenders == []

"""tutor.lessons (and `tutor list` / `tutor check`) import neither TensorFlow nor Textual."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import tutor.lessons, tutor.commands.list_lessons, tutor.commands.check
course = tutor.lessons.load_course()
heavy = sorted(name for name in sys.modules if name.split('.')[0] in ('tensorflow', 'textual', 'keras', 'numpy'))
print(heavy)
"""


def test_lessons_layer_imports_nothing_heavy():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

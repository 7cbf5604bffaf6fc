"""The training-loop code a lab shows: read from tutor/engine/loops.py, the code that runs.

Reads the file as text (ast), so it never imports TensorFlow.
"""

from __future__ import annotations

import ast
import io
import textwrap
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tutor.engine.records import PHASES
from tutor.lessons.model import LabSpec

LOOPS_FILE = Path(__file__).with_name("loops.py")
# Marker comments in loops.py that open each phase: "# 1 Forward", "# 2 Loss", ...
MARKERS = {number: f"# {number} {name}" for number, name in enumerate(PHASES, start=1)}


@dataclass(frozen=True)
class EpochSource:
    """One epoch's code and, per phase (1..4), its 1-based inclusive line range in `code`."""

    code: str
    phase_lines: dict[int, tuple[int, int]]


def epoch_source(spec: LabSpec) -> EpochSource:
    """The function of loops.py that trains this lab, with the lab's parameter names.

    The sigmoid loops are written with `W` (Ejemplo final); for a lab whose weight is `w`
    (Ejemplo 2) the name is changed in the shown text only, a pure renaming.
    """
    code = _function_text(f"epoch_{spec.model}_{spec.loss}")
    weight = spec.params[0]
    written = "W" if spec.model == "sigmoide" else "w"
    if weight != written:
        code = _rename(code, written, weight)
    return EpochSource(code=code, phase_lines=_phase_lines(code))


@lru_cache(maxsize=None)
def _function_text(name: str) -> str:
    text = LOOPS_FILE.read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            lines = text.splitlines()[node.lineno - 1:node.end_lineno]
            return textwrap.dedent("\n".join(lines)) + "\n"
    raise LookupError(f"{LOOPS_FILE} has no function {name}")


def _rename(code: str, old: str, new: str) -> str:
    """Replace the Python name `old` by `new` (names only: not inside comments or strings)."""
    lines = code.splitlines(keepends=True)
    spots = [tok.start for tok in tokenize.generate_tokens(io.StringIO(code).readline)
             if tok.type == tokenize.NAME and tok.string == old]
    for row, col in reversed(spots):  # right to left keeps earlier columns valid
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[col + len(old):]
    return "".join(lines)


def _phase_lines(code: str) -> dict[int, tuple[int, int]]:
    lines = code.splitlines()
    starts = {}
    for index, line in enumerate(lines, start=1):
        for number, marker in MARKERS.items():
            if line.strip().startswith(marker):
                starts[number] = index
    if sorted(starts) != [1, 2, 3, 4]:
        raise LookupError("loops.py: each epoch function needs the four phase markers")
    ranges = {}
    for number in (1, 2, 3, 4):
        end = starts[number + 1] - 1 if number < 4 else _last_update_line(lines)
        while end > starts[number] and not lines[end - 1].strip():
            end -= 1
        ranges[number] = (starts[number], end)
    return ranges


def _last_update_line(lines: list[str]) -> int:
    """Phase 4 ends before the `return` that hands the values to the Trainer."""
    for index in range(len(lines), 0, -1):
        if lines[index - 1].strip().startswith("return"):
            return index - 1
    return len(lines)

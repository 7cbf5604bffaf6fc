"""The training-loop code a lab shows: read from tutor/engine/loops/<model>.py, the code that runs.

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

from tutor.engine.models import model_for
from tutor.engine.records import PHASES
from tutor.lessons.model import LabSpec

LOOPS_DIR = Path(__file__).with_name("loops")
# Marker comments in the epoch functions that open each phase: "# 1 Forward", "# 2 Loss", ...
MARKERS = {number: f"# {number} {name}" for number, name in enumerate(PHASES, start=1)}


@dataclass(frozen=True)
class EpochSource:
    """The code a lab shows: the model's forward function, a blank line, then one epoch's
    function. `phase_lines`: per phase (1..4), its 1-based inclusive line range in `code`,
    inside the epoch function (phase 1 is the line that calls the forward function);
    `forward_lines`: the forward function's own range, which belongs to phase 1 too."""

    code: str
    phase_lines: dict[int, tuple[int, int]]
    forward_lines: tuple[int, int] | None = None


def epoch_source(spec: LabSpec) -> EpochSource:
    """The functions of loops/<model>.py that train this lab, with the lab's parameter names.

    The loops are written with the names of `Model.code_params` (`W` for the Ejemplo final);
    for a lab that names them otherwise (`w` in the Ejemplo 2) the names are changed in the
    shown text only, a pure renaming.
    """
    model = model_for(spec)
    path = LOOPS_DIR / f"{model.name}.py"
    forward = _function_text(path, model.forward_function)
    epoch = _function_text(path, model.epoch_function)
    code = forward + "\n" + epoch
    code = _rename(code, {written: name for written, name in zip(model.code_params, model.param_names)
                          if written != name})
    offset = len(forward.splitlines()) + 1
    phases = {phase: (first + offset, last + offset) for phase, (first, last) in _phase_lines(epoch).items()}
    return EpochSource(code=code, phase_lines=phases, forward_lines=(1, len(forward.splitlines())))


@lru_cache(maxsize=None)
def _function_text(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            lines = text.splitlines()[node.lineno - 1:node.end_lineno]
            return textwrap.dedent("\n".join(lines)) + "\n"
    raise LookupError(f"{path} has no function {name}")


def _rename(code: str, names: dict[str, str]) -> str:
    """Replace each Python name `old` by names[old], all at once (names only: not inside
    comments or strings)."""
    if not names:
        return code
    lines = code.splitlines(keepends=True)
    spots = [(tok.start, tok.string) for tok in tokenize.generate_tokens(io.StringIO(code).readline)
             if tok.type == tokenize.NAME and tok.string in names]
    for (row, col), old in reversed(spots):  # right to left keeps earlier columns valid
        line = lines[row - 1]
        lines[row - 1] = line[:col] + names[old] + line[col + len(old):]
    return "".join(lines)


def _phase_lines(code: str) -> dict[int, tuple[int, int]]:
    lines = code.splitlines()
    starts = {}
    for index, line in enumerate(lines, start=1):
        for number, marker in MARKERS.items():
            if line.strip().startswith(marker):
                starts[number] = index
    if sorted(starts) != [1, 2, 3, 4]:
        raise LookupError("loops/: each epoch function needs the four phase markers")
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

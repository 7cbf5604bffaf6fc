"""The one range of learning rates the tutor accepts, and its Spanish messages.

The lab's + / - / l keys, the free lab's form and the lab's start all check here.
"""

from __future__ import annotations

import math

LR_MIN = 1e-9
LR_MAX = 1e9


def lr_problem(value: float) -> str | None:
    """Why `value` is not a usable learning rate (None if it is)."""
    if not math.isfinite(value):
        return "el learning rate debe ser un número finito"
    if not LR_MIN <= value <= LR_MAX:
        return f"el learning rate debe estar entre {LR_MIN:g} y {LR_MAX:g} (es {value:g})"
    return None


def parse_lr(text: str) -> float:
    """The learning rate typed as `text` ("0.119", "0,05", "1e-3"), or ValueError saying why not."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"«{text.strip()}» no es un número (p. ej. 0.1 o 1e-3)")
    problem = lr_problem(value)
    if problem:
        raise ValueError(problem[0].upper() + problem[1:])
    return value

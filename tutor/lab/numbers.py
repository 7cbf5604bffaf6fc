"""How the lab writes numbers: one format everywhere, so panels, status and tests agree."""

from __future__ import annotations

import math


def num(value: float, digits: int = 4) -> str:
    """A number with `digits` decimals; scientific when huge or tiny; nan/inf spelled out."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    size = abs(value)
    if size >= 1e5 or (0 < size < 10 ** -digits):
        return f"{value:.{max(digits - 1, 1)}e}"
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


def signed(value: float, digits: int = 4) -> str:
    """A number in parentheses when negative, for use after an operator: 0.1·(-2.5)."""
    text = num(value, digits)
    return f"({text})" if text.startswith("-") else text


def rate(lr: float) -> str:
    """A learning rate as the student typed it: 0.1, 0.025, 3.2."""
    return f"{lr:g}"


def param_labels(name: str, count: int) -> list[str]:
    """Names of a parameter's scalars: w -> [w]; W with 2 values -> [W[0], W[1]]."""
    return [name] if count == 1 else [f"{name}[{i}]" for i in range(count)]

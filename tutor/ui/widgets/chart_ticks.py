"""Axis ticks and their labels for the lab charts: round values, short labels.

A diverging run's losses reach 1e26 and more; plotext would label them with every digit
and squeeze the plot to a couple of columns. Here every label is at most LABEL_WIDTH
characters (3 significant digits, scientific notation for huge and tiny values).
"""

from __future__ import annotations

import math

LABEL_WIDTH = 7  # the widest y label: "-1.2e-9", "1.5e+26" is written "1.5e26"


def tick_labels(ticks: list[float], width: int = LABEL_WIDTH) -> list[str]:
    """Labels for a row of ticks: 3 significant digits, more if two would read the same."""
    labels = [tick_label(t, width) for t in ticks]
    for digits in (4, 5, 6):
        if len(set(labels)) == len(labels):
            break
        labels = [tick_label(t, width, digits) for t in ticks]
    return labels


def tick_label(value: float, width: int = LABEL_WIDTH, digits: int = 3) -> str:
    """A short label for value: 0.755, 12.5, 1500, 1.2e26, -3e-7 (never wider than width)."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value == 0:
        return "0"
    magnitude = abs(value)
    tries = range(digits, 0, -1)
    if 1e-3 <= magnitude < 1e5:
        for shown in tries:
            text = _plain(value, shown)
            if len(text) <= width:
                return text
    for shown in tries:
        text = _scientific(value, shown)
        if len(text) <= width:
            return text
    return _scientific(value, 1)  # width < 5: the shortest there is


def _plain(value: float, digits: int) -> str:
    """value rounded to `digits` significant digits, without an exponent."""
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(digits - 1 - exponent, 0)
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scientific(value: float, digits: int) -> str:
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


def nice_step(span: float, most: int) -> float:
    """The smallest 1-2-5 step that divides span into at most `most` - 1 intervals."""
    raw = span / max(most - 1, 1)
    if not raw > 0 or not math.isfinite(raw):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= raw * (1 - 1e-9):
            return multiple * power
    return 10 * power


def linear_ticks(low: float, high: float, most: int) -> list[float]:
    """Round values inside [low, high]: at most `most` of them, at least two when most >= 2
    (the ends themselves when no round step fits)."""
    if most <= 1 or not high > low:
        return [low / 2 + high / 2]
    step = nice_step(high - low, most)
    for _ in range(4):  # a finer step when the first one leaves fewer than two ticks
        ticks = _multiples(low, high, step)
        if len(ticks) >= 2:
            while len(ticks) > most:
                ticks = ticks[::2]
            return [0.0 if abs(t) < step * 1e-9 else t for t in ticks]
        step = _finer(step)
    return [low, high]  # their labels round them


def _multiples(low: float, high: float, step: float) -> list[float]:
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    if last - first > 1000:
        return []
    return [k * step for k in range(first, last + 1)]


def _finer(step: float) -> float:
    """The 1-2-5 step below step: 10 -> 5 -> 2 -> 1."""
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    mantissa = round(step / power)
    return power * {1: 0.5, 2: 1, 5: 2}.get(mantissa, 1)


def log_ticks(low: float, high: float, most: int) -> list[float]:
    """Values for a log axis inside [low, high] (both > 0), at most `most`: powers of ten
    (every other one, from the top, if there are too many), or 1-3 or 1-2-5 multiples when
    they fit, else the two ends."""
    bottom, top = math.log10(low), math.log10(high)
    decades = list(range(math.ceil(bottom - 1e-9), math.floor(top + 1e-9) + 1))
    if most <= 1:
        return [10.0 ** decades[len(decades) // 2]] if decades else [math.sqrt(low) * math.sqrt(high)]
    if len(decades) > most:
        every = math.ceil(len(decades) / most)
        return [10.0 ** k for k in decades[::-1][::every][::-1]]
    fitting = [low, high]  # their labels round them
    for multiples in ((1,), (1, 3), (1, 2, 5)):  # the densest that fits
        inside = [m * 10.0 ** k for k in range(math.floor(bottom), math.ceil(top) + 1) for m in multiples
                  if low * (1 - 1e-9) <= m * 10.0 ** k <= high * (1 + 1e-9)]
        if len(inside) > most:
            break
        if len(inside) >= 2:
            fitting = inside
    return fitting


def epoch_ticks(last: int, most: int = 5) -> list[int]:
    """Round epoch numbers for the x axis: 0, 500, 1000... (at most `most` of them)."""
    most = max(most, 2)
    steps = (m * 10**k for k in range(400) for m in (1, 2, 5))
    step = next(step for step in steps if last // step + 1 <= most)
    return list(range(0, last + 1, step))

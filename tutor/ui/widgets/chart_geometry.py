"""Plain geometry for the lab charts: clipping a line to the plot box, thinning a series,
plot ranges that are always finite and never empty (whatever the values: inf, NaN, 1e300).

Shared by every chart kind (the fitted line, the class boundary, and later the regions
of a network): plain numbers in, plain numbers out, no plotext."""

from __future__ import annotations

import math
from typing import Sequence

Point = tuple[float, float]
Box = tuple[tuple[float, float], tuple[float, float]]  # ((x_min, x_max), (y_min, y_max))

LIMIT = 1e300  # plotted values are clamped to ±LIMIT: a range's width stays a finite float


def clip_line(a: float, c: float, d: float, box: Box) -> tuple[Point, Point] | None:
    """The segment of the line a·x + c·y + d = 0 inside box, or None if it misses the box.

    Works for any direction: c ≈ 0 is a vertical line x = -d/a. None when both a and c
    are ~0 (no line) or a value is not finite.
    """
    if not all(math.isfinite(v) for v in (a, c, d)):
        return None
    (x_min, x_max), (y_min, y_max) = box
    scale = max(abs(a), abs(c))
    if scale < 1e-12:
        return None
    a, c, d = a / scale, c / scale, d / scale
    points: list[Point] = []
    if abs(c) > 1e-12:  # crossings with the left and right edges
        for x in (x_min, x_max):
            y = -(a * x + d) / c
            if y_min - 1e-9 <= y <= y_max + 1e-9:
                points.append((x, min(max(y, y_min), y_max)))
    if abs(a) > 1e-12:  # crossings with the bottom and top edges
        for y in (y_min, y_max):
            x = -(c * y + d) / a
            if x_min - 1e-9 <= x <= x_max + 1e-9:
                points.append((min(max(x, x_min), x_max), y))
    unique: list[Point] = []
    for point in points:
        if all(abs(point[0] - p[0]) > 1e-9 or abs(point[1] - p[1]) > 1e-9 for p in unique):
            unique.append(point)
    if len(unique) < 2:
        return None
    first, last = min(unique), max(unique)
    return first, last


def downsample(values: Sequence[float], limit: int) -> tuple[list[int], list[float]]:
    """At most `limit` (index, value) pairs spread evenly, always keeping the last one."""
    count = len(values)
    if count <= limit:
        return list(range(count)), list(values)
    step = (count - 1) / (limit - 1)
    indexes = sorted({round(i * step) for i in range(limit)})
    return indexes, [values[i] for i in indexes]


def clamp(value: float) -> float:
    """value within ±LIMIT (for a finite value; NaN stays NaN)."""
    return min(max(value, -LIMIT), LIMIT)


def finite(values: Sequence[float]) -> list[float]:
    """The finite values, clamped to ±LIMIT."""
    return [clamp(float(v)) for v in values if math.isfinite(v)]


def padded_range(values: Sequence[float], pad: float = 0.15, minimum: float = 1.0) -> tuple[float, float]:
    """A plot range around the finite values with a margin, never narrower than `minimum`
    (relative to the values' size when they are huge); (0, 1) when there is none."""
    kept = finite(values)
    if not kept:
        return 0.0, 1.0
    low, high = min(kept), max(kept)
    minimum = max(minimum, max(abs(low), abs(high)) * 1e-9)
    width = high / 2 - low / 2  # halves: never overflows
    margin = max(width * 2 * pad, minimum / 2 - width, 0.0)
    return clamp(low - margin), clamp(high + margin)


def value_range(values: Sequence[float], log: bool, pad: float = 0.05) -> tuple[float, float]:
    """The y range of a series: a small margin, low < high always; on a log axis both > 0."""
    kept = finite(values)
    if log:
        logs = [min(max(math.log10(v), -300.0), 300.0) for v in kept if v > 0] or [0.0]
        low, high = min(logs), max(logs)
        margin = max((high - low) * pad, 0.05)
        return 10.0 ** max(low - margin, -305.0), 10.0 ** min(high + margin, 305.0)
    if not kept:
        return 0.0, 1.0
    low, high = min(kept), max(kept)
    width = high / 2 - low / 2
    margin = width * 2 * pad if width > 0 else (abs(low) * 0.1 or 1.0)
    low, high = clamp(low - margin), clamp(high + margin)
    return (low, high) if high > low else (low - 1.0, high + 1.0)


def wants_log(values: Sequence[float], ratio: float = 20.0) -> bool:
    """A log axis when every value is positive and they span more than `ratio`."""
    kept = finite(values)
    return bool(kept) and min(kept) > 0 and max(kept) / min(kept) > ratio

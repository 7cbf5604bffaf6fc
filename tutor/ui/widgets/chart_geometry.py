"""Plain geometry for the lab charts: clipping a line to the plot box, thinning a series."""

from __future__ import annotations

import math
from typing import Sequence

Point = tuple[float, float]
Box = tuple[tuple[float, float], tuple[float, float]]  # ((x_min, x_max), (y_min, y_max))


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


def padded_range(values: Sequence[float], pad: float = 0.15, minimum: float = 1.0) -> tuple[float, float]:
    """A plot range around values with a margin, never narrower than `minimum`."""
    low, high = min(values), max(values)
    margin = max((high - low) * pad, (minimum - (high - low)) / 2, 0.0)
    return low - margin, high + margin

"""The parts every lab chart shares, on a plotext figure: the frame, the axes with round
ticks and short labels, a title that fits, points and line segments.

plotext does the drawing; these helpers decide what fits in a ChartFrame: small charts
(about 38x8 at 80x24) get an open frame (axes left and bottom only), no axis-name row, a
compact title and fewer ticks; large ones the closed frame and the axis names.
"""

from __future__ import annotations

import math
from typing import Sequence

from tutor.ui.widgets.chart_geometry import Point, clamp
from tutor.ui.widgets.chart_style import ChartFrame
from tutor.ui.widgets.chart_ticks import epoch_ticks, linear_ticks, log_ticks, tick_label, tick_labels

Figure = object  # a plotext figure (textual_plotext's Plot): untyped


def canvas_rows(frame: ChartFrame) -> int:
    """Rows left for the data: the height minus title, axes, tick labels and axis names."""
    used = 1 + 1 + 1  # title (SparingPlot's heading), bottom axis, its tick labels
    if not frame.small:
        used += 2  # top axis, axis-name row
    return max(frame.height - used, 0)


def y_axis(plt: Figure, frame: ChartFrame, low: float, high: float, *, log: bool = False) -> int:
    """Limits, scale and labelled round ticks of the y axis; returns the canvas width left."""
    most = max(1, min(6, (canvas_rows(frame) + 1) // 2))
    ticks = log_ticks(low, high, most) if log else linear_ticks(low, high, most)
    labels = tick_labels(ticks)
    if log:
        plt.yscale("log")
        plt.ylim(math.log10(low), math.log10(high))  # plotext takes a log axis' limits in log10
    else:
        plt.ylim(low, high)
    plt.yticks(ticks, labels)
    axes = 1 if frame.small else 2
    return max(frame.width - max(map(len, labels)) - axes, 1)


def x_axis(plt: Figure, frame: ChartFrame, low: float, high: float, columns: int) -> None:
    """Limits and labelled round ticks of the x axis, as many as fit in `columns`."""
    guess = max(len(tick_label(low)), len(tick_label(high))) + 2
    ticks = linear_ticks(low, high, max(2, min(6, columns // guess)))
    plt.xlim(low, high)
    plt.xticks(ticks, tick_labels(ticks))


def epoch_axis(plt: Figure, last: int, columns: int) -> None:
    """The x axis of epochs 0..last with round epoch numbers."""
    last = max(last, 1)
    ticks = epoch_ticks(last, max(2, min(6, columns // (len(str(last)) + 3))))
    plt.xlim(0, last)
    plt.xticks(ticks, [str(t) for t in ticks])


def finish(plt: Figure, frame: ChartFrame, columns: int, titles: Sequence[str], axis_names: str = "") -> str:
    """The frame and, when large, the axis-name row; returns the heading: the longest of
    titles that fits, centred over the canvas (SparingPlot puts it above the plot)."""
    if frame.small:  # plotext draws a top axis whenever there is a bottom one: it falls off the picture
        plt.xaxes(True, False)
        plt.yaxes(True, False)
    elif axis_names:
        plt.xlabel(frame.fit(axis_names, room=columns))
    title = frame.fit(*titles, room=columns)
    left = frame.width - columns - (0 if frame.small else 1)
    return " " * (left + max(columns - len(title), 0) // 2) + title


def points(plt: Figure, frame: ChartFrame, xy: Sequence[Point], marker: str, role: str) -> None:
    """Data points with a letter marker (finite ones only)."""
    kept = [(clamp(x), clamp(y)) for x, y in xy if math.isfinite(x) and math.isfinite(y)]
    if kept:
        plt.scatter([x for x, _ in kept], [y for _, y in kept], marker=marker, color=frame.colour(role))


def segment(plt: Figure, frame: ChartFrame, ends: tuple[Point, Point] | None, role: str) -> None:
    """A straight line between two points, drawn with dots (the model's line, a boundary)."""
    if ends is not None:
        (x0, y0), (x1, y1) = ends
        plt.plot([x0, x1], [y0, y1], marker=frame.line_marker(), color=frame.colour(role))

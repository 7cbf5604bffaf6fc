"""The lab's `k`: the loss of every optimizer from the same start, on one plotext chart.

    CompareChart(id=...).show({"sgd": losses, "adam": losses, ...})   .curves: what is drawn

Each optimizer has its own letter (s, m, a, r: readable without colour) and colour; the
heading is the legend. Log scale when the losses span more than a factor of 20 (as the lab's
loss chart); each curve thinned to a few hundred points; a diverged run ends where it did.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from tutor.ui.widgets.chart_axes import Figure, canvas_rows, epoch_axis, finish, y_axis
from tutor.ui.widgets.chart_geometry import clamp, downsample, value_range, wants_log
from tutor.ui.widgets.chart_style import DEFAULT, ChartFrame
from tutor.ui.widgets.chart_ticks import tick_label
from tutor.ui.widgets.sparing_plot import SparingPlot

MAX_POINTS = 300
MARKERS = {"sgd": "s", "momentum": "m", "adam": "a", "rmsprop": "r"}
ROLES = {"sgd": "model", "momentum": "class1", "adam": "loss", "rmsprop": None}  # None: the text's own


class CompareChart(SparingPlot):
    DEFAULT_CSS = """
    CompareChart { height: 1fr; min-height: 4; }
    """

    def __init__(self, *, id: str | None = None, ascii: bool | None = None) -> None:
        super().__init__(id=id, ascii=ascii)
        self._losses: Mapping[str, Sequence[float]] | None = None
        self.curves: dict[str, tuple[list[int], list[float]]] = {}  # name -> (epochs, losses) drawn

    def show(self, losses: Mapping[str, Sequence[float]] | None) -> None:
        if losses is self._losses:
            return
        self._losses = losses
        self.curves = {}
        for name, values in (losses or {}).items():
            finite = [(epoch, clamp(float(v))) for epoch, v in enumerate(values) if math.isfinite(v)]
            kept, thinned = downsample([v for _, v in finite], MAX_POINTS)
            self.curves[name] = ([finite[i][0] for i in kept], thinned)
        self.redraw()

    def legend(self) -> str:
        return "  ".join(f"{MARKERS.get(name, '?')} {name}" for name in self.curves)

    def sketch(self, plt: Figure, frame: ChartFrame) -> str:
        values = [v for _, losses in self.curves.values() for v in losses]
        log = wants_log(values)
        low, high = value_range(values, log)
        columns = y_axis(plt, frame, low, high, log=log) if values else frame.width - 2
        last = max((epochs[-1] for epochs, _ in self.curves.values() if epochs), default=1)
        epoch_axis(plt, last, columns)
        if canvas_rows(frame) > 0:
            for name, (epochs, losses) in self.curves.items():
                if losses:
                    role = ROLES.get(name)
                    plt.scatter(epochs, losses, marker=MARKERS.get(name, "?"),
                                color=frame.colour(role) if role else DEFAULT)
        legend = self.legend()
        titles = [f"Loss por época{' (log)' if log else ''}: {legend}", f"Loss: {legend}", legend]
        return finish(plt, frame, columns, titles, "época")

    def summary(self, frame: ChartFrame) -> str:
        ends = [f"{name} {tick_label(losses[-1])}" for name, (_, losses) in self.curves.items() if losses]
        return "loss final: " + ", ".join(ends) if ends else "comparación: sin épocas"

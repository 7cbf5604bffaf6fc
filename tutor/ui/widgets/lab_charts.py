"""The lab's two plotext charts: the loss over epochs, and the data with the model's line.

    LossChart(id=...).show(losses)          .points: (epochs, values) drawn
    DataChart(spec, id=...).show(params)    .line: the model's segment, .box: the plot box

Each redraws only when what it shows changed (over SSH every redraw is resent whole), is
drawn afresh from its data at every size (see SparingPlot), and the loss series is thinned
to a few hundred points. Both take `ascii=` (None: follow `TutorApp.ascii_charts`).
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from tutor.lessons.model import LabSpec
from tutor.ui.widgets.chart_axes import Figure, canvas_rows, epoch_axis, finish, y_axis
from tutor.ui.widgets.chart_geometry import clamp, downsample, value_range, wants_log
from tutor.ui.widgets.chart_style import CLASS_MARKERS, ChartFrame
from tutor.ui.widgets.chart_ticks import epoch_ticks, tick_label
from tutor.ui.widgets.data_chart_kinds import chart_kind
from tutor.ui.widgets.sparing_plot import SparingPlot

__all__ = ["CLASS_MARKERS", "DataChart", "LossChart", "SparingPlot", "epoch_ticks"]

MAX_LOSS_POINTS = 300


class LossChart(SparingPlot):
    """The loss of every epoch so far (log scale when all values are positive and span
    more than a factor of 20). Epochs whose loss is not finite are left out."""

    DEFAULT_CSS = """
    LossChart { height: 1fr; min-height: 4; }
    """

    def __init__(self, *, id: str | None = None, ascii: bool | None = None) -> None:
        super().__init__(id=id, ascii=ascii)
        self._key: tuple | None = None
        self.points: tuple[list[int], list[float]] = ([], [])  # what is drawn, for tests

    def show(self, losses: Sequence[float]) -> None:
        key = (len(losses), losses[-1] if losses else None)
        if key == self._key:
            return
        self._key = key
        finite = [(i, clamp(float(v))) for i, v in enumerate(losses) if math.isfinite(v)]
        kept, values = downsample([v for _, v in finite], MAX_LOSS_POINTS)
        self.points = ([finite[i][0] for i in kept], values)
        self.redraw()

    def sketch(self, plt: Figure, frame: ChartFrame) -> str:
        epochs, values = self.points
        log = wants_log(values)
        low, high = value_range(values, log)
        columns = y_axis(plt, frame, low, high, log=log) if values else frame.width - 2
        epoch_axis(plt, epochs[-1] if epochs else 1, columns)
        if len(values) == 1 and canvas_rows(frame) > 0:  # one epoch: a dot alone is hard to see
            plt.scatter(epochs, values, marker="*", color=frame.colour("loss"))
        elif values and canvas_rows(frame) > 0:
            plt.plot(epochs, values, marker=frame.line_marker(), color=frame.colour("loss"))
        titles = ("Loss por época (escala log)", "Loss por época (log)", "Loss (log)") if log else \
            ("Loss por época", "Loss")
        return finish(plt, frame, columns, titles, "época")

    def summary(self, frame: ChartFrame) -> str:
        epochs, values = self.points
        if not values:
            return "Loss: sin épocas"
        return f"loss {tick_label(values[-1])} (época {epochs[-1]})"


class DataChart(SparingPlot):
    """The data and the model: for a lineal lab the points (x, y) and the line y = w·x + b;
    for a classifier the points by class (o / x) and the decision line (data_chart_kinds)."""

    DEFAULT_CSS = """
    DataChart { height: 1fr; min-height: 4; }
    """

    def __init__(self, spec: LabSpec, *, id: str | None = None, ascii: bool | None = None) -> None:
        super().__init__(id=id, ascii=ascii)
        self.spec = spec
        self.kind = chart_kind(spec)
        self.box = self.kind.box
        self._key: tuple | None = None
        self._params: Mapping[str, Sequence[float]] | None = None
        self.line = None  # the model's segment ((x0, y0), (x1, y1)) in the box, for tests

    def show(self, params: Mapping[str, Sequence[float]] | None) -> None:
        key = None if params is None else tuple(tuple(v) for v in params.values())
        if key == self._key:
            return
        self._key = key
        self._params = params
        self.line = self.kind.segment(params)
        self.redraw()

    def sketch(self, plt: Figure, frame: ChartFrame) -> str:
        return self.kind.sketch(plt, frame, self._params)

    def summary(self, frame: ChartFrame) -> str:
        return self.kind.summary(self._params)

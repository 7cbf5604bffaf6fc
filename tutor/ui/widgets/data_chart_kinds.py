"""What the lab's data chart draws for each kind of model.

- LineFit (lineal): the points (x, y) and the model's line y = w·x + b.
- ClassBoundary (sigmoide): the points by class (o / x) and the decision line
  w1·x1 + w2·x2 + b = 0.
- DecisionRegions (red): where the network says class 1 (a grid of y_pred ≥ 0.5, dotted;
  blank where y_pred < 0.5), each hidden neuron's line z1_j = 0, and the points by class.
  y_pred comes from the model's numpy forward (Model.predict_grid): no TensorFlow here.

A kind knows its plot box, the model's line in it, how to sketch itself on a plotext
figure for a ChartFrame, and a one-line summary for tiny sizes. Another kind (the regions of
a 2-H-1 network, say) is one more class here and one more entry in KINDS.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from tutor.engine.models import model_for
from tutor.lessons.model import LabSpec
from tutor.ui.widgets.chart_axes import Figure, canvas_rows, finish, points, segment, x_axis, y_axis
from tutor.ui.widgets.chart_geometry import Box, Point, clip_line, padded_range
from tutor.ui.widgets.chart_style import CLASS_MARKERS, ChartFrame
from tutor.ui.widgets.chart_ticks import tick_label

Params = Mapping[str, Sequence[float]]
Segment = tuple[Point, Point]


class LineFit:
    """Lineal: the points (x, y) and the line y = w·x + b."""

    titles = ("Datos y recta del modelo", "Datos y recta")

    def __init__(self, spec: LabSpec) -> None:
        self.spec = spec
        self.box: Box = self._box()

    def _box(self) -> Box:
        data = self.spec.dataset
        return padded_range([row[0] for row in data.inputs]), padded_range(data.targets)

    def coefficients(self, params: Params) -> tuple[float, float, float]:
        """The model's line as a·x + c·y + d = 0 in plot coordinates."""
        weight, bias = self.spec.params
        return params[weight][0], -1.0, params[bias][0]  # y = w·x + b

    def segment(self, params: Params | None) -> Segment | None:
        """The model's line inside the box, or None (no params yet, not finite, off the box)."""
        return None if params is None else clip_line(*self.coefficients(params), self.box)

    def axis_names(self) -> str:
        data = self.spec.dataset
        return f"{data.columns[0]} →   ↑ {data.target}"

    def data_points(self) -> list[tuple[Sequence[Point], str, str]]:
        """(points, marker, colour role) for each group of data points."""
        data = self.spec.dataset
        return [([(row[0], y) for row, y in zip(data.inputs, data.targets)], CLASS_MARKERS[0], "class0")]

    def sketch(self, plt: Figure, frame: ChartFrame, params: Params | None) -> str:
        """Draw on plt for frame; returns the heading (see SparingPlot.sketch)."""
        (x_min, x_max), (y_min, y_max) = self.box
        columns = y_axis(plt, frame, y_min, y_max)
        x_axis(plt, frame, x_min, x_max, columns)
        if canvas_rows(frame) > 0:
            segment(plt, frame, self.segment(params), "model")  # first: the points stay on top
            for xy, marker, role in self.data_points():
                points(plt, frame, xy, marker, role)
        return finish(plt, frame, columns, self.titles, self.axis_names())

    def summary(self, params: Params | None) -> str:
        if params is None:
            return "Datos y recta: sin entrenar"
        w, _, b = self.coefficients(params)
        return f"recta y = {tick_label(w)}·x{_signed(b)}"


class ClassBoundary(LineFit):
    """Sigmoide: the points by class (o / x) and the line w1·x1 + w2·x2 + b = 0."""

    titles = ("Clases y frontera: o = 0, x = 1", "Clases y frontera (o=0 x=1)", "o=0 x=1 frontera", "o=0 x=1")

    def _box(self) -> Box:
        inputs = self.spec.dataset.inputs
        return padded_range([row[0] for row in inputs]), padded_range([_second(row) for row in inputs])

    def coefficients(self, params: Params) -> tuple[float, float, float]:
        weight, bias = self.spec.params
        w = params[weight]
        return w[0], (w[1] if len(w) > 1 else 0.0), params[bias][0]  # w1·x1 + w2·x2 + b = 0

    def axis_names(self) -> str:
        columns = self.spec.dataset.columns
        return f"{columns[0]} →   ↑ {columns[1] if len(columns) > 1 else ''}"

    def data_points(self) -> list[tuple[Sequence[Point], str, str]]:
        data = self.spec.dataset
        groups = []
        for cls, marker in enumerate(CLASS_MARKERS):
            rows = [row for row, t in zip(data.inputs, data.targets) if _class_of(t) == cls]
            groups.append(([(row[0], _second(row)) for row in rows], marker, f"class{cls}"))
        return groups

    def summary(self, params: Params | None) -> str:
        if params is None:
            return "Clases o/x y frontera: sin entrenar"
        w1, w2, b = self.coefficients(params)
        return f"frontera {tick_label(w1)}·x1{_signed(w2)}·x2{_signed(b)} = 0"


def _signed(value: float) -> str:
    """ + 0.5 or - 0.5: a term after another one."""
    return f" - {tick_label(-value)}" if value < 0 else f" + {tick_label(value)}"


def _second(row: Sequence[float]) -> float:
    return row[1] if len(row) > 1 else 0.0


def _class_of(target: float) -> int | None:
    """0 or 1 (a target rounded), None for a target that is not a number."""
    return (1 if target >= 0.5 else 0) if math.isfinite(target) else None


class DecisionRegions(ClassBoundary):
    """The network: its class-1 region dotted over the input box, every hidden neuron's line
    W1[0,j]·x1 + W1[1,j]·x2 + b1[j] = 0, and the points by class on top."""

    titles = ("Regiones de la red: · = 1, o = 0, x = 1", "Regiones · = 1 (o=0 x=1)", "· = 1, o=0 x=1",
              "o=0 x=1")

    def __init__(self, spec: LabSpec) -> None:
        super().__init__(spec)
        self.model = model_for(spec)

    def segment(self, params: Params | None) -> Segment | None:
        return None  # no single line: hidden_lines and the regions

    def hidden_lines(self, params: Params | None) -> list[Segment]:
        """Each hidden neuron's line z1_j = 0 inside the box (those that cross it)."""
        if params is None:
            return []
        w1, b1 = self.spec.params[:2]
        hidden, weights = self.model.hidden, params[w1]
        lines = [clip_line(weights[j], weights[hidden + j], params[b1][j], self.box) for j in range(hidden)]
        return [line for line in lines if line is not None]

    def regions(self, params: Params, columns: int, rows: int) -> list[list[bool]]:
        """y_pred ≥ 0.5 at the centre of each cell of a columns × rows grid, top row first."""
        (x_min, x_max), (y_min, y_max) = self.box
        xs = [x_min + (i + 0.5) * (x_max - x_min) / columns for i in range(columns)]
        ys = [y_max - (j + 0.5) * (y_max - y_min) / rows for j in range(rows)]
        y_pred = self.model.predict_grid([(x, y) for y in ys for x in xs], params)
        return [[bool(v >= 0.5) for v in y_pred[j * columns:(j + 1) * columns]] for j in range(rows)]

    def sketch(self, plt: Figure, frame: ChartFrame, params: Params | None) -> str:
        (x_min, x_max), (y_min, y_max) = self.box
        columns = y_axis(plt, frame, y_min, y_max)
        x_axis(plt, frame, x_min, x_max, columns)
        rows = canvas_rows(frame)
        if rows > 0:
            if params is not None:
                grid = self.regions(params, columns, rows)
                ones = [(x_min + (i + 0.5) * (x_max - x_min) / columns, y_max - (j + 0.5) * (y_max - y_min) / rows)
                        for j, row in enumerate(grid) for i, one in enumerate(row) if one]
                points(plt, frame, ones, frame.text("·"), "class1")
            for line in self.hidden_lines(params):
                segment(plt, frame, line, "model")
            for xy, marker, role in self.data_points():
                points(plt, frame, xy, marker, role)
        return finish(plt, frame, columns, self.titles, self.axis_names())

    def summary(self, params: Params | None) -> str:
        if params is None:
            return "Regiones de la red: sin entrenar"
        y_pred = self.model.predict_grid(self.spec.dataset.inputs, params)
        return "la red dice " + " ".join("x" if v >= 0.5 else "o" for v in y_pred) + " (o=0 x=1)"


KINDS: dict[str, type[LineFit]] = {"line": LineFit, "boundary": ClassBoundary, "regions": DecisionRegions}


def chart_kind(spec: LabSpec) -> LineFit:
    """The data chart kind the model registry names for this lab's model."""
    return KINDS[model_for(spec).chart_kind](spec)

"""The lab's two plotext charts: the loss over epochs, and the data with the model's line.

Each chart redraws only when what it shows changed (over SSH every redraw is resent whole),
and the loss series is thinned to a few hundred points.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual_plotext import PlotextPlot

from tutor.lessons.model import LabSpec
from tutor.ui.widgets.chart_geometry import Box, clip_line, downsample, padded_range

MAX_LOSS_POINTS = 300
CLASS_MARKERS = ("o", "x")  # class 0, class 1: distinguishable without colour
CLASS_COLOURS = ("blue", "red")


def epoch_ticks(last: int, most: int = 5) -> list[int]:
    """Round epoch numbers for the x axis: 0, 500, 1000... (at most `most` of them)."""
    steps = (m * 10**k for k in range(12) for m in (1, 2, 5))
    step = next(step for step in steps if last // step + 1 <= most)
    return list(range(0, last + 1, step))


class SparingPlot(PlotextPlot):
    """A PlotextPlot that keeps its last picture and repaints only when the picture changed
    (a line that moved less than a character costs no bytes on the wire)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._picture: tuple[tuple[int, int], str, str] | None = None  # (size, theme, ansi)
        self._parsed: tuple[str, Content] | None = None  # (ansi, its Content): parsed once
        self.theme = "clear"  # terminal's own colours: few escape codes, fine with 16 colours

    def _build(self) -> str:
        width, height = self.size
        theme = self._get_plotext_theme_name(self.app.theme)
        self._plot.plotsize(width, height)
        self._plot._set_size(width, height)
        self._plot.theme(theme)
        picture = self._plot.build()
        self._picture = ((width, height), theme, picture)
        return picture

    def render(self):
        width, height = self.size
        if width <= 0 or height <= 0:
            return Text("")
        cached = self._picture
        if cached is None or cached[0] != (width, height) or cached[1] != self._get_plotext_theme_name(self.app.theme):
            self._build()
        picture = self._picture[2]
        if self._parsed is None or self._parsed[0] != picture:
            self._parsed = (picture, Content.from_rich_text(Text.from_ansi(picture), console=self.app.console))
        return self._parsed[1]

    def redraw(self) -> None:
        """After the plot's data changed: repaint the lines of the picture that changed."""
        if not self.is_mounted or self.size.width <= 0 or self.size.height <= 0:
            self._picture = None
            self.refresh()
            return
        before = self._picture
        after = self._build()
        if before is None or before[:2] != self._picture[:2]:
            self.refresh()
            return
        old_lines, new_lines = before[2].split("\n"), after.split("\n")
        if len(old_lines) != len(new_lines):
            self.refresh()
            return
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]
        if changed:
            self.refresh(*changed)


class LossChart(SparingPlot):
    """The loss of every epoch so far (log scale when all values are positive)."""

    DEFAULT_CSS = """
    LossChart { height: 1fr; min-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: tuple | None = None
        self.points: tuple[list[int], list[float]] = ([], [])  # what is drawn, for tests
        self._draw([])

    def show(self, losses: Sequence[float]) -> None:
        key = (len(losses), losses[-1] if losses else None)
        if key == self._key:
            return
        self._key = key
        self._draw(losses)
        self.redraw()

    def _draw(self, losses: Sequence[float]) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title("Loss por época")
        finite = [(i, v) for i, v in enumerate(losses) if math.isfinite(v)]
        if not finite:
            self.points = ([], [])
            plt.xlim(0, 1)
            plt.ylim(0, 1)
            return
        epochs, values = downsample([v for _, v in finite], MAX_LOSS_POINTS)
        epochs = [finite[i][0] for i in epochs]
        self.points = (epochs, values)
        if all(v > 0 for v in values) and max(values) / min(values) > 20:
            plt.yscale("log")
        plt.plot(epochs, values, marker="braille", color="cyan")
        last = max(epochs[-1], 1)
        plt.xlim(0, last)
        ticks = epoch_ticks(last)
        plt.xticks(ticks, [str(t) for t in ticks])
        plt.xlabel("época")


class DataChart(SparingPlot):
    """Lineal: the points (x, y) and the line y = w·x + b. Sigmoide: the points by class
    (o / x) and the decision line w1·x1 + w2·x2 + b = 0."""

    DEFAULT_CSS = """
    DataChart { height: 1fr; min-height: 10; }
    """

    def __init__(self, spec: LabSpec, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec
        self._key: tuple | None = None
        self.line: tuple[tuple[float, float], tuple[float, float]] | None = None  # for tests
        self.box = self._box()
        self._draw(None)

    def _box(self) -> Box:
        inputs = self.spec.dataset.inputs
        if self.spec.model == "lineal":
            return (padded_range([row[0] for row in inputs]), padded_range(self.spec.dataset.targets))
        return (padded_range([row[0] for row in inputs]),
                padded_range([row[1] if len(row) > 1 else 0.0 for row in inputs]))

    def show(self, params: Mapping[str, Sequence[float]] | None) -> None:
        key = None if params is None else tuple(tuple(v) for v in params.values())
        if key == self._key:
            return
        self._key = key
        self._draw(params)
        self.redraw()

    def _model_line(self, params: Mapping[str, Sequence[float]]):
        """The model's line as a·x + c·y + d = 0 in plot coordinates."""
        weight, bias = self.spec.params
        w, b = params[weight], params[bias][0]
        if self.spec.model == "lineal":
            return w[0], -1.0, b  # y = w·x + b
        return w[0], (w[1] if len(w) > 1 else 0.0), b  # w1·x1 + w2·x2 + b = 0

    def _draw(self, params: Mapping[str, Sequence[float]] | None) -> None:
        plt = self.plt
        plt.clear_figure()
        data = self.spec.dataset
        (x_min, x_max), (y_min, y_max) = self.box
        plt.xlim(x_min, x_max)
        plt.ylim(y_min, y_max)
        if self.spec.model == "lineal":
            plt.title("Datos y recta")
            plt.scatter([r[0] for r in data.inputs], list(data.targets), marker="o", label="datos",
                        color="magenta")
            plt.xlabel(data.columns[0])
        else:
            plt.title("Clases y frontera")
            for cls, marker in enumerate(CLASS_MARKERS):
                rows = [r for r, t in zip(data.inputs, data.targets) if round(t) == cls]
                if rows:
                    plt.scatter([r[0] for r in rows], [r[1] if len(r) > 1 else 0.0 for r in rows],
                                marker=marker, label=f"clase {cls} ({marker})", color=CLASS_COLOURS[cls])
            plt.xlabel(f"{data.columns[0]} →   ↑ {data.columns[1] if len(data.columns) > 1 else ''}")
        self.line = None
        if params is not None:
            self.line = clip_line(*self._model_line(params), self.box)
            if self.line is not None:
                (x0, y0), (x1, y1) = self.line
                plt.plot([x0, x1], [y0, y1], marker="braille", color="green",
                         label="modelo" if self.spec.model == "lineal" else "frontera")

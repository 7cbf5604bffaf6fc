"""A tiny App with the lab's two charts side by side, about 8 rows tall as in the lab at 80x24,
and the labs' specs built by hand (no lesson files, no TensorFlow)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal

from tutor.lessons.model import Dataset, LabSpec
from tutor.ui.widgets.lab_charts import DataChart, LossChart

AND = LabSpec(
    id="and", title="t", model="sigmoide", loss="bce", lr=0.1, epochs=2000, every=400, params=("w", "b"),
    dataset=Dataset("and", "AND", ("x1", "x2"), "y", ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)),
                    (0.0, 0.0, 0.0, 1.0)))
LINEAL = LabSpec(
    id="lineal", title="t", model="lineal", loss="mse", lr=0.05, epochs=51, every=10, params=("w", "b"),
    dataset=Dataset("d", "d", ("x",), "y_real", ((1.0,), (2.0,), (3.0,), (4.0,)), (3.0, 5.0, 7.0, 9.0)))
AND_TRAINED = {"w": (7.41, 7.41), "b": (-11.29,)}  # the AND lab after ~10000 epochs
LINEAL_TRAINED = {"w": (1.9,), "b": (1.2,)}

# compuerta-and's losses: positive, spanning more than 20x (a log axis), all below 1 (log10 < 0)
DECAYING = [0.75 * 0.999 ** i + 0.01 for i in range(6000)]
BRAILLE = range(0x2800, 0x2900)


def braille_in(text: str) -> bool:
    return any(ord(c) in BRAILLE for c in text)


class ChartHost(App):
    """The loss chart and a data chart, each ~40x8; `ascii_charts` as TutorApp has it."""

    CSS = """
    Horizontal { height: 8; }
    LossChart, DataChart { height: 8; width: 1fr; }
    """

    def __init__(self, spec: LabSpec = AND, *, ascii_charts: bool = False, height: int = 8) -> None:
        super().__init__()
        self.spec = spec
        self.ascii_charts = ascii_charts
        self.height = height

    def compose(self) -> ComposeResult:
        with Horizontal() as row:
            row.styles.height = max(self.height, 1)
            for chart in (LossChart(id="loss"), DataChart(self.spec, id="data")):
                chart.styles.height = self.height
                chart.styles.min_height = 0
                yield chart

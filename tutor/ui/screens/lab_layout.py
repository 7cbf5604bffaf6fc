"""The lab screen's layout: designed for 80x24 first, larger windows add the code and formulas.

    status line (1 row; a 2nd for a warning) · or the `l` learning-rate prompt
    ┌ 1 Forward (per sample) ─────┬ 2 Loss (each term, the mean) ─┐
    ├ 3 Gradientes (tape, a mano) ┼ 4 Update (w - lr·dw = w') ────┤   the predict gate takes
    ├ loss chart ─────────────────┼ line / boundary chart ────────┤   this row while it asks
    (below the fold: the live exercise cards, then the interpretation)
    footer: one row of keys

While `w` picks a parameter its chain (ChainView) takes the charts' place. Every phase and
both charts fit 80x24 for the built-in labs, the XOR network's too (network_views); the code is on `c` there
(it takes the place of the loop) and beside the loop from 116 columns. From 36 rows the charts
stop growing, the formulas show and the exercises start on the first screen. Narrower than 76
columns the panels stack and the screen scrolls.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll

from tutor.engine import EpochRecord
from tutor.engine.models import model_for
from tutor.ui.widgets import network_views
from tutor.ui.widgets.chain_view import ChainView
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.compare_chart import CompareChart
from tutor.ui.widgets.interpretation_panel import InterpretationPanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart
from tutor.ui.widgets.lab_footer import LabKeys
from tutor.ui.widgets.lab_status import LabStatus
from tutor.ui.widgets.lr_prompt import LrPrompt
from tutor.ui.widgets.phase_panel import PhasePanel
from tutor.ui.widgets.phase_views import (
    PhaseView, forward_view, gradients_view, loss_view, params_line, update_view, view_height, view_width,
)
from tutor.ui.widgets.predict_gate import PredictGate

PANEL_IDS = ("phase-forward", "phase-loss", "phase-gradients", "phase-update")
CHART_MIN_ROWS = 6
TALL = 36  # rows from which the formulas show and the charts stop growing (VERTICAL_BREAKPOINTS)

LAB_CSS = """
LabScreen { layout: vertical; }
LabScreen #lab-body { height: 1fr; scrollbar-size-vertical: 1; }
LabScreen #lab-main { height: 100%; }
LabScreen #lab-loop { width: 1fr; height: 100%; }
LabScreen .lab-row { height: auto; }
LabScreen .lab-row > PhasePanel { width: 1fr; }
LabScreen #phase-loss, LabScreen #phase-update { border-left: solid $primary; }
LabScreen #lab-gate { display: none; width: 1fr; }
LabScreen.-gate #lab-gate { display: block; }
LabScreen.-gate #phase-gradients, LabScreen.-gate #phase-update { display: none; }
LabScreen #lab-charts { height: 1fr; min-height: 6; }
LabScreen #lab-charts > PlotextPlot { height: 100%; min-height: 6; width: 1fr; }
LabScreen #lab-compare-chart { display: none; }
LabScreen.-compare #lab-charts > PlotextPlot { display: none; }
LabScreen.-compare #lab-charts > #lab-compare-chart { display: block; }
LabScreen #lab-chain { display: none; }
LabScreen.-picked #lab-charts > PlotextPlot { display: none; }
LabScreen.-picked #lab-chain { display: block; }
LabScreen #lab-code { display: none; width: 1fr; height: 100%; margin: 0; }
LabScreen.-code #lab-loop { display: none; }
LabScreen.-code #lab-code { display: block; }
LabScreen #lab-below { height: auto; }
LabScreen #lab-below ExerciseCard { height: auto; border: round $accent; padding: 0 1; }
LabScreen #lab-below-hint { height: auto; color: $text-muted; padding: 0 1; }
LabScreen.-short .phase-extra { display: none; }
LabScreen.-tall #lab-main, LabScreen.-tall #lab-loop { height: auto; }
LabScreen.-tall #lab-charts { height: 14; }
LabScreen.-tall.-layered #lab-charts { height: 9; }  /* the network fits from 36 rows too */
LabScreen.-wide #lab-loop { width: 78; }
LabScreen.-wide.-layered #lab-loop { width: 80; }
LabScreen.-wide #lab-code { display: block; }
LabScreen.-wide.-code #lab-loop { display: block; }
LabScreen.-wide.-code #lab-code { display: none; }
LabScreen.-tiny .lab-row { layout: vertical; }
LabScreen.-tiny #lab-charts { layout: vertical; height: auto; }
LabScreen.-tiny #lab-charts > PlotextPlot { height: 10; }
LabScreen.-tiny #phase-loss, LabScreen.-tiny #phase-update { border-left: none; }
"""


def blank_record(spec) -> EpochRecord:
    """A zero-valued record of the lab's shapes (y_pred 0.5), as the model registry gives them."""
    model = model_for(spec)
    count = len(spec.dataset.inputs)
    zeros = {name: (0.0,) * size for name, size in model.param_sizes.items()}
    forward = {name: (0.5 if name == "y_pred" else 0.0,) * (rows * width)
               for name, (rows, width) in model.forward_shapes.items()}
    return EpochRecord(epoch=0, lr=spec.lr, params_before=zeros, forward=forward,
                       sample_losses=(0.0,) * count, loss=0.0, grads=zeros, params_after=zeros)


class Builders(NamedTuple):
    """The view functions that depend on the model: the network's (network_views) or the neuron's."""

    forward: Callable  # (spec, record) -> PhaseView
    gradients: Callable  # (spec, record, hand, offset=0) -> PhaseView
    params_line: Callable  # (spec, params) -> the Forward panel's foot while concealed


def phase_view_builders(spec) -> Builders:
    if network_views.layered(spec):
        return Builders(network_views.forward_view, network_views.gradients_view, network_views.output_params_line)
    return Builders(forward_view, gradients_view, params_line)


def skeleton_views(spec) -> list[PhaseView]:
    """The four phase views of a zero-valued record: the size of the lab's real ones."""
    blank = blank_record(spec)
    forward, gradients, _ = phase_view_builders(spec)
    if network_views.layered(spec):  # no numbers in the concealed panel's extra
        forward_skeleton = network_views.forward_view(spec, blank, concealed=True)
    else:
        forward_skeleton = forward(spec, blank)
    return [forward_skeleton, loss_view(spec, blank), gradients(spec, blank, blank.grads), update_view(spec, blank)]


def panel_heights(spec) -> list[int]:
    """Lines each phase panel needs for this lab at 80x24 (head, rows, foot; no formula)."""
    return [view_height(view) for view in skeleton_views(spec)]


def loop_rows(spec) -> int:
    """Rows the loop needs before its charts: two rows of panels, each with its title rule."""
    forward, loss, gradients, update = panel_heights(spec)
    return max(forward, loss) + 1 + max(gradients, update) + 1


class LabWidgets:
    """The lab's widgets, made once with the screen: the view holds them, never looks them up
    (a lookup on a screen that is closing, say after p then Ctrl+T in the free lab, would fail)."""

    def __init__(self, screen, cards) -> None:  # noqa: ANN001 - a LabScreen
        names = ("Forward", "Loss", "Gradientes", "Update")
        self.status = LabStatus(id="lab-status")
        self.lr_prompt = LrPrompt(id="lab-lr")
        self.panels = [PhasePanel(n, name, id=panel_id) for n, (name, panel_id) in enumerate(zip(names, PANEL_IDS), 1)]
        self.gate = PredictGate(id="lab-gate")
        self.charts = (LossChart(id="lab-loss-chart"), DataChart(screen.spec, id="lab-data-chart"))
        self.compare = CompareChart(id="lab-compare-chart")  # k: in place of both charts
        self.chain = ChainView(id="lab-chain")
        self.code = CodePanel(screen.source.code, screen.source.phase_lines, id="lab-code")
        self.cards = list(cards)
        self.interpretation = InterpretationPanel(screen.lesson.interpretation, id="lab-interpretation")
        self.body = VerticalScroll(id="lab-body")
        self.loop = Vertical(id="lab-loop")
        self.keys = LabKeys(id="lab-keys")


def compose_lab(parts: LabWidgets) -> ComposeResult:
    yield parts.status
    yield parts.lr_prompt
    with parts.body:
        with Horizontal(id="lab-main"):
            with parts.loop:
                with Horizontal(classes="lab-row", id="lab-samples"):
                    yield from parts.panels[:2]
                with Horizontal(classes="lab-row", id="lab-params"):
                    yield from parts.panels[2:]
                    yield parts.gate
                with Horizontal(id="lab-charts"):
                    yield from parts.charts
                    yield parts.compare
                    yield parts.chain
            yield parts.code
        with Vertical(id="lab-below"):
            yield from parts.cards
            yield parts.interpretation
    yield parts.keys


def size_panels(parts: LabWidgets, spec, skeletons: list[PhaseView], rows: int) -> None:
    """Fix each panel's height to its skeleton's; in short windows the left column is as wide
    as its tables (Loss and Update take the rest), in tall ones every panel is half the row
    (room for the formulas)."""
    panels = parts.panels
    for panel, skeleton in zip(panels, skeletons):
        panel.styles.min_height = view_height(skeleton) + 1  # + the title rule
    wide = rows >= TALL and not network_views.layered(spec)  # the network's compact tables keep their width
    for left in (0, 2):
        panels[left].styles.width = "1fr" if wide else view_width(skeletons[left]) + 2  # + padding
    gradients, update = skeletons[2], skeletons[3]
    parts.gate.styles.min_height = max(view_height(gradients), view_height(update)) + 1
    parts.loop.styles.min_height = loop_rows(spec) + CHART_MIN_ROWS

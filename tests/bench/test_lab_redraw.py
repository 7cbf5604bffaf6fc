"""What keeps a lab step cheap to draw (no timings: the benchmark measures those).

A step must repaint only what changed, without a screen-wide layout (which re-measures
every panel and the Markdown interpretation: tens of milliseconds per epoch).
"""

from __future__ import annotations

from dataclasses import replace

import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Static

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))

from lab_host import LabHost, lab_lesson  # noqa: E402
from tutor.ui.widgets.in_place import update_in_place  # noqa: E402
from tutor.ui.widgets.interpretation_panel import shape  # noqa: E402
from tutor.ui.widgets.lab_charts import DataChart, LossChart  # noqa: E402
from tutor.ui.widgets.lab_status import LabStatus  # noqa: E402


class OneStatic(App):
    def compose(self) -> ComposeResult:
        yield Static("uno\ndos", id="text")


def _layouts(monkeypatch) -> list[str]:
    """Names of the widgets that ask for a layout from now on."""
    asked: list[str] = []
    original = Widget.refresh

    def refresh(self, *regions, **options):
        if options.get("layout"):
            asked.append(type(self).__name__)
        return original(self, *regions, **options)

    monkeypatch.setattr(Widget, "refresh", refresh)
    return asked


async def test_update_in_place_asks_for_a_layout_only_when_the_height_changes(monkeypatch):
    app = OneStatic()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        static = app.query_one("#text", Static)
        asked = _layouts(monkeypatch)
        update_in_place(static, "tres\ncuatro")
        assert asked == []
        update_in_place(static, "una\nlínea\nmás")
        assert asked == ["Static"]
        await pilot.pause()
        assert static.size.height == 3


def test_interpretation_shape_sees_widths_not_values():
    assert shape("w = 0.123 | b = -0.50") == shape("w = 0.987 | b = -0.12")
    assert shape("w = 0.123 | b = -0.50") != shape("w = 0.123 | b = 0.50")
    assert shape("una línea") != shape("una\nlínea")


async def test_a_step_repaints_without_a_layout(monkeypatch):
    app = LabHost(replace(lab_lesson("compuerta-and"), exercises=()))  # no prediction to stop at
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen

        async def settle() -> None:
            deadline = time.monotonic() + 60
            while not screen.ready or screen.busy:
                assert time.monotonic() < deadline, "the lab did not settle"
                await pilot.pause(0.02)
            await pilot.pause()

        await settle()
        for _ in range(2):  # the first epoch fills the interpretation in: its size may change
            await pilot.press("e")
            await settle()
        loss_chart, data_chart = screen.query_one(LossChart), screen.query_one(DataChart)
        before = (list(loss_chart.points[0]), data_chart.line)
        asked = _layouts(monkeypatch)
        await pilot.press("e")
        await settle()
        assert asked == []
        assert "Época 2 (3/2000)" in screen.query_one(LabStatus).plain
        assert len(loss_chart.points[0]) == len(before[0]) + 1  # the charts caught up too
        assert data_chart.line != before[1]

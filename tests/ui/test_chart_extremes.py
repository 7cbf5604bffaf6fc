"""The charts never raise, whatever they are given: inf, NaN, 1e300, equal losses, one
epoch, a widget of zero size or one row; and what they show stays sane (the right number
of rows, nothing wider than the widget, short labels)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chart_host import AND, LINEAL, ChartHost
from screen_reader import screen_text
from tutor.lessons.model import Dataset, LabSpec
from tutor.ui.widgets.chart_ticks import LABEL_WIDTH
from tutor.ui.widgets.lab_charts import DataChart, LossChart

INF, NAN = float("inf"), float("nan")
EXTREMES = [0.0, -0.0, 1e300, -1e300, 1.7e308, 5e-324, 1e-300, INF, -INF, NAN, 1.0, 0.5, -2.0]
numbers = st.one_of(st.sampled_from(EXTREMES), st.floats(allow_nan=True, allow_infinity=True))
SIZES = [(0, 0), (0, 8), (38, 0), (1, 1), (38, 1), (38, 2), (38, 3), (38, 4), (15, 8), (16, 4), (38, 8),
         (60, 16), (200, 60)]


def assert_sane(text: str, width: int, height: int) -> None:
    rows = text.split("\n") if text else []
    assert len(rows) == (height if width > 0 and height > 0 else 0), text
    assert all(len(row) <= width for row in rows), text
    for row in rows:  # a y label is never wider than LABEL_WIDTH (issue 13.12b)
        for axis in ("┤", "+"):
            if axis in row and row.split(axis)[0].strip() and row.split(axis)[0].strip()[0] in "-0123456789":
                assert len(row.split(axis)[0].strip()) <= LABEL_WIDTH, row


@pytest.mark.parametrize("losses", [
    [], [0.7], [0.7] * 50, [0.0] * 10, [INF], [NAN, NAN], [0.7, INF, NAN, 0.1], [1e300, 1e-300],
    [1e300] * 3, [1.7e308, 5e-324], [5e-324], [-1.0, 1.0], [0.7, 3e25, 1.5e26, INF],
], ids=lambda losses: repr(losses)[:40])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
def test_the_loss_chart_draws_any_losses_at_any_size(losses, size, ascii):
    chart = LossChart(ascii=ascii)
    chart.show(losses)
    text = chart.text(*size)
    assert_sane(text, *size)
    if ascii:
        assert text.isascii()
    finite = [v for v in losses if math.isfinite(v)]
    assert len(chart.points[0]) == len(finite)
    if size[1] >= 4 and size[0] >= 16:
        assert "Loss" in text.split("\n")[0]
    elif size[0] >= 16 and size[1] >= 1:
        assert text.split("\n")[0].startswith("loss " if finite else "Loss: sin")  # a one-line summary


@settings(max_examples=150, deadline=None)
@given(losses=st.lists(numbers, max_size=40), width=st.integers(0, 140), height=st.integers(0, 45),
       ascii=st.booleans())
def test_the_loss_chart_never_raises(losses, width, height, ascii):
    chart = LossChart(ascii=ascii)
    chart.show(losses)
    assert_sane(chart.text(width, height), width, height)


@settings(max_examples=150, deadline=None)
@given(w=st.lists(numbers, min_size=2, max_size=2), b=numbers, width=st.integers(0, 140),
       height=st.integers(0, 45), ascii=st.booleans(), lineal=st.booleans())
def test_the_data_chart_never_raises(w, b, width, height, ascii, lineal):
    spec = LINEAL if lineal else AND
    chart = DataChart(spec, ascii=ascii)
    chart.show({"w": tuple(w[:1] if lineal else w), "b": (b,)})
    assert_sane(chart.text(width, height), width, height)
    if chart.line is not None:
        (x_min, x_max), (y_min, y_max) = chart.box
        assert all(x_min <= x <= x_max and y_min <= y <= y_max for x, y in chart.line)


@settings(max_examples=60, deadline=None)
@given(points=st.lists(st.tuples(numbers, numbers, numbers), min_size=1, max_size=8),
       width=st.integers(16, 100), height=st.integers(4, 30))
def test_a_data_chart_of_strange_data_never_raises(points, width, height):
    """A teacher's dataset with huge or missing values still gets a chart, not a crash."""
    dataset = Dataset("raro", "raro", ("x1", "x2"), "y", tuple((a, b) for a, b, _ in points),
                      tuple(t for *_, t in points))
    for model in ("sigmoide", "lineal"):
        spec = LabSpec(id="raro", title="t", model=model, loss="mse", lr=0.1, epochs=10, every=1,
                       params=("w", "b"), dataset=dataset)
        chart = DataChart(spec)
        chart.show({"w": (1.0, -1.0), "b": (0.5,)})
        (x_min, x_max), (y_min, y_max) = chart.box
        assert all(math.isfinite(v) for v in (x_min, x_max, y_min, y_max)) and x_min < x_max and y_min < y_max
        assert_sane(chart.text(width, height), width, height)


@pytest.mark.parametrize("height", [0, 1, 2, 3, 4, 8])
async def test_mounted_charts_of_any_height_show_something_sane(height):
    app = ChartHost(height=height)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(LossChart).show([0.7, INF, 1e300, 5e-324, NAN])
        app.query_one(DataChart).show({"w": (1e300, -1e300), "b": (NAN,)})
        await pilot.pause()
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        shot = screen_text(app)
        if height == 1:
            assert shot.startswith("loss 5e-324 (época 3)")
        if height >= 4:
            assert "Loss por época" in shot

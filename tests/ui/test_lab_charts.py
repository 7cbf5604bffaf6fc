"""The lab's charts as a student reads them: resizing, ASCII mode, markers, palette, labels.

Pilot tests host the two charts alone (chart_host.py, ~40x8 each as in the lab at 80x24);
`chart.text(width, height)` is the same picture without colours, at any size.
"""

from __future__ import annotations

import math
import re

import pytest
from rich.color import ColorSystem
from rich.text import Text

from chart_host import AND, AND_TRAINED, BRAILLE, DECAYING, LINEAL, LINEAL_TRAINED, ChartHost, braille_in
from screen_reader import screen_text
from tutor.ui.widgets.chart_style import ChartFrame
from tutor.ui.widgets.chart_ticks import LABEL_WIDTH
from tutor.ui.widgets.lab_charts import DataChart, LossChart


def canvas(text: str) -> list[str]:
    """The plot area of a chart's text: the rows between the top axis (or the heading) and
    the bottom axis, right of the y axis and its labels, left of the right axis."""
    rows = text.split("\n")
    axes = [i for i, row in enumerate(rows) if re.match(r"\s*[└┌+][─┬+-]", row)]
    top, bottom = (axes[0], axes[-1]) if len(axes) > 1 else (0, axes[-1])
    cells = [re.split(r"[│┤|+]", row, maxsplit=1)[1] for row in rows[top + 1:bottom]]
    return [re.sub(r"[│|]$", "", cell) if len(axes) > 1 else cell for cell in cells]


async def test_resizing_with_the_loss_on_a_log_scale_redraws_it():
    """Issue 13.4: the chart was rebuilt from plotext's already-transformed data and took
    log10 twice: `ValueError: math domain error` on the first resize."""
    app = ChartHost()
    async with app.run_test(size=(80, 24)) as pilot:
        chart = app.query_one(LossChart)
        chart.show(DECAYING)
        await pilot.pause()
        for size in ((120, 40), (81, 24), (60, 20), (200, 50), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            shot = screen_text(app)
            assert "Loss por época (" in shot and "log)" in shot, shot
            assert braille_in(shot)
        assert chart.text(40, 8) == chart.text(40, 8)  # the same picture every time it is built


def test_the_log_scale_labels_are_the_values_of_the_losses():
    chart = LossChart()
    chart.show(DECAYING)
    labels = [row.split("┤")[0].strip() for row in chart.text(60, 16).split("\n") if "┤" in row]
    assert labels == ["0.5", "0.2", "0.1", "0.05", "0.02", "0.01"]  # 1-2-5 between 0.01 and 0.76
    labels = [row.split("┤")[0].strip() for row in chart.text(38, 8).split("\n") if "┤" in row]
    assert labels == ["0.1", "0.01"]  # 8 rows: the powers of ten only
    chart.show([10.0 ** -k for k in range(8)])
    labels = [float(row.split("┤")[0]) for row in chart.text(60, 16).split("\n") if "┤" in row]
    assert labels == [1.0, 0.01, 1e-4, 1e-6]  # every other power of ten, from the top


@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
def test_markers_tell_the_classes_and_the_model_apart_without_colour(ascii):
    chart = DataChart(AND, ascii=ascii)
    chart.show(AND_TRAINED)
    for width, height in ((38, 8), (60, 16)):
        cells = "".join(canvas(chart.text(width, height)))
        assert cells.count("o") == 3 and cells.count("x") == 1  # AND: three zeros, one 1
        line = {c for c in cells} - {" ", "o", "x"}
        assert line, "the boundary is drawn"
        if ascii:
            assert line == {"."}
        else:
            assert all(ord(c) in BRAILLE for c in line)


async def test_ascii_mode_has_no_braille_and_only_ascii():
    app = ChartHost(ascii_charts=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(LossChart).show(DECAYING)
        app.query_one(DataChart).show(AND_TRAINED)
        await pilot.pause()
        shot = screen_text(app)
        charts = "\n".join(row[:80] for row in shot.split("\n")[:8])
        assert charts.isascii(), charts
        assert "Loss por epoca (escala log)" in charts and "o = 0, x = 1" in charts
        assert "." in "".join(canvas(app.query_one(LossChart).text(40, 8)))


@pytest.mark.parametrize("chart", [LossChart, DataChart], ids=["loss", "data"])
@pytest.mark.parametrize("size", [(38, 8), (60, 16), (120, 30)])
def test_ascii_pictures_are_pure_ascii_at_every_size(chart, size):
    plot = LossChart(ascii=True) if chart is LossChart else DataChart(LINEAL, ascii=True)
    plot.show(DECAYING if chart is LossChart else LINEAL_TRAINED)
    text = plot.text(*size)
    assert text.isascii() and not braille_in(text)
    assert "+" in text and "|" in text and "-" in text  # the frame, drawn in ASCII


def test_small_charts_keep_a_title_labels_and_most_of_the_width():
    loss, data = LossChart(), DataChart(AND)
    loss.show(DECAYING)
    data.show(AND_TRAINED)
    for chart, title in ((loss, "Loss por época"), (data, "Clases y frontera")):
        text = chart.text(38, 8)
        rows = text.split("\n")
        assert len(rows) == 8 and title in rows[0]
        assert sum(ch in "┤" for row in rows for ch in row) >= 1  # labelled y ticks
        assert re.search(r"\d", rows[-1])  # labelled x ticks
        assert min(len(row) for row in canvas(text)) >= 30  # the plot keeps the width


def test_a_diverging_run_keeps_its_plot_wide():
    """Issue 13.12b: losses up to 1e26 were labelled with 26 digits and left 2 columns."""
    chart = LossChart()
    chart.show([0.7 * 10.0 ** (e / 4) for e in range(105)])  # 0.7 ... 7e25
    for width, height in ((38, 8), (60, 16)):
        text = chart.text(width, height)
        labels = [row.split("┤")[0].strip() for row in text.split("\n") if "┤" in row]
        assert labels and all(len(label) <= LABEL_WIDTH for label in labels), labels
        assert all("e" in label for label in labels if abs(float(label)) >= 1e5)
        assert min(len(row) for row in canvas(text)) >= width - LABEL_WIDTH - 2
    chart.show([1.0, 2.0, 3e25, 1.5e26])  # linear? no: positive and spanning: log
    assert "escala log" in chart.text(60, 16)


def test_the_palette_is_colour_blind_safe_on_16_colours_too():
    chart = DataChart(AND)
    chart.show(AND_TRAINED)
    for colours, wanted in (("truecolor", {"o": (86, 180, 233), "x": (230, 159, 0)}), ("standard", {"o": 14, "x": 11})):
        frame = ChartFrame(60, 16, colours=colours)
        seen: dict[str, set] = {"o": set(), "x": set()}
        text = Text.from_ansi(chart.picture(frame))
        for offset, char in enumerate(text.plain):
            style = _style_at(text, offset)
            if char in seen and style is not None and style.color is not None:
                if colours == "standard":  # what Rich sends to a 16-colour terminal
                    seen[char].add(style.color.downgrade(ColorSystem.STANDARD).number)
                else:
                    seen[char].add(tuple(style.color.triplet))
        assert seen["o"] == {wanted["o"]} and seen["x"] == {wanted["x"]}, seen  # the title's o/x have no colour


def _style_at(text: Text, offset: int):
    styles = [span.style for span in text.spans if span.start <= offset < span.end]
    return styles[-1] if styles else None


def test_the_model_line_on_16_colours_is_the_text_colour():
    frame = ChartFrame(60, 16, colours="standard")
    assert frame.colour("model") == "default" and frame.colour("class0") != frame.colour("class1")
    assert ChartFrame(60, 16, colours="256").colour("model") == (204, 121, 167)


@pytest.mark.parametrize("params", [None, {"w": (float("nan"), 1.0), "b": (0.0,)}, {"w": (0.0, 0.0), "b": (1.0,)}])
def test_no_model_line_when_there_is_none(params):
    chart = DataChart(AND)
    chart.show(params)
    assert chart.line is None
    cells = "".join(canvas(chart.text(60, 16)))
    assert set(cells) <= {" ", "o", "x"} and cells.count("o") == 3


def test_a_lineal_chart_draws_the_line_through_its_points():
    chart = DataChart(LINEAL)
    chart.show({"w": (2.0,), "b": (1.0,)})  # y = 2x + 1: exactly the data
    (x0, y0), (x1, y1) = chart.line
    assert y0 == pytest.approx(2 * x0 + 1) and y1 == pytest.approx(2 * x1 + 1)
    assert "Datos y recta" in chart.text(38, 8).split("\n")[0]
    assert math.isclose(chart.box[0][0], 1.0 - 0.45) and chart.box[1] == pytest.approx((3.0 - 0.9, 9.0 + 0.9))


@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
def test_one_epoch_is_a_visible_star_and_more_are_a_line(ascii):
    chart = LossChart(ascii=ascii)
    chart.show([0.7551])
    assert "".join(canvas(chart.text(38, 8))).strip() == "*"
    chart.show([0.7551, 0.7526, 0.75])
    line = set("".join(canvas(chart.text(38, 8)))) - {" "}
    assert line == {"."} if ascii else all(ord(c) in BRAILLE for c in line)

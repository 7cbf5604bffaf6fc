"""The whole loop at a glance: at 80x24, after one epoch, every phase's numbers and both charts
are inside the terminal without scrolling (widget regions against the screen, and the text the
terminal shows); at 120x40 the code too; smaller windows scroll and never crash."""

from __future__ import annotations

import pytest

from lab_host import LAB_IDS
from lab_pilot import (
    assert_forward, assert_gradients, assert_loss, assert_update, expected_records, fully_visible, idle,
    open_lab, panels, whole_epochs,
)
from screen_reader import screen_text
from tutor.engine import start_values
from tutor.lab.numbers import num
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart
from tutor.ui.widgets.lab_footer import LabKeys
from tutor.ui.widgets.lab_status import LabStatus


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def lab_app(lab_id: str) -> TutorApp:
    return TutorApp(load_course(), store=ProgressStore(), lab=LabRequest(lab_id, init="notebook"), warm_up=False)


def loop_parts(screen) -> list:
    return [screen.query_one(LabStatus), *panels(screen), screen.query_one(LossChart), screen.query_one(DataChart),
            screen.query_one(LabKeys)]


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_after_one_epoch_the_whole_loop_fits_80x24(lab_id):
    app = lab_app(lab_id)
    spec = app.course.lab(lab_id)
    record = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)  # e, the prediction (digit, Enter), e
        for part in loop_parts(screen):
            assert fully_visible(part), part
        forward, loss, gradients, update = panels(screen)
        assert all(panel.revealed for panel in panels(screen))
        assert_forward(forward, spec, record)
        assert_loss(loss, record)
        assert_gradients(gradients, spec, record)
        assert_update(update, spec, record)
        shown = screen_text(app)  # what the terminal shows: every number, not only the DOM
        numbers = [*record.forward["y_pred"], record.loss, *(v for g in record.grads.values() for v in g),
                   *(v for p in record.params_after.values() for v in p)]
        for value in numbers:
            assert num(value) in shown, num(value)
        assert "Loss por época" in shown
        assert ("Clases y frontera" if spec.model == "sigmoide" else "Datos y recta") in shown
        charts = (screen.query_one(LossChart), screen.query_one(DataChart))
        assert all(chart.size.height >= 8 and chart.size.width >= 30 for chart in charts)
        code = screen.query_one(CodePanel)
        assert not code.display or not fully_visible(code)  # at 80 columns the code is on c
        await pilot.press("c")
        await pilot.pause()
        first, last = screen.source.phase_lines[4]  # the code takes the loop's place, phase 4 lit
        assert fully_visible(code) and code.marked_lines() == list(range(first, last + 1))
        await pilot.press("c")
        await pilot.pause()
        assert all(fully_visible(part) for part in loop_parts(screen))


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_120x40_shows_the_code_beside_the_loop(lab_id):
    app = lab_app(lab_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space")
        await idle(pilot, screen)
        code = screen.query_one(CodePanel)
        for part in [*loop_parts(screen), code]:
            assert fully_visible(part), part
        first, last = screen.source.phase_lines[1]
        assert code.marked_lines() == list(range(first, last + 1))
        assert "▶" in screen_text(app)
        assert all(panel.query_one(".phase-extra").display for panel in panels(screen))  # formulas too


async def test_done_when_the_notebooks_first_epoch_and_both_charts_on_one_80x24_screen():
    app = lab_app("neurona-lineal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("e")  # the "done when": e alone shows the whole first epoch
        await idle(pilot, screen)
        shown = screen_text(app)
        for number in ("1.3589", "7.3219", "-14.65", "2.8205", "0.5253"):
            assert number in shown, number
        assert "Loss por época" in shown and "Datos y recta" in shown


@pytest.mark.parametrize("size", [(60, 20), (40, 12), (20, 8)])
async def test_smaller_windows_scroll_and_never_crash(size):
    app = lab_app("clasificador-2d")
    async with app.run_test(size=size) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)
        for key in ("space", "space", "space", "c", "c", "pagedown", "pagedown", "end", "home", "tab", "escape"):
            await pilot.press(key)
        await idle(pilot, screen)
        body = screen.query_one("#lab-body")
        assert body.max_scroll_y > 0  # the rest is below: it scrolls
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y > 0
        assert screen.run.epochs_run == 2 and app.screen is screen
        for width, height in ((80, 24), (33, 9), (120, 40), (80, 24)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            app.export_screenshot()
        body.scroll_home(animate=False)
        await pilot.pause()
        assert all(fully_visible(part) for part in loop_parts(screen))  # back at 80x24: the whole loop

"""LabScreen with a pilot: what the panels, charts and status show must be the engine's records.

Each test computes the expected records with its own Trainer (same spec, same start) and
compares them with what is on screen. (Layout at 80x24, keys and progress: test_lab_*.py.)
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from lab_host import LAB_IDS, LabHost, lab_lesson
from lab_pilot import (
    SIZE, assert_forward, assert_gradients, assert_loss, assert_update, card, expected_records, idle, open_lab,
    panels, status, until, whole_epochs,
)
from screen_reader import screen_text
from tutor.engine import Trainer, start_values
from tutor.lab.numbers import num
from tutor.ui.screens.lab import LabScreen
from tutor.ui.screens.lab_layout import panel_heights
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.interpretation_panel import InterpretationPanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_stepping_by_phase_reveals_the_engine_record_one_phase_at_a_time(lab_id):
    lesson = lab_lesson(lab_id)
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 2)
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        forward, loss, gradients, update = panels(screen)
        code = screen.query_one(CodePanel)
        assert [p.border_title for p in panels(screen)] == ["1 Forward", "2 Loss", "3 Gradientes", "4 Update"]
        assert all("espacio" in p.plain for p in panels(screen))
        assert code.marked_lines() == []

        await pilot.press("space")
        await idle(pilot, screen)
        assert_forward(forward, spec, expected[0])
        assert "espacio → 2 Loss" in loss.plain and "espacio → 4 Update" in update.plain
        first, last = screen.source.phase_lines[1]
        assert code.marked_lines() == list(range(first, last + 1))
        assert "Época 0 (1/" in status(screen) and "1 Forward" in status(screen)

        await pilot.press("space")
        await idle(pilot, screen)
        assert_loss(loss, expected[0])
        assert f"loss {num(expected[0].loss)}" in status(screen)
        assert "espacio → 3 Gradientes" in gradients.plain

        # Every built-in lab asks to predict a gradient's sign of epoch 0 first, where the
        # gradients will appear; its options are answered with a digit and Enter.
        predict = card(screen, "predict")
        await pilot.press("space")
        await idle(pilot, screen)
        gate = screen.drawing.gate
        assert screen.has_class("-gate") and gate.display and not gradients.display
        assert not gradients.revealed and screen.run.revealed == 2
        live = predict.exercise.live
        value = getattr(expected[0], live.field)[live.name][live.index]
        right = "positivo" if value > 0 else "negativo"
        await pilot.press(str(gate.choices.shown().index(right) + 1), "enter")
        await idle(pilot, screen)
        assert predict.correct is True and not screen.has_class("-gate") and gradients.display
        assert_gradients(gradients, spec, expected[0])
        assert screen.run.revealed == 3

        await pilot.press("space")
        await idle(pilot, screen)
        assert_update(update, spec, expected[0])
        first, last = screen.source.phase_lines[4]
        assert code.marked_lines() == list(range(first, last + 1))

        # Next space starts epoch 1: Forward with the parameters after epoch 0's update.
        await pilot.press("space")
        await idle(pilot, screen)
        assert_forward(forward, spec, expected[1])
        assert "espacio → 2 Loss" in loss.plain
        assert screen.run.epochs_run == 2


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_whole_epochs_match_a_separate_trainer_and_draw_the_charts(lab_id):
    lesson = lab_lesson(lab_id)
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 3)
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 3)  # answering the prediction about epoch 0 on the way
        record = expected[-1]
        forward, loss, gradients, update = panels(screen)
        assert_forward(forward, spec, record)
        assert_loss(loss, record)
        assert_gradients(gradients, spec, record)
        assert_update(update, spec, record)
        assert "Época 2 (3/" in status(screen) and "4 Update" in status(screen)

        epochs, losses = screen.query_one(LossChart).points
        assert epochs == [0, 1, 2]
        assert losses == pytest.approx([r.loss for r in expected])

        chart = screen.query_one(DataChart)
        (x0, y0), (x1, y1) = chart.line
        weight, bias = spec.params
        w, b = record.params_after[weight], record.params_after[bias][0]
        for x, y in ((x0, y0), (x1, y1)):
            if spec.model == "lineal":
                assert y == pytest.approx(w[0] * x + b, abs=1e-6)
            else:
                assert w[0] * x + w[1] * y + b == pytest.approx(0.0, abs=1e-6)

        shot = screen_text(app)
        assert "Loss por época" in shot
        assert ("Clases y frontera" if spec.model == "sigmoide" else "Datos y recta") in shot


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_interpretation_is_filled_with_the_trained_values(lab_id):
    lesson = replace(lab_lesson(lab_id), exercises=())  # no predict gate on the way
    spec = lesson.lab
    record = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        interpretation = screen.query_one(InterpretationPanel)
        assert "termines una época" in interpretation.note and "··" in interpretation.text
        await pilot.press("space")
        await idle(pilot, screen)
        assert "termines una época" in interpretation.note  # the epoch is not complete yet
        height = interpretation.outer_size.height
        await pilot.press("e")
        await idle(pilot, screen)
        text = interpretation.text
        assert interpretation.note == "Con tus valores tras la época 0:"
        assert interpretation.outer_size.height == height  # filling it in moves nothing
        assert "{{" not in text and "⟦" not in text, text
        value = record.params_after[spec.params[0]][0]
        assert any(format(value, fmt) in text for fmt in (".2f", "+.2f", ".3f", ".4f"))
        assert any(format(record.loss, fmt) in text for fmt in (".4f", ".5f"))


async def test_e_finishes_an_epoch_half_revealed_by_phases_but_waits_for_the_prediction():
    lesson = lab_lesson("neurona-lineal")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space")
        await idle(pilot, screen)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 1 and screen.run.revealed == 2 and screen.has_class("-gate")
        card(screen, "predict").answer("negativo")
        await idle(pilot, screen)
        assert screen.run.revealed == 3
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 1 and screen.run.revealed == 4
        assert "espacio" not in panels(screen)[3].plain


async def test_run_pauses_mid_run_resumes_to_the_lab_count_and_reports_progress():
    lesson = replace(lab_lesson("compuerta-and"), exercises=())  # r stops at no prediction
    spec = lesson.lab
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        # 2000 epochs take well under a second: press r / r as actions (a pilot key press
        # waits until the app is idle, that is, until the run has ended).
        screen.action_run()
        assert screen.training
        deadline = time.monotonic() + 60
        while screen.session.epochs_received < 100 and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        screen.action_run()
        await idle(pilot, screen)
        paused_at = screen.run.epochs_run
        assert 0 < paused_at < spec.epochs
        assert not screen.training
        assert app.progressed and app.progressed[-1].epochs_run == paused_at

        await pilot.press("r")
        await idle(pilot, screen)
        assert screen.run.epochs_run == spec.epochs
        losses = [r.loss for r in screen.run.records]
        assert [r.epoch for r in screen.run.records] == list(range(spec.epochs))

        trainer = Trainer(spec, start_values(spec, "notebook"))
        reference = trainer.run(spec.epochs)
        assert losses == pytest.approx([r.loss for r in reference], abs=1e-5)
        final = screen.run.records[-1]
        assert_update(panels(screen)[3], spec, final)
        assert f"loss {num(final.loss)}" in status(screen)
        assert app.progressed[-1].epochs_run == spec.epochs
        assert app.progressed[-1].best_loss == pytest.approx(min(losses))
        assert len(screen.query_one(LossChart).points[0]) <= 300


async def test_keys_pressed_while_tensorflow_loads_are_kept():
    lesson = replace(lab_lesson("neurona-lineal"), exercises=())  # no gate to stop at
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LabScreen))
        screen = app.screen
        await pilot.press("e", "e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 2
        assert "cargando" not in status(screen)


async def test_tiny_terminal_and_resizes_do_not_crash():
    lesson = lab_lesson("clasificador-2d")
    app = LabHost(lesson)
    async with app.run_test(size=(20, 8)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space", "space", "e")
        await idle(pilot, screen)
        for size in ((80, 24), (200, 50), (12, 5), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            app.export_screenshot()
        assert screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")


def test_panel_heights_fit_the_real_panels():
    for lab_id in LAB_IDS:
        spec = lab_lesson(lab_id).lab
        forward, loss, gradients, update = panel_heights(spec)
        samples = len(spec.dataset.inputs)
        assert forward == samples + 2 and loss == samples + 2  # titles, one row per sample, foot
        assert gradients == update == sum(len(v) for v in start_values(spec, "notebook").values()) + 1

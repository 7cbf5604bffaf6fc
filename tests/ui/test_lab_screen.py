"""LabScreen with a pilot: what the panels, charts and status show must be the engine's records.

Each test computes the expected records with its own Trainer (same spec, same start) and
compares them with what is on screen.
"""

from __future__ import annotations

import asyncio
import math
import random
import time

import pytest

from lab_host import LAB_IDS, LabHost, lab_lesson
from tutor.engine import Trainer, hand_gradients, start_values
from tutor.ui.screens.lab import LabScreen, panel_heights
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.interpretation_panel import InterpretationPanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart
from tutor.lab.numbers import num, param_labels
from tutor.ui.widgets.lab_status import LabStatus
from tutor.ui.widgets.phase_panel import PhasePanel
from screen_reader import screen_text

SIZE = (120, 40)


def expected_records(spec, start, epochs: int, lr: float | None = None) -> list:
    trainer = Trainer(spec, start, lr=lr)
    return [trainer.step() for _ in range(epochs)]


async def until(pilot, condition, timeout: float = 60.0, what: str = "condition") -> None:
    """Let the app work until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def idle(pilot, screen: LabScreen) -> None:
    await until(pilot, lambda: not screen.busy, what="the lab to be idle")
    await pilot.pause()


def panels(screen: LabScreen) -> list[PhasePanel]:
    return list(screen.query(PhasePanel))


def status(screen: LabScreen) -> str:
    return screen.query_one(LabStatus).plain


def card(screen: LabScreen, kind: str) -> ExerciseCard:
    return next(c for c in screen.query(ExerciseCard) if c.exercise.kind == kind)


async def open_lab(pilot) -> LabScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, LabScreen), what="the lab screen")
    screen = pilot.app.screen
    await idle(pilot, screen)
    return screen


def assert_forward(panel: PhasePanel, spec, record) -> None:
    text = panel.plain
    for value in record.forward["y_pred"]:
        assert num(value) in text
    if spec.model == "sigmoide":
        for value in record.forward["z"]:
            assert num(value) in text
    for name in spec.params:
        for value in record.params_before[name]:
            assert num(value) in text


def assert_loss(panel: PhasePanel, record) -> None:
    assert f"= {record.loss:.4f}" in panel.plain
    for term in record.sample_losses:
        assert num(term) in panel.plain
    assert math.isclose(sum(record.sample_losses) / len(record.sample_losses), record.loss, rel_tol=1e-5)


def assert_gradients(panel: PhasePanel, spec, record) -> None:
    hand = hand_gradients(spec, record)
    lines = panel.plain.splitlines()
    for name in spec.params:
        for i, label in enumerate(param_labels(name, len(record.grads[name]))):
            row = next(line for line in lines if line.split() and line.split()[0] == f"d{label}")
            assert row.split()[1:3] == [num(record.grads[name][i]), num(hand[name][i])]
            assert "✓ igual" in row


def assert_update(panel: PhasePanel, spec, record) -> None:
    lines = panel.plain.splitlines()
    for name in spec.params:
        for i, label in enumerate(param_labels(name, len(record.params_after[name]))):
            row = next(line for line in lines if line.split() and line.split()[0] == label)
            before_update, after_update = row.split(" = ")
            assert after_update.strip() == num(record.params_after[name][i])
            assert before_update.split()[1] == num(record.params_before[name][i])
            assert f"{record.lr:g}·" in before_update


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
        assert all("pulsa espacio" in p.plain for p in panels(screen))
        assert code.marked_lines() == []

        await pilot.press("space")
        await idle(pilot, screen)
        assert_forward(forward, spec, expected[0])
        assert "pulsa espacio" in loss.plain and "pulsa espacio" in update.plain
        first, last = screen.source.phase_lines[1]
        assert code.marked_lines() == list(range(first, last + 1))
        assert "Época 0 (1/" in status(screen) and "1 Forward" in status(screen)

        await pilot.press("space")
        await idle(pilot, screen)
        assert_loss(loss, expected[0])
        assert f"loss {num(expected[0].loss)}" in status(screen)
        assert "pulsa espacio" in gradients.plain

        # Every built-in lab asks to predict a gradient's sign of epoch 0 first.
        predict = card(screen, "predict")
        await pilot.press("space")
        await idle(pilot, screen)
        assert "Responde primero la predicción" in gradients.plain
        assert gradients.has_class("-waiting")
        live = predict.exercise.live
        value = getattr(expected[0], live.field)[live.name][live.index]
        predict.answer("positivo" if value > 0 else "negativo")
        await pilot.pause()
        assert predict.correct is True
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
        assert "pulsa espacio" in loss.plain
        assert screen.run.epochs_run == 2


@pytest.mark.parametrize("lab_id", LAB_IDS)
async def test_whole_epochs_match_a_separate_trainer_and_draw_the_charts(lab_id):
    lesson = lab_lesson(lab_id)
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 3)
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        for _ in range(3):
            await pilot.press("e")
            await idle(pilot, screen)
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
    lesson = lab_lesson(lab_id)
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


async def test_e_finishes_an_epoch_half_revealed_by_phases():
    lesson = lab_lesson("neurona-lineal")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space")
        await idle(pilot, screen)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 1 and screen.run.revealed == 4
        assert "pulsa espacio" not in panels(screen)[3].plain


async def test_run_pauses_mid_run_resumes_to_the_lab_count_and_reports_progress():
    lesson = lab_lesson("compuerta-and")
    spec = lesson.lab
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        # 2000 epochs take well under a second: press r / r as actions (a pilot key press
        # waits until the app is idle, that is, until the run has ended).
        screen.action_run()
        assert screen.training
        deadline = time.monotonic() + 60
        while screen.run.epochs_run < 100 and time.monotonic() < deadline:
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


async def test_reset_starts_again_from_the_same_values():
    lesson = lab_lesson("clasificador-2d")
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        for key in ("e", "e", "e"):
            await pilot.press(key)
            await idle(pilot, screen)
        assert screen.run.epochs_run == 3
        await pilot.press("x")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 0
        assert all("pulsa espacio" in p.plain for p in panels(screen))
        assert screen.query_one(LossChart).points == ([], [])
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].epoch == 0
        assert screen.run.records[0].loss == pytest.approx(expected.loss, abs=1e-7)
        assert screen.run.records[0].params_after == pytest.approx(expected.params_after)


async def test_reset_during_a_run_stops_it_and_drops_its_results():
    lesson = lab_lesson("compuerta-and")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("r")
        await pilot.press("x")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 0 and not screen.training
        await pilot.press("e")
        await idle(pilot, screen)
        assert [r.epoch for r in screen.run.records] == [0]


async def test_random_starts_follow_the_seed_and_i_brings_back_the_notebook():
    lesson = lab_lesson("neurona-lineal")
    spec = lesson.lab
    seeds = random.Random(7)
    first, second = (start_values(spec, "random", seed=seeds.randrange(2**32)) for _ in range(2))
    app = LabHost(lesson, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        assert screen.run.start == start_values(spec, "notebook")
        await pilot.press("s")
        await idle(pilot, screen)
        assert screen.run.start == first
        await pilot.press("s")
        await idle(pilot, screen)
        assert screen.run.start == second
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].params_before == pytest.approx(second)
        assert "inicio azar n.º 2" in status(screen)
        await pilot.press("i")
        await idle(pilot, screen)
        assert screen.run.start == start_values(spec, "notebook")
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].params_before == pytest.approx(start_values(spec, "notebook"))


async def test_i_without_notebook_values_says_so():
    lesson = lab_lesson("neurona-lineal")
    spec = lesson.lab
    from dataclasses import replace

    bare = replace(lesson, lab=replace(spec, notebook_init=None))
    app = LabHost(bare, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        start = screen.run.start
        await pilot.press("i")
        await pilot.pause()
        assert screen.run.start == start
        assert any("no tiene valores iniciales del cuaderno" in n.message for n in app._notifications)


async def test_learning_rate_keys_and_divergence_warning():
    lesson = lab_lesson("neurona-lineal")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("minus")
        assert screen.lr == pytest.approx(0.05) and "lr 0.05" in status(screen)
        for _ in range(5):
            await pilot.press("plus")
        assert screen.lr == pytest.approx(1.6) and "lr 1.6" in status(screen)
        await pilot.press("r")
        await idle(pilot, screen)
        assert screen.run.diverged()
        assert not screen.training
        assert screen.run.epochs_run < lesson.lab.epochs
        assert "DIVERGIÓ" in status(screen) and "pulsa x" in status(screen)
        assert screen.query_one(LabStatus).has_class("-diverged")
        stuck = screen.run.epochs_run
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == stuck  # nothing more is computed on NaN weights

        for _ in range(5):
            await pilot.press("minus")
        await pilot.press("x")
        await idle(pilot, screen)
        assert "DIVERGIÓ" not in status(screen)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].lr == pytest.approx(0.05)
        assert math.isfinite(screen.run.records[0].loss)


async def test_goal_card_is_told_when_the_run_meets_it():
    lesson = lab_lesson("compuerta-and")
    goal_card_exercise = next(e for e in lesson.exercises if e.kind == "goal")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        goal = card(screen, "goal")
        await pilot.press("r")
        await idle(pilot, screen)  # lr 0.1 needs ~1600 epochs: goal (within 500) not met
        assert goal.correct is None and not goal.resolved  # not met: told in a toast
        assert any("Meta no alcanzada" in n.message for n in app._notifications)
        for _ in range(4):
            await pilot.press("plus")
        await pilot.press("x")
        await idle(pilot, screen)
        await pilot.press("r")
        await idle(pilot, screen)
        losses = [r.loss for r in screen.run.records]
        assert min(losses[: goal_card_exercise.goal.within_epochs]) < goal_card_exercise.goal.below
        assert goal.resolved and goal.correct is True


async def test_live_numeric_card_gets_the_value_of_this_run():
    lesson = lab_lesson("clasificador-2d")
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        numeric = card(screen, "numeric")
        assert numeric.live is None
        await pilot.press("e")
        await idle(pilot, screen)
        live = numeric.exercise.live
        assert numeric.live == pytest.approx(getattr(expected, live.field)[live.name][live.index])
        await pilot.press("x")
        await idle(pilot, screen)
        assert numeric.live is None


async def test_keys_pressed_while_tensorflow_loads_are_kept():
    lesson = lab_lesson("neurona-lineal")
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LabScreen))
        screen = app.screen
        await pilot.press("e", "e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 2
        assert screen.query_one("#lab-loading").has_class("-on") is False


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
        assert forward == samples + 3 and loss == samples + 3
        assert gradients == update == sum(1 if len(v) == 1 else len(v) for v in
                                          start_values(spec, "notebook").values()) + 2


async def test_through_tutor_app(tmp_path, monkeypatch):
    """The real app opens the lab with --lesson and records the lab's progress."""
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    from tutor.lessons import load_course
    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp

    app = TutorApp(load_course(), store=ProgressStore(), lesson_id="neurona-lineal", warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):  # the lesson's pages come first: n walks to its lab
            await pilot.pause()
            if isinstance(app.screen, LabScreen):
                break
            await pilot.press("n")
        screen = await open_lab(pilot)
        assert isinstance(screen, LabScreen) and screen.lesson.id == "neurona-lineal"
        await pilot.press("r")
        await idle(pilot, screen)
        assert screen.run.epochs_run == screen.spec.epochs
        await until(pilot, lambda: app.progress.lab("neurona-lineal") is not None, what="progress")
        shown = screen_text(app)  # the footer keeps every key, on two rows at 80 columns
        for words in ("esp fase", "e época", "r correr", "x reinicia", "s azar", "i cuaderno",
                      "+ lr×2", "- lr÷2", "n siguiente", "q salir"):
            assert words in shown, words
        lab = app.progress.lab("neurona-lineal")
        assert lab.epochs_run == screen.spec.epochs
        assert lab.best_loss == pytest.approx(screen.run.best_loss())
    saved = ProgressStore().load()[0].lab("neurona-lineal")
    assert saved is not None and saved.epochs_run == 51


async def test_random_keys_never_break_the_lab():
    """A student mashing keys: runs, resets, lr changes, tabbing into the exercises."""
    lesson = lab_lesson("compuerta-and")
    keys = ["space", "e", "r", "x", "s", "i", "plus", "minus", "tab", "shift+tab", "enter",
            "up", "down", "pagedown", "pageup", "h", "0", "comma", "5", "backspace"]
    chooser = random.Random(2024)
    app = LabHost(lesson, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        for _ in range(300):
            await pilot.press(chooser.choice(keys))
        await idle(pilot, screen)
        assert app.screen is screen
        run = screen.run
        assert [r.epoch for r in run.records] == list(range(run.epochs_run))
        if run.records:
            assert f"Época {run.records[-1].epoch} (" in status(screen)


async def test_locked_skipping_keeps_the_student_until_the_exercises_are_done():
    lesson = lab_lesson("neurona-lineal")
    app = LabHost(lesson, allow_skip=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        assert "saltar está desactivado" in screen.leave_blocker()
        assert not any(card.query(".exercise-skip") for card in screen.query(ExerciseCard))
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        assert screen.leave_blocker() is None


async def test_lab_cards_remember_answers_from_an_earlier_session(tmp_path, monkeypatch):
    """A live exercise answered right last time is shown as done, not asked again."""
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    from tutor.lessons import load_course
    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp

    store = ProgressStore()
    earlier = store.load()[0]
    earlier.record_answer("neurona-lineal", "valor-dw", True, 0)
    store.save(earlier)

    app = TutorApp(load_course(), store=ProgressStore(), lesson_id="neurona-lineal", warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(10):
            await pilot.pause()
            if isinstance(app.screen, LabScreen):
                break
            await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, LabScreen)
        cards = {card.exercise.id: card for card in screen.query(ExerciseCard)}
        assert cards["valor-dw"].resolved
        assert not cards["signo-dw"].resolved

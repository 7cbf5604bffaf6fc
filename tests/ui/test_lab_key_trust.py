"""Keys a student can trust: the lab's keys work whatever has the focus and never answer an
exercise; exercises are answered only with their own keys (a digit then Enter, or typing a
number); the predict gate asks where the gradients will appear; l takes an exact learning rate;
feedback goes on the status line, not in toasts; choices come in this student's order."""

from __future__ import annotations

import pytest

from lab_pilot import answer_gate, card, fully_visible, idle, open_lab, panels, status, until, whole_epochs
from screen_reader import screen_text
from tutor.lessons import load_course
from tutor.lessons.choice_order import choice_order, order_key
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.navigation import EXERCISES, lesson_steps
from tutor.ui.screens.exercises import ExercisesScreen
from tutor.ui.widgets.choice_list import ChoiceList
from tutor.ui.widgets.exercise_card import ExerciseCard, NumberInput
from tutor.ui.widgets.lr_prompt import LrPrompt


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def lab_app(lab_id: str = "neurona-lineal", **options) -> TutorApp:
    return TutorApp(load_course(), store=ProgressStore(), lab=LabRequest(lab_id, init="notebook"), warm_up=False,
                    **options)


def saved_result(exercise_id: str, lesson_id: str = "neurona-lineal") -> str | None:
    return ProgressStore().load()[0].exercise_result(lesson_id, exercise_id)


async def test_space_never_answers_even_with_the_options_focused():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        predict = card(screen, "predict")
        await pilot.press("tab")  # into the first open card: the prediction's options
        await until(pilot, lambda: isinstance(screen.focused, ChoiceList), what="the options focused")
        await pilot.press("space", "space")
        await idle(pilot, screen)
        assert screen.run.revealed == 2  # the lab took both spaces
        for _ in range(10):
            await pilot.press("space")
        await idle(pilot, screen)
        assert screen.has_class("-gate") and screen.run.revealed == 2
        assert predict.attempts == 0 and not predict.resolved
        app.save()
        assert app.progress.exercise_result("neurona-lineal", "signo-dw") is None
        assert saved_result("signo-dw") is None
        hint = next(b for b in card(screen, "numeric").query("Button") if b.has_class("exercise-hint"))
        hint.focus()
        await pilot.pause()
        await pilot.press("x")  # a lab key with a button focused: the lab, not the button
        await idle(pilot, screen)
        assert screen.run.epochs_run == 0 and not screen.has_class("-gate")


async def test_the_gate_asks_where_the_gradients_appear_and_takes_a_digit_then_enter():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        gradients = panels(screen)[2]
        await pilot.press("space", "space")
        await idle(pilot, screen)
        where = gradients.region
        await pilot.press("space")
        await idle(pilot, screen)
        gate = screen.drawing.gate
        assert fully_visible(gate) and gate.region.y == where.y and not gradients.display
        assert "¿dw será positivo" in screen_text(app)
        assert "predice (1–2 y Enter)" in status(screen)
        predict = card(screen, "predict")
        right = 1 + gate.choices.shown().index("negativo")
        await pilot.press(str(right))
        await pilot.pause()
        assert gate.choices.highlighted == right - 1 and predict.attempts == 0  # chosen, not answered yet
        await pilot.press("enter")
        await idle(pilot, screen)
        await until(pilot, lambda: app.progress.exercise_result("neurona-lineal", "signo-dw") == "correct",
                    what="the answer recorded")
        assert predict.correct and gradients.display and gradients.revealed
        assert "Predicción: ✓" in status(screen) and "-14.6525" in screen_text(app)
        assert not app._notifications  # on the card and the status line, no toast over the charts
        assert saved_result("signo-dw") == "correct"


async def test_numbers_are_typed_only_into_the_number_box_and_escape_leaves_it():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)
        numeric = card(screen, "numeric")
        box = numeric.query_one(NumberInput)
        box.focus()
        await pilot.pause()
        await pilot.press(*"-14.6e0")  # "-" and "e" are lab keys, but here they are typed
        assert box.value == "-14.6e0" and screen.lr == 0.1 and screen.run.epochs_run == 1
        await pilot.press("backspace", "backspace", "5", "enter")
        await pilot.pause()
        assert numeric.correct
        await pilot.press("escape")  # from the exercises back to the loop, still in the lab
        await pilot.pause()
        assert app.screen is screen and not isinstance(screen.focused, NumberInput)
        assert screen.drawing.body.scroll_y == 0
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 2


async def test_l_takes_an_exact_learning_rate_and_refuses_one_out_of_range():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        prompt = screen.query_one(LrPrompt)
        await pilot.press("l")
        await pilot.pause()
        assert prompt.is_open and fully_visible(prompt)
        await pilot.press(*"0.119", "enter")
        await idle(pilot, screen)
        assert screen.lr == 0.119 and not prompt.is_open and "lr 0.119" in status(screen)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.current.lr == 0.119
        await pilot.press("l", *"5e10", "enter")
        await pilot.pause()
        assert prompt.is_open and "debe estar entre 1e-09 y 1e+09" in screen_text(app) and screen.lr == 0.119
        await pilot.press("escape")
        await pilot.pause()
        assert not prompt.is_open and screen.lr == 0.119
        assert not app._notifications


async def test_feedback_of_every_lab_key_goes_on_the_status_line():
    app = lab_app("compuerta-and")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("plus")
        assert "lr = 0.2: desde la próxima época" in status(screen)
        await pilot.press("e", "x")
        await idle(pilot, screen)
        assert "reiniciado" in status(screen)
        await pilot.press("s")
        await idle(pilot, screen)
        assert "inicio azar n.º 1: w=" in status(screen)
        await pilot.press("i")
        await idle(pilot, screen)
        assert "valores del cuaderno" in status(screen)
        await pilot.press("r")
        await idle(pilot, screen)
        assert not app._notifications


async def test_r_shows_the_compiled_loop_honestly():
    app = lab_app("compuerta-and")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot)
        code = screen.drawing.code
        await whole_epochs(pilot, screen, 1)
        assert "paso a paso" in screen_text(app) and code.marked_lines()
        screen.action_run()  # drawn at once, before any chunk comes back
        assert code.compiled and "compilado con tf.function" in code.mode
        assert code.marked_lines() == []  # no line claims to be running the eager step
        await idle(pilot, screen)
        assert not code.compiled and "paso a paso" in screen_text(app) and code.marked_lines()


async def test_choices_come_in_the_students_own_order_in_the_lab_and_the_exercises():
    app = lab_app(student="Ana")
    key = order_key("Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot)
        predict = card(screen, "predict")
        shown = predict.query_one(ChoiceList).shown()
        choices = predict.exercise.choices
        assert shown == [choices[i] for i in choice_order(choices, key, predict.exercise.id)]
        lesson = app.course.lesson("neurona-lineal")
        app.show_step(next(step for step in lesson_steps(lesson) if step.kind == EXERCISES))
        await until(pilot, lambda: isinstance(app.screen, ExercisesScreen), what="the exercises")
        await pilot.pause()
        for exercise_card in app.screen.query(ExerciseCard):
            exercise = exercise_card.exercise
            if exercise.choices:
                assert exercise_card.query_one(ChoiceList).shown() == \
                    [exercise.choices[i] for i in choice_order(exercise.choices, key, exercise.id)]


async def test_enter_with_nothing_picked_answers_nothing_and_says_how_to_pick():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space", "space", "space")
        await idle(pilot, screen)
        gate = screen.drawing.gate
        await until(pilot, lambda: gate.choices is not None and screen.focused is gate.choices, what="the options")
        assert gate.choices.highlighted is None  # no option looks chosen before the student picks
        await pilot.press("enter")
        await idle(pilot, screen)
        predict = card(screen, "predict")
        assert predict.attempts == 0 and not predict.resolved and screen.has_class("-gate")
        assert app.progress.exercise_result("neurona-lineal", "signo-dw") is None
        assert "Primero elige 1–2" in screen_text(app)  # on the status line, at 80 columns
        await pilot.press("tab", "enter")  # the card's own options: nothing picked there either
        await pilot.pause()
        assert predict.attempts == 0 and "Primero elige 1–2" in predict.verdict
        await answer_gate(pilot, screen)
        assert predict.correct and predict.attempts == 1


async def test_at_the_gate_e_space_and_r_wait_for_the_answer():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("space", "space", "space")
        await idle(pilot, screen)
        assert screen.has_class("-gate") and screen.run.epochs_run == 1 and screen.run.revealed == 2
        assert "-14.65" not in screen_text(app)  # dw of epoch 0 is not on screen before the answer
        await pilot.press("e", "space", "r")
        await idle(pilot, screen)
        assert screen.has_class("-gate") and screen.run.epochs_run == 1
        assert "Antes, tu predicción: 1–2 y Enter" in screen_text(app)
        await answer_gate(pilot, screen)
        assert "-14.65" in screen_text(app) and "Predicción: ✓" in screen_text(app)
        await pilot.press("r")
        await idle(pilot, screen)
        assert screen.run.epochs_run == screen.spec.epochs and not screen.has_class("-gate")


async def test_e_shows_the_whole_epoch_and_the_open_prediction_is_said():
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("e")
        await idle(pilot, screen)
        shown = screen_text(app)
        assert not screen.has_class("-gate") and "-14.65" in shown
        assert "Tu predicción sigue abierta: Tab." in shown  # on the status line at 80x24
        assert card(screen, "predict").attempts == 0

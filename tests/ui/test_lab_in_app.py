"""The lab inside the real app: progress recorded, the one-row footer, random keys, locked
skipping, and answers from an earlier session."""

from __future__ import annotations

import random

import pytest

from lab_host import LabHost, lab_lesson
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from lab_pilot import SIZE, fully_visible, idle, open_lab, run_through, status, until
from screen_reader import screen_text
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.lab_footer import LabKeys


async def test_through_tutor_app(tmp_path, monkeypatch):
    """The real app opens the lab with --lesson and records the lab's progress; its footer is
    one row of keys at 80 columns, and has room for more in a wide window."""
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    app = TutorApp(load_course(), store=ProgressStore(), lesson_id="neurona-lineal", warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):  # the lesson's pages come first: n walks to its lab
            await pilot.pause()
            if isinstance(app.screen, LabScreen):
                break
            await pilot.press("n")
        screen = await open_lab(pilot)
        assert isinstance(screen, LabScreen) and screen.lesson.id == "neurona-lineal"
        await run_through(pilot, screen)  # r stops at the prediction about epoch 0, then goes on
        assert screen.run.epochs_run == screen.spec.epochs
        await until(pilot, lambda: app.progress.lab("neurona-lineal") is not None, what="progress")
        lab = app.progress.lab("neurona-lineal")
        assert lab.epochs_run == screen.spec.epochs
        assert lab.best_loss == pytest.approx(screen.run.best_loss())
        footer = screen.query_one(LabKeys)
        assert fully_visible(footer) and footer.size.height == 1
        for words in ("esp fase", "e época", "r correr", "x reinicia", "+/-/l lr", "c código", "Tab ejercicios",
                      "? ayuda"):
            assert words in footer.plain and words in screen_text(app), words
    saved = ProgressStore().load()[0].lab("neurona-lineal")
    assert saved is not None and saved.epochs_run == 51

    wide = TutorApp(load_course(), store=ProgressStore(), lab=LabRequest("neurona-lineal"), warm_up=False)
    async with wide.run_test(size=(140, 40)) as pilot:
        footer = (await open_lab(pilot)).query_one(LabKeys)
        for words in ("s azar", "i cuaderno", "n siguiente", "? ayuda"):
            assert words in footer.plain, words


async def test_random_keys_never_break_the_lab():
    """A student mashing keys: runs, resets, lr changes, tabbing into the exercises."""
    lesson = lab_lesson("compuerta-and")
    keys = ["space", "e", "r", "x", "s", "i", "plus", "minus", "tab", "shift+tab", "enter",
            "up", "down", "pagedown", "pageup", "h", "0", "comma", "5", "backspace", "1", "2", "l", "c", "escape"]
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
        await pilot.press("space", "space", "space")
        await idle(pilot, screen)
        assert screen.has_class("-gate")  # signo-dw is still open: the gate asks it


async def test_a_goal_met_in_the_lab_is_recorded_in_the_progress(tmp_path, monkeypatch):
    """The goal card's answer reaches the app (posted from the card, not the screen)."""
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    course = load_course()
    goal = next(e for e in course.lesson("compuerta-and").exercises if e.kind == "goal")
    app = TutorApp(course, store=ProgressStore(), lab=LabRequest("compuerta-and", init="notebook", lr=1.6),
                   warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await run_through(pilot, screen)
        await until(pilot, lambda: app.progress.exercise_result("compuerta-and", goal.id) == "correct",
                    what="the goal recorded")
        assert "Meta alcanzada" in status(screen)
    assert ProgressStore().load()[0].exercise_result("compuerta-and", goal.id) == "correct"

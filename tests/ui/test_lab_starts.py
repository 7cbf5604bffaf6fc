"""LabScreen with a pilot: starts (x, s, i), the learning rate and divergence, and the live
exercise cards (goal, numeric), each checked against a Trainer of the test's own."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from lab_host import LabHost, lab_lesson
from lab_pilot import SIZE, card, expected_records, idle, open_lab, panels, run_through, status, whole_epochs
from tutor.engine import start_values
from tutor.ui.widgets.lab_charts import LossChart
from tutor.ui.widgets.lab_status import LabStatus


async def test_reset_starts_again_from_the_same_values():
    lesson = lab_lesson("clasificador-2d")
    spec = lesson.lab
    expected = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    app = LabHost(lesson)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 3)
        assert screen.run.epochs_run == 3
        await pilot.press("x")
        await idle(pilot, screen)
        assert screen.run.epochs_run == 0
        assert all("espacio" in p.plain for p in panels(screen))
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
        assert screen.run.start == second and "inicio azar n.º 2" in status(screen)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].params_before == pytest.approx(second)
        await pilot.press("i")
        await idle(pilot, screen)
        assert screen.run.start == start_values(spec, "notebook")
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.records[0].params_before == pytest.approx(start_values(spec, "notebook"))


async def test_i_without_notebook_values_says_so():
    lesson = lab_lesson("neurona-lineal")
    spec = lesson.lab
    bare = replace(lesson, lab=replace(spec, notebook_init=None))
    app = LabHost(bare, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        start = screen.run.start
        await pilot.press("i")
        await pilot.pause()
        assert screen.run.start == start
        assert "no tiene valores iniciales del cuaderno" in status(screen)
        assert not app._notifications  # said on the status line, not in a toast over the charts


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
        await run_through(pilot, screen)
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
        await run_through(pilot, screen)  # lr 0.1 needs ~1600 epochs: goal (within 500) not met
        assert goal.correct is None and not goal.resolved and goal.attempts == 0  # trying is not failing
        assert "Meta no alcanzada: mejor loss" in status(screen) and "(meta: < 0.1)" in status(screen)
        assert not app._notifications
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

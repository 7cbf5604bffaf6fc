"""LabSession with a fake trainer (no TensorFlow, no Textual): divergence and a growing loss,
the learning-rate range, starts, goals, and when progress is saved."""

from __future__ import annotations

import math
import random

import pytest

from fake_trainer import GOAL, SPEC
from lab_rig import Rig
from tutor.engine import start_values
from tutor.lab.session import State
from tutor.lab.status import status_of

NOTEBOOK = start_values(SPEC, "notebook")


def test_divergence_stops_everything_until_a_reset():
    rig = Rig().opened()
    session = rig.session
    assert session.set_lr(1e8)
    rig.press("run")
    assert session.state is State.DIVERGED and session.run.diverged()
    stuck = session.run.epochs_run
    assert stuck < SPEC.epochs
    rig.press("epoch")
    assert session.run.epochs_run == stuck and "Divergió" in session.message
    status = status_of(session)
    assert status.kind == "diverged" and "DIVERGIÓ" in status.warning and "pulsa x" in status.warning
    session.set_lr(0.05)
    assert "pulsa x" in session.message
    session.reset()
    assert session.state is State.IDLE
    rig.press("epoch")
    assert session.run.current.lr == 0.05 and math.isfinite(session.run.current.loss)


def test_a_loss_that_ends_worse_than_it_started_is_flagged():
    rig = Rig().opened()
    session = rig.session
    session.set_lr(0.2)  # above ~0.13 every step overshoots: the loss grows, finite
    rig.press("epoch")
    assert session.rising() is None  # one epoch says nothing yet
    rig.press("epoch", "epoch")
    first, last = session.rising()
    assert last > first and all(math.isfinite(v) for v in (first, last))
    status = status_of(session)
    assert status.kind == "rising" and "La loss subió" in status.warning
    assert session.state is State.IDLE  # not NaN: stepping goes on
    good = Rig().opened()
    good.press("epoch", "epoch", "epoch")
    assert good.session.rising() is None and status_of(good.session).kind == ""


@pytest.mark.parametrize("value", [0.0, -0.1, 1e-10, 2e9, math.inf, math.nan])
def test_learning_rates_outside_the_range_are_refused(value):
    session = Rig().session
    assert not session.set_lr(value)
    assert session.lr == 0.1 and session.message


def test_exact_learning_rate_and_the_doubling_keys_stop_at_the_range():
    rig = Rig().opened()
    session = rig.session
    assert session.set_lr(0.119)
    rig.press("epoch")
    assert session.run.current.lr == 0.119
    session.set_lr(1e9)
    session.faster()
    assert session.lr == 1e9 and "no va más allá" in session.message
    session.set_lr(1e-9)
    session.slower()
    assert session.lr == 1e-9
    session.set_lr(0.1)
    session.faster()
    assert session.lr == 0.2 and "desde la próxima época" in session.message


def test_lr_changed_during_a_run_applies_to_the_next_chunk():
    rig = Rig(epochs=300).opened()
    rig.on_run = lambda: rig.session.set_lr(0.05) if rig.trainer.epoch == 100 else None
    rig.press("run")
    lrs = {record.epoch: record.lr for record in rig.session.run.records}
    assert lrs[99] == 0.1 and lrs[100] == 0.05


def test_starts_notebook_seeded_stream_explicit_and_seed():
    seeds = random.Random(7)
    first, second = (start_values(SPEC, "random", seed=seeds.randrange(2**32)) for _ in range(2))
    rig = Rig(seed=7).opened()
    session = rig.session
    assert session.start == NOTEBOOK and session.start_label == "inicio cuaderno"
    session.random_start()
    session.random_start()
    assert session.start == second and session.start_label == "inicio azar n.º 2"
    rig.press("epoch")
    assert session.run.current.params_before == pytest.approx(second)
    session.notebook_start()
    assert session.start == NOTEBOOK
    assert Rig(seed=7, init="random").session.start == first
    assert Rig(start_seed=5).session.start == start_values(SPEC, "random", seed=5)
    assert Rig(start_seed=5).session.start_label == "inicio semilla 5"
    explicit = Rig(start={"w": [0.5], "b": [-1]}).session
    assert explicit.start == {"w": (0.5,), "b": (-1.0,)} and explicit.start_label == "inicio elegido"
    from dataclasses import replace

    bare = Rig(spec=replace(SPEC, notebook_init=None), seed=1).session
    assert bare.start_label == "inicio azar n.º 1"
    bare.notebook_start()
    assert "no tiene valores iniciales del cuaderno" in bare.message


def test_goals_are_reported_once_met_and_once_per_run_missed():
    rig = Rig().opened()
    session = rig.session
    for _ in range(12):
        rig.press("epoch")
    events = session.take_goal_events()
    assert [(e.exercise.id, e.met) for e in events] == [(GOAL.id, True)]  # the xor goal never counts
    rig.press("epoch", "epoch")
    assert session.take_goal_events() == []

    slow = Rig(lr=0.01).opened()
    for _ in range(25):
        slow.press("epoch")
    events = slow.session.take_goal_events()
    assert [(e.exercise.id, e.met) for e in events] == [(GOAL.id, False)]
    assert "Meta no alcanzada: mejor loss" in events[0].text and "(meta: < 0.05)" in events[0].text
    slow.session.reset()
    for _ in range(20):
        slow.press("epoch")
    assert [e.met for e in slow.session.take_goal_events()] == [False]  # a new run: told again
    done = Rig(resolved={GOAL.id}).opened()
    for _ in range(12):
        done.press("epoch")
    assert done.session.take_goal_events() == []


def test_progress_is_throttled_while_training_and_flushed_whole_at_the_end():
    rig = Rig().opened()
    session = rig.session
    assert session.progress.due() is None and session.progress.wait() is None
    rig.press("epoch")
    note = session.progress.due()
    assert note.epochs_run == 1 and note.best_loss == pytest.approx(session.run.records[0].loss)
    rig.now = 0.5
    rig.press("epoch", "epoch", "epoch")
    assert session.progress.due() is None and session.progress.wait() == pytest.approx(1.5)
    final = session.progress.final()  # q, SIGHUP, leaving the lab: what is on screen, always
    assert final.epochs_run == 4 and final.best_loss == pytest.approx(session.run.best_loss())
    assert session.progress.final() is None
    rig.now = 1.0
    rig.press("epoch")
    session.reset()  # the old run's 5 epochs are still to be saved
    rig.press("epoch")
    rig.now = 10.0
    assert session.progress.due().epochs_run == 5


def test_a_run_in_progress_is_saved_as_far_as_it_was_shown():
    rig = Rig(epochs=500).opened()
    session = rig.session
    session.press("run")
    rig.channel.drain()  # chunks of 100 and 400 epochs, then the end of the run
    session.receive(rig.results.pop(0))
    session.catch_up()
    session.receive(rig.results.pop(0))  # received, not drawn yet
    assert session.progress.final().epochs_run == 100

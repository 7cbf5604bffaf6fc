"""LabSession with a fake trainer (no TensorFlow, no Textual): every state transition, the
predict gate, goals, the learning-rate range, starts, resets dropping stale results, saving."""

from __future__ import annotations

import pytest

from fake_trainer import GOAL, OTHER_GOAL, PREDICT, SPEC
from lab_rig import Rig
from tutor.engine import start_values
from tutor.lab.channel import EpochDone, Load, Reset, Run, Step
from tutor.lab.session import QUEUE_LIMIT, LabSession, State
from tutor.lab.status import status_of

NOTEBOOK = start_values(SPEC, "notebook")


def test_loading_keeps_keys_then_idle():
    rig = Rig(exercises=(GOAL,))
    session = rig.session
    assert session.state is State.LOADING and session.busy
    session.open()
    assert isinstance(rig.channel._jobs[0], Load)
    session.press("epoch")
    session.press("epoch")
    assert session.state is State.LOADING and session.run.epochs_run == 0
    assert "cargando TensorFlow" in status_of(session).text
    rig.settle()
    assert session.state is State.IDLE and not session.busy
    assert session.run.epochs_run == 2 and session.run.revealed == 4


def test_stepping_is_a_state_until_the_record_arrives():
    rig = Rig(exercises=(GOAL,)).opened()
    session = rig.session
    session.press("epoch")
    assert session.state is State.STEPPING and session.busy
    assert [type(job) for job in rig.channel._jobs] == [Step]
    rig.channel.drain()
    assert session.state is State.STEPPING  # the result is not delivered yet
    rig.deliver()
    assert session.state is State.IDLE
    record = session.run.current
    assert record.epoch == 0 and record.params_before == pytest.approx(NOTEBOOK)
    assert record.loss == pytest.approx(7.3219, abs=1e-4)
    assert status_of(session).text.startswith("Época 0 (1/51) · lr 0.1 · loss 7.3219 · 4 Update")


GATED = (PREDICT, GOAL, OTHER_GOAL)


def test_e_on_a_new_epoch_shows_it_all_and_says_the_prediction_is_still_open():
    rig = Rig(exercises=GATED).opened()
    session = rig.session
    rig.press("epoch")
    assert session.gate is None and session.run.revealed == 4
    assert session.pending_prediction() is PREDICT and PREDICT.id not in session.resolved
    assert "Tu predicción sigue abierta" in status_of(session).text


def test_r_waits_at_the_gate_for_the_answer():
    rig = Rig(exercises=GATED).opened()
    session = rig.session
    rig.press("phase", "phase", "phase")
    assert session.gate is PREDICT
    rig.press("run")
    assert session.state is State.IDLE and session.run.epochs_run == 1 and session.gate is PREDICT
    assert "Antes, tu predicción: 1–2 y Enter" in status_of(session).text
    session.exercise_resolved(PREDICT.id)
    rig.press("run")
    assert session.run.epochs_run == SPEC.epochs and session.gate is None


def test_the_short_status_keeps_the_feedback_at_80_columns():
    rig = Rig(exercises=GATED).opened()
    session = rig.session
    rig.press("phase", "phase", "phase")
    rig.press("run")
    line = status_of(session)
    assert len(line.text) > 80 and line.fit(200) == line.text
    assert line.fit(78).endswith(session.message) and len(line.fit(78)) <= 78  # 80 minus the padding


def test_keys_beyond_the_queue_limit_are_dropped():
    rig = Rig()
    rig.session.open()
    for _ in range(QUEUE_LIMIT + 5):
        rig.session.press("epoch")
    rig.settle()
    assert rig.session.run.epochs_run == QUEUE_LIMIT


def test_space_reveals_one_phase_at_a_time_and_never_answers_the_gate():
    rig = Rig(exercises=GATED).opened()
    session = rig.session
    rig.press("phase")
    assert session.run.revealed == 1 and session.run.phase == 1
    assert session.run.losses_shown() == []  # the loss is phase 2
    rig.press("phase")
    assert session.run.revealed == 2 and len(session.run.losses_shown()) == 1
    rig.press("phase")
    assert session.gate is PREDICT and session.run.revealed == 2
    assert "antes predice (1–2 y Enter)" in status_of(session).text
    for _ in range(10):
        rig.press("phase")
    rig.press("epoch")
    assert session.gate is PREDICT and session.run.revealed == 2 and session.run.epochs_run == 1
    assert PREDICT.id not in session.resolved and "predice (1–2 y Enter)" in status_of(session).text
    session.exercise_resolved("otro")  # another card: the gate stays
    assert session.gate is PREDICT
    session.exercise_resolved(PREDICT.id)  # only the explicit answer opens phase 3
    assert session.gate is None and session.run.revealed == 3
    rig.press("phase")
    assert session.run.revealed == 4 and session.run.params_shown() == session.run.current.params_after
    rig.press("phase")  # the next epoch's Forward: no gate (the prediction was about epoch 0)
    assert session.run.epochs_run == 2 and session.run.revealed == 1
    rig.press("phase", "phase", "phase")
    assert session.gate is None and session.run.revealed == 4


def test_e_mid_epoch_holds_at_the_gate_but_a_whole_first_epoch_does_not():
    rig = Rig(exercises=GATED).opened()
    rig.press("phase", "epoch")
    assert rig.session.gate is PREDICT and rig.session.run.revealed == 2
    fresh = Rig(exercises=GATED).opened()
    fresh.press("epoch")
    assert fresh.session.gate is None and fresh.session.run.revealed == 4
    assert fresh.session.pending_prediction() is PREDICT  # still answerable on its card
    assert fresh.session.live_value(PREDICT) == pytest.approx(fresh.session.run.current.grads["w"][0])


def test_an_answer_from_an_earlier_session_means_no_gate():
    rig = Rig(exercises=GATED, resolved={PREDICT.id}).opened()
    rig.press("phase", "phase", "phase")
    assert rig.session.gate is None and rig.session.run.revealed == 3


def test_run_compiles_stages_records_until_drawn_and_goes_on_past_the_count():
    rig = Rig().opened()
    session = rig.session
    session.press("run")
    assert session.state is State.RUNNING and session.compiled
    assert isinstance(rig.channel._jobs[0], Run)
    rig.channel.drain()
    rig.deliver()
    assert session.state is State.IDLE and session.run.epochs_run == SPEC.epochs  # RunEnded caught up
    assert [r.epoch for r in session.run.records] == list(range(SPEC.epochs))
    assert not session.compiled
    rig.press("run")
    assert session.run.epochs_run == 2 * SPEC.epochs and "Otras 51 épocas" in session.message


def test_records_of_a_run_reach_the_screen_only_when_caught_up():
    rig = Rig(epochs=300).opened()
    session = rig.session
    session.press("run")
    rig.on_run = lambda: rig.session.pause() if rig.trainer.epoch == 100 else None
    rig.channel.drain()
    chunk = rig.results[0]
    session.receive(chunk)
    assert session.run.epochs_run == 0 and session.busy  # received, not on screen yet
    assert session.catch_up() and session.run.epochs_run == 100


def test_r_again_pauses_between_chunks_and_r_resumes_to_the_count():
    rig = Rig(epochs=500).opened()
    session = rig.session
    rig.on_run = lambda: session.press("run") if rig.trainer.epoch == 100 else None
    session.press("run")
    assert session.state is State.RUNNING
    rig.settle()
    assert session.state is State.IDLE and not session.pausing
    assert session.run.epochs_run == 100 and "En pausa tras 100 épocas: r sigue." in session.message
    rig.on_run = None
    rig.press("run")
    assert session.run.epochs_run == 500


def test_other_keys_while_running_are_refused_with_a_message():
    rig = Rig().opened()
    rig.session.press("run")
    rig.session.press("epoch")
    assert "Corriendo: r pausa" in rig.session.message
    rig.session.pause()
    assert rig.session.pausing and "pausando" in status_of(rig.session).text


def test_reset_drops_the_results_of_the_old_start():
    rig = Rig().opened()
    session = rig.session
    session.press("epoch")
    rig.channel.drain()
    old = list(rig.results)
    rig.results.clear()
    assert isinstance(old[0], EpochDone)
    session.reset()
    assert session.state is State.IDLE and session.run.epochs_run == 0
    assert not session.receive(old[0])  # a result of generation 0: dropped
    assert session.run.epochs_run == 0
    session.press("epoch")  # queued behind the reset on the one channel
    assert [type(job) for job in rig.channel._jobs] == [Reset, Step]
    rig.settle()
    assert session.run.current.epoch == 0 and session.run.current.params_before == pytest.approx(NOTEBOOK)


def test_a_job_of_an_old_start_is_skipped_by_the_channel():
    rig = Rig().opened()
    session = rig.session
    session.press("epoch")  # not run yet
    session.random_start()
    rig.settle()
    assert session.run.epochs_run == 0 and session.state is State.IDLE
    assert rig.trainer.calls == ["init", "reset"]  # the step of the old start never ran


def test_reset_during_a_run_stops_it_and_drops_its_chunks():
    rig = Rig(epochs=500).opened()
    session = rig.session
    rig.on_run = lambda: session.reset() if rig.trainer.epoch == 100 else None
    rig.press("run")
    assert session.state is State.IDLE and session.run.epochs_run == 0
    rig.press("epoch")
    assert [r.epoch for r in session.run.records] == [0]


def test_a_reset_while_tensorflow_loads_applies_once_it_is_ready():
    rig = Rig(seed=3)
    session = rig.session
    session.open()
    session.random_start()
    start = session.start
    assert session.state is State.LOADING and start != NOTEBOOK
    rig.press("epoch")
    assert session.run.current.params_before == pytest.approx(start)


def test_failed_tensorflow_is_a_state_with_its_reason():
    rig = Rig(fail_load=True).opened()
    session = rig.session
    assert session.state is State.FAILED and "sin TensorFlow" in session.failure
    session.press("epoch")
    assert "sin TensorFlow" in session.message and session.run.epochs_run == 0
    status = status_of(session)
    assert status.kind == "failed" and "sin TensorFlow" in status.warning
    session.reset()
    assert session.state is State.FAILED


def test_a_step_that_raises_is_said_and_the_lab_stays_usable():
    rig = Rig().opened()

    def broken():
        raise RuntimeError("kaputt")

    rig.trainer.step = broken
    rig.press("epoch")
    assert rig.session.state is State.IDLE and "kaputt" in rig.session.message


def test_hand_gradients_come_with_the_step():
    rig = Rig().opened()
    rig.press("epoch")
    record = rig.session.run.current
    assert rig.session.hand[0] is record
    assert rig.session.hand[1]["w"][0] == pytest.approx(record.grads["w"][0])


def test_unknown_command():
    with pytest.raises(ValueError):
        LabSession(SPEC, Rig().channel).press("jump")

"""LabSession's o (optimizer), b (batch size) and k (compare), with the fake trainer: the
cycles, the jobs sent in order, what the trainer ends up with, walking a mini-batch epoch."""

from __future__ import annotations

from dataclasses import replace

from fake_trainer import SPEC
from lab_rig import Rig
from tutor.lab.channel import Compare, Configure, Reset, Settings
from tutor.lab.session import State
from tutor.lab.status import status_of
from tutor.lab.tuning import batch_sizes


def test_o_cycles_the_optimizers_and_tells_the_channel():
    rig = Rig().opened()
    session = rig.session
    seen = []
    for _ in range(4):
        session.next_optimizer()
        job = rig.channel._jobs[-1]
        assert isinstance(job, Configure) and job.generation == session.generation
        seen.append(job.settings.optimizer)
        rig.settle()
        assert rig.trainers[0].optimizer == seen[-1]
    assert seen == ["momentum", "adam", "rmsprop", "sgd"]
    assert "sgd desde la próxima época; x empieza de nuevo" in status_of(session).text


def test_the_status_line_names_the_optimizer_from_the_next_epoch():
    rig = Rig().opened()
    session = rig.session
    rig.press("epoch")
    session.next_optimizer()
    session.next_optimizer()
    text = status_of(session).text
    assert "lr 0.1 · adam · loss" in text and "desde la próxima época; x empieza de nuevo" in text
    rig.settle()
    rig.press("epoch")
    assert [record.optimizer for record in session.run.records] == ["sgd", "adam"]


def test_a_reset_right_after_o_still_brings_the_new_optimizer():
    rig = Rig().opened()
    session = rig.session
    session.next_optimizer()
    session.reset()  # the Configure is now stale (skipped): the Reset carries the settings
    assert isinstance(rig.channel._jobs[-1], Reset)
    assert rig.channel._jobs[-1].settings == Settings("momentum", None)
    rig.settle()
    assert rig.trainers[0].optimizer == "momentum"
    rig.press("epoch")
    assert session.run.current.optimizer == "momentum"


def test_the_lab_starts_with_its_own_optimizer_and_batch_size():
    rig = Rig(spec=replace(SPEC, optimizer="adam", batch_size=2)).opened()
    assert (rig.trainers[0].optimizer, rig.trainers[0].batch_size) == ("adam", 2)
    assert "lr 0.1 · adam · batch 2 · loss" in status_of(rig.session).text


def test_batch_sizes_go_from_the_whole_dataset_to_one():
    assert batch_sizes(100, 10) == (None, 50, 20, 10, 5, 2, 1)
    assert batch_sizes(4) == (None, 2, 1)
    assert batch_sizes(6) == (None, 3, 2, 1)
    assert batch_sizes(100, 40) == (None, 50, 40, 20, 10, 5, 2, 1)


def test_b_cycles_the_batch_size_and_says_the_updates_per_epoch():
    rig = Rig().opened()
    session = rig.session
    session.next_batch_size()
    text = status_of(session).text
    assert "batch 2 · loss" in text and "2 actualizaciones por época, desde la próxima" in text
    rig.settle()
    assert rig.trainers[0].batch_size == 2
    session.next_batch_size()
    session.next_batch_size()
    assert "todo el dataset (4), 1 actualización por época" in status_of(session).text
    rig.settle()
    assert rig.trainers[0].batch_size is None


def test_e_shows_the_last_update_and_space_walks_them_one_by_one():
    rig = Rig().opened()
    session = rig.session
    session.next_batch_size()  # 2: two updates per epoch
    rig.settle()
    rig.press("epoch")
    run = session.run
    assert run.shown_batch() == 1 and run.params_shown() == run.current.params_after
    assert "4 Update, batch 2/2" in status_of(session).text
    rig.press("phase")  # after e, space walks the epoch's updates from the first one
    assert run.current.epoch == 0 and run.shown_batch() == 0
    assert run.params_shown() == run.current.batches[0].params_after
    rig.press("phase")
    assert run.current.epoch == 0 and run.shown_batch() == 1
    rig.press("phase", "phase", "phase", "phase")  # the next epoch, up to 4 Update: its first update
    assert run.current.epoch == 1 and run.revealed == 4 and run.shown_batch() == 0
    assert run.params_shown() == run.current.batches[0].params_after
    assert "4 Update, batch 1/2" in status_of(session).text
    rig.press("phase")  # the second update of the same epoch
    assert run.current.epoch == 1 and run.shown_batch() == 1
    rig.press("phase")  # then the next epoch
    assert run.current.epoch == 2 and run.revealed == 1


def test_k_compares_every_optimizer_from_the_start_on_the_channel():
    rig = Rig(epochs=5).opened()
    session = rig.session
    rig.press("epoch")
    session.compare()
    job = rig.channel._jobs[-1]
    assert isinstance(job, Compare) and job.optimizers == ("sgd", "momentum", "adam", "rmsprop")
    assert job.start == session.start and job.epochs == 5
    assert session.busy and "comparando 4 optimizadores" in status_of(session).text
    rig.settle()
    assert not session.busy and sorted(session.comparison) == sorted(job.optimizers)
    assert all(len(losses) == 5 for losses in session.comparison.values())
    assert session.comparison["sgd"][0] == session.run.records[0].loss  # the same start
    assert rig.trainers[0].epoch == 1  # the lab's own trainer was not touched
    assert session.close_comparison() and session.comparison is None and not session.close_comparison()


def test_a_comparison_of_an_abandoned_start_is_dropped():
    rig = Rig().opened()
    session = rig.session
    session.compare()
    session.random_start()
    rig.settle()
    assert session.comparison is None and not session.comparing and session.state is State.IDLE


def test_o_during_a_run_applies_from_its_next_chunk():
    rig = Rig(epochs=300).opened()
    session = rig.session
    pressed = []

    def press_o_once():
        if not pressed:
            pressed.append(True)
            session.next_optimizer()

    rig.on_run = press_o_once
    rig.press("run")
    optimizers = [record.optimizer for record in session.run.records]
    assert len(optimizers) == 300 and optimizers[0] == "sgd" and optimizers[-1] == "momentum"
    first = optimizers.index("momentum")
    assert first > 0 and set(optimizers[first:]) == {"momentum"}


def test_the_short_status_keeps_the_loss_with_another_optimizer():
    rig = Rig().opened()
    session = rig.session
    session.next_optimizer()
    session.next_optimizer()  # adam
    rig.press("epoch")
    session.message = "una respuesta"
    line = status_of(session)
    assert line.short.startswith("Época 0 (1/") and " · adam · loss " in line.short
    assert line.short.endswith(" · una respuesta") and "4 Update" not in line.short

"""Trainer: step() and run() agree, records hold together, lr/reset/should_stop, divergence."""

from __future__ import annotations

import math
import warnings
from dataclasses import FrozenInstanceError

import numpy as np
import pytest
from engine_labs import AND, SPECS, XOR, assert_same_records, close

from tutor.engine import DivergedError, Trainer, start_values
from tutor.engine.trainer import CHUNK

@pytest.mark.parametrize("lab", list(SPECS))
def test_run_returns_the_same_records_as_step(lab, eager_records, bulk_records):
    assert_same_records(bulk_records[lab][0], eager_records[lab][0])
    assert all(close(u, v) for u, v in zip(bulk_records[lab][1], eager_records[lab][1]))


@pytest.mark.parametrize("lab", list(SPECS))
def test_records_hold_together(lab, eager_records):
    spec = SPECS[lab]
    records, _ = eager_records[lab]
    n = len(spec.dataset.targets)
    for previous, record in zip(records, records[1:]):
        assert record.params_before == previous.params_after
    for record in records[::97]:
        assert set(record.params_before) == set(spec.params) == set(record.grads)
        assert set(record.forward) == ({"z", "y_pred"} if spec.model == "sigmoide" else {"y_pred"})
        assert all(len(values) == n for values in record.forward.values())
        assert len(record.sample_losses) == n
        assert np.mean(np.float32(record.sample_losses)) == pytest.approx(record.loss, rel=1e-6)
        for name in spec.params:  # the update: after = before - lr * grad, in float32
            expected = np.float32(record.params_before[name]) - np.float32(spec.lr) * np.float32(record.grads[name])
            assert tuple(expected.tolist()) == record.params_after[name]
        assert not record.diverged


def test_records_are_frozen_plain_values(eager_records):
    record = eager_records["compuerta-and"][0][0]
    with pytest.raises(FrozenInstanceError):
        record.loss = 0.0
    assert type(record.loss) is float and type(record.epoch) is int
    assert all(type(v) is float for values in record.forward.values() for v in values)
    assert all(type(v) is float for values in record.grads.values() for v in values)


def test_lr_can_change_between_steps():
    spec = SPECS["compuerta-and"]
    trainer = Trainer(spec, start_values(spec, "notebook"))
    assert trainer.lr == spec.lr
    trainer.step()
    trainer.lr = trainer.lr * 2
    record = trainer.step()
    assert record.lr == pytest.approx(0.2)
    w = np.float32(record.params_before["w"]) - np.float32(0.2) * np.float32(record.grads["w"])
    assert tuple(w.tolist()) == record.params_after["w"]
    trainer.lr = 0.05
    assert {r.lr for r in trainer.run(3)} == {0.05}
    assert trainer.epoch == 5


def test_step_then_run_continues_where_step_left(bulk_records):
    spec = SPECS["compuerta-and"]
    trainer = Trainer(spec, start_values(spec, "notebook"), lr=spec.lr)
    stepped = [trainer.step() for _ in range(3)]
    rest = trainer.run(7)
    assert [r.epoch for r in rest] == list(range(3, 10)) and trainer.epoch == 10
    assert_same_records(stepped + rest, bulk_records["compuerta-and"][0][:10])
    assert trainer.params == rest[-1].params_after


def test_reset_starts_again(eager_records):
    spec = SPECS["neurona-lineal"]
    trainer = Trainer(spec, start_values(spec, "random", seed=7))
    trainer.run(20)
    trainer.reset(start_values(spec, "notebook"))
    assert trainer.epoch == 0 and trainer.params == start_values(spec, "notebook")
    assert trainer.step() == eager_records["neurona-lineal"][0][0]


def test_should_stop_is_checked_between_chunks():
    spec = SPECS["compuerta-and"]
    trainer = Trainer(spec, start_values(spec, "notebook"))
    assert trainer.run(2000, should_stop=lambda: True) == [] and trainer.epoch == 0
    calls = []
    records = trainer.run(2000, should_stop=lambda: calls.append(1) or len(calls) > 1)
    assert len(records) == CHUNK < 2000 and trainer.epoch == CHUNK


@pytest.mark.parametrize("lab", list(SPECS))
@pytest.mark.parametrize("lr", [50.0, 1e3, 1e30])
def test_extreme_learning_rates_never_crash(lab, lr, capfd):
    spec = SPECS[lab]
    start = start_values(spec, "random", seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy/TF warning fails the test
        trainer = Trainer(spec, start, lr=lr)
        bulk = trainer.run(300)
        trainer.reset(start)
        stepped = []
        while trainer.epoch < len(bulk) and not trainer.diverged:
            stepped.append(trainer.step())
    assert len(stepped) == len(bulk)
    assert [r.diverged for r in stepped] == [r.diverged for r in bulk]
    if bulk[-1].diverged:
        assert sum(r.diverged for r in bulk) == 1 and len(bulk) < 300
        last = bulk[-1]
        values = [last.loss, *(v for vs in last.params_after.values() for v in vs)]
        assert not all(math.isfinite(v) for v in values)
        for call in (trainer.step, lambda: trainer.run(5)):
            with pytest.raises(DivergedError, match="divergió"):
                call()
    else:
        assert len(bulk) == 300
        # the graph keeps Keras's eager BCE (clipped), not the logits formula it would pick
        for name in spec.params:
            assert np.allclose(stepped[-1].params_after[name], bulk[-1].params_after[name], rtol=1e-5)
    if lab == "neurona-lineal":  # MSE on a line explodes with a huge step
        assert bulk[-1].diverged
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_diverged_record_is_strict_json():
    import json

    spec = SPECS["neurona-lineal"]
    record = Trainer(spec, start_values(spec, "notebook"), lr=1e30).run(10)[-1]
    assert record.diverged
    data = record.to_json()
    assert list(data) == ["epoch", "loss", "params_before", "forward", "grads", "params_after", "lr", "diverged",
                          "optimizer"]
    assert data["optimizer"] == "sgd"
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["diverged"] is True
    assert None in data["params_after"]["w"] + [data["loss"]]
    infinite = Trainer(spec, start_values(spec, "notebook"), lr=float("inf")).run(3)[-1].to_json()
    assert infinite["lr"] is None and json.loads(json.dumps(infinite, allow_nan=False))["diverged"] is True


@pytest.mark.parametrize("dataset,model,loss", [(XOR, "sigmoide", "mse"), (AND, "lineal", "bce"),
                                                (XOR, "lineal", "mse"), (AND, "sigmoide", "bce")])
def test_free_lab_combinations_agree_between_step_and_run(dataset, model, loss):
    spec = SPECS["compuerta-and"].__class__(
        "libre", "Libre", dataset, model, loss, 0.05, 300, 50, ("W", "b"), "normal")
    # explicit start values: y_pred inside (0, 1), where Keras's BCE clipping leaves gradients
    columns = 1 if model == "lineal" else 2
    start = start_values(spec, {"W": [0.1] * columns, "b": [0.2]})
    trainer = Trainer(spec, start)
    stepped = [trainer.step() for _ in range(60)]
    trainer.reset(start)
    assert_same_records(trainer.run(60), stepped)
    assert stepped[-1].loss < stepped[0].loss  # it learns something


def test_prepare_run_changes_nothing():
    spec = SPECS["clasificador-2d"]
    trainer = Trainer(spec, start_values(spec, "notebook"))
    trainer.prepare_run()
    assert trainer.epoch == 0 and trainer.params == start_values(spec, "notebook")
    assert trainer.run(1)[0].loss == pytest.approx(0.8953, abs=5e-5)

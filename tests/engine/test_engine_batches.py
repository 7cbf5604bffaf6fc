"""Mini-batches: the documented shuffle rule, ceil(N/K) updates per epoch, each batch's
gradients against numpy, the whole-dataset values at the top of the record, run() = step()."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from engine_labs import SPECS, XOR_NET, assert_same_records

from tutor.engine import Trainer, hand_gradients, start_values
from tutor.errors import TutorError
from tutor.lessons import load_course


def documented_batches(seed, epoch, n, k):
    """tutor/engine/batches.py's rule, written again: permute, then cut in order."""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [tuple(int(i) for i in order[start:start + k]) for start in range(0, n, k)]


def sigmoid_reference(x, y, w, b):
    """One sigmoid neuron with BCE in float64: y_pred, loss, dW, db."""
    p = 1 / (1 + np.exp(-(x @ w[:, None] + b)))
    c = np.clip(p, 1e-7, 1 - 1e-7)
    loss = float(np.mean(-(y * np.log(c + 1e-7) + (1 - y) * np.log(1 - c + 1e-7))))
    dz = (p - y) / len(y)
    return p.ravel(), loss, (x.T @ dz).ravel(), dz.sum(0)


@pytest.fixture(scope="module")
def clouds():
    """The 100-point dataset with one neuron: 100 examples, batch size 10."""
    spec = SPECS["clasificador-2d"]
    return spec.__class__(**{**spec.__dict__, "dataset": load_course().datasets["nubes-100"], "id": "nubes",
                              "notebook_init": None, "lr": 0.1})


def test_the_100_points_are_the_documented_recipe(clouds):
    """lessons/datasets.toml's nubes-100, generated once: numpy seed 100, 50 points around
    (2, 2) (class 0) and 50 around (4, 4) (class 1), sd 0.9, one decimal, shuffled."""
    rng = np.random.default_rng(100)
    classes = np.repeat([0, 1], 50)
    points = np.array([[2.0, 2.0], [4.0, 4.0]])[classes] + 0.9 * rng.standard_normal((100, 2))
    order = rng.permutation(100)
    assert np.array(clouds.dataset.inputs) == pytest.approx(np.round(points[order], 1))
    assert clouds.dataset.targets == tuple(float(c) for c in classes[order])


def test_one_hundred_examples_and_batch_size_10_make_10_updates(clouds):
    trainer = Trainer(clouds, start_values(clouds, "random", seed=1), batch_size=10, shuffle_seed=7)
    x = np.array(clouds.dataset.inputs)
    y = np.array(clouds.dataset.targets)[:, None]
    for record in [trainer.step(), trainer.step()] + trainer.run(3):
        assert len(record.batches) == 10
        assert [b.indices for b in record.batches] == documented_batches(7, record.epoch, 100, 10)
        assert sorted(i for b in record.batches for i in b.indices) == list(range(100))
        # the top level: the whole dataset with params_before, as the notebook's print
        w, b = np.array(record.params_before["W"]), np.array(record.params_before["b"])
        p, loss, dw, db = sigmoid_reference(x, y, w, b)
        assert record.loss == pytest.approx(loss, rel=1e-5) and record.forward["y_pred"] == pytest.approx(p, rel=1e-5)
        assert record.grads["W"] == pytest.approx(dw, rel=1e-4) and record.grads["b"] == pytest.approx(db, rel=1e-4)
        # each batch: its own samples, from the previous batch's parameters
        for index, batch in enumerate(record.batches):
            start = record.batch_params_before(index)
            chosen = list(batch.indices)
            p, loss, dw, db = sigmoid_reference(x[chosen], y[chosen], np.array(start["W"]), np.array(start["b"]))
            assert batch.loss == pytest.approx(loss, rel=1e-5)
            assert batch.forward["y_pred"] == pytest.approx(p, rel=1e-5)
            assert batch.grads["W"] == pytest.approx(dw, rel=1e-4, abs=1e-6)
            assert hand_gradients(clouds, record, batch=index)["W"] == pytest.approx(dw, rel=1e-4, abs=1e-6)
            for name in ("W", "b"):
                after = np.float32(start[name]) - np.float32(clouds.lr) * np.float32(batch.grads[name])
                assert batch.params_after[name] == tuple(after.tolist())
        assert record.params_after == record.batches[-1].params_after


def test_the_last_batch_holds_the_rest_and_the_order_changes_each_epoch():
    spec = SPECS["clasificador-2d"]  # 6 samples
    trainer = Trainer(spec, start_values(spec, "notebook"), batch_size=4, shuffle_seed=3)
    first, second = trainer.step(), trainer.step()
    assert [len(b.indices) for b in first.batches] == [4, 2] and len(first.batches) == math.ceil(6 / 4)
    assert [b.indices for b in first.batches] != [b.indices for b in second.batches]
    again = Trainer(spec, start_values(spec, "notebook"), batch_size=4, shuffle_seed=3)
    assert again.step() == first  # same seed, same order, same numbers
    other = Trainer(spec, start_values(spec, "notebook"), batch_size=4, shuffle_seed=4).step()
    assert [b.indices for b in other.batches] != [b.indices for b in first.batches]


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("lab", ["neurona-lineal", "clasificador-2d", "xor"])
def test_run_returns_the_same_records_as_step(lab, optimizer):
    spec = XOR_NET if lab == "xor" else SPECS[lab]
    start = start_values(spec, "random", seed=2)
    size = {"neurona-lineal": 3, "clasificador-2d": 4, "xor": 1}[lab]
    trainer = Trainer(spec, start, 0.05, optimizer=optimizer, batch_size=size, shuffle_seed=5)
    stepped = [trainer.step() for _ in range(25)]
    trainer.reset(start)
    assert_same_records(trainer.run(25), stepped)
    if optimizer == "adam":
        assert stepped[-1].optimizer_state[spec.params[0]]["t"] == (25.0 * len(stepped[0].batches),)
        assert stepped[-1].batches[0].optimizer_state


def test_batch_size_can_change_between_epochs_and_back_to_the_notebook(eager_records):
    spec = SPECS["compuerta-and"]
    trainer = Trainer(spec, start_values(spec, "notebook"))
    trainer.batch_size = 2
    batched = trainer.step()
    assert len(batched.batches) == 2 and trainer.run(2)[-1].epoch == 2
    trainer.reset(start_values(spec, "notebook"))
    trainer.batch_size = None
    assert trainer.step() == eager_records["compuerta-and"][0][0]
    for size in (0, 5):
        with pytest.raises(TutorError, match="batch size"):
            trainer.batch_size = size
    lab_default = spec.__class__(**{**spec.__dict__, "batch_size": 3})
    assert len(Trainer(lab_default, start_values(spec, "notebook")).step().batches) == 2


def test_json_has_the_contract_keys():
    spec = SPECS["compuerta-and"]
    record = Trainer(spec, start_values(spec, "notebook"), batch_size=3, optimizer="momentum").run(1)[0]
    data = json.loads(json.dumps(record.to_json(), allow_nan=False))
    assert list(data) == ["epoch", "loss", "params_before", "forward", "grads", "params_after", "lr", "diverged",
                          "optimizer", "optimizer_state", "batches"]
    assert [list(b) for b in data["batches"]] == [["indices", "loss", "grads", "params_after", "optimizer_state"]] * 2
    assert sorted(i for b in data["batches"] for i in b["indices"]) == [0, 1, 2, 3]
    assert data["params_after"] == data["batches"][-1]["params_after"]


def test_a_diverging_batch_stops_the_run():
    spec = SPECS["neurona-lineal"]
    trainer = Trainer(spec, start_values(spec, "notebook"), lr=1e30, batch_size=2)
    records = trainer.run(50)
    assert records[-1].diverged and len(records) < 50 and trainer.diverged
    trainer.reset(start_values(spec, "notebook"))
    stepped = []
    while not trainer.diverged:
        stepped.append(trainer.step())
    assert len(stepped) == len(records)

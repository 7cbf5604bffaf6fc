"""The glossary's optimizers: tf.keras's Momentum, Adam and RMSprop against numpy references
written here (Keras 2's update rules with its defaults), their state in the records, the
notebook's SGD untouched, and run() equal to step()."""

from __future__ import annotations

import json

import numpy as np
import pytest
from engine_labs import SPECS, XOR_NET, assert_same_records

from tutor.engine import Trainer, start_values
from tutor.errors import TutorError


class Momentum:
    def __init__(self, lr):
        self.lr, self.v = lr, {}

    def update(self, name, p, g):
        v = 0.9 * self.v.get(name, 0.0) - self.lr * g
        self.v[name] = v
        return p + v, {"velocity": v}


class Adam:
    def __init__(self, lr):
        self.lr, self.m, self.v, self.t = lr, {}, {}, {}

    def update(self, name, p, g):
        t = self.t[name] = self.t.get(name, 0) + 1
        m = self.m[name] = 0.9 * self.m.get(name, 0.0) + 0.1 * g
        v = self.v[name] = 0.999 * self.v.get(name, 0.0) + 0.001 * g ** 2
        step = self.lr * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * m / (np.sqrt(v) + 1e-7)
        return p - step, {"m": m, "v": v, "t": np.array([t]), "step": step}


class RMSprop:
    def __init__(self, lr):
        self.lr, self.s = lr, {}

    def update(self, name, p, g):
        s = self.s[name] = 0.9 * self.s.get(name, 0.0) + 0.1 * g ** 2
        return p - self.lr * g / np.sqrt(s + 1e-7), {"mean_square": s}


REFERENCES = {"momentum": Momentum, "adam": Adam, "rmsprop": RMSprop}
LABS = {"compuerta-and": SPECS["compuerta-and"], "neurona-lineal": SPECS["neurona-lineal"], "xor": XOR_NET}


@pytest.mark.parametrize("lab", list(LABS))
@pytest.mark.parametrize("name", list(REFERENCES))
def test_each_update_follows_the_numpy_rule(lab, name):
    """From the tape's gradients, numpy's rule gives the same parameters and the same state."""
    spec = LABS[lab]
    lr = 0.05
    trainer = Trainer(spec, start_values(spec, "random", seed=4), lr, optimizer=name)
    reference = REFERENCES[name](lr)
    for _ in range(30):
        record = trainer.step()
        assert record.optimizer == name and record.lr == lr
        for param in spec.params:
            before = np.array(record.params_before[param], dtype=np.float64)
            grad = np.array(record.grads[param], dtype=np.float64)
            after, state = reference.update(param, before, grad)
            assert record.params_after[param] == pytest.approx(after, rel=1e-5, abs=1e-6), (record.epoch, param)
            assert set(record.optimizer_state[param]) == set(state)
            for slot, values in state.items():
                assert record.optimizer_state[param][slot] == pytest.approx(values, rel=1e-4, abs=1e-9), slot
            # the reference follows the engine's parameters, not its own drift
            reference_state_from(reference, param, record.optimizer_state[param])


def reference_state_from(reference, param, state):
    for slot, attribute in (("velocity", "v"), ("m", "m"), ("v", "v"), ("mean_square", "s")):
        if slot in state:
            getattr(reference, attribute)[param] = np.array(state[slot], dtype=np.float64)


@pytest.mark.parametrize("name", list(REFERENCES))
def test_a_whole_run_follows_numpy_from_the_start(name):
    """Forward, gradients and updates all in numpy (one sigmoid neuron, BCE), 200 epochs."""
    spec = SPECS["compuerta-and"]
    x = np.array(spec.dataset.inputs)
    y = np.array(spec.dataset.targets)[:, None]
    params = {k: np.array(v, dtype=np.float64) for k, v in start_values(spec, "notebook").items()}
    reference = REFERENCES[name](0.1)
    for _ in range(200):
        p = 1 / (1 + np.exp(-(x @ params["w"][:, None] + params["b"])))
        dz = (p - y) / len(y)
        grads = {"w": (x.T @ dz).ravel(), "b": dz.sum(0)}
        params = {k: reference.update(k, params[k], grads[k])[0] for k in params}
    trainer = Trainer(spec, start_values(spec, "notebook"), optimizer=name)
    trainer.run(200)
    for key in params:
        assert trainer.params[key] == pytest.approx(params[key], rel=1e-3, abs=1e-4)


def test_adams_step_is_what_it_subtracted():
    trainer = Trainer(XOR_NET, start_values(XOR_NET, "random", seed=1), optimizer="adam")
    for record in [trainer.step() for _ in range(5)] + trainer.run(5):
        for name in XOR_NET.params:
            before, step = np.float32(record.params_before[name]), np.float32(record.optimizer_state[name]["step"])
            assert tuple((before - step).tolist()) == record.params_after[name]
            assert record.optimizer_state[name]["t"] == (float(record.epoch + 1),)


@pytest.mark.parametrize("name", ["sgd", *REFERENCES])
def test_run_returns_the_same_records_as_step(name):
    for spec in (SPECS["clasificador-2d"], XOR_NET):
        start = start_values(spec, "random", seed=9)
        trainer = Trainer(spec, start, 0.1, optimizer=name)
        stepped = [trainer.step() for _ in range(60)]
        trainer.reset(start)
        assert_same_records(trainer.run(60), stepped)


def test_sgd_is_the_notebooks_assign_sub(eager_records):
    spec = SPECS["compuerta-and"]
    trainer = Trainer(spec, start_values(spec, "notebook"), optimizer="sgd")
    record = trainer.step()
    assert record == eager_records["compuerta-and"][0][0]
    assert record.optimizer == "sgd" and record.optimizer_state == {}


def test_the_optimizer_follows_lr_changes_reset_and_a_new_choice():
    spec = SPECS["compuerta-and"]
    start = start_values(spec, "notebook")
    trainer = Trainer(spec, start, optimizer="momentum")
    first = trainer.step()
    trainer.lr = 0.4
    second = trainer.step()
    velocity = 0.9 * np.array(first.optimizer_state["w"]["velocity"]) - 0.4 * np.array(second.grads["w"])
    assert second.lr == 0.4 and second.optimizer_state["w"]["velocity"] == pytest.approx(velocity, rel=1e-5)
    trainer.reset(start)
    trainer.lr = spec.lr
    assert trainer.step() == first  # the velocity started from zero again
    trainer.optimizer = "adam"
    record = trainer.step()
    assert record.optimizer == "adam" and record.optimizer_state["w"]["t"] == (1.0,)
    trainer.optimizer = "sgd"
    assert trainer.step().optimizer_state == {}
    with pytest.raises(TutorError, match="optimizador desconocido"):
        trainer.optimizer = "lbfgs"


def test_the_lab_key_and_json():
    spec = SPECS["compuerta-and"].__class__(**{**SPECS["compuerta-and"].__dict__, "optimizer": "rmsprop"})
    record = Trainer(spec, start_values(spec, "notebook")).run(1)[0]
    data = json.loads(json.dumps(record.to_json(), allow_nan=False))
    assert data["optimizer"] == "rmsprop"
    assert list(data)[-2:] == ["optimizer", "optimizer_state"]
    assert set(data["optimizer_state"]) == {"w", "b"} and len(data["optimizer_state"]["w"]["mean_square"]) == 2


@pytest.mark.parametrize("name", list(REFERENCES))
@pytest.mark.parametrize("lr", [1e3, float("inf")])
def test_extreme_learning_rates_never_crash(name, lr, capfd):
    import warnings

    spec = SPECS["neurona-lineal"]
    start = start_values(spec, "random", seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy/TF warning fails the test
        trainer = Trainer(spec, start, lr, optimizer=name, batch_size=2)
        bulk = trainer.run(100)
        trainer.reset(start)
        stepped = []
        while trainer.epoch < len(bulk) and not trainer.diverged:
            stepped.append(trainer.step())
    assert [r.diverged for r in stepped] == [r.diverged for r in bulk]
    assert json.dumps(bulk[-1].to_json(), allow_nan=False)
    assert capfd.readouterr() == ("", "")

"""tape.gradient agrees with the gradients derived by hand (hand_gradients)."""

from __future__ import annotations

import pytest
from engine_labs import AND, SPECS, XOR

from tutor.engine import Trainer, backprop_chain, hand_gradients, start_values, weight_chain


def assert_gradients_match(spec, record):
    hand = hand_gradients(spec, record)
    assert hand.keys() == record.grads.keys()
    for name in hand:
        assert hand[name] == pytest.approx(record.grads[name], rel=1e-4, abs=1e-6), (record.epoch, name)


@pytest.mark.parametrize("lab", list(SPECS))
def test_notebook_labs(lab, eager_records):
    records, _ = eager_records[lab]
    checked = 0
    for record in records[::50]:
        # sigmoid + BCE: only away from Keras's clipping edge (1e-7 from 0 and 1)
        if all(1e-4 < p < 1 - 1e-4 for p in record.forward["y_pred"]) or SPECS[lab].model == "lineal":
            assert_gradients_match(SPECS[lab], record)
            checked += 1
    assert checked >= 2


def test_the_notebook_formula_for_mse():
    spec = SPECS["neurona-lineal"]
    record = Trainer(spec, start_values(spec, "notebook")).step()
    # dw = -2/n Σ x (y - y_pred) with w = 1.3552873, b = 0.00364656: about -14.65
    assert hand_gradients(spec, record)["w"][0] == pytest.approx(-14.65, abs=0.01)
    assert record.grads["w"][0] == pytest.approx(-14.65, abs=0.01)


@pytest.mark.parametrize("dataset,model,loss", [(XOR, "sigmoide", "mse"), (AND, "lineal", "bce"),
                                                (AND, "sigmoide", "bce")])
def test_free_lab_combinations(dataset, model, loss):
    spec = SPECS["compuerta-and"].__class__("libre", "Libre", dataset, model, loss, 0.05, 50, 10, ("W", "b"))
    trainer = Trainer(spec, start_values(spec, {"W": [0.3] * (1 if model == "lineal" else 2), "b": [0.1]}))
    for record in [trainer.step() for _ in range(5)]:
        assert_gradients_match(spec, record)


def test_a_wrong_gradient_is_caught(eager_records):
    spec = SPECS["compuerta-and"]
    record = eager_records["compuerta-and"][0][0]
    wrong = record.__class__(**{**record.__dict__, "grads": {"w": (0.07, -0.04), "b": record.grads["b"]}})
    with pytest.raises(AssertionError):
        assert_gradients_match(spec, wrong)


@pytest.mark.parametrize("lab", list(SPECS))
def test_each_weights_chain_sums_to_its_gradient(lab, eager_records):
    spec = SPECS[lab]
    record = eager_records[lab][0][0]
    weight, bias = spec.params
    x = [row[0] for row in spec.dataset.inputs]
    chain = weight_chain(spec, record, weight, 0)
    assert chain.total == pytest.approx(record.grads[weight][0], rel=1e-4)
    assert [term.factors[0][1] for term in chain.terms] == x  # the first input, sample by sample
    assert chain.formula.startswith(f"d{chain.label} = Σ {spec.dataset.columns[0]} · ")
    assert weight_chain(spec, record, bias).total == pytest.approx(record.grads[bias][0], rel=1e-4)
    dz = backprop_chain(spec, record)["dz"]
    assert len(dz) == len(x) and sum(dz) == pytest.approx(record.grads[bias][0], rel=1e-4)
    if lab == "neurona-lineal":
        assert chain.formula == "dw = Σ x · -2·(y_real - y_pred) · 1/n"

"""The model and optimizer registries: they agree with the lessons layer's data, give every
lab its names, shapes, formulas and chart kind, and import no TensorFlow."""

from __future__ import annotations

import subprocess
import sys

import pytest
from engine_labs import AND, SPECS, XOR, XOR_NET

from tutor.engine import MODEL_KINDS, OPTIMIZER_KINDS, model_for, model_kind, optimizer_kind
from tutor.errors import TutorError
from tutor.lessons.model import (
    ACTIVATIONS, HIDDEN_SIZES, MODEL_INFO, MODELS, OPTIMIZERS, forward_sizes, param_sizes,
)


def test_the_registry_and_the_lessons_data_agree():
    assert tuple(MODEL_KINDS) == MODELS
    assert tuple(OPTIMIZER_KINDS) == OPTIMIZERS
    for name, info in MODEL_INFO.items():
        kind = model_kind(name)
        assert kind.name == name
        assert set(info.losses) <= set(kind.losses)  # the free lab may pair more (lineal + bce)
        assert info.params == kind.code_params
        assert info.forward == kind.forward_names and kind.forward_names[-1] == "y_pred"
        assert info.traces[0] == kind.default_trace
        assert info.hidden_layer == (kind.limits.hidden is not None)
        assert info.max_inputs == kind.limits.max_inputs
    assert model_kind("red").limits.hidden == HIDDEN_SIZES
    from tutor.engine.models.red import SLOPES

    assert tuple(SLOPES) == ACTIVATIONS


@pytest.mark.parametrize("spec", [*SPECS.values(), XOR_NET], ids=lambda spec: spec.id)
def test_the_loader_sizes_are_the_engine_shapes(spec):
    model = model_for(spec)
    assert param_sizes(spec.model, len(spec.dataset.columns), spec.hidden_size, spec.params) == model.param_sizes
    widths = forward_sizes(spec.model, len(spec.dataset.inputs), spec.hidden_size)
    assert widths == {name: rows * width for name, (rows, width) in model.forward_shapes.items()}


def test_what_each_kind_gives_the_ui():
    lineal, gate, net = model_for(SPECS["neurona-lineal"]), model_for(SPECS["compuerta-and"]), model_for(XOR_NET)
    assert (lineal.chart_kind, gate.chart_kind, net.chart_kind) == ("line", "boundary", "regions")
    assert lineal.forward_names == ("y_pred",) and gate.forward_names == ("z", "y_pred")
    assert net.forward_names == ("z1", "a1", "z2", "y_pred")
    assert net.param_shapes == {"W1": (2, 3), "b1": (3,), "W2": (3, 1), "b2": (1,)}
    assert net.forward_shapes == {"z1": (4, 3), "a1": (4, 3), "z2": (4, 1), "y_pred": (4, 1)}
    assert gate.param_labels == {"w": ("w[0]", "w[1]"), "b": ("b",)}
    assert lineal.param_labels == {"w": ("w",), "b": ("b",)}
    assert net.param_labels["W1"] == ("W1[0,0]", "W1[0,1]", "W1[0,2]", "W1[1,0]", "W1[1,1]", "W1[1,2]")
    assert net.param_labels["W2"] == ("W2[0]", "W2[1]", "W2[2]") and net.param_labels["b2"] == ("b2",)
    assert lineal.formulas.forward == ("y_pred = w * x + b",)
    assert lineal.formulas.gradients == ("dw = -2/n·Σ x(y_real - y_pred)", "db = -2/n·Σ(y_real - y_pred)")
    assert gate.formulas.forward == ("z = X·w + b", "y_pred = sigmoid(z)")
    assert gate.formulas.gradients == ("dw = Xᵀ(y_pred - y)/n", "db = media(y_pred - y)")
    assert gate.formulas.loss.startswith("Binary crossentropy")
    assert net.formulas.forward == ("z1 = X·W1 + b1", "a1 = tanh(z1)", "z2 = a1·W2 + b2", "y_pred = sigmoid(z2)")
    assert net.formulas.gradients == ("dz2 = (y_pred - y)/n", "dW2 = a1ᵀ·dz2    db2 = Σ dz2",
                                      "dz1 = dz2·W2ᵀ ⊙ (1 - a1²)", "dW1 = Xᵀ·dz1    db1 = Σ dz1")
    relu = model_for(XOR_NET.__class__(**{**XOR_NET.__dict__, "activation": "relu", "loss": "mse"}))
    assert relu.formulas.forward[1] == "a1 = relu(z1)" and "1 si z1 > 0" in relu.formulas.gradients[2]
    assert relu.formulas.loss.startswith("MSE")
    assert model_kind("lineal").defaults.loss == "mse" and model_kind("sigmoide").probabilities


def test_the_optimizer_registry():
    assert optimizer_kind("adam").slots == ("m", "v", "t", "step")
    assert optimizer_kind("momentum").rule("W") == ("v = 0.9·v - lr·dW", "W = W + v")
    assert optimizer_kind("sgd").rule("b") == ("b = b - lr·db",)
    assert optimizer_kind("rmsprop").slot_sizes(3) == {"mean_square": 3}
    assert optimizer_kind("adam").slot_sizes(2) == {"m": 2, "v": 2, "t": 1, "step": 2}
    with pytest.raises(TutorError, match="optimizador desconocido 'nesterov'"):
        optimizer_kind("nesterov")


def test_a_spec_the_model_cannot_train_is_refused():
    with pytest.raises(TutorError, match="modelo desconocido"):
        model_for(SPECS["compuerta-and"].__class__("x", "x", AND, "cnn", "bce", 0.1, 1, 1, ("W", "b")))
    with pytest.raises(TutorError, match="4 parámetros"):
        model_for(XOR_NET.__class__(**{**XOR_NET.__dict__, "params": ("W", "b")}))


def test_the_registry_imports_no_tensorflow():
    code = """
import sys
from tutor.engine import model_for, optimizer_kind, epoch_source, start_values, hand_gradients
from tutor.lessons.model import Dataset, LabSpec
data = Dataset("d", "d", ("x1", "x2"), "y", ((0.0, 1.0), (1.0, 0.0)), (0.0, 1.0))
spec = LabSpec("l", "l", data, "red", "bce", 0.1, 10, 1, ("W1", "b1", "W2", "b2"), trace="red")
model = model_for(spec)
model.formulas, model.param_labels, optimizer_kind("adam").rule("W1")
start_values(spec, "random", seed=1)
assert "forward_red" in epoch_source(spec).code
assert "tensorflow" not in sys.modules, "TensorFlow was imported"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_xor_dataset_is_the_one_the_tests_use():
    assert XOR_NET.dataset == XOR

"""epoch_source: the code the lab shows is the code that runs, split in the four phases."""

from __future__ import annotations

import inspect
import textwrap

import pytest
from engine_labs import AND, SPECS

from tutor.engine import PHASES, epoch_source

NOTEBOOK_LINES = {
    "neurona-lineal": {1: "y_pred = w * x + b", 2: "loss = tf.reduce_mean(perdidas)",
                       3: "dw, db = tape.gradient(loss, [w, b])", 4: "w.assign_sub(lr * dw)"},
    "compuerta-and": {1: "z = tf.matmul(X, w) + b", 2: "tf.keras.losses.binary_crossentropy(y_true, y_pred)",
                      3: "gradients = tape.gradient(loss, [w, b])", 4: "w.assign_sub(lr * gradients[0])"},
    "clasificador-2d": {1: "y_pred = tf.sigmoid(z)", 2: "loss = tf.reduce_mean(perdidas)",
                        3: "gradients = tape.gradient(loss, [W, b])", 4: "b.assign_sub(lr * gradients[1])"},
}


@pytest.mark.parametrize("lab", list(SPECS))
def test_each_phase_holds_the_notebook_line(lab):
    source = epoch_source(SPECS[lab])
    lines = source.code.splitlines()
    assert PHASES == ("Forward", "Loss", "Gradientes", "Update")
    assert sorted(source.phase_lines) == [1, 2, 3, 4]
    forward_first, forward_last = source.forward_lines
    assert forward_first == 1 and lines[0].startswith("def forward_") and "return" in lines[forward_last - 1]
    previous_end = forward_last
    for phase, expected in NOTEBOOK_LINES[lab].items():
        first, last = source.phase_lines[phase]
        assert previous_end < first <= last <= len(lines)
        assert lines[first - 1].strip().startswith(f"# {phase} {PHASES[phase - 1]}")
        shown = lines[first - 1:last] + (lines[forward_first - 1:forward_last] if phase == 1 else [])
        assert any(expected in line for line in shown), (phase, shown)
        assert lines[last - 1].strip(), "a phase does not end on a blank line"
        previous_end = last
    # phase 1 calls the forward function the code shows above it
    assert lines[forward_first - 1].split("(")[0].removeprefix("def ") in "\n".join(
        lines[source.phase_lines[1][0] - 1:source.phase_lines[1][1]])
    assert "return" not in "\n".join(lines[source.phase_lines[4][0] - 1:source.phase_lines[4][1]])


def test_weight_name_follows_the_lab():
    assert "W" not in epoch_source(SPECS["compuerta-and"]).code.replace("GradientTape", "")
    assert "tape.gradient(loss, [W, b])" in epoch_source(SPECS["clasificador-2d"]).code


@pytest.mark.parametrize("model,loss", [("lineal", "mse"), ("lineal", "bce"), ("sigmoide", "bce"),
                                        ("sigmoide", "mse"), ("red", "bce"), ("red", "mse")])
def test_shown_code_is_the_functions_that_run(model, loss):
    import importlib

    module = importlib.import_module(f"tutor.engine.loops.{model}")  # imports TensorFlow
    params = {"lineal": ("w", "b"), "sigmoide": ("W", "b"), "red": ("W1", "b1", "W2", "b2")}[model]
    spec = SPECS["clasificador-2d"].__class__("libre", "Libre", AND, model, loss, 0.1, 10, 1, params)
    shown = epoch_source(spec).code
    forward = textwrap.dedent(inspect.getsource(getattr(module, f"forward_{model}")))
    epoch = textwrap.dedent(inspect.getsource(getattr(module, f"epoch_{model}_{loss}")))
    assert shown == forward + "\n" + epoch
    assert ("reduce_mean((y" in shown or "(y_real - y_pred) ** 2" in shown) == (loss == "mse")
    assert "optimizador.apply_gradients" in shown and "assign_sub(lr * " in shown


def test_the_network_shows_its_layers_and_every_update():
    from engine_labs import XOR_NET

    source = epoch_source(XOR_NET)
    lines = source.code.splitlines()
    forward = "\n".join(lines[source.forward_lines[0] - 1:source.forward_lines[1]])
    assert "z1 = tf.matmul(X, W1) + b1" in forward and "y_pred = tf.sigmoid(z2)" in forward
    update = "\n".join(lines[source.phase_lines[4][0] - 1:source.phase_lines[4][1]])
    assert all(f"{name}.assign_sub(lr * gradients[{i}])" in update for i, name in enumerate(["W1", "b1", "W2", "b2"]))
    assert "tape.gradient(loss, [W1, b1, W2, b2])" in "\n".join(lines[source.phase_lines[3][0] - 1:source.phase_lines[3][1]])


def test_renaming_is_simultaneous():
    spec = SPECS["neurona-lineal"].__class__(**{**SPECS["neurona-lineal"].__dict__, "params": ("b", "w")})
    code = epoch_source(spec).code
    assert "y_pred = b * x + w" in code and "dw, db = tape.gradient(loss, [b, w])" in code

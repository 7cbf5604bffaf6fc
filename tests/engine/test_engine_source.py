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
    previous_end = 0
    for phase, expected in NOTEBOOK_LINES[lab].items():
        first, last = source.phase_lines[phase]
        assert previous_end < first <= last <= len(lines)
        assert lines[first - 1].strip().startswith(f"# {phase} {PHASES[phase - 1]}")
        assert any(expected in line for line in lines[first - 1:last]), (phase, lines[first - 1:last])
        assert lines[last - 1].strip(), "a phase does not end on a blank line"
        previous_end = last
    assert "return" not in "\n".join(lines[source.phase_lines[4][0] - 1:source.phase_lines[4][1]])


def test_weight_name_follows_the_lab():
    assert "W" not in epoch_source(SPECS["compuerta-and"]).code.replace("GradientTape", "")
    assert "tape.gradient(loss, [W, b])" in epoch_source(SPECS["clasificador-2d"]).code


@pytest.mark.parametrize("model,loss", [("lineal", "mse"), ("lineal", "bce"), ("sigmoide", "bce"), ("sigmoide", "mse")])
def test_shown_code_is_the_function_that_runs(model, loss):
    from tutor.engine import loops  # imports TensorFlow

    spec = SPECS["clasificador-2d"].__class__("libre", "Libre", AND, model, loss, 0.1, 10, 1,
                                              ("W" if model == "sigmoide" else "w", "b"))
    shown = epoch_source(spec).code
    assert shown == textwrap.dedent(inspect.getsource(loops.EPOCHS[(model, loss)]))
    assert ("reduce_mean((y" in shown or "(y_real - y_pred) ** 2" in shown) == (loss == "mse")

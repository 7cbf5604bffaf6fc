"""Every number of the lesson «Optimizadores» (lessons/09-optimizadores.md) is what the engine
computes: the real Trainer and `tutor run` here, and numpy for the Adam step worked by hand."""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

import numpy as np
import pytest
from lesson_numbers import COURSE, assert_mentions, assert_shown, exercise, lesson, page_text, parse_shown, table

from tutor.cli import main

OPTIMIZERS = ("sgd", "momentum", "adam", "rmsprop")
COLUMN = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam", "rmsprop": "RMSProp"}


def written(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace("-", "−")


@lru_cache(maxsize=None)
def losses_and_records(lab: str, optimizer: str, lr: float, epochs: int, seed: int | None = None):
    """(losses, records) of `epochs` epochs with run(), from the notebook's start or a seed."""
    from tutor.engine import Trainer, start_values

    spec = COURSE.lab(lab)
    start = start_values(spec, "notebook") if seed is None else start_values(spec, "random", seed)
    records = Trainer(spec, start, lr, optimizer=optimizer).run(epochs)
    return [record.loss for record in records], records


def first_below(losses, threshold: float) -> int | None:
    return next((epoch for epoch, loss in enumerate(losses) if loss < threshold), None)


def test_the_lab_is_the_notebooks_and_gate():
    lab = lesson("optimizadores").lab
    assert (lab.dataset.id, lab.model, lab.loss, lab.lr, lab.epochs, lab.optimizer) == ("and", "sigmoide", "bce", 0.1, 2000, "sgd")
    assert lab.notebook_init == {"w": (1.0883665, -0.92451656), "b": (0.0,)}


def test_the_first_step_of_each_optimizer():
    text = page_text("optimizadores", "El primer paso")
    rows = table(text, "Optimizador")
    _, records = losses_and_records("optimizadores", "sgd", 0.1, 1)
    start, grads = records[0].params_before, records[0].grads
    for cell, value in zip(rows["(inicio)"][1:], (*start["w"], *start["b"])):
        assert_shown(cell, value, "inicio")
    assert_mentions(text, f"dw = ({written(grads['w'][0], 5)}, {written(grads['w'][1], 5)}) y db = "
                          f"{written(grads['b'][0], 5)}")
    moved = {}
    for optimizer in OPTIMIZERS:
        _, (record, *_) = losses_and_records("optimizadores", optimizer, 0.1, 1)
        after = (*record.params_after["w"], *record.params_after["b"])
        for cell, value in zip(rows[COLUMN[optimizer]][1:], after):
            assert_shown(cell, value, optimizer)
        moved[optimizer] = [abs(a - b) for a, b in zip(after, (*start["w"], *start["b"]))]
    assert_mentions(text, "lr·gradiente: " + ", ".join(written(m, 4) for m in moved["sgd"][:2])
                    + f" y {written(moved['sgd'][2], 4)}")
    assert moved["momentum"] == moved["sgd"]
    assert all(abs(m - 0.1) < 1e-4 for m in moved["adam"])  # "lo mismo, lr = 0.1"
    assert all(written(m, 3) == "0.316" for m in moved["rmsprop"]) and written(0.1 * math.sqrt(10), 3) == "0.316"


def test_how_long_each_one_takes_from_the_notebooks_start(capfd):
    text = page_text("optimizadores", "Cuánto tarda cada uno")
    rows = table(text, "Época")
    assert main(["run", "optimizadores", "--init", "notebook", "--compare", "sgd,momentum,adam,rmsprop",
                 "--every", "100", "--json"]) == 0
    compared = {row["epoch"]: row["loss"] for row in map(json.loads, capfd.readouterr().out.splitlines())}
    for optimizer in OPTIMIZERS:
        losses, _ = losses_and_records("optimizadores", optimizer, 0.1, 2000)
        for epoch in ("0", "100", "200", "400", "800", "1600", "1999"):
            cell = rows[epoch][1 + OPTIMIZERS.index(optimizer)]
            assert_shown(cell, losses[int(epoch)], f"{optimizer} época {epoch}")
            assert compared[int(epoch)][optimizer] == pytest.approx(losses[int(epoch)], abs=1e-7)
        assert rows["loss < 0.1 en"][1 + OPTIMIZERS.index(optimizer)] == str(first_below(losses, 0.1))
    sgd, _ = losses_and_records("optimizadores", "sgd", 0.1, 2000)
    assert_mentions(text, "(" + ", ".join(written(sgd[e], 5) for e in (0, 400, 800, 1200, 1600)) + ")")
    assert_mentions(text, "1570 épocas", "unas diez veces", "16 veces antes")
    firsts = {o: first_below(losses_and_records("optimizadores", o, 0.1, 2000)[0], 0.1) for o in OPTIMIZERS}
    assert 9.5 <= firsts["sgd"] / firsts["momentum"] < 11 and round(firsts["sgd"] / firsts["adam"]) == 16
    assert firsts["rmsprop"] < firsts["adam"]  # "en AND el más rápido es RMSProp, no Adam"
    _, momentum = losses_and_records("optimizadores", "momentum", 0.1, 2000)
    for name, index in (("w", 0), ("w", 1), ("b", 0)):  # "Desde la época 8 ningún gradiente cambia de signo"
        signs = [record.grads[name][index] > 0 for record in momentum[8:]]
        assert len(set(signs)) == 1, (name, index)
    assert momentum[7].grads["w"][0] > 0 > momentum[8].grads["w"][0]
    assert_mentions(text, "Desde la época 8 ningún gradiente cambia de signo")


def test_other_starts_change_the_epochs_little():
    """Seeds 0 to 19: the ranges of the page and the goal's explanation (max 153, 151, 74)."""
    from tutor.engine import Trainer, start_values

    spec = lesson("optimizadores").lab
    text = page_text("optimizadores", "Cuánto tarda cada uno")
    ranges = {}
    for optimizer, epochs in (("sgd", 1700), ("momentum", 200), ("adam", 200), ("rmsprop", 200)):
        trainer = Trainer(spec, start_values(spec, "random", 0), 0.1, optimizer=optimizer)
        firsts = []
        for seed in range(20):
            trainer.reset(start_values(spec, "random", seed))
            firsts.append(first_below([r.loss for r in trainer.run(epochs)], 0.1))
        assert None not in firsts, optimizer
        ranges[optimizer] = (min(firsts), max(firsts))
    assert_mentions(text, "SGD de {} a {}, Momentum de {} a {}, Adam de {} a {} y RMSProp de {} a {}".format(
        *ranges["sgd"], *ranges["momentum"], *ranges["adam"], *ranges["rmsprop"]))
    goal = exercise("optimizadores", "optimizador-objetivo")
    assert_mentions(goal.explanation, "como mucho {}, {} y {}".format(
        ranges["momentum"][1], ranges["adam"][1], ranges["rmsprop"][1]))
    assert goal.goal.within_epochs == 200 and goal.goal.below == 0.1
    assert max(ranges["momentum"][1], ranges["adam"][1], ranges["rmsprop"][1]) < 200 < ranges["sgd"][0]


def test_the_goals_explanation_and_the_interpretation():
    goal = exercise("optimizadores", "optimizador-objetivo")
    firsts = [first_below(losses_and_records("optimizadores", o, 0.1, 2000)[0], 0.1) for o in OPTIMIZERS]
    assert_mentions(goal.prompt, f"tarda {firsts[0]} épocas")
    assert_mentions(goal.explanation, f"Momentum ({firsts[1]} épocas", f"Adam ({firsts[2]})", f"RMSProp ({firsts[3]})")
    fast_sgd = first_below(losses_and_records("optimizadores", "sgd", 0.8, 400)[0], 0.1)
    assert_mentions(goal.explanation, f"con lr 0.8 baja de 0.1 en la época {fast_sgd}")
    last = [losses_and_records("optimizadores", o, 0.1, 2000)[0][1999] for o in OPTIMIZERS]
    assert_mentions(lesson("optimizadores").interpretation,
                    "es {} con SGD, {} con Momentum, {} con Adam y {} con RMSProp".format(*(written(v, 5) for v in last)))


def adam_step(m: float, v: float, t: int, grad: float, lr: float = 0.1, keras: bool = False):
    """One Adam update from its state, in numpy: (m, v, step). The textbook form, as the lesson
    writes it, or tf.keras's (keras=True), where 1e-7 is added to √v instead of √v̂."""
    m = 0.9 * m + 0.1 * grad
    v = 0.999 * v + 0.001 * grad ** 2
    if keras:  # in float32, as TensorFlow computes it (1 − 0.999^t loses digits there)
        f = np.float32
        alpha = f(lr) * np.sqrt(f(1) - f(0.999) ** f(t)) / (f(1) - f(0.9) ** f(t))
        return m, v, float(f(m) * alpha / (np.sqrt(f(v)) + f(1e-7)))
    m_hat, v_hat = m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)
    return m, v, lr * m_hat / (np.sqrt(v_hat) + 1e-7)


def test_the_adam_step_by_hand_is_the_engines(capfd):
    question = exercise("optimizadores", "paso-adam-epoca-1")
    prompt = " ".join(question.prompt.split())
    m0, v0, grad = (float(re.search(pattern, prompt).group(1)) for pattern in
                    (r"m = ([\d.]+)", r"v = ([\d.]+) \(", r"dw1 = ([\d.]+)\."))
    _, records = losses_and_records("optimizadores", "adam", 0.1, 2)
    state0, state1 = records[0].optimizer_state["w"], records[1].optimizer_state["w"]
    # The prompt's numbers are the engine's, as written.
    assert_shown(f"{m0}", state0["m"][0], "m")
    assert_shown(f"{v0:.10f}", state0["v"][0], "v")
    assert_shown(re.search(r"dw1 = ([\d.]+)\.", prompt).group(1), records[1].grads["w"][0], "dw1")
    assert_mentions(prompt, "(5.2181·10⁻⁶)")
    assert_shown("5.2181·10⁻⁶", state0["v"][0])
    # numpy from the engine's own values gives the engine's state and step (tf.keras puts the 1e-7 elsewhere).
    m1, v1, step = adam_step(state0["m"][0], state0["v"][0], 2, records[1].grads["w"][0])
    assert (m1, v1) == (pytest.approx(state1["m"][0], rel=1e-6), pytest.approx(state1["v"][0], rel=1e-6))
    _, _, keras_step = adam_step(state0["m"][0], state0["v"][0], 2, records[1].grads["w"][0], keras=True)
    assert keras_step == pytest.approx(state1["step"][0], rel=1e-6)
    assert step == pytest.approx(state1["step"][0], rel=1e-4)  # "la misma cuenta, salvo dónde va el 1e-7"
    assert records[1].params_after["w"][0] == pytest.approx(records[1].params_before["w"][0] - keras_step, abs=1e-6)
    # The student's hand computation with the prompt's rounded numbers is accepted, lazy answers are not.
    _, _, by_hand = adam_step(m0, v0, 2, grad)
    assert abs(by_hand - question.value) <= question.tolerance
    assert_shown(f"{question.value}", state1["step"][0], "value")
    for lazy in (0.1, 0.1 * grad, 0.1 * m1 / np.sqrt(v1)):  # lr; SGD's step; Adam without the corrections
        assert abs(lazy - question.value) > question.tolerance
    # `tutor run --optimizer adam --json` prints the same state.
    assert main(["run", "optimizadores", "--init", "notebook", "--optimizer", "adam", "--epochs", "2",
                 "--every", "1", "--json"]) == 0
    printed = [json.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert printed[1]["optimizer_state"]["w"]["step"][0] == pytest.approx(state1["step"][0], abs=1e-9)
    # The explanation's intermediate numbers.
    m_hat, v_hat = m1 / (1 - 0.9 ** 2), v1 / (1 - 0.999 ** 2)
    text = question.explanation
    assert_mentions(text, f"= {m1:.6f};", f"{m1:.6f} / 0.19 = {m_hat:.6f}", f"= {v_hat:.7f}, √v̂ = {np.sqrt(v_hat):.6f}",
                    f"paso = 0.1 · {m_hat:.6f} / {np.sqrt(v_hat):.6f} = **{step:.5f}**",
                    f"(w1 pasa de {records[1].params_before['w'][0]:.5f} a {records[1].params_after['w'][0]:.5f})",
                    f"0.1·{records[1].grads['w'][0]:.4f} = {0.1 * records[1].grads['w'][0]:.4f}")
    shown_v1 = re.search(r"0\.001·0\.056128² = (\S+)\. Con", " ".join(text.split())).group(1)
    assert_shown(shown_v1, v1)
    grad_drop = 1 - records[1].grads["w"][0] / records[0].grads["w"][0]
    step_drop = 1 - state1["step"][0] / state0["step"][0]
    assert_mentions(text, f"un {grad_drop:.0%}".replace("%", " %"), f"solo un {step_drop * 100:.1f} %")


def test_the_first_adam_step_question():
    question = exercise("optimizadores", "primer-paso-adam")
    _, records = losses_and_records("optimizadores", "adam", 0.1, 1)
    before, after, grads = records[0].params_before, records[0].params_after, records[0].grads
    assert_mentions(question.prompt, f"dw1 = {grads['w'][0]:.4f}", f"dw2 = {written(grads['w'][1], 4)}",
                    f"db = {grads['b'][0]:.3f}", f"solo {0.1 * grads['w'][0]:.4f}")
    assert_mentions(question.explanation, f"w1 de {before['w'][0]:.5f} a {after['w'][0]:.5f}",
                    f"b de 0 a {written(after['b'][0], 5)}")
    assert 3.5 < grads["b"][0] / grads["w"][0] < 4  # "db es casi cuatro veces dw1"


def test_momentum_turns_dw1_around_sooner():
    question = exercise("optimizadores", "momentum-signo-dw1")
    assert (question.live.field, question.live.name, question.live.index, question.live.epoch) == ("grads", "w", 0, 10)
    turns = {}
    for optimizer in OPTIMIZERS:
        _, records = losses_and_records("optimizadores", optimizer, 0.1, 60)
        turns[optimizer] = next(r.epoch for r in records if r.grads["w"][0] < 0)
    assert_mentions(question.explanation, "en la época {} con SGD, en la {} con momentum, en la {} con Adam y en la {} "
                                          "con RMSProp".format(*(turns[o] for o in OPTIMIZERS)))
    _, momentum = losses_and_records("optimizadores", "momentum", 0.1, 60)
    _, sgd = losses_and_records("optimizadores", "sgd", 0.1, 60)
    assert_mentions(question.explanation, f"dw1 = {written(momentum[10].grads['w'][0], 4)}",
                    f"todavía +{sgd[10].grads['w'][0]:.4f}", f"b hasta {written(momentum[10].params_before['b'][0], 2)}")
    assert_mentions(question.prompt, f"(+{momentum[0].grads['w'][0]:.3f})")
    # "w1 sigue bajando hasta la época 11": it falls in epochs 8-11 and rises from 12 on.
    falls = [r.epoch for r in momentum[:20] if r.params_after["w"][0] < r.params_before["w"][0]]
    assert falls == list(range(0, 12))
    assert_mentions(question.explanation, "hasta la época 11")


def test_momentum_is_stabler_on_example_1():
    text = page_text("optimizadores", "Momentum, más estable")
    rows = table(text, "Época")
    hessian = np.array([[15.0, 5.0], [5.0, 2.0]])  # 2·mean(x²), 2·mean(x), 2 with x = 1, 2, 3, 4
    top = max(np.linalg.eigvalsh(hessian))
    assert_mentions(text, f"2/{top:.2f} ≈ {2 / top:.4f}", f"lr < 3.8/{top:.2f} ≈ {3.8 / top:.4f}")
    for optimizer in OPTIMIZERS:
        losses, records = losses_and_records("learning-rate", optimizer, 0.2, 200)
        for epoch in ("2", "20", "50", "100", "199"):
            cell = rows[epoch][1 + OPTIMIZERS.index(optimizer)]
            if cell == "divergió":
                assert records[-1].diverged and len(records) <= int(epoch), (optimizer, epoch)
            else:
                assert_shown(cell, losses[int(epoch)], f"{optimizer} época {epoch}")
    sgd_losses, sgd = losses_and_records("learning-rate", "sgd", 0.2, 200)
    assert sgd[-1].epoch == 51 and sgd[-1].diverged and not math.isfinite(sgd[-1].loss)  # "infinito en la época 51"
    momentum, _ = losses_and_records("learning-rate", "momentum", 0.2, 200)
    assert max(momentum) == momentum[2] and f"{momentum[2]:.2f}" == "44.23"
    rmsprop, _ = losses_and_records("learning-rate", "rmsprop", 0.2, 200)
    assert 0.11 <= min(rmsprop[100:]) and max(rmsprop[100:]) <= 0.15  # "rebota entre 0.11 y 0.15"
    assert_mentions(text, "rebota entre 0.11 y 0.15 desde la época 100")
    near, _ = losses_and_records("learning-rate", "momentum", 0.225, 2000)
    assert len(near) == 2000 and near[-1] < 1e-6  # "con lr 0.225 momentum converge"
    over, records = losses_and_records("learning-rate", "momentum", 0.23, 2000)
    assert records[-1].diverged and records[-1].epoch == 254
    assert_mentions(text, "con 0.23 diverge (en la época 254)")


def test_the_xor_network_with_a_small_learning_rate():
    text = page_text("optimizadores", "Y en la red de XOR")
    rows = table(text, "Semilla")
    firsts = {}
    for seed in (0, 2):
        for optimizer in OPTIMIZERS:
            losses, _ = losses_and_records("xor-capa-oculta", optimizer, 0.05, 1000, seed)
            assert_shown(rows[str(seed)][1 + OPTIMIZERS.index(optimizer)], losses[999], f"semilla {seed} {optimizer}")
            firsts[seed, optimizer] = first_below(losses, 0.1)
    assert firsts[0, "sgd"] is None and firsts[2, "sgd"] is None and firsts[2, "rmsprop"] is None
    assert_mentions(text, "loss < 0.1 en la época {} con Momentum, {} con Adam y {} con RMSProp".format(
        firsts[0, "momentum"], firsts[0, "adam"], firsts[0, "rmsprop"]))
    stuck, _ = losses_and_records("xor-capa-oculta", "rmsprop", 0.05, 1000, 2)
    assert abs(stuck[999] - math.log(2) / 2) < 0.001  # "el mínimo local de 0.347"


def test_every_number_written_in_a_table_of_the_lesson_is_checked_above():
    """A table added to a page later must get its own test (the list of tables is closed)."""
    tables = {page.title: page.markdown.count("\n| ---") + page.markdown.count("\n| :--")
              for page in lesson("optimizadores").pages}
    assert tables == {"Optimizadores": 1, "Qué guarda cada uno": 1, "El primer paso": 1,
                      "Cuánto tarda cada uno": 1, "Momentum, más estable": 1, "Y en la red de XOR": 1}
    assert parse_shown("6.1·10³⁷") == (pytest.approx(6.1e37), pytest.approx(0.05e37))

"""`tutor run LAB`: the notebook's trace, --json, options, divergence and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tutor.cli import main


@pytest.fixture(autouse=True)
def builtin_lessons(monkeypatch):
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def run(capfd, *argv):
    code = main(["run", *argv])
    out, err = capfd.readouterr()
    return code, out.splitlines(), err


@pytest.mark.parametrize("lab", ["neurona-lineal", "compuerta-and", "clasificador-2d"])
def test_notebook_start_prints_the_notebook(lab, capfd, notebook_output, assert_matches_notebook):
    code, lines, err = run(capfd, lab, "--init", "notebook")
    assert (code, err) == (0, "")
    expected = notebook_output(lab)
    assert_matches_notebook(lines, expected)
    assert [l for l in lines if l.startswith("Epoch")] == [l for l in expected if l.startswith("Epoch")]
    if lab == "neurona-lineal":
        assert lines == expected  # byte for byte


def test_json_is_one_object_per_printed_epoch(capfd):
    code, lines, err = run(capfd, "compuerta-and", "--init", "notebook", "--json")
    assert (code, err) == (0, "")
    objects = [json.loads(line) for line in lines]
    assert [o["epoch"] for o in objects] == [0, 400, 800, 1200, 1600]
    keys = ["epoch", "loss", "params_before", "forward", "grads", "params_after", "lr", "diverged", "optimizer"]
    assert all(list(o) == keys for o in objects)
    first = objects[0]
    assert f"{first['loss']:.5f}" == "0.75512" and first["lr"] == 0.1 and first["diverged"] is False
    assert first["params_before"] == {"w": [pytest.approx(1.0883665), pytest.approx(-0.92451656)], "b": [0.0]}
    assert set(first["forward"]) == {"z", "y_pred"} and len(first["forward"]["y_pred"]) == 4
    assert first["params_after"]["b"] == [pytest.approx(-0.02682458)]


def test_options_epochs_every_lr_and_seed(capfd):
    code, lines, _ = run(capfd, "neurona-lineal", "--seed", "5", "--epochs", "7", "--every", "3", "--lr", "0.05")
    assert code == 0
    assert [l.split()[1] for l in lines if l.startswith("Epoch")] == ["0", "3", "6"]
    assert "Learning rate: 0.05" in lines
    from tutor.engine import start_values
    from tutor.lessons import load_course

    start = start_values(load_course().lab("neurona-lineal"), "random", seed=5)
    assert f"Pesos iniciales: w = [{start['w'][0]:.7g}" in "\n".join(lines).replace("[ ", "[")
    assert run(capfd, "neurona-lineal", "--seed", "5", "--epochs", "7", "--every", "3", "--lr", "0.05")[1] == lines
    main(["--seed", "5", "run", "neurona-lineal", "--epochs", "7", "--every", "3", "--lr", "0.05"])
    assert capfd.readouterr().out.splitlines() == lines  # the global --seed works too
    assert run(capfd, "neurona-lineal", "--seed", "6", "--epochs", "7")[1] != lines


def test_random_start_by_default(capfd):
    first = run(capfd, "compuerta-and", "--epochs", "1")[1]
    second = run(capfd, "compuerta-and", "--epochs", "1")[1]
    assert first != second


def test_divergence_prints_the_record_and_warns(capfd):
    # 1e9, the top of the one lr range (tutor.lessons.learning_rate): inf at the third epoch.
    code, lines, err = run(capfd, "neurona-lineal", "--init", "notebook", "--lr", "1e9")
    assert code == 0
    assert lines[-1].startswith("Epoch 2 ") and "inf" in lines[-1]
    assert err.count("\n") == 1 and "divergió en la época 2" in err
    code, lines, err = run(capfd, "neurona-lineal", "--init", "notebook", "--lr", "1e9", "--json")
    assert code == 0 and "divergió" in err
    last = json.loads(lines[-1])
    assert last["diverged"] is True and last["epoch"] == 2 and last["loss"] is None


def test_a_loss_that_ends_higher_than_it_started_is_warned(capfd):
    """compuerta-and at lr 1e3: finite all along (the sigmoid saturates), never NaN, yet worse."""
    code, lines, err = run(capfd, "compuerta-and", "--init", "notebook", "--lr", "1e3", "--json")
    records = [json.loads(line) for line in lines]
    assert code == 0 and not any(record["diverged"] for record in records)
    assert records[-1]["loss"] > records[0]["loss"]
    assert err.count("\n") == 1 and "más alta que al empezar (0.755" in err and "1000.0" in err
    code, _, err = run(capfd, "compuerta-and", "--init", "notebook", "--epochs", "50")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("argv,message", [
    (["no-existe"], "neurona-lineal, learning-rate, compuerta-and, clasificador-2d"),
    (["compuerta-and", "--lr", "abc"], "learning rate"),
    (["compuerta-and", "--lr", "-1"], "learning rate"),
    (["compuerta-and", "--seed", "1", "--init", "notebook"], "--seed"),
    (["compuerta-and", "--epochs", "0"], "epochs"),
    (["compuerta-and", "--optimizer", "adagrad"], "optimizador desconocido 'adagrad' (válidos: sgd, momentum, adam, rmsprop)"),
    (["compuerta-and", "--batch-size", "0"], "--batch-size"),
    (["compuerta-and", "--batch-size", "5"], "--batch-size 5 es mayor que los 4 ejemplos de 'and' (usa de 1 a 4)"),
    (["compuerta-and", "--compare", "adam"], "--compare necesita de 2 a 4 optimizadores separados por comas"),
    (["compuerta-and", "--compare", "sgd,adam,momentum,rmsprop,sgd"], "de 2 a 4 optimizadores"),
    (["compuerta-and", "--compare", "sgd,nadam"], "optimizador desconocido 'nadam'"),
    (["compuerta-and", "--compare", "adam,sgd,adam"], "--compare repite adam"),
    (["compuerta-and", "--compare", "sgd,adam", "--optimizer", "adam"], "--compare y --optimizer no se pueden usar juntos"),
])
def test_bad_input_is_one_line_and_exit_2(argv, message, capfd):
    try:
        code = main(["run", *argv])
    except SystemExit as exit:
        code = exit.code
    out, err = capfd.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("tutor: ") and message in err
    assert "Traceback" not in err


def test_global_seed_with_notebook_start_is_refused(capfd):
    assert main(["--seed", "1", "run", "compuerta-and", "--init", "notebook"]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "--init notebook" in err


def test_a_real_process_prints_nothing_on_stderr():
    """TensorFlow's C++ log lines (import, first graph) must not reach the terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("TUTOR_LESSONS", "TF_CPP_MIN_LOG_LEVEL")}
    result = subprocess.run([sys.executable, "-m", "tutor", "run", "compuerta-and", "--init", "notebook"],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "Epoch 1600 Loss=0.09843" in result.stdout.splitlines()


def test_a_long_run_is_trained_and_printed_chunk_by_chunk(capfd, monkeypatch):
    """Memory stays flat for any --epochs: no call to Trainer.run asks for more than CHUNK."""
    from tutor.engine import Trainer
    from tutor.engine.trainer import CHUNK

    asked = []
    original = Trainer.run

    def counting_run(self, epochs, should_stop=None):
        asked.append(epochs)
        return original(self, epochs, should_stop)

    monkeypatch.setattr(Trainer, "run", counting_run)
    code, lines, err = run(capfd, "neurona-lineal", "--init", "notebook",
                           "--epochs", str(2 * CHUNK + 3), "--every", str(CHUNK))
    assert (code, err) == (0, "") and asked == [CHUNK, CHUNK, 3]
    assert [l.split()[1] for l in lines if l.startswith("Epoch")] == ["0", str(CHUNK), str(2 * CHUNK)]


def test_an_optimizer_says_so_and_its_state_is_in_the_json(capfd):
    code, lines, err = run(capfd, "compuerta-and", "--init", "notebook", "--optimizer", "adam", "--epochs", "401")
    assert (code, err) == (0, "")
    assert "Optimizador: Adam (tf.keras.optimizers, lr 0.1)" in lines
    assert lines.index("Optimizador: Adam (tf.keras.optimizers, lr 0.1)") == lines.index("Learning rate: 0.1") + 1
    assert "Epoch 0 Loss=0.75512" in lines  # the same start: epoch 0's loss is computed before any update
    assert "Epoch 400 Loss=0.25765" not in lines  # ... but not the notebook's SGD afterwards
    code, lines, _ = run(capfd, "compuerta-and", "--init", "notebook", "--optimizer", "momentum", "--json",
                         "--epochs", "2", "--every", "1")
    objects = [json.loads(line) for line in lines]
    assert [o["optimizer"] for o in objects] == ["momentum", "momentum"]
    assert list(objects[0])[-2:] == ["optimizer", "optimizer_state"]
    velocity = objects[0]["optimizer_state"]["w"]["velocity"]
    assert velocity == [pytest.approx(-0.1 * g) for g in objects[0]["grads"]["w"]]  # v = 0.9·0 - lr·dw


def test_mini_batches_in_text_and_json(capfd):
    code, lines, err = run(capfd, "clasificador-2d", "--init", "notebook", "--batch-size", "4", "--epochs", "3",
                           "--every", "1")
    assert (code, err) == (0, "")
    assert ("Batch size: 4 de 6 ejemplos → 2 actualizaciones por época (orden barajado en cada época con la "
            "semilla 0)") in lines
    assert "Epoch 0, Loss=0.8953" in lines  # the whole dataset's loss with the epoch's start
    code, lines, err = run(capfd, "clasificador-2d", "--init", "notebook", "--batch-size", "4", "--epochs", "3",
                           "--every", "1", "--json")
    objects = [json.loads(line) for line in lines]
    assert [list(o) for o in objects] == [["epoch", "loss", "params_before", "forward", "grads", "params_after",
                                           "lr", "diverged", "optimizer", "batches"]] * 3
    for o in objects:
        assert [len(b["indices"]) for b in o["batches"]] == [4, 2]
        assert sorted(i for b in o["batches"] for i in b["indices"]) == list(range(6))
        assert all(list(b) == ["indices", "loss", "grads", "params_after"] for b in o["batches"])
        assert o["params_after"] == o["batches"][-1]["params_after"]
    again = run(capfd, "clasificador-2d", "--init", "notebook", "--batch-size", "4", "--epochs", "3",
                "--every", "1", "--json")[1]
    assert again == lines  # same seed (none: 0), same batches
    seeded = run(capfd, "clasificador-2d", "--seed", "3", "--batch-size", "4", "--epochs", "1", "--json")[1]
    assert json.loads(seeded[0])["batches"][0]["indices"] == [int(i) for i in
                                                             __import__("numpy").random.default_rng([3, 0]).permutation(6)[:4]]


def test_compare_prints_one_column_per_optimizer(capfd):
    code, lines, err = run(capfd, "compuerta-and", "--init", "notebook", "--compare", "sgd,momentum,adam,rmsprop")
    assert (code, err) == (0, "")
    assert lines[0] == "Comparación de optimizadores en compuerta-and: el mismo inicio, learning rate 0.1, 2000 épocas"
    header = lines.index("Loss por época:") + 2
    assert lines[header].split() == ["Época", "sgd", "momentum", "adam", "rmsprop"]
    rows = [line.split() for line in lines[header + 1:]]
    assert [row[0] for row in rows] == ["0", "400", "800", "1200", "1600", "1999"]
    assert rows[0][1:] == ["0.75512"] * 4  # the same start
    assert [row[1] for row in rows[:5]] == ["0.75512", "0.25765", "0.16732", "0.12416", "0.09843"]  # the notebook's
    assert all(float(row[3]) < float(row[1]) for row in rows[1:])  # Adam is faster here


def test_compare_json_is_one_object_per_printed_epoch(capfd):
    code, lines, err = run(capfd, "neurona-lineal", "--init", "notebook", "--compare", "sgd,adam",
                           "--lr", "5", "--json")
    assert code == 0 and "sgd divergió" in err and "adam" not in err
    objects = [json.loads(line) for line in lines]
    assert all(list(o) == ["epoch", "loss", "diverged"] for o in objects)
    assert all(set(o["loss"]) == set(o["diverged"]) == {"sgd", "adam"} for o in objects)
    gone = next(o for o in objects if o["diverged"]["sgd"])
    later = [o for o in objects if o["epoch"] > gone["epoch"]]
    assert later and all(o["loss"]["sgd"] is None and o["diverged"]["sgd"] for o in later)
    assert objects[-1]["epoch"] == 50 and objects[-1]["loss"]["adam"] is not None


def test_the_network_lab_runs_with_its_trace(capfd):
    code, lines, err = run(capfd, "xor-capa-oculta", "--seed", "0")
    assert (code, err) == (0, "")
    assert "Red: 2 entradas → 3 neuronas ocultas (tanh) → 1 salida (sigmoid)" in lines
    assert [line.split(",")[0] for line in lines if line.startswith("Epoch")] == [
        "Epoch 0", "Epoch 200", "Epoch 400", "Epoch 600", "Epoch 800"]
    assert lines[lines.index("Predicciones finales:") + 1:][:5] == [
        "tf.Tensor(", "[[0.]", " [1.]", " [1.]", " [0.]], shape=(4, 1), dtype=float32)"]
    assert any(line.startswith(" W1 = [[") for line in lines[lines.index("Pesos finales:"):])

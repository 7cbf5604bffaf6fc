"""The [lab] keys of the network and of the update: model "red", hidden, activation,
optimizer, batch_size, each checked with its `path:line`, also by `tutor check`."""

from __future__ import annotations

import pytest

from lesson_packs import LAB, messages
from tutor.cli import main

NETWORK = LAB.replace('model = "sigmoide"', 'model = "red"\nhidden = 4\nactivation = "relu"').replace(
    'params = ["W", "b"]\n', 'optimizer = "adam"\nbatch_size = 2\n')


def lab_line(text: str, key: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(f"{key} ="))


def test_a_network_lab_loads_with_its_defaults(pack):
    folder, course = pack({"b.md": NETWORK})
    assert course.errors == ()
    lab = course.lab("mi-lab")
    assert (lab.model, lab.hidden, lab.hidden_size, lab.activation) == ("red", 4, 4, "relu")
    assert lab.params == ("W1", "b1", "W2", "b2") and lab.trace == "red"
    assert (lab.optimizer, lab.batch_size) == ("adam", 2)
    folder, course = pack({"b.md": LAB})  # a single neuron keeps the notebook's update
    lab = course.lab("mi-lab")
    assert (lab.optimizer, lab.batch_size, lab.hidden, lab.hidden_size) == ("sgd", None, None, 0)


def test_hidden_defaults_to_three():
    from tutor.lessons import load_course

    lab = load_course().lab("xor-capa-oculta")
    assert (lab.model, lab.hidden_size, lab.activation, lab.lr, lab.epochs) == ("red", 3, "tanh", 0.5, 1000)


@pytest.mark.parametrize("change,key,message", [
    (("hidden = 4", "hidden = 9"), "hidden", "'hidden' (neuronas de la capa oculta) debe estar entre 1 y 8, no 9"),
    (("hidden = 4", "hidden = 0"), "hidden", "entre 1 y 8, no 0"),
    (('activation = "relu"', 'activation = "softmax"'), "activation",
     "'lab.activation' = 'softmax' no es válido (válidos: tanh, sigmoid, relu)"),
    (('optimizer = "adam"', 'optimizer = "adagrad"'), "optimizer",
     "'lab.optimizer' = 'adagrad' no es válido (válidos: sgd, momentum, adam, rmsprop)"),
    (("batch_size = 2", "batch_size = 5"), "batch_size", "'batch_size' debe estar entre 1 y 4 (las filas de 'and'), no 5"),
    (("batch_size = 2", "batch_size = 0"), "batch_size", "no 0"),
    (("batch_size = 2", 'batch_size = "diez"'), "batch_size", "'lab.batch_size' debe ser un entero"),
    (('optimizer = "adam"', 'params = ["W", "b"]'), "params", "los parámetros de la red son [\"W1\", \"b1\", \"W2\", \"b2\"]"),
    (('loss = "bce"', 'loss = "bce"\ntrace = "ejemplo-2"'), "trace", "trace = \"ejemplo-2\" no sirve para model = \"red\""),
])
def test_each_bad_value_is_one_message_at_its_line(pack, change, key, message):
    text = NETWORK.replace(*change)
    folder, course = pack({"b.md": text})
    found = messages(course, folder)
    assert len(found) == 1, found
    assert found[0].startswith(f"b.md:{lab_line(text, key)}: ") and message in found[0], found
    assert course.lab("mi-lab") is None


@pytest.mark.parametrize("key", ["hidden = 3", 'activation = "tanh"'])
def test_the_hidden_layer_keys_need_the_network(pack, key):
    text = LAB.replace('loss = "bce"', f'loss = "bce"\n{key}')
    folder, course = pack({"b.md": text})
    found = messages(course, folder)
    assert found == [f"b.md:{lab_line(text, key.split()[0])}: '{key.split()[0]}' es de la capa oculta: solo con "
                     f"model = \"red\" (no \"sigmoide\")"]


def test_lineal_with_bce_still_says_why(pack):
    text = LAB.replace('model = "sigmoide"', 'model = "lineal"').replace('dataset = "and"', 'dataset = "ejemplo-1"')
    folder, course = pack({"b.md": text})
    assert messages(course, folder) == [
        f"b.md:{lab_line(text, 'loss')}: loss = \"bce\" no se usa con model = \"lineal\" "
        "(sus predicciones deben estar entre 0 y 1); válidas: mse"]


def test_the_networks_start_values_and_live_names_are_checked(pack):
    init = '\n[lab.notebook_init]\nW1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]\nb1 = [0.0, 0.0, 0.0, 0.0]\nW2 = [1.0, 1.0, 1.0, 1.0]\nb2 = [0.0]\n'
    exercise = '\n[[exercises]]\nid = "dz"\nkind = "numeric"\nprompt = "?"\nlive = { field = "forward", name = "a1", index = 15 }\ntolerance = 0.1\n'
    text = NETWORK.replace("batch_size = 2\n", "batch_size = 2\n" + init + exercise)
    folder, course = pack({"b.md": text})
    assert course.errors == ()
    assert course.lab("mi-lab").notebook_init["W2"] == (1.0, 1.0, 1.0, 1.0)
    wrong = text.replace("b1 = [0.0, 0.0, 0.0, 0.0]", "b1 = [0.0]")
    folder, course = pack({"b.md": wrong})
    assert messages(course, folder) == [f"b.md:{lab_line(wrong, 'b1')}: 'b1' necesita 4 valor(es), no 1"]
    wrong = text.replace("index = 15", "index = 16")
    folder, course = pack({"b.md": wrong})
    assert messages(course, folder) == [f"b.md:{lab_line(wrong, 'live')}: a1 tiene 16 valor(es): el índice 16 no existe"]


def test_tutor_check_reports_them_as_path_line(pack, capsys):
    folder, _ = pack({"b.md": NETWORK.replace("hidden = 4", "hidden = 12")})
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{folder}/b.md:{lab_line(NETWORK, 'hidden')}: 'hidden' (neuronas de la capa oculta) "
                   "debe estar entre 1 y 8, no 12"]

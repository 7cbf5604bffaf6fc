"""The free lab's domain (tutor.lessons.free_lab, no Textual): typed points, settings, the lab
lesson it builds and the interpretation (XOR says why one neuron fails)."""

from __future__ import annotations

import pytest

from tutor.lessons.free_lab import (
    OWN_POINTS, build_lesson, defaults_for, interpretation, model_problems, parse_epochs, parse_lr, parse_points,
)
from tutor.lessons.model import Course, Dataset, Exercise, Goal, LabSpec, Lesson
from tutor.lessons.template import fill_template

SQUARE = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
DATASETS = {
    "and": Dataset("and", "Compuerta AND", ("x1", "x2"), "y", SQUARE, (0.0, 0.0, 0.0, 1.0)),
    "xor": Dataset("xor", "Compuerta XOR", ("x1", "x2"), "y", SQUARE, (0.0, 1.0, 1.0, 0.0),
                   note="Ninguna recta separa las clases de XOR."),
    "ejemplo-1": Dataset("ejemplo-1", "Ejemplo 1", ("x",), "y_real", ((1.0,), (2.0,), (3.0,), (4.0,)),
                         (3.0, 5.0, 7.0, 9.0)),
}
LINEAL = LabSpec("neurona-lineal", "Ejemplo 1", DATASETS["ejemplo-1"], "lineal", "mse", 0.01, 100, 10, ("w", "b"))
GOAL_AND = Exercise("and-rapido", "goal", "Baja la loss de AND", 5, goal=Goal(0.3, 500, dataset="and"))
GOAL_ANY = Exercise("cualquiera", "goal", "Baja la loss", 9, goal=Goal(0.5, 100))
FREE = Lesson("laboratorio-libre", 5, "Laboratorio libre", "free-lab", "libre.md", exercises=(GOAL_AND, GOAL_ANY))
COURSE = Course("Curso", (Lesson("neurona-lineal", 1, "Ejemplo 1", "lab", "l.md", lab=LINEAL), FREE),
                datasets=DATASETS)


def test_typed_points_with_comments_and_blank_lines():
    points, errors = parse_points("# x1 x2 clase\n\n1 1 0\n2.5\t-1 1  # nota\n3;4;1\n")
    assert errors == []
    assert points.inputs == ((1.0, 1.0), (2.5, -1.0), (3.0, 4.0)) and points.targets == (0.0, 1.0, 1.0)
    assert points.lines == (3, 4, 5)
    assert points.dataset().columns == ("x1", "x2") and points.dataset().id == OWN_POINTS
    assert parse_points("1 3\n2 5")[0].dataset().columns == ("x",)


def test_each_bad_line_gets_its_own_message():
    _, errors = parse_points("1 1 0\n1,5 2 1\nuno 2 0\n1 2 3 4\n4 5\n")
    assert errors == [
        "línea 2: «1,5» no es un número: separa los valores con espacios y usa punto decimal (0.5)",
        "línea 3: «uno» no es un número: escribe números como 2, -1.5 o 0.25",
        "línea 4: hay 4 valores; escribe 3 (x1 x2 clase) o 2 (x y)",
        "línea 5: hay 2 valores y la primera línea de datos tiene 3",
    ]
    assert parse_points("# nada\n")[1] == ["escribe al menos 2 puntos, uno por línea (p. ej. «1 1 0»)"]
    assert "no es un número" in parse_points("1 nan 0\n2 2 1")[1][0]


def test_learning_rate_and_epochs_accept_extremes_and_explain_bad_text():
    assert parse_lr("1e6") == 1e6 and parse_lr(" 0,05 ") == 0.05 and parse_lr("1e-9") == 1e-9
    assert parse_epochs("100000") == 100000
    for text, message in (("abc", "no es un número"), ("0", "entre"), ("-1", "entre"), ("inf", "no es un número")):
        with pytest.raises(ValueError, match=message):
            parse_lr(text)
    for text, message in (("1.5", "no es un número entero"), ("0", "entre 1 y"), ("", "no es un número")):
        with pytest.raises(ValueError, match=message):
            parse_epochs(text)


def test_model_problems():
    assert model_problems(DATASETS["and"], "sigmoide", "bce") == []
    assert "una sola entrada" in model_problems(DATASETS["and"], "lineal", "mse")[0]
    assert model_problems(DATASETS["ejemplo-1"], "lineal", "mse") == []
    problems = model_problems(DATASETS["ejemplo-1"], "sigmoide", "bce", lines=(3, 4, 6, 7))
    assert problems[0] == "línea 3: la clase es 3 y la sigmoide da valores entre 0 y 1: usa 0 o 1."
    assert len(problems) == 4


def test_built_lesson_runs_as_a_lab_with_the_goals_for_its_dataset():
    lesson = build_lesson(COURSE, DATASETS["and"], "sigmoide", "bce", 0.5, 300, FREE)
    assert (lesson.id, lesson.kind) == ("laboratorio-libre-and", "lab")
    spec = lesson.lab
    assert (spec.model, spec.loss, spec.lr, spec.epochs, spec.params) == ("sigmoide", "bce", 0.5, 300, ("W", "b"))
    assert spec.notebook_init is None and spec.every == 30
    assert lesson.exercises == (GOAL_AND, GOAL_ANY)
    assert build_lesson(COURSE, DATASETS["xor"], "sigmoide", "bce", 0.5, 300, FREE).exercises == (GOAL_ANY,)
    lineal = build_lesson(COURSE, DATASETS["ejemplo-1"], "lineal", "mse", 0.01, 5)
    assert lineal.lab.params == ("w", "b") and lineal.exercises == ()


@pytest.mark.parametrize("dataset, model, names", [
    ("xor", "sigmoide", {"W": (0.1, -0.2), "b": (0.0,)}),
    ("and", "sigmoide", {"W": (2.0, 2.0), "b": (-3.0,)}),
    ("ejemplo-1", "lineal", {"w": (2.0,), "b": (1.0,)}),
])
def test_interpretation_placeholders_all_fill(dataset, model, names):
    text = fill_template(interpretation(DATASETS[dataset], model), {**names, "loss": (0.69,)})
    assert "⟦" not in text and "{{" not in text


def test_xor_interpretation_says_why_and_points_to_capa():
    text = interpretation(DATASETS["xor"], "sigmoide")
    assert "una única línea recta" in text and "ninguna recta" in text
    assert "**Capa**" in text and "glosario" in text


def test_the_network_is_a_choice_with_its_hidden_layer_and_activation():
    lesson = build_lesson(COURSE, DATASETS["xor"], "red", "bce", 0.5, 1000, FREE, hidden=4, activation="relu")
    spec = lesson.lab
    assert (spec.model, spec.hidden_size, spec.activation) == ("red", 4, "relu")
    assert spec.params == ("W1", "b1", "W2", "b2") and spec.trace == "red"
    names = {"W1": (0.1,) * 8, "b1": (0.0,) * 4, "W2": (0.5, -0.5, 1.0, 2.0), "b2": (0.1,), "loss": (0.05,)}
    text = fill_template(lesson.interpretation, names)
    assert "⟦" not in text and "{{" not in text and "4 neuronas ocultas" in text and "2.00" in text
    assert "mínimo local" in text  # on XOR: what a stuck start means
    assert "dos entradas" in model_problems(DATASETS["ejemplo-1"], "red", "bce")[0]
    assert model_problems(DATASETS["xor"], "red", "bce") == []


def test_a_dataset_starts_from_one_neuron_even_where_the_course_has_a_network_lab():
    network = LabSpec("xor-capa-oculta", "XOR", DATASETS["xor"], "red", "bce", 0.5, 1000, 200,
                      ("W1", "b1", "W2", "b2"), hidden=3)
    course = Course("Curso", (*COURSE.lessons, Lesson("xor-capa-oculta", 8, "XOR", "lab", "x.md", lab=network)),
                    datasets=DATASETS)
    assert defaults_for(course, DATASETS["xor"])[0] == "sigmoide"  # XOR fails first, then the network

"""Exec words: only `lab ID [...]` and `--lesson ID`, read by the tutor's own validators."""

from __future__ import annotations

import pytest

from tutor.lessons import load_course
from tutor.serve.exec_words import Launch, Refused, launch_for
from tutor.ui.lab_request import LabRequest


@pytest.fixture(scope="module")
def course():
    return load_course(None)


@pytest.mark.parametrize("command, launch", [
    (None, Launch()),
    ("", Launch()),
    ("lab compuerta-and", Launch(lab=LabRequest("compuerta-and"))),
    ("lab compuerta-and --seed 7 --lr 0.5", Launch(lab=LabRequest("compuerta-and", start_seed=7, lr=0.5))),
    ("lab 'neurona-lineal' --init notebook", Launch(lab=LabRequest("neurona-lineal", init="notebook"))),
    ("--lesson glosario", Launch(lesson_id="glosario")),
    ("--ascii", Launch(ascii=True)),
    ("--ascii --lesson glosario", Launch(lesson_id="glosario", ascii=True)),
    ("lab compuerta-and --ascii", Launch(lab=LabRequest("compuerta-and"), ascii=True)),
])
def test_accepted_words(course, command, launch):
    assert launch_for(command, course) == launch


@pytest.mark.parametrize("command, says", [
    ("cat /etc/passwd", "comando desconocido 'cat'"),
    ("sh -c id", "comando desconocido 'sh'"),
    ("lab compuerta-and; id", "no reconozco: id"),
    ("--lessons /etc", "solo se aceptan"),
    ("--student beto", "solo se aceptan"),
    ("--seed 3", "solo se aceptan"),
    ("lab nope", "no existe el laboratorio 'nope'"),
    ("lab compuerta-and --lr 0", "el learning rate debe ser un número positivo"),
    ("lab compuerta-and --seed 3 --init notebook", "no se puede usar junto con"),
    ("lab laboratorio-libre --lr 1", "el laboratorio libre se configura en su formulario"),
    ("--lesson nope", "no hay ninguna lección «nope»"),
    ("--lesson glosario lab compuerta-and", "no van juntos"),
    ("--help", "solo se aceptan"),
    ("'unclosed", "solo se aceptan"),
    ("lab compuerta-and\n--lesson x", "solo se aceptan"),  # not printable
    ("lab " + "x" * 300, "solo se aceptan"),  # too long
])
def test_refused_words_say_one_spanish_line(course, command, says):
    with pytest.raises(Refused) as refused:
        launch_for(command, course)
    assert says in str(refused.value)
    assert "\n" not in str(refused.value)

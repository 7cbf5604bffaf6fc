"""`tutor key`: the teacher's answer key lists every exercise of a pack, as Markdown or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.commands.key import COLUMNS
from tutor.lessons import load_course

COURSE = load_course()
ALL = [(lesson.id, exercise.id) for lesson in COURSE.lessons for exercise in lesson.exercises]

OWN_LAB = """+++
id = "puntos"
order = 1
title = "Mis puntos"
kind = "lab"

[lab]
dataset = "and"
model = "sigmoide"
loss = "bce"
lr = 0.5
epochs = 50
params = ["W", "b"]

[[exercises]]
id = "z-tercera"
kind = "numeric"
prompt = "¿Cuánto vale z de la tercera muestra en la época 4?"
live = { field = "forward", name = "z", index = 2, epoch = 4 }
tolerance = 0.01
hints = ["Mira la fase 1 Forward.", "Es la fila x1 = 1, x2 = 0."]

[[exercises]]
id = "signo-w1"
kind = "predict"
prompt = "¿W[1] tras el update de la época 0?"
choices = ["positivo", "negativo", "cero"]
live = { field = "params_after", name = "W", index = 1 }

[[exercises]]
id = "cuatro"
kind = "numeric"
prompt = "¿Cuántas filas tiene AND?"
value = 4
+++

Texto.
"""


def run_key(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["key", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


def test_markdown_lists_every_exercise_of_the_built_in_course_under_its_lesson(capsys):
    code, out, err = run_key(capsys)
    assert code == 0 and err == ""
    assert out.startswith(f"# Clave de respuestas: {COURSE.title}\n")
    assert f"{len(ALL)} ejercicios en {len({lesson for lesson, _ in ALL})} lecciones" in out
    for number, lesson in enumerate(COURSE.lessons, 1):
        if not lesson.exercises:
            continue
        section = out.split(f"## {number}. ")[1].split("\n## ")[0]
        assert section.startswith(lesson.title.split("[")[0]) and f"(`{lesson.id}`, {lesson.kind})" in section
        for exercise in lesson.exercises:
            assert f"### `{exercise.id}` · {exercise.kind}\n" in section, exercise.id
    assert out.count("\n### `") == len(ALL)
    assert "](glosario:" not in out  # glossary links are plain words on paper


def test_csv_has_one_row_per_exercise_with_answer_tolerance_and_hints(capsys):
    code, out, _ = run_key(capsys, "--format", "csv")
    assert code == 0
    rows = rows_of(out)
    assert [(row["lesson_id"], row["exercise_id"]) for row in rows] == ALL
    by_id = {(row["lesson_id"], row["exercise_id"]): row for row in rows}
    loss = by_id["calcula-una-epoca", "loss-epoca-0"]
    assert (loss["kind"], loss["answer"], loss["tolerance"]) == ("numeric", "7.3219", "±0.0005")
    assert loss["hints"].splitlines()[0].startswith("1. ") and len(loss["hints"].splitlines()) == 2
    assert by_id["conceptos", "paso-dos"]["answer"] == "Paso 2 — Compute loss"
    assert by_id["conceptos", "paso-dos"]["tolerance"] == "—"
    run = "de la propia ejecución del estudiante"
    assert by_id["neurona-lineal", "valor-dw"]["answer"] == f"el gradiente dw de la época 0 {run}"
    assert by_id["neurona-lineal", "signo-dw"]["answer"].startswith("el signo (positivo/negativo) del gradiente dw")
    assert by_id["compuerta-and", "loss-inicial"]["answer"] == f"la loss de la época 0 {run}"
    assert by_id["clasificador-2d", "w1-tras-epoca-0"]["answer"].startswith("W[1] después del update de la época 0")
    assert by_id["neurona-lineal", "objetivo-lr"]["answer"] == (
        "una ejecución con loss < 0.1 en alguna de sus primeras 5 épocas (0 a 4)")
    assert by_id["laboratorio-libre", "or-rapido"]["answer"].endswith("con el dataset «or»")
    assert all(row["prompt"] and row["answer"] for row in rows)


def test_an_own_pack_describes_its_live_values_and_names_broken_files(tmp_path: Path, capsys):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "a.md").write_text(OWN_LAB, encoding="utf-8")
    (folder / "b.md").write_text("+++\nid = 3\n+++\n", encoding="utf-8")
    code, out, err = run_key(capsys, "--lessons", str(folder), "--format", "csv")
    assert code == 1 and err == (f"tutor: aviso: 1 archivo(s) con problemas no están en la clave "
                                 f"(detalles con 'tutor check {folder}')\n")
    rows = {row["exercise_id"]: row for row in rows_of(out)}
    assert list(rows) == ["z-tercera", "signo-w1", "cuatro"]
    assert rows["z-tercera"]["answer"] == ("z de la muestra 3 (x1 = 1, x2 = 0) en la época 4 "
                                           "de la propia ejecución del estudiante")
    assert rows["z-tercera"]["tolerance"] == "±0.01"
    assert rows["signo-w1"]["answer"] == ("el signo (positivo/negativo/cero) de W[1] después del update "
                                          "de la época 0 de la propia ejecución del estudiante")
    assert (rows["cuatro"]["answer"], rows["cuatro"]["tolerance"], rows["cuatro"]["hints"]) == ("4", "exacta", "")
    code, out, _ = run_key(capsys, "--lessons", str(folder))
    assert "- **Pistas:** ninguna" in out and "  2. Es la fila x1 = 1, x2 = 0." in out


def test_bad_format_and_empty_folder_are_one_line_errors(tmp_path: Path, capfd):
    with pytest.raises(SystemExit) as exit:
        main(["key", "--format", "pdf"])
    assert exit.value.code == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tutor: ") and "pdf" in err
    assert main(["key", "--lessons", str(tmp_path)]) == 1  # as tutor check
    assert capfd.readouterr().err == f"tutor: no hay lecciones (*.md) en '{tmp_path}'\n"


def test_the_app_never_shows_the_key():
    ui = Path(__file__).resolve().parents[2] / "tutor" / "ui"
    assert not [path for path in ui.rglob("*.py") if "commands.key" in path.read_text(encoding="utf-8")]

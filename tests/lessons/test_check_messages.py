"""`tutor check` on live values and on where the exercises go, each problem as `path:line`."""

from __future__ import annotations

from lesson_packs import LAB, READING, messages
from tutor.cli import main

NUMERIC_LIVE = ('[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\ntolerance = 0.1\n'
                'live = { field = "loss", epoch = EPOCH }\n+++')
PREDICT_LIVE = '[[exercises]]\nid = "p"\nkind = "predict"\nprompt = "?"\nlive = { field = "grads", name = "b" }\n'


def lab_with(exercises: str) -> str:
    return LAB.replace("+++\n\n##", exercises + "\n\n##", 1)


def test_a_live_epoch_beyond_the_labs_epochs_is_flagged_at_its_line(pack):
    folder, course = pack({"b.md": lab_with(NUMERIC_LIVE.replace("EPOCH", "100"))})
    assert messages(course, folder) == [
        "b.md:20: la época 100 está fuera del laboratorio: corre 100 épocas (0..99); usa una de ellas "
        "o sube 'epochs' en [lab]"]
    assert course.lessons == ()


def test_the_last_epoch_of_the_lab_is_fine(pack):
    folder, course = pack({"b.md": lab_with(NUMERIC_LIVE.replace("EPOCH", "99"))})
    assert course.errors == () and course.lessons[0].exercises[0].live.epoch == 99


def test_tutor_check_prints_the_epoch_problem_as_path_line(pack, capsys):
    folder, _ = pack({"b.md": lab_with(NUMERIC_LIVE.replace("EPOCH", "250"))})
    assert main(["check", str(folder)]) == 1
    assert capsys.readouterr().out.startswith(f"{folder}/b.md:20: la época 250 está fuera del laboratorio")


def test_a_lab_that_fails_to_load_is_the_only_problem_reported(pack):
    text = lab_with(PREDICT_LIVE + NUMERIC_LIVE.replace("EPOCH", "3")).replace('dataset = "and"', 'dataset = "andd"')
    folder, course = pack({"b.md": text})
    found = messages(course, folder)
    assert len(found) == 1 and found[0].startswith("b.md:8: dataset desconocido 'andd'"), found
    assert not any("necesita 'value'" in message for message in found)


def test_a_numeric_without_value_or_live_is_still_reported_when_the_lab_fails(pack):
    broken = ('[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\n+++')
    folder, course = pack({"b.md": lab_with(broken).replace('dataset = "and"', 'dataset = "andd"')})
    found = messages(course, folder)
    assert found[1:] == [
        "b.md:15: un ejercicio numérico necesita 'value' (fijo) o 'live' (de la ejecución), uno solo"]


def test_exercises_after_page_names_a_page(pack):
    text = READING.replace('kind = "reading"', 'kind = "reading"\nexercises_after_page = "Página"').replace(
        "+++\n\n##", '[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\nvalue = 1\n+++\n\n##', 1)
    text += "\n## Solución\n\nEs 1.\n"
    folder, course = pack({"a.md": text})
    assert course.errors == ()
    lesson = course.lessons[0]
    assert [page.title for page in lesson.pages] == ["Página", "Solución"] and lesson.exercises_after_page == 0


def test_exercises_after_an_unknown_page_is_flagged(pack):
    text = READING.replace('kind = "reading"', 'kind = "reading"\nexercises_after_page = "Pagina"').replace(
        "+++\n\n##", '[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\nvalue = 1\n+++\n\n##', 1)
    folder, course = pack({"a.md": text})
    assert messages(course, folder) == ["a.md:6: no hay ninguna página titulada «Pagina» (páginas: «Página»)"]


def test_exercises_after_page_in_a_lab_needs_an_exercise_outside_the_lab(pack):
    text = lab_with(NUMERIC_LIVE.replace("EPOCH", "0")).replace(
        'kind = "lab"', 'kind = "lab"\nexercises_after_page = "Página"')
    folder, course = pack({"b.md": text})
    found = messages(course, folder)
    assert len(found) == 1 and found[0].startswith("b.md:6: 'exercises_after_page' no mueve nada"), found

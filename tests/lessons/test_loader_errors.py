"""Every kind of problem `tutor check` reports, each with its exact `path:line`."""

from __future__ import annotations

import pytest

from lesson_packs import GLOSSARY, LAB, READING, messages
from tutor.errors import TutorError
from tutor.lessons import load_course
from tutor.lessons.model import Lesson


def only_error(course, folder) -> str:
    found = messages(course, folder)
    assert len(found) == 1, found
    return found[0]


def test_a_clean_pack_loads_without_errors(pack):
    folder, course = pack({"a.md": READING, "b.md": LAB, "c.md": GLOSSARY})
    assert course.errors == ()
    assert [lesson.id for lesson in course.lessons] == ["leccion", "mi-lab", "glosario"]
    assert course.lab("mi-lab").dataset.id == "and"
    assert course.title == "pack"


def test_unknown_key_suggests_the_closest(pack):
    text = READING.replace('kind = "reading"', 'kind = "reading"\ntitel = "x"')
    folder, course = pack({"a.md": text})
    assert only_error(course, folder) == "a.md:6: clave desconocida 'titel' (¿quisiste decir 'title'?)"
    assert course.lessons == ()


def test_unknown_key_inside_the_lab_table(pack):
    folder, course = pack({"b.md": LAB.replace("lr = 0.1", "lr = 0.1\nlearning_rate = 0.2")})
    assert only_error(course, folder).startswith("b.md:12: clave desconocida 'lab.learning_rate'")


def test_key_written_after_a_table_gets_its_own_message(pack):
    text = LAB.replace('params = ["W", "b"]', 'params = ["W", "b"]\nsummary = "tarde"')
    folder, course = pack({"b.md": text})
    error = only_error(course, folder)
    assert error.startswith("b.md:15: 'summary' quedó dentro de 'lab'")


def test_missing_field_points_at_its_table(pack):
    text = READING.replace('order = 1\n', "")
    folder, course = pack({"a.md": text})
    assert only_error(course, folder) == "a.md:2: falta el campo obligatorio 'order' (un entero)"


def test_missing_field_of_an_exercise_points_at_its_header(pack):
    text = READING.replace("+++\n\n##", '\n[[exercises]]\nid = "e"\nkind = "choice"\nchoices = ["a", "b"]\n'
                                        'answer = "a"\n+++\n\n##', 1)
    folder, course = pack({"a.md": text})
    assert only_error(course, folder) == "a.md:7: falta el campo obligatorio 'exercises[0].prompt' (un texto)"


def test_wrong_type(pack):
    folder, course = pack({"a.md": READING.replace("order = 1", 'order = "uno"')})
    assert only_error(course, folder) == "a.md:3: 'order' debe ser un entero, no el texto 'uno'"


def test_wrong_kind_value(pack):
    folder, course = pack({"a.md": READING.replace('kind = "reading"', 'kind = "lectura"')})
    assert only_error(course, folder).startswith("a.md:5: 'kind' = 'lectura' no es válido")


def test_duplicate_lesson_id_across_files(pack):
    other = READING.replace("order = 1", "order = 9")
    folder, course = pack({"a.md": READING, "z.md": other})
    assert only_error(course, folder) == "z.md:2: id duplicado 'leccion' (ya usado en a.md:2)"
    assert [lesson.path for lesson in course.lessons] == [str(folder / "a.md")]


def test_duplicate_lab_id(pack):
    other = LAB.replace('id = "mi-lab"', 'id = "otro"').replace("[lab]\n", '[lab]\nid = "mi-lab"\n')
    folder, course = pack({"a.md": LAB, "b.md": other})
    assert only_error(course, folder).startswith("b.md:7: id de laboratorio duplicado 'mi-lab'")


def test_unknown_lab_dataset(pack):
    folder, course = pack({"b.md": LAB.replace('dataset = "and"', 'dataset = "andd"')})
    error = only_error(course, folder)
    assert error.startswith("b.md:8: dataset desconocido 'andd' (definidos en datasets.toml: and, ejemplo-1")


def test_answer_not_among_choices(pack):
    text = READING.replace("+++\n\n##", '\n[[exercises]]\nid = "e"\nkind = "choice"\nprompt = "¿?"\n'
                                        'choices = ["sí", "no"]\nanswer = "quizá"\n+++\n\n##', 1)
    folder, course = pack({"a.md": text})
    assert only_error(course, folder) == "a.md:12: la respuesta 'quizá' no está entre las opciones de 'choices'"


def test_broken_glossary_link_in_the_body(pack):
    text = READING.replace("Texto.", "Los [[pesos]] y el [[sesgo]].")
    folder, course = pack({"a.md": text, "g.md": GLOSSARY})
    assert only_error(course, folder).startswith("a.md:10: enlace al glosario roto [[sesgo]] (términos: bias, pesos)")


def test_broken_glossary_link_inside_a_multiline_prompt(pack):
    exercise = ('\n[[exercises]]\nid = "e"\nkind = "numeric"\nvalue = 1.0\nprompt = """\nPrimera línea.\n'
                'Mira [[pesoz|los pesos]].\n"""\n+++\n\n##')
    folder, course = pack({"a.md": READING.replace("+++\n\n##", exercise, 1), "g.md": GLOSSARY})
    assert only_error(course, folder).startswith("a.md:13: enlace al glosario roto [[pesoz]]")


def test_broken_related_term(pack):
    folder, course = pack({"g.md": GLOSSARY.replace('related = ["bias"]', 'related = ["bias", "umbral"]')})
    assert only_error(course, folder) == "g.md:13: el término 'pesos' cita en 'related' un término inexistente 'umbral'"


def test_links_inside_code_are_not_links(pack):
    text = READING.replace("Texto.", "`[[nada]]`\n\n```\nx = [[hola]]\n```")
    folder, course = pack({"a.md": text})
    assert course.errors == ()


def test_table_row_with_wrong_column_count(pack):
    table = "| a | b |\n| - | - |\n| 1 | 2 |\n| 3 |"
    folder, course = pack({"a.md": READING.replace("Texto.", table)})
    assert only_error(course, folder) == "a.md:13: tabla Markdown: esta fila tiene 1 columnas y la cabecera 2"


def test_table_without_separator_row(pack):
    table = "| a | b |\n| 1 | 2 |"
    folder, course = pack({"a.md": READING.replace("Texto.", table)})
    assert only_error(course, folder) == "a.md:11: tabla Markdown sin fila separadora (| --- | --- |) bajo la cabecera"


def test_table_inside_a_glossary_definition(pack):
    definition = 'definition = """\nTabla:\n\n| a | b |\n| - | - |\n| 1 | 2 | 3 |\n"""'
    folder, course = pack({"g.md": GLOSSARY.replace('definition = "El umbral."', definition)})
    assert only_error(course, folder) == "g.md:24: tabla Markdown: esta fila tiene 3 columnas y la cabecera 2"


def test_bad_toml_syntax_reports_the_file_line(pack):
    folder, course = pack({"a.md": READING.replace('title = "Una lección"', 'title = "Una lección')})
    error = only_error(course, folder)
    assert error.startswith("a.md:4: TOML no válido:")


def test_missing_front_matter(pack):
    folder, course = pack({"a.md": "# Solo Markdown\n"})
    assert only_error(course, folder).startswith("a.md:1: la lección debe empezar con una cabecera TOML")


def test_unclosed_front_matter(pack):
    folder, course = pack({"a.md": "\n+++\nid = \"x\"\n"})
    assert only_error(course, folder) == "a.md:2: falta la línea '+++' que cierra la cabecera TOML"


def test_not_utf8_reports_the_line_of_the_bad_byte(pack):
    folder, course = pack({"a.md": READING.replace("Texto.", "ok").encode() + b"\n\xff\n"})
    assert only_error(course, folder) == "a.md:12: el archivo no está en UTF-8"


def test_too_big_a_file(pack):
    folder, course = pack({"a.md": READING + "x" * 600_000})
    assert only_error(course, folder).startswith("a.md:1: archivo demasiado grande")


def test_live_value_name_must_be_a_lab_parameter(pack):
    exercise = ('[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\ntolerance = 0.1\n'
                'live = { field = "grads", name = "w", epoch = 0 }\n+++')
    folder, course = pack({"b.md": LAB.replace("+++\n\n##", exercise + "\n\n##", 1)})
    assert only_error(course, folder) == "b.md:20: 'name' de grads debe ser uno de: W, b (no 'w')"


def test_live_value_epoch_beyond_the_lab(pack):
    exercise = ('[[exercises]]\nid = "e"\nkind = "predict"\nprompt = "?"\n'
                'live = { field = "forward", name = "z", index = 3, epoch = 100 }\n+++')
    folder, course = pack({"b.md": LAB.replace("+++\n\n##", exercise + "\n\n##", 1)})
    assert only_error(course, folder).startswith(
        "b.md:19: la época 100 está fuera del laboratorio: corre 100 épocas")


def test_live_value_needs_a_lab(pack):
    exercise = ('\n[[exercises]]\nid = "e"\nkind = "predict"\nprompt = "?"\n'
                'live = { field = "loss" }\n+++\n\n##')
    folder, course = pack({"a.md": READING.replace("+++\n\n##", exercise, 1)})
    assert only_error(course, folder) == "a.md:11: un valor 'live' necesita un [lab] en la misma lección"


def test_placeholder_with_unknown_name(pack):
    text = LAB.replace("[lab]", 'interpretation = """\nBien.\nTu peso: {{w[0]}}\n"""\n\n[lab]')
    folder, course = pack({"b.md": text})
    assert only_error(course, folder).startswith("b.md:9: marcador {{w[0]}}: 'w' no es un valor del laboratorio")


def test_placeholder_index_out_of_range(pack):
    text = LAB.replace("[lab]", 'interpretation = "{{W[2]|bajar|subir}}"\n\n[lab]')
    folder, course = pack({"b.md": text})
    assert only_error(course, folder) == "b.md:7: marcador {{W[2]|bajar|subir}}: W tiene 2 valor(es), el índice 2 no existe"


def test_placeholders_outside_interpretation(pack):
    folder, course = pack({"a.md": READING.replace("Texto.", "w = {{w}}")})
    assert only_error(course, folder).startswith("a.md:10: los marcadores {{...}} solo se rellenan")


def test_notebook_init_size(pack):
    text = LAB.replace('params = ["W", "b"]', 'params = ["W", "b"]\n\n[lab.notebook_init]\nW = [1.0]\nb = [0.0]')
    folder, course = pack({"b.md": text})
    assert only_error(course, folder) == "b.md:17: 'W' necesita 2 valor(es), no 1"


def test_duplicate_exercise_id(pack):
    exercise = '[[exercises]]\nid = "e"\nkind = "numeric"\nprompt = "?"\nvalue = 1.0\n'
    text = READING.replace("+++\n\n##", "\n" + exercise + "\n" + exercise + "+++\n\n##", 1)
    folder, course = pack({"a.md": text})
    assert only_error(course, folder) == "a.md:14: id de ejercicio duplicado 'e' (ya usado en la línea 8)"


def test_duplicate_term_across_glossaries(pack):
    other = GLOSSARY.replace('id = "glosario"', 'id = "glosario-2"')
    other = other[: other.index('[[terms]]\nid = "bias"')] + "+++\n"
    folder, course = pack({"a.md": GLOSSARY, "b.md": other})
    assert only_error(course, folder).startswith("b.md:7: término duplicado 'pesos' (ya definido en")


def test_bad_dataset_file(pack):
    datasets = '[mio]\ntitle = "Mío"\ncolumns = ["x1", "x2"]\ntarget = "y"\ninputs = [\n  [1.0, 2.0],\n  [3.0],\n]\ntargets = [0.0, 1.0]\n'
    folder, course = pack({"datasets.toml": datasets, "a.md": READING})
    assert only_error(course, folder) == "datasets.toml:7: la fila 2 tiene 1 valores y hay 2 columnas"


def test_a_pack_dataset_is_usable_by_its_labs(pack):
    datasets = '[mio]\ntitle = "Mío"\ncolumns = ["x"]\ntarget = "y"\ninputs = [[1.0], [2.0]]\ntargets = [2.0, 4.0]\n'
    lab = LAB.replace('dataset = "and"', 'dataset = "mio"').replace('model = "sigmoide"', 'model = "lineal"')
    lab = lab.replace('loss = "bce"', 'loss = "mse"')
    folder, course = pack({"datasets.toml": datasets, "b.md": lab})
    assert course.errors == ()
    assert course.lab("mi-lab").dataset.targets == (2.0, 4.0)
    assert "and" in course.datasets  # the built-in datasets stay available


def test_bad_course_file(pack):
    folder, course = pack({"course.toml": 'title = "Curso"\nno_skip = "si"\n', "a.md": READING})
    assert only_error(course, folder) == "course.toml:2: 'no_skip' debe ser true o false, no el texto 'si'"


def test_course_settings(pack):
    folder, course = pack({"course.toml": 'title = "Curso"\nno_skip = true\n', "a.md": READING})
    assert (course.title, course.no_skip) == ("Curso", True)


def test_a_broken_lesson_never_stops_the_others(pack):
    broken = READING.replace('id = "leccion"', 'id = "rota"').replace("order = 1", "order = [")
    folder, course = pack({"a.md": READING, "b.md": broken, "c.md": LAB, "d.md": GLOSSARY})
    assert [lesson.id for lesson in course.lessons] == ["leccion", "mi-lab", "glosario"]
    assert [error.path for error in course.errors] == [str(folder / "b.md")]
    assert all(isinstance(lesson, Lesson) for lesson in course.lessons)


def test_missing_directory_is_a_tutor_error(tmp_path):
    with pytest.raises(TutorError, match="no existe la carpeta de lecciones"):
        load_course(tmp_path / "no-existe")


def test_a_file_is_not_a_lesson_directory(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("hola")
    with pytest.raises(TutorError, match="no es una carpeta"):
        load_course(path)


def test_readme_is_not_a_lesson(pack):
    folder, course = pack({"README.md": "# Notas\n", "a.md": READING})
    assert course.errors == () and len(course.lessons) == 1


def test_environment_variable_selects_the_pack(pack, monkeypatch):
    folder, _ = pack({"a.md": READING})
    monkeypatch.setenv("TUTOR_LESSONS", str(folder))
    assert [lesson.id for lesson in load_course().lessons] == ["leccion"]


def test_windows_line_endings_load_and_keep_line_numbers(pack):
    text = READING.replace("Texto.", "| a | b |\n| - | - |\n| 1 |").replace("\n", "\r\n")
    folder, course = pack({"a.md": text.encode("utf-8")})
    assert only_error(course, folder) == "a.md:12: tabla Markdown: esta fila tiene 1 columnas y la cabecera 2"
    folder, course = pack({"a.md": READING.replace("\n", "\r\n").encode("utf-8")})
    assert course.errors == () and course.lessons[0].pages[0].title == "Página"


def test_an_integer_too_large_for_a_float_is_not_a_number(pack):
    huge = "9" * 400  # TOML integers have no size limit
    folder, course = pack({"b.md": LAB.replace("lr = 0.1", f"lr = {huge}")})
    assert only_error(course, folder) == "b.md:11: 'lab.lr' debe ser un número, no 999999999999999999999999999..."
    datasets = f'[mio]\ntitle = "Mío"\ncolumns = ["x"]\ntarget = "y"\ninputs = [[{huge}]]\ntargets = [1.0]\n'
    folder, course = pack({"datasets.toml": datasets, "b.md": LAB})
    assert only_error(course, folder).startswith("datasets.toml:5: 'inputs' debe ser una lista de filas de números")


@pytest.mark.parametrize("value, reason", [
    ("9" * 5000, "un número entero demasiado largo"),
    ("[" * 3000 + "]" * 3000, "demasiados niveles de [ ] o { } anidados"),
])
def test_toml_that_tomllib_rejects_without_a_position(pack, value, reason):
    folder, course = pack({"a.md": "\n" + READING.replace("order = 1", f"order = {value}")})
    assert only_error(course, folder) == f"a.md:3: TOML no válido: {reason}"

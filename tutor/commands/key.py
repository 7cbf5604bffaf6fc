"""`tutor key [--lessons DIR] [--format md|csv]`: the teacher's answer key.

Every exercise of the pack, lesson by lesson: its id, kind, prompt, answer (or how the live
value is found in the student's own run), tolerance, hints and explanation. It is printed for
the teacher only: the app never shows it. Lessons that fail to load are left out (stderr says so).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass

from tutor.errors import TutorError
from tutor.lessons import lesson_files, lessons_dir, load_course
from tutor.lessons.links import LINK_SCHEME
from tutor.lessons.model import Course, Exercise, LabSpec, Lesson, LiveValue

COLUMNS = ("lesson_id", "lesson_title", "exercise_id", "kind", "prompt", "answer", "tolerance", "hints",
           "explanation")
_LINK = re.compile(r"\[([^\]]*)\]\(" + re.escape(LINK_SCHEME) + r"[^)]*\)")
_RUN = "de la propia ejecución del estudiante"


@dataclass(frozen=True)
class KeyRow:
    lesson: Lesson
    number: int  # the lesson's position in the course, from 1
    exercise: Exercise
    answer: str
    tolerance: str


def plain(text: str) -> str:
    """One line of text: glossary links as their words, whitespace collapsed."""
    return " ".join(_LINK.sub(r"\1", text).split())


def _reference(live: LiveValue, lab: LabSpec | None) -> str:
    """`w`, `W[1]`, `dw`...: the name as the lab panels show it."""
    if lab is None or live.name not in lab.params:
        return live.name
    size = len(lab.dataset.columns) if live.name == lab.params[0] else 1
    return f"{live.name}[{live.index}]" if size > 1 else live.name


def live_description(live: LiveValue, lab: LabSpec | None) -> str:
    """Where the live value comes from, in Spanish: 'la loss de la época 10 de la propia ...'."""
    epoch = f"de la época {live.epoch}"
    if live.field == "loss":
        return f"la loss {epoch} {_RUN}"
    name = _reference(live, lab)
    if live.field == "grads":
        return f"el gradiente d{name} {epoch} {_RUN}"
    if live.field == "params_before":
        return f"{name} antes del update {epoch} {_RUN}"
    if live.field == "params_after":
        return f"{name} después del update {epoch} {_RUN}"
    sample = f"la muestra {live.index + 1}"
    if lab is not None and live.index < len(lab.dataset.inputs):
        values = ", ".join(f"{column} = {value:g}" for column, value in
                           zip(lab.dataset.columns, lab.dataset.inputs[live.index]))
        sample += f" ({values})"
    return f"{live.name} de {sample} en la época {live.epoch} {_RUN}"


def _of(text: str) -> str:
    """'de' + text, contracted as Spanish wants: 'del gradiente', 'de la loss'."""
    return "del " + text[3:] if text.startswith("el ") else "de " + text


def answer_text(exercise: Exercise, lab: LabSpec | None) -> str:
    if exercise.kind == "choice":
        return exercise.answer or ""
    if exercise.kind == "numeric":
        if exercise.live is None:
            return f"{exercise.value:g}"
        return live_description(exercise.live, lab)
    if exercise.kind == "predict":
        signs = "/".join(exercise.choices)
        where = live_description(exercise.live, lab) if exercise.live else "el valor vivo"
        return f"el signo ({signs}) {_of(where)}"
    goal = exercise.goal
    if goal is None:
        return ""
    text = (f"una ejecución con {goal.metric} < {goal.below:g} en alguna de sus primeras "
            f"{goal.within_epochs} épocas (0 a {goal.within_epochs - 1})")
    return text + (f", con el dataset «{goal.dataset}»" if goal.dataset else "")


def tolerance_text(exercise: Exercise) -> str:
    if exercise.kind != "numeric":
        return "—"
    return f"±{exercise.tolerance:g}" if exercise.tolerance > 0 else "exacta"


def key_rows(course: Course) -> list[KeyRow]:
    return [KeyRow(lesson, number, exercise, answer_text(exercise, lesson.lab), tolerance_text(exercise))
            for number, lesson in enumerate(course.lessons, 1) for exercise in lesson.exercises]


def format_markdown(course: Course, rows: list[KeyRow], source: str) -> str:
    lessons = {row.lesson.id for row in rows}
    lines = [f"# Clave de respuestas: {course.title}", "",
             f"Solo para docentes: la app nunca la muestra. {len(rows)} ejercicios en {len(lessons)} "
             f"lecciones (paquete: `{source}`). Las respuestas «de la propia ejecución» dependen del "
             "inicio y del learning rate de cada estudiante: el tutor las comprueba con su entrenamiento.", ""]
    current = None
    for row in rows:
        if row.lesson.id != current:
            current = row.lesson.id
            lines += [f"## {row.number}. {plain(row.lesson.title)} (`{row.lesson.id}`, {row.lesson.kind})", ""]
        exercise = row.exercise
        lines += [f"### `{exercise.id}` · {exercise.kind}", "",
                  f"- **Pregunta:** {plain(exercise.prompt)}",
                  f"- **Respuesta:** {plain(row.answer)}",
                  f"- **Tolerancia:** {row.tolerance}"]
        if exercise.hints:
            lines.append("- **Pistas:**")
            lines += [f"  {index}. {plain(hint)}" for index, hint in enumerate(exercise.hints, 1)]
        else:
            lines.append("- **Pistas:** ninguna")
        if exercise.explanation.strip():
            lines.append(f"- **Explicación:** {plain(exercise.explanation)}")
        lines.append("")
    return "\n".join(lines)


def format_csv(rows: list[KeyRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        exercise = row.exercise
        hints = "\n".join(f"{index}. {plain(hint)}" for index, hint in enumerate(exercise.hints, 1))
        writer.writerow([row.lesson.id, plain(row.lesson.title), exercise.id, exercise.kind,
                         plain(exercise.prompt), plain(row.answer), row.tolerance, hints,
                         plain(exercise.explanation)])
    return buffer.getvalue()


def execute(args: argparse.Namespace) -> int:
    directory = lessons_dir(getattr(args, "lessons", None))
    if not lesson_files(directory):
        raise TutorError(f"no hay lecciones (*.md) en '{directory}'")
    course = load_course(directory)
    rows = key_rows(course)
    if getattr(args, "format", "md") == "csv":
        sys.stdout.write(format_csv(rows))
    else:
        sys.stdout.write(format_markdown(course, rows, str(directory)))
    if course.errors:
        broken = sorted({error.path for error in course.errors})
        sys.stderr.write(f"tutor: aviso: {len(broken)} archivo(s) con problemas no están en la clave "
                         f"(detalles con 'tutor check {directory}')\n")
        return 1
    return 0

"""A teacher's table: one row per lesson and per exercise, as CSV or JSON, and merging a class.

Row columns (COLUMNS): student, lesson_id, item (the lesson or exercise id), kind ("lesson" or
"exercise"), status, done/total (lessons), attempts/hints (exercises), epochs/best_loss (labs),
updated (ISO time of the last change).

status of a lesson: "done", "in-progress", "not-started"; "free-lab-run" for a run of the
free lab ("laboratorio-libre-xor"), "recorded" for a lesson the course no longer has; of an
exercise: "correct", "wrong", "skipped" or "pending".
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from tutor.errors import TutorError
from tutor.files import os_error_text, read_regular_file
from tutor.progress.codec import loads_strict
from tutor.progress.model import Progress

if TYPE_CHECKING:
    from tutor.lessons.model import Course, Lesson

COLUMNS = ("student", "lesson_id", "item", "kind", "status", "done", "total",
           "attempts", "hints", "epochs", "best_loss", "updated")
REQUIRED = ("student", "lesson_id", "item", "kind", "status")
INT_COLUMNS = ("done", "total", "attempts", "hints", "epochs")
FLOAT_COLUMNS = ("best_loss",)
EXPORT_FORMAT = "tutor-progress-export"
MAX_EXPORT_BYTES = 64 * 1024 * 1024  # a whole class is a few MB

Row = dict[str, Any]


# -- building rows from one student's progress ----------------------------------------------

def _row(**values: Any) -> Row:
    return {column: values.get(column) for column in COLUMNS}


def _lab_values(progress: Progress, lesson_id: str) -> dict[str, Any]:
    lab = progress.lab(lesson_id)
    return {"epochs": lab.epochs_run, "best_loss": lab.best_loss} if lab else {}


def _exercise_rows(progress: Progress, student: str, lesson_id: str, exercise_ids: Iterable[str]) -> list[Row]:
    rows = []
    for exercise_id in exercise_ids:
        entry = progress.exercise(lesson_id, exercise_id)
        rows.append(_row(
            student=student, lesson_id=lesson_id, item=exercise_id, kind="exercise",
            status=(entry.result if entry and entry.result else "pending"),
            attempts=entry.attempts if entry else 0, hints=entry.hints_used if entry else 0,
            updated=entry.updated if entry else "",
        ))
    return rows


def _course_lesson_rows(progress: Progress, student: str, lesson: Lesson) -> list[Row]:
    done, total = progress.lesson_done(lesson)
    entry = progress.lessons.get(lesson.id)
    status = "done" if done == total else ("in-progress" if entry is not None else "not-started")
    rows = [_row(student=student, lesson_id=lesson.id, item=lesson.id, kind="lesson", status=status,
                 done=done, total=total, updated=entry.updated if entry else "",
                 **(_lab_values(progress, lesson.id) if lesson.lab is not None else {}))]
    known = [exercise.id for exercise in lesson.exercises]
    stray = [key for key in (entry.exercises if entry else {}) if key not in known]
    return rows + _exercise_rows(progress, student, lesson.id, known + stray)


def rows_for(progress: Progress, course: Course | None, student: str | None = None) -> list[Row]:
    """The rows of one student: the course's lessons in order, then lessons it does not have."""
    name = progress.student or student or ""
    rows: list[Row] = []
    lessons = course.lessons if course is not None else ()
    in_course = {lesson.id for lesson in lessons}
    free_prefixes = tuple(f"{lesson.id}-" for lesson in lessons if lesson.kind == "free-lab")
    for lesson in lessons:
        rows += _course_lesson_rows(progress, name, lesson)
    for lesson_id, entry in progress.lessons.items():
        if lesson_id in in_course:
            continue
        status = "free-lab-run" if free_prefixes and lesson_id.startswith(free_prefixes) else "recorded"
        rows.append(_row(student=name, lesson_id=lesson_id, item=lesson_id, kind="lesson",
                         status=status, updated=entry.updated, **_lab_values(progress, lesson_id)))
        rows += _exercise_rows(progress, name, lesson_id, entry.exercises)
    return rows


# -- writing --------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(rows: Sequence[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return out.getvalue()


def to_json(rows: Sequence[Row]) -> str:
    document = {"format": EXPORT_FORMAT, "version": 1, "columns": list(COLUMNS),
                "rows": [{column: row.get(column) for column in COLUMNS} for row in rows]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def render(rows: Sequence[Row], fmt: str) -> str:
    return to_csv(rows) if fmt == "csv" else to_json(rows)


# -- reading a class's exports back ---------------------------------------------------------

def _normalize(raw: Any, where: str) -> Row:
    """One exported row, typed as in a fresh export; TutorError naming `where` if it is not one."""
    if not isinstance(raw, dict):
        raise TutorError(f"{where}: la fila no es un objeto")
    missing = [column for column in REQUIRED if raw.get(column) in (None, "") and column != "student"]
    if missing:
        raise TutorError(f"{where}: falta la columna '{missing[0]}'")
    row: Row = {}
    for column in COLUMNS:
        value = raw.get(column)
        if value == "" and column not in ("student", "updated"):
            value = None
        try:
            if value is not None and column in INT_COLUMNS:
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise ValueError
                value = int(value)
            elif value is not None and column in FLOAT_COLUMNS:
                if isinstance(value, bool):
                    raise ValueError
                value = float(value)
                if not math.isfinite(value):
                    raise ValueError
            elif value is not None:
                value = str(value)
        except (TypeError, ValueError, OverflowError):
            raise TutorError(f"{where}: valor no válido en '{column}': {value!r}") from None
        row[column] = value
    row["student"] = row["student"] or ""
    row["updated"] = row["updated"] or ""
    return row


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"un campo tiene más de {csv.field_size_limit()} caracteres"
    return "comillas o separadores mal puestos"


def _read_csv(text: str, name: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text))
    try:  # the header is read here: a field over csv's size limit fails already
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            raise TutorError(f"{name}: no es una exportación de progreso (falta la columna '{missing[0]}')")
        return [_normalize(raw, f"{name}:{reader.line_num}") for raw in reader]
    except csv.Error as error:
        raise TutorError(f"{name}:{max(reader.line_num, 1)}: CSV no válido ({_csv_problem(error)})") from None


def _read_json(text: str, name: str) -> list[Row]:
    try:
        document = loads_strict(text)  # NaN, Infinity, 1e400: not a number a tutor wrote
    except (ValueError, RecursionError) as error:  # ValueError: also an integer too long to convert
        where = f"{name}:{error.lineno}" if isinstance(error, json.JSONDecodeError) else name
        raise TutorError(f"{where}: JSON no válido") from None
    rows = document.get("rows") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise TutorError(f"{name}: no es una exportación de progreso (falta la lista 'rows')")
    return [_normalize(raw, f"{name}: fila {number}") for number, raw in enumerate(rows, 1)]


def read_export(path: str | Path) -> list[Row]:
    """The rows of one exported file (CSV or JSON, told apart by content); blank students
    take the file's name, so two unnamed exports do not mix."""
    path = Path(path)
    try:
        text = read_regular_file(path, MAX_EXPORT_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise TutorError(f"no existe el archivo {path}") from None
    except UnicodeDecodeError:
        raise TutorError(f"{path}: no es texto UTF-8") from None
    except OSError as error:
        raise TutorError(f"no se pudo leer {path}: {os_error_text(error)}") from None
    if text.lstrip()[:1] in ("{", "["):
        rows = _read_json(text, str(path))
    else:
        rows = _read_csv(text, str(path))
    for row in rows:
        row["student"] = row["student"] or path.stem
    return rows


def merge(paths: Sequence[str | Path]) -> list[Row]:
    """All rows of all files, by student; a row exported twice keeps its latest version."""
    latest: dict[tuple[str, str, str, str], Row] = {}
    for path in paths:
        for row in read_export(path):
            key = (row["student"], row["lesson_id"], row["item"], row["kind"])
            kept = latest.get(key)
            if kept is None or row["updated"] >= kept["updated"]:
                latest[key] = row
    return sorted(latest.values(), key=lambda row: row["student"].casefold())

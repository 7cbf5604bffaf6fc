"""`tutor progress --class DIR [--export csv|json] [-o FILE]`: the whole class of `tutor serve`.

Without --export: a table for the terminal, one row per student and lesson (done/total,
exercises right/wrong, epochs, best loss, last change). With --export: the same rows as
`tutor progress --export` for every student (lessons and exercises), ready for --merge or
a spreadsheet. Reading never changes a student's file; a damaged one is named on stderr.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from tutor.errors import TutorError

HEADER = ("Estudiante", "Lección", "Hecho", "Ej ✓/✗", "Épocas", "Mejor loss", "Última vez")
WIDTHS = (12, 20, 6, 7, 6, 10, 11)  # 78 columns with the spaces


def execute_class(args: argparse.Namespace) -> int:
    from tutor.lessons import load_course
    from tutor.progress.export import render
    from tutor.serve.class_dir import ClassDir
    from tutor.serve.class_table import read_class

    if getattr(args, "merge", None):
        raise TutorError("--class y --merge no van juntos: --class ya reúne a toda la clase", exit_code=2)
    class_dir = ClassDir(args.class_dir)
    class_dir.check_exists()
    course = load_course(getattr(args, "lessons", None))
    table = read_class(class_dir, course)
    from tutor.serve.client_input import visible

    for problem in table.problems:
        sys.stderr.write(f"tutor: {visible(problem)}\n")
    export, output = getattr(args, "export", None), getattr(args, "output", None)
    if export:
        _emit(render(table.export_rows(), export), output)
    elif output is not None:
        raise TutorError("--output necesita --export csv|json", exit_code=2)
    else:
        _emit(text_table(table, class_dir.root, len(course.lessons)), None)
    return 0


def text_table(table, root: Path, lesson_count: int) -> str:  # noqa: ANN001 - a ClassTable
    from tutor.serve.class_table import count

    lines = [f"Clase {root} · {count(len(table.students), 'estudiante', 'estudiantes')} · "
             f"{count(lesson_count, 'lección', 'lecciones')}", ""]
    if not table.students:
        return "\n".join(lines + ["Todavía no hay estudiantes (ni claves en alumnos/ ni progreso)."]) + "\n"
    lines.append(_line(HEADER))
    for student in table.students:
        lines += [_row_line(row) for row in student.rows]
        if student.progress is not None:
            done, total = student.progress.course_done(table.course)
            lines.append(_line((student.name, "total del curso", f"{done}/{total}", "", "", "",
                                last_seen(student.progress.updated))))
    return "\n".join(lines) + "\n"


def _row_line(row) -> str:  # noqa: ANN001 - a ClassRow
    done = f"{row.done}/{row.total}" if row.total is not None else "—"
    exercises = f"{row.correct}/{row.wrong}" if row.correct or row.wrong else "—"
    epochs = str(row.epochs) if row.epochs else "—"
    loss = f"{row.best_loss:.4g}" if row.best_loss is not None else "—"
    return _line((row.student, row.lesson_id, done, exercises, epochs, loss, last_seen(row.updated)))


def last_seen(iso: str) -> str:
    """'01/12 23:39' in local time, '—' if never."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m %H:%M")
    except (TypeError, ValueError):
        return "—"


def _line(cells) -> str:  # noqa: ANN001
    from tutor.serve.client_input import visible

    parts = []
    for cell, width in zip(cells, WIDTHS):
        text = visible(cell)  # lesson ids come from files: no escape sequence reaches the terminal
        parts.append((text if len(text) <= width else text[: width - 1] + "…").ljust(width))
    return " ".join(parts).rstrip()


def _emit(text: str, output: str | None) -> None:
    """Standard output, or the file -o names (same checks as `tutor progress -o`)."""
    from tutor.commands.progress import _emit as emit

    emit(text, output)

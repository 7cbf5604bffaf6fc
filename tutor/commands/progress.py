"""`tutor progress`: the student's summary, an export for the teacher, or a whole class merged.

    tutor progress                              summary in Spanish
    tutor progress --export csv|json [-o FILE]  one row per lesson and per exercise
    tutor progress --merge A.csv B.json ... [--export csv|json] [-o FILE]
    tutor progress --class DIR [--export csv|json] [-o FILE]   (tutor.commands.class_progress)
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from tutor.errors import TutorError
from tutor.files import file_kind, os_error_text, shown
from tutor.lessons import load_course
from tutor.lessons.model import Course
from tutor.progress import Progress, ProgressStore, percent
from tutor.progress.export import merge, render, rows_for
from tutor.progress.store import write_atomic

BAR_WIDTH = 10
TITLE_WIDTH = 44  # a summary line fits in 80 columns


def _load_course(args: argparse.Namespace) -> Course:
    """The course, to know every lesson and exercise."""
    return load_course(getattr(args, "lessons", None))


def _bar(done: int, total: int) -> str:
    filled = 0 if total <= 0 else (BAR_WIDTH * done) // total
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def summary(progress: Progress, course: Course, path: str, student: str | None) -> str:
    name = progress.student or student
    lines = [f"Progreso de {name}" if name else "Progreso (sin nombre de estudiante)", f"Archivo: {path}", ""]
    width = min(TITLE_WIDTH, max((len(lesson.title) for lesson in course.lessons), default=10))
    for number, lesson in enumerate(course.lessons, 1):
        done, total = progress.lesson_done(lesson)
        title = lesson.title if len(lesson.title) <= width else lesson.title[: width - 1] + "…"
        lines.append(f"{number:>3}  {title:<{width}}  {done:>3}/{total:<3} "
                     f"{percent(done, total):>4}%  {_bar(done, total)}")
    done, total = progress.course_done(course)
    lines += ["", f"Total: {done}/{total} · {percent(done, total)}%", _position(progress, course)]
    return "\n".join(lines) + "\n"


def _position(progress: Progress, course: Course) -> str:
    if progress.last_lesson is None:
        return "Última posición: todavía ninguna (empieza con 'tutor')."
    lesson = course.lesson(progress.last_lesson)
    title = f"{lesson.title} ({lesson.id})" if lesson is not None else progress.last_lesson
    return f"Última posición: {title}, paso {progress.last_page + 1}."


def _check_output(target: Path) -> None:
    """TutorError unless `target` can be written: its folder exists (it is never created) and
    it is a regular file or nothing yet."""
    folder = target.parent
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise TutorError(f"no existe la carpeta {shown(folder)}: créala antes de escribir en ella") from None
    except OSError as error:
        raise TutorError(f"no se puede escribir {shown(target)}: {os_error_text(error)}") from None
    if not stat.S_ISDIR(mode):
        raise TutorError(f"no se puede escribir {shown(target)}: {shown(folder)} es {file_kind(mode)}, "
                         f"no una carpeta")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise TutorError(f"no se puede escribir {shown(target)}: {os_error_text(error)}") from None
    if not stat.S_ISREG(mode):
        raise TutorError(f"no se puede escribir {shown(target)}: ya existe y no es un archivo normal, "
                         f"es {file_kind(mode)}")


def _emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    _check_output(target)
    try:
        write_atomic(target, text.encode("utf-8"), make_dirs=False)
    except OSError as error:
        raise TutorError(f"no se pudo escribir {shown(target)}: {os_error_text(error)}") from None


def execute(args: argparse.Namespace) -> int:
    if getattr(args, "class_dir", None):  # tutor progress --class DIR: the class of `tutor serve`
        from tutor.commands.class_progress import execute_class

        return execute_class(args)
    export = getattr(args, "export", None)
    output = getattr(args, "output", None)
    files = getattr(args, "merge", None)
    student = getattr(args, "student", None)

    if files:
        _emit(render(merge(files), export or "csv"), output)
        return 0
    if output is not None and export is None:
        raise TutorError("--output necesita --export csv|json (o --merge)", exit_code=2)

    store = ProgressStore()
    progress, notice = store.load()
    if notice:
        sys.stderr.write(f"tutor: {notice}\n")
    course = _load_course(args)
    if export:
        _emit(render(rows_for(progress, course, student), export), output)
    else:
        _emit(summary(progress, course, str(store.path), student), None)
    return 0

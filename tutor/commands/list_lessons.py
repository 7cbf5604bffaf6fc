"""`tutor list`: the lessons in order with id, kind and title, the labs, and broken files."""

from __future__ import annotations

import argparse
import sys

from tutor.lessons import lessons_dir, load_course
from tutor.lessons.model import Course


def format_listing(course: Course, source: str) -> str:
    lines = [f"{course.title}  ({source})", ""]
    if course.lessons:
        id_width = max(len(lesson.id) for lesson in course.lessons)
        kind_width = max(len(lesson.kind) for lesson in course.lessons)
        for number, lesson in enumerate(course.lessons, start=1):
            lines.append(f"{number:>3}  {lesson.id:<{id_width}}  {lesson.kind:<{kind_width}}  {lesson.title}")
    else:
        lines.append("  (ninguna lección)")
    if course.labs:
        lines += ["", "Laboratorios (tutor run LAB):"]
        lab_width = max(len(lab.id) for lab in course.labs)
        for lab in course.labs:
            lines.append(f"  {lab.id:<{lab_width}}  {lab.dataset.id} · {lab.model} · {lab.loss} · "
                         f"lr {lab.lr:g} · {lab.epochs} épocas")
    if course.errors:
        broken = sorted({error.path for error in course.errors})
        lines += ["", f"Con problemas ({len(broken)} archivo(s); 'tutor check' para validar):"]
        lines += [f"  {error}" for error in course.errors]
    return "\n".join(lines) + "\n"


def execute(args: argparse.Namespace) -> int:
    directory = getattr(args, "lessons", None)
    course = load_course(directory)
    sys.stdout.write(format_listing(course, str(lessons_dir(directory))))
    return 0

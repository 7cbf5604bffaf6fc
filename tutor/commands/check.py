"""`tutor check [DIR]`: validate a lesson pack; one `path:line: message` per problem."""

from __future__ import annotations

import argparse
import sys

from tutor.errors import TutorError
from tutor.lessons import lesson_files, lessons_dir, load_course
from tutor.lessons.model import Course


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary(course: Course) -> str:
    """'7 lecciones, 4 laboratorios, 29 ejercicios, 15 términos'."""
    exercises = sum(len(lesson.exercises) for lesson in course.lessons)
    return ", ".join([
        _count(len(course.lessons), "lección", "lecciones"),
        _count(len(course.labs), "laboratorio", "laboratorios"),
        _count(exercises, "ejercicio", "ejercicios"),
        _count(len(course.glossary), "término", "términos"),
    ])


def execute(args: argparse.Namespace) -> int:
    directory = lessons_dir(getattr(args, "dir", None) or getattr(args, "lessons", None))
    if not lesson_files(directory):
        raise TutorError(f"no hay lecciones (*.md) en '{directory}'")
    course = load_course(directory)
    if course.errors:
        for error in course.errors:
            sys.stdout.write(f"{error}\n")
        sys.stderr.write(f"{len(course.errors)} problema(s); se cargan bien: {summary(course)}\n")
        return 1
    sys.stdout.write(f"{summary(course)}: sin problemas\n")
    return 0

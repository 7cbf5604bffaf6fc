"""`tutor list`: the lessons in order with id, kind and title, the labs, and broken files."""

from __future__ import annotations

import argparse
import sys

from tutor.lessons import lessons_dir, load_course
from tutor.lessons.model import Course, LabSpec


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
            lines.append(f"  {lab.id:<{lab_width}}  {lab.dataset.id} · {_model(lab)} · {lab.loss} · "
                         f"lr {lab.lr:g} · {lab.epochs} épocas{_update(lab)}")
    if course.errors:
        broken = sorted({error.path for error in course.errors})
        lines += ["", f"Con problemas ({len(broken)} archivo(s); 'tutor check' para validar):"]
        lines += [f"  {error}" for error in course.errors]
    return "\n".join(lines) + "\n"


def _model(lab: LabSpec) -> str:
    """"sigmoide", or the network's layers: "red 2→3→1 (tanh)"."""
    if not lab.hidden_size:
        return lab.model
    return f"{lab.model} {len(lab.dataset.columns)}→{lab.hidden_size}→1 ({lab.activation})"


def _update(lab: LabSpec) -> str:
    """Only what differs from the notebook's update: " · adam · batch 10"."""
    parts = [lab.optimizer] if lab.optimizer != "sgd" else []
    if lab.batch_size is not None:
        parts.append(f"batch {lab.batch_size}")
    return "".join(f" · {part}" for part in parts)


def execute(args: argparse.Namespace) -> int:
    directory = getattr(args, "lessons", None)
    course = load_course(directory)
    sys.stdout.write(format_listing(course, str(lessons_dir(directory))))
    return 0

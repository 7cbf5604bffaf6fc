"""`tutor lab LAB [--seed N | --init notebook] [--lr X]`: the app, straight into a lab.

Escape goes to the lab's lesson, q quits. The lab ids are those of `tutor run` (`tutor list`).
"""

from __future__ import annotations

import argparse

from tutor.errors import TutorError


def execute(args: argparse.Namespace) -> int:
    from tutor.commands.app import open_app
    from tutor.lessons import load_course

    course = load_course(getattr(args, "lessons", None))
    request = lab_request(course, args)
    return open_app(args, course, lab=request)


def lab_request(course, args: argparse.Namespace):
    """The LabRequest for these arguments, or TutorError (exit 2) saying what is wrong."""
    from tutor.ui.lab_request import LabRequest

    lesson = lab_lesson(course, args.lab)
    init = getattr(args, "init", None)
    start_seed = getattr(args, "start_seed", None)
    lr = getattr(args, "lr", None)
    if lesson.kind == "free-lab" and (init or start_seed is not None or lr is not None):
        raise TutorError("el laboratorio libre se configura en su formulario: sin --seed, --init ni --lr",
                         exit_code=2)
    if init == "notebook" and lesson.lab.notebook_init is None:
        raise TutorError(f"el laboratorio {args.lab!r} no tiene valores iniciales del notebook; "
                         "usa --seed N o --init random", exit_code=2)
    return LabRequest(args.lab, init=init, start_seed=start_seed, lr=lr)


def lab_lesson(course, lab_id: str):
    """The lesson whose lab is `lab_id`."""
    for lesson in course.lessons:
        if lesson.lab is not None and lesson.lab.id == lab_id:
            return lesson
    known = ", ".join(lab.id for lab in course.labs) or "ninguno"
    raise TutorError(f"no existe el laboratorio {lab_id!r}; los laboratorios son: {known}", exit_code=2)

"""`tutor class DIR`: watch a class served by `tutor serve --class DIR`, live (q quits)."""

from __future__ import annotations

import argparse
import sys

from tutor.errors import TutorError


def execute(args: argparse.Namespace) -> int:
    from tutor.lessons import load_course
    from tutor.serve.class_dir import ClassDir

    class_dir = ClassDir(args.class_dir)
    class_dir.check_exists()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise TutorError("la vista de la clase necesita una terminal; sin ella: 'tutor progress --class DIR'")
    course = load_course(getattr(args, "lessons", None))
    from tutor.serve.class_view import ClassApp

    ClassApp(class_dir, course).run()
    return 0

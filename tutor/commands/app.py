"""`tutor` with no sub-command: open the app (home screen, or --lesson ID directly)."""

from __future__ import annotations

import argparse
import os
import sys

from tutor.errors import TutorError


def execute(args: argparse.Namespace) -> int:
    from tutor.lessons import load_course

    course = load_course(getattr(args, "lessons", None))
    lesson_id = getattr(args, "lesson", None)
    if lesson_id and course.lesson(lesson_id) is None:
        valid = ", ".join(lesson.id for lesson in course.lessons) or "(ninguna)"
        raise TutorError(f"no hay ninguna lección «{lesson_id}»; ids válidos: {valid}", exit_code=2)
    return open_app(args, course, lesson_id=lesson_id)


def open_app(args: argparse.Namespace, course, *, lesson_id: str | None = None, lab=None) -> int:
    """Run the app on a terminal (at `lesson_id`, or in the lab a LabRequest names)."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise TutorError("la interfaz necesita una terminal; sin ella usa 'tutor list' o 'tutor run LAB'")

    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp
    from tutor.ui.terminal import screen_on_private_stderr
    from tutor.ui.widgets.chart_style import ascii_terminal

    store = ProgressStore()
    # Textual draws on stderr: its encoding is the terminal's
    ascii_charts = bool(getattr(args, "ascii", False)) or ascii_terminal(os.environ, sys.stderr.encoding)
    with screen_on_private_stderr(store.path.parent / "tutor.log"):
        app = TutorApp(course, store=store, lesson_id=lesson_id, lab=lab, seed=getattr(args, "seed", None),
                       student=getattr(args, "student", None), no_skip=bool(getattr(args, "no_skip", False)),
                       ascii_charts=ascii_charts)
        try:
            app.run()
        finally:
            app.save()
    if store.last_error:  # the last save failed with the screen gone: say it on the terminal
        sys.stderr.write(f"tutor: {store.last_error}\n")
        return app.return_code or 1
    return app.return_code or 0

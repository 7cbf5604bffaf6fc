"""A tiny App that hosts LabScreen alone, for the lab's pilot and snapshot tests.

Run it by hand too:  .venv/bin/python tests/ui/lab_host.py neurona-lineal [--random] [--seed N]
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App

if __package__ in (None, ""):  # run as a script: make `tutor` importable from the repo
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tutor.lessons import load_course  # noqa: E402
from tutor.lessons.model import Lesson  # noqa: E402
from tutor.ui.screens.lab import LabScreen  # noqa: E402

LAB_IDS = ("neurona-lineal", "compuerta-and", "clasificador-2d")
UI_DIR = Path(__file__).resolve().parents[2] / "tutor" / "ui"


def lab_lesson(lab_id: str) -> Lesson:
    """The built-in course's lesson whose lab is `lab_id`."""
    course = load_course()
    for lesson in course.lessons:
        if lesson.lab is not None and lesson.lab.id == lab_id:
            return lesson
    raise LookupError(f"the built-in course has no lab {lab_id!r}")


class LabHost(App):
    """Pushes one LabScreen and keeps the Progressed messages it posts (styled like TutorApp)."""

    CSS_PATH = str(UI_DIR / "app.tcss")

    def __init__(self, lesson: Lesson, **screen_options) -> None:
        super().__init__()
        self.lesson = lesson
        self.screen_options = screen_options
        self.progressed: list[LabScreen.Progressed] = []

    def on_mount(self) -> None:
        self.push_screen(LabScreen(self.lesson, **self.screen_options))

    def on_lab_screen_progressed(self, message: LabScreen.Progressed) -> None:
        self.progressed.append(message)


if __name__ == "__main__":
    args = sys.argv[1:]
    lab = next((a for a in args if not a.startswith("--") and not a.isdigit()), LAB_IDS[0])
    options = {"init": "random" if "--random" in args else None}
    if "--seed" in args:
        options["seed"] = int(args[args.index("--seed") + 1])
    from tutor.ui.terminal import screen_on_private_stderr

    with screen_on_private_stderr(None):
        LabHost(lab_lesson(lab), **options).run()

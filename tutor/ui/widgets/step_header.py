"""The line on top of every step: which lesson, which step of how many, and its title."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tutor.lessons.model import Course
from tutor.ui.navigation import Step, lesson_number


def step_title(course: Course, step: Step, title: str) -> str:
    lesson = step.lesson
    number = lesson_number(course, lesson)
    return f"{number}. {lesson.title} · paso {step.index + 1}/{step.count} · {title}"


class StepHeader(Static):
    def __init__(self, step: Step, title: str, course: Course) -> None:
        super().__init__(Content(step_title(course, step, title)), classes="step-header")
        self.step = step
        self.title = title

"""What a student has done, as plain dataclasses, and how it counts towards a lesson.

Counting rules (what `lesson_done` returns):
- every page read counts one;
- every exercise answered correctly counts one (a skipped or wrong one does not);
- a lab counts one once it has been run to its epoch count in one go, or once its loss went
  below the threshold of one of the lesson's goal exercises;
- the free lab (kind "free-lab", with or without a [lab]) has one lab item; it records each
  run as lesson "<its id>-<dataset>", and the item counts once any such run trained at least
  one epoch (the student picks the epochs);
- a lesson with no pages, exercises or lab (say, a glossary of bare [[terms]]) counts one item:
  having opened it.
A correct answer stays correct: answering wrong later (or skipping) does not undo it.

Imports only the standard library: no TensorFlow, no Textual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from tutor.lessons.model import Course, Lesson

SCHEMA_VERSION = 1
RESULTS = ("correct", "wrong", "skipped")


def now_iso() -> str:
    """The current UTC time as saved in the file: 2026-11-27T03:01:02+00:00."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class ExerciseProgress:
    attempts: int = 0  # answers given (a skip is not an attempt)
    result: str | None = None  # one of RESULTS, None before the first answer or skip
    hints_used: int = 0  # the most hints the student has seen for it
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # fields from a newer version


@dataclass
class LabProgress:
    epochs_run: int = 0  # the most epochs trained in one run
    best_loss: float | None = None  # the lowest finite loss seen
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class LessonProgress:
    pages_read: set[int] = field(default_factory=set)  # 0-based page indices
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)
    lab: LabProgress | None = None
    first_seen: str = ""
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Progress:
    student: str = ""
    lessons: dict[str, LessonProgress] = field(default_factory=dict)
    last_lesson: str | None = None
    last_page: int = 0
    created: str = field(default_factory=now_iso)
    updated: str = ""
    version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    # -- recording -------------------------------------------------------------------------

    def _lesson(self, lesson_id: str) -> LessonProgress:
        stamp = now_iso()
        entry = self.lessons.get(lesson_id)
        if entry is None:
            entry = self.lessons[lesson_id] = LessonProgress(first_seen=stamp)
        entry.updated = stamp
        self.updated = stamp
        return entry

    def _exercise(self, lesson_id: str, exercise_id: str) -> ExerciseProgress:
        lesson = self._lesson(lesson_id)
        entry = lesson.exercises.setdefault(exercise_id, ExerciseProgress())
        entry.updated = lesson.updated
        return entry

    def visit(self, lesson_id: str) -> None:
        """The student opened the lesson (enough for a lesson with nothing to count)."""
        self._lesson(lesson_id)

    def mark_page_read(self, lesson_id: str, page: int) -> None:
        self._lesson(lesson_id).pages_read.add(int(page))

    def record_answer(self, lesson_id: str, exercise_id: str, correct: bool, hints_used: int = 0) -> None:
        entry = self._exercise(lesson_id, exercise_id)
        entry.attempts += 1
        entry.hints_used = max(entry.hints_used, int(hints_used))
        if entry.result != "correct":
            entry.result = "correct" if correct else "wrong"

    def record_hint(self, lesson_id: str, exercise_id: str, hints_used: int) -> None:
        """The student has now seen `hints_used` hints (before answering)."""
        entry = self._exercise(lesson_id, exercise_id)
        entry.hints_used = max(entry.hints_used, int(hints_used))

    def record_skip(self, lesson_id: str, exercise_id: str) -> None:
        entry = self._exercise(lesson_id, exercise_id)
        if entry.result != "correct":
            entry.result = "skipped"

    def record_lab(self, lesson_id: str, epochs_run: int, best_loss: float | None) -> None:
        lesson = self._lesson(lesson_id)
        lab = lesson.lab = lesson.lab or LabProgress()
        lab.epochs_run = max(lab.epochs_run, int(epochs_run))
        if best_loss is not None and math.isfinite(best_loss):
            lab.best_loss = best_loss if lab.best_loss is None else min(lab.best_loss, best_loss)
        lab.updated = lesson.updated

    def set_position(self, lesson_id: str, page: int = 0) -> None:
        self._lesson(lesson_id)
        self.last_lesson = lesson_id
        self.last_page = int(page)

    # -- reading ---------------------------------------------------------------------------

    def exercise(self, lesson_id: str, exercise_id: str) -> ExerciseProgress | None:
        lesson = self.lessons.get(lesson_id)
        return lesson.exercises.get(exercise_id) if lesson else None

    def exercise_result(self, lesson_id: str, exercise_id: str) -> str | None:
        entry = self.exercise(lesson_id, exercise_id)
        return entry.result if entry else None

    def lab(self, lesson_id: str) -> LabProgress | None:
        lesson = self.lessons.get(lesson_id)
        return lesson.lab if lesson else None

    def free_runs(self, lesson: Lesson) -> dict[str, LabProgress]:
        """The free lab's runs by lesson id ("laboratorio-libre-xor"...)."""
        prefix = f"{lesson.id}-"
        return {key: entry.lab for key, entry in self.lessons.items()
                if key.startswith(prefix) and entry.lab is not None}

    def lab_done(self, lesson: Lesson) -> bool:
        if lesson.kind == "free-lab" and any(run.epochs_run > 0 for run in self.free_runs(lesson).values()):
            return True
        spec, lab = lesson.lab, self.lab(lesson.id)
        if spec is None or lab is None:
            return False
        if lab.epochs_run >= spec.epochs:
            return True
        goals = [e.goal.below for e in lesson.exercises if e.goal is not None]
        return lab.best_loss is not None and any(lab.best_loss < below for below in goals)

    def lesson_done(self, lesson: Lesson) -> tuple[int, int]:
        """(items done, items in total) for one lesson; see the module docstring."""
        has_lab = lesson.lab is not None or lesson.kind == "free-lab"
        total = len(lesson.pages) + len(lesson.exercises) + (1 if has_lab else 0)
        entry = self.lessons.get(lesson.id)
        if total == 0:
            return (1 if entry is not None else 0), 1
        pages = entry.pages_read if entry is not None else ()
        done = sum(1 for page in pages if 0 <= page < len(lesson.pages))
        done += sum(1 for e in lesson.exercises if self.exercise_result(lesson.id, e.id) == "correct")
        done += 1 if self.lab_done(lesson) else 0
        return done, total

    def course_done(self, course: Course) -> tuple[int, int]:
        return _add(self.lesson_done(lesson) for lesson in course.lessons)


def _add(pairs: Iterable[tuple[int, int]]) -> tuple[int, int]:
    done = total = 0
    for d, t in pairs:
        done, total = done + d, total + t
    return done, total


def percent(done: int, total: int) -> int:
    """Rounded whole percent (7/18 -> 39); 100 only when everything is done."""
    if total <= 0:
        return 0
    value = round(100 * done / total)
    return 99 if value == 100 and done < total else value


def progress_label(done: int, total: int) -> str:
    """'7/18 · 39%', as the home screen shows it."""
    return f"{done}/{total} · {percent(done, total)}%"

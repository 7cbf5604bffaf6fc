"""A course as one path of steps: n / p walk it, crossing from one lesson into the next.

A lesson's steps: its pages in order; then, by kind, the lab, the glossary or the free lab;
then one exercises step with the exercises that need no live run (choice, fixed numeric).
A lesson with `exercises_after_page` has its exercises step right after that page instead
(before the lab and the later pages): the question comes before the answer is shown.
Live numeric, predict and goal exercises belong to the lab step (the lab screen shows them).
The position saved in the progress file is (lesson id, step index).
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.lessons.model import Course, Exercise, Lesson

PAGE, LAB, GLOSSARY, FREE_LAB, EXERCISES = "page", "lab", "glossary", "free-lab", "exercises"


@dataclass(frozen=True)
class Step:
    lesson: Lesson
    index: int  # position among the lesson's steps
    kind: str  # PAGE, LAB, GLOSSARY, FREE_LAB or EXERCISES
    page: int = -1  # page index for PAGE steps

    @property
    def count(self) -> int:
        return len(lesson_steps(self.lesson))


def lesson_number(course: Course, lesson: Lesson) -> int:
    """1-based position of the lesson in the course (what the student sees, not `order`)."""
    ids = [item.id for item in course.lessons]
    return ids.index(lesson.id) + 1 if lesson.id in ids else lesson.order


def needs_live_run(exercise: Exercise) -> bool:
    return exercise.kind in ("predict", "goal") or exercise.live is not None


def static_exercises(lesson: Lesson) -> tuple[Exercise, ...]:
    """The exercises shown on the exercises step (the lab shows the others)."""
    if lesson.kind == "lab" and lesson.lab is not None:
        return tuple(e for e in lesson.exercises if not needs_live_run(e))
    return lesson.exercises


def lesson_steps(lesson: Lesson) -> list[Step]:
    steps: list[Step] = []
    exercises_placed = not static_exercises(lesson)
    for page in range(len(lesson.pages)):
        steps.append(Step(lesson, len(steps), PAGE, page=page))
        if page == lesson.exercises_after_page and not exercises_placed:
            steps.append(Step(lesson, len(steps), EXERCISES))
            exercises_placed = True
    if lesson.kind == "lab" and lesson.lab is not None:
        steps.append(Step(lesson, len(steps), LAB))
    elif lesson.kind == "glossary":
        steps.append(Step(lesson, len(steps), GLOSSARY))
    elif lesson.kind == "free-lab":
        steps.append(Step(lesson, len(steps), FREE_LAB))
    if not exercises_placed:
        steps.append(Step(lesson, len(steps), EXERCISES))
    if not steps:  # a lesson with nothing in it still has a place on the path
        steps.append(Step(lesson, 0, PAGE, page=-1))
    return steps


def step_at(course: Course, lesson_id: str, index: int = 0) -> Step | None:
    """The step, with `index` clamped to the lesson (a saved position may be stale)."""
    lesson = course.lesson(lesson_id)
    if lesson is None:
        return None
    steps = lesson_steps(lesson)
    return steps[max(0, min(index, len(steps) - 1))]


def next_step(course: Course, step: Step) -> Step | None:
    """The step after `step`, in the next lesson if needed; None at the end of the course."""
    steps = lesson_steps(step.lesson)
    if step.index + 1 < len(steps):
        return steps[step.index + 1]
    following = _neighbour(course, step.lesson, +1)
    return lesson_steps(following)[0] if following else None


def previous_step(course: Course, step: Step) -> Step | None:
    """The step before `step`, the last step of the previous lesson if needed."""
    if step.index > 0:
        return lesson_steps(step.lesson)[step.index - 1]
    before = _neighbour(course, step.lesson, -1)
    return lesson_steps(before)[-1] if before else None


def _neighbour(course: Course, lesson: Lesson, offset: int) -> Lesson | None:
    ids = [item.id for item in course.lessons]
    try:
        position = ids.index(lesson.id) + offset
    except ValueError:
        return None
    return course.lessons[position] if 0 <= position < len(ids) else None

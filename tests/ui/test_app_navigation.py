"""tutor.ui.navigation: the path of steps through a course (pure functions, no screen)."""

from __future__ import annotations

from app_pack import write_pack
from tutor.lessons import load_course
from tutor.ui.navigation import (
    EXERCISES, FREE_LAB, GLOSSARY, LAB, PAGE, lesson_number, lesson_steps, next_step, previous_step, static_exercises,
    step_at,
)


def kinds(course, lesson_id):
    return [step.kind for step in lesson_steps(course.lesson(lesson_id))]


def test_steps_by_lesson_kind(tmp_path):
    course = load_course(write_pack(tmp_path / "pack"))
    assert kinds(course, "intro") == [PAGE, PAGE]
    assert kinds(course, "repaso") == [PAGE, EXERCISES]
    assert kinds(course, "neurona") == [PAGE, LAB, EXERCISES]
    assert kinds(course, "glosario") == [PAGE, GLOSSARY]


def test_live_exercises_stay_in_the_lab(tmp_path):
    course = load_course(write_pack(tmp_path / "pack"))
    lab = course.lesson("neurona")
    assert [e.id for e in lab.exercises] == ["valor-dw", "que-es-lr"]
    assert [e.id for e in static_exercises(lab)] == ["que-es-lr"]


def test_walking_the_whole_course_forwards_and_back(tmp_path):
    course = load_course(write_pack(tmp_path / "pack"))
    step, forwards = step_at(course, "intro"), []
    while step is not None:
        forwards.append((step.lesson.id, step.index))
        step = next_step(course, step)
    assert len(forwards) == 2 + 2 + 3 + 2
    step, backwards = step_at(course, "glosario", 99), []  # a stale index is clamped
    while step is not None:
        backwards.append((step.lesson.id, step.index))
        step = previous_step(course, step)
    assert backwards == forwards[::-1]


def test_unknown_lesson_and_numbers(tmp_path):
    course = load_course(write_pack(tmp_path / "pack"))
    assert step_at(course, "no-existe") is None
    assert [lesson_number(course, lesson) for lesson in course.lessons] == [1, 2, 3, 4]


def test_exercises_after_page_puts_the_question_before_the_lab_and_the_later_pages():
    course = load_course()
    steps = lambda lesson_id: [(s.kind, s.page) for s in lesson_steps(course.lesson(lesson_id))]  # noqa: E731
    assert steps("calcula-una-epoca") == [(PAGE, 0), (PAGE, 1), (EXERCISES, -1), (PAGE, 2)]
    assert steps("learning-rate") == [(PAGE, 0), (PAGE, 1), (PAGE, 2), (EXERCISES, -1), (LAB, -1)]
    assert steps("laboratorio-libre")[-2:] == [(EXERCISES, -1), (FREE_LAB, -1)]
    assert steps("neurona-lineal")[-2:] == [(LAB, -1), (EXERCISES, -1)]  # without the key: at the end
    for lesson in course.lessons:
        found = lesson_steps(lesson)
        assert [step.index for step in found] == list(range(len(found)))
        assert sorted(step.page for step in found if step.kind == PAGE) == list(range(len(lesson.pages)))

"""Exercises of the built-in course that cannot be guessed: answers spread over the positions of
`choices`, no hint that states the answer, no answer copied from the text shown before it."""

from __future__ import annotations

import re
from collections import Counter

from tutor.lessons import load_course
from tutor.lessons.model import Exercise

COURSE = load_course()
EXERCISES = [(lesson, exercise) for lesson in COURSE.lessons for exercise in lesson.exercises]
CHOICES = [exercise for _, exercise in EXERCISES if exercise.kind == "choice"]


def position(exercise: Exercise) -> int:
    return exercise.choices.index(exercise.answer)


def test_at_most_40_percent_of_the_answers_are_the_first_choice():
    positions = Counter(position(exercise) for exercise in CHOICES)
    assert len(CHOICES) >= 10
    assert positions[0] <= 0.4 * len(CHOICES), positions
    # Spread, not moved: no other position takes the place of the first one either.
    assert max(positions.values()) <= 0.4 * len(CHOICES), positions
    assert len(positions) >= 3, positions


def _mentions(text: str, number: float) -> bool:
    """`number` written in `text` as a number of its own ('2.5' or '2,5', not part of 12.5 or x2)."""
    written = f"{number:g}"
    variants = {written, written.replace(".", ",")}
    return any(re.search(rf"(?<![\w.,]){re.escape(v)}(?![\d]|[.,]\d)", text) for v in variants)


def test_no_hint_states_the_answer():
    for lesson, exercise in EXERCISES:
        for hint in exercise.hints:
            if exercise.kind == "choice":
                assert exercise.answer not in hint, (lesson.id, exercise.id, hint)
            if exercise.kind == "numeric" and exercise.value is not None:
                assert not _mentions(hint, exercise.value), (lesson.id, exercise.id, hint)


def test_choice_answers_are_not_copied_from_the_lesson_text():
    """A long answer found word for word on a page (or a term) of its lesson is a give-away."""
    for lesson, exercise in EXERCISES:
        if exercise.kind != "choice" or len(exercise.answer) < 20:
            continue
        shown = [page.markdown for page in lesson.pages] + [term.definition + term.example for term in lesson.terms]
        assert not any(exercise.answer.lower() in text.lower() for text in shown), (lesson.id, exercise.id)


def test_every_exercise_teaches_after_the_answer():
    for lesson, exercise in EXERCISES:
        assert exercise.hints, (lesson.id, exercise.id)
        assert len(exercise.explanation.split()) >= 8, (lesson.id, exercise.id)


def test_the_duplicate_sigmoid_question_is_gone():
    ids = [exercise.id for _, exercise in EXERCISES]
    assert "sigmoid-de-cero" not in ids and "prediccion-origen" in ids

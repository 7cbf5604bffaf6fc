"""Goal exercises checked on the student's own run: met (once) or missed (once per run).

    goals = Goals(exercises, dataset_id)
    for event in goals.check(losses): ...   # GoalEvent(exercise, met, text)
    goals.new_run()                          # x / s / i: a missed goal may be missed again
    goals.resolved(exercise_id)              # answered in an earlier session, or met
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

from tutor.lab.numbers import num
from tutor.lessons.checking import goal_reached
from tutor.lessons.model import Exercise


@dataclass(frozen=True)
class GoalEvent:
    exercise: Exercise
    met: bool
    text: str  # what the card (and the status line) says


def goal_exercises(exercises: Iterable[Exercise], dataset_id: str) -> tuple[Exercise, ...]:
    """The goals that count for a run on this dataset ("" = the lab's own)."""
    return tuple(e for e in exercises if e.kind == "goal" and e.goal is not None
                 and e.goal.dataset in ("", dataset_id))


class Goals:
    def __init__(self, exercises: Iterable[Exercise], dataset_id: str, resolved: Iterable[str] = ()) -> None:
        self.exercises = goal_exercises(exercises, dataset_id)
        self._done = set(resolved)  # met now or in an earlier session: never reported again
        self._missed: set[str] = set()  # missed in this run (told once)

    def new_run(self) -> None:
        self._missed.clear()

    def resolved(self, exercise_id: str) -> None:
        self._done.add(exercise_id)

    def check(self, losses: Sequence[float]) -> list[GoalEvent]:
        events = []
        for exercise in self.exercises:
            if exercise.id in self._done:
                continue
            goal = exercise.goal
            if goal_reached(goal, losses):
                self._done.add(exercise.id)
                events.append(GoalEvent(exercise, True, f"✓ ¡Meta alcanzada! loss < {goal.below:g} "
                                                        f"en tus primeras {goal.within_epochs} épocas."))
            elif len(losses) >= goal.within_epochs and exercise.id not in self._missed:
                self._missed.add(exercise.id)
                finite = [loss for loss in losses[: goal.within_epochs] if math.isfinite(loss)]
                best = num(min(finite)) if finite else "nan"
                events.append(GoalEvent(exercise, False, f"Meta no alcanzada: mejor loss {best} en {goal.within_epochs} "
                                                         f"épocas (meta: < {goal.below:g}); cambia el lr y pulsa x"))
        return events

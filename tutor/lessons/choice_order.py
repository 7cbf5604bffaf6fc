"""The order a student sees an exercise's choices in: shuffled per student, stable forever.

    choice_order(choices, key="Ana", exercise_id="signo-dw") -> [2, 0, 1, 3]

`key` is the student's name, else the class seed, else a value fixed for their progress file
(its creation time): the same student sees the same order in every session and on every
machine, two students usually see different ones, so a position says nothing about the answer.
A pure function (sha256, not Python's per-process hash).
"""

from __future__ import annotations

import hashlib
from typing import Sequence


def choice_order(choices: Sequence[str], key: str, exercise_id: str = "") -> list[int]:
    """A permutation of range(len(choices)): position -> index of the declared choice shown there."""
    def rank(index: int) -> bytes:
        text = f"{key}\x1f{exercise_id}\x1f{index}\x1f{choices[index]}"
        return hashlib.sha256(text.encode("utf-8")).digest()

    return sorted(range(len(choices)), key=rank)


def order_key(student: str = "", seed: int | None = None, fallback: str = "") -> str:
    """What the order is seeded by: the student's name, else the seed, else `fallback`."""
    if student.strip():
        return "student:" + student.strip()
    if seed is not None:
        return f"seed:{seed}"
    return "file:" + fallback

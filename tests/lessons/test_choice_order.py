"""Choices shuffled per student: a stable permutation that depends on who answers."""

from __future__ import annotations

import itertools

from tutor.lessons.choice_order import choice_order, order_key

CHOICES = ("positivo", "negativo", "cero", "no se sabe")


def test_a_permutation_stable_across_calls():
    for key in ("student:Ana", "seed:7", "file:2026-01-01T00:00:00+00:00"):
        order = choice_order(CHOICES, key, "signo-dw")
        assert sorted(order) == [0, 1, 2, 3]
        assert order == choice_order(list(CHOICES), key, "signo-dw")


def test_known_values_never_change_between_versions():
    # Stable across sessions and machines: these are sha256-derived, pinned here.
    assert choice_order(CHOICES, "student:Ana", "signo-dw") == [3, 0, 1, 2]
    assert choice_order(CHOICES, "seed:7", "signo-dw") == [3, 2, 1, 0]


def test_students_see_different_orders_and_the_answer_moves():
    orders = {tuple(choice_order(CHOICES, order_key(student=f"alumno {n}"), "signo-dw")) for n in range(40)}
    assert len(orders) > 10
    first_positions = {order.index(0) for order in orders}
    assert first_positions == {0, 1, 2, 3}  # the right answer is not always in one place
    every = set(itertools.permutations(range(3)))
    seen = {tuple(choice_order(CHOICES[:3], f"seed:{n}", "e")) for n in range(200)}
    assert seen == every


def test_each_exercise_has_its_own_order():
    orders = {tuple(choice_order(CHOICES, "student:Ana", f"ejercicio-{n}")) for n in range(20)}
    assert len(orders) > 3


def test_the_key_is_the_name_else_the_seed_else_the_file():
    assert order_key("Ana", 7, "f") == "student:Ana"
    assert order_key("  ", 7, "f") == "seed:7"
    assert order_key("", None, "2026") == "file:2026"
    assert choice_order((), "k") == []

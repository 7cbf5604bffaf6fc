"""start_values: the notebook's, seeded random (same seed, same numbers), explicit."""

from __future__ import annotations

import pytest
from engine_labs import SPECS

from tutor.engine import start_values
from tutor.errors import TutorError


def test_notebook_values_are_the_printed_ones():
    assert start_values(SPECS["neurona-lineal"], "notebook") == {
        "w": (pytest.approx(1.3552873),), "b": (pytest.approx(0.00364656),)}
    values = start_values(SPECS["clasificador-2d"], "notebook")
    assert list(values) == ["W", "b"] and values["b"] == (0.0,)
    assert values["W"] == pytest.approx((-0.04149994, 1.2491224))


def test_same_seed_same_numbers_everywhere():
    # numpy's default_rng (PCG64) standard normal, rounded to float32: fixed on every machine
    assert start_values(SPECS["compuerta-and"], "random", seed=0) == {
        "w": (0.1257302165031433, -0.13210485875606537), "b": (0.0,)}
    assert start_values(SPECS["neurona-lineal"], "random", seed=0) == {
        "w": (0.1257302165031433,), "b": (-0.13210485875606537,)}  # b ~ normal in Ejemplo 1
    spec = SPECS["clasificador-2d"]
    assert start_values(spec, "random", seed=42) == start_values(spec, "random", seed=42)
    assert start_values(spec, "random", seed=42) != start_values(spec, "random", seed=43)


def test_no_seed_draws_fresh_numbers():
    spec = SPECS["clasificador-2d"]
    assert start_values(spec, "random") != start_values(spec, "random")
    assert start_values(spec, "random")["b"] == (0.0,)


def test_explicit_values_are_checked_and_rounded_to_float32():
    spec = SPECS["clasificador-2d"]
    values = start_values(spec, {"W": [[0.1], [-2]], "b": [0.5]})
    assert values == {"W": (pytest.approx(0.1), -2.0), "b": (0.5,)}
    assert values["W"][0] != 0.1  # float32(0.1), what TensorFlow holds
    for bad in ({"W": [1.0], "b": [0.0]}, {"W": [1.0, 2.0]}, {"W": [1.0, float("nan")], "b": [0.0]},
                {"W": [1.0, 2.0], "b": [0.0], "c": [1.0]}):
        with pytest.raises(TutorError):
            start_values(spec, bad)


def test_missing_notebook_values_is_a_clear_error():
    spec = SPECS["clasificador-2d"].__class__(**{**SPECS["clasificador-2d"].__dict__, "notebook_init": None})
    with pytest.raises(TutorError, match="no tiene valores iniciales"):
        start_values(spec, "notebook")
    with pytest.raises(ValueError):
        start_values(spec, "otra cosa")

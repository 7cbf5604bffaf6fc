"""The declared answer rules: choice, numeric (fixed or live), predict, goal."""

from __future__ import annotations

import pytest

from tutor.lessons.checking import check_answer, format_number, goal_reached, live_value, parse_number
from tutor.lessons.model import Exercise, Goal, LiveValue


def exercise(**fields) -> Exercise:
    return Exercise(id="e", prompt="?", line=1, **fields)


@pytest.mark.parametrize("text,value", [("0,5", 0.5), ("0.5", 0.5), (" -14,65 ", -14.65), ("\u22123", -3.0),
                                        ("1e-3", 0.001), (".5", 0.5), ("7", 7.0)])
def test_parse_number_accepts_comma_and_dot(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3", "nan", "inf", "1,5.2", "--1"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_choice():
    item = exercise(kind="choice", choices=("sí", "no"), answer="no")
    assert check_answer(item, "no").correct
    assert check_answer(item, "  NO ").correct
    assert check_answer(item, "2").correct
    wrong = check_answer(item, "sí")
    assert (wrong.correct, wrong.expected, wrong.understood) == (False, "no", True)
    assert check_answer(item, "tal vez").understood is False
    assert check_answer(item, "²").understood is False  # a digit, but not a number int() reads
    assert check_answer(item, "2" * 5000).understood is False  # beyond int()'s digit limit


def test_numeric_fixed_value_with_tolerance():
    item = exercise(kind="numeric", value=2.5, tolerance=0.01)
    assert check_answer(item, "2,505").correct
    assert check_answer(item, "2.5").correct
    too_high = check_answer(item, "2.6")
    assert not too_high.correct and "alto" in too_high.message and too_high.expected == "2.50"
    assert not check_answer(item, "dos").understood


def test_numeric_exact_value_absorbs_float_rounding():
    assert check_answer(exercise(kind="numeric", value=0.3), str(0.1 + 0.2)).correct


def test_numeric_live_value():
    item = exercise(kind="numeric", live=LiveValue("grads", "w", 0, 0), tolerance=0.05)
    assert check_answer(item, "-14,65", live=-14.6514).correct
    assert not check_answer(item, "14.65", live=-14.6514).correct
    waiting = check_answer(item, "1", live=None)
    assert not waiting.understood and "época 0" in waiting.message


def test_predict_is_the_sign_of_the_live_value():
    item = exercise(kind="predict", choices=("positivo", "negativo"), live=LiveValue("grads", "w"))
    assert check_answer(item, "negativo", live=-14.65).correct
    assert check_answer(item, "Negativo", live=-0.1).correct
    verdict = check_answer(item, "positivo", live=-14.65)
    assert (verdict.correct, verdict.expected) == (False, "negativo")
    assert check_answer(item, "positivo", live=0.2).correct
    assert not check_answer(item, "quizá", live=1.0).understood
    assert not check_answer(item, "positivo", live=None).understood


def test_goal_reached_within_the_epoch_limit():
    goal = Goal(below=0.05, within_epochs=3)
    assert goal_reached(goal, [0.9, 0.5, 0.04])
    assert not goal_reached(goal, [0.9, 0.5, 0.06, 0.01])  # epoch 3 is too late
    assert not goal_reached(goal, [float("nan"), 0.5])
    assert not goal_reached(goal, [])


def test_goal_is_not_a_typed_answer():
    verdict = check_answer(exercise(kind="goal", goal=Goal(0.05, 300)), "")
    assert not verdict.understood and "0.05" in verdict.expected


class Record:
    def __init__(self, epoch):
        self.epoch = epoch
        self.loss = 1.0 / (epoch + 1)
        self.grads = {"w": (-14.65,), "b": (-5.2,)}
        self.forward = {"y_pred": (1.0, 2.0)}


def test_live_value_reads_records_or_their_json():
    records = [Record(0), Record(1)]
    assert live_value(LiveValue("grads", "w", 0, 0), records) == -14.65
    assert live_value(LiveValue("loss", epoch=1), records) == 0.5
    assert live_value(LiveValue("forward", "y_pred", 1, 1), records) == 2.0
    assert live_value(LiveValue("grads", "w", 0, 5), records) is None
    as_json = [{"epoch": 0, "grads": {"w": [3.0]}, "loss": 0.2}]
    assert live_value(LiveValue("grads", "w", 0, 0), as_json) == 3.0


def test_format_number_follows_the_tolerance():
    assert format_number(-14.65143, 0.05) == "-14.65"
    assert format_number(2.8205333) == "2.821"

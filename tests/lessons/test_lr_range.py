"""Issue 13, item 9: one learning-rate range, checked in one place
(tutor.lessons.learning_rate): a lesson file, `--lr` and the free lab's form all refuse
what the lab's + / - keys could never reach."""

from __future__ import annotations

import pytest

from lesson_packs import LAB
from tutor.lessons.learning_rate import LR_MAX, LR_MIN, lr_problem


def test_the_range_is_the_labs():
    assert (LR_MIN, LR_MAX) == (1e-9, 1e9)
    assert lr_problem(0.1) is None and lr_problem(LR_MIN) is None and lr_problem(LR_MAX) is None
    for value in (1e12, 1e-10, 1e-320, 0.0, -1.0, float("inf"), float("nan")):
        assert lr_problem(value), value


@pytest.mark.parametrize("written", ["1e12", "1e-10", "0.0", "1e-320"])
def test_a_lesson_lr_out_of_range_is_reported_at_its_line(pack, written):
    folder, course = pack({"b.md": LAB.replace("lr = 0.1", f"lr = {written}")})
    messages = [str(error).replace(f"{folder}/", "") for error in course.errors]
    assert len(messages) == 1 and messages[0].startswith("b.md:11: 'lr': ")
    assert "entre 1e-09 y 1e+09" in messages[0]
    assert course.lab("mi-lab") is None


def test_a_lesson_lr_at_the_edges_loads(pack):
    folder, course = pack({"b.md": LAB.replace("lr = 0.1", "lr = 1e9")})
    assert course.errors == () and course.lab("mi-lab").lr == 1e9


def test_the_free_lab_form_uses_the_same_range():
    from tutor.ui.screens.free_lab import parse_lr

    assert parse_lr("1e9") == 1e9 and parse_lr("0,5") == 0.5
    for text in ("1e12", "1e-10", "1e-320"):
        with pytest.raises(ValueError, match="entre 1e-09 y 1e\\+09"):
            parse_lr(text)

"""Issue 13, items 9 and 11: `--lr` takes the one learning-rate range of
tutor.lessons.learning_rate; a negative or non-finite value (even `-inf`, which argparse
would take for an option) says it must be positive and finite; a value float32 would turn
into 0 (1e-320) or that the lab's keys could never reach (1e12) is refused."""

from __future__ import annotations

import pytest

from tutor.cli import main


def one_line_error(capsys, *argv: str, code: int = 2) -> str:
    try:
        returned = main(list(argv))
    except SystemExit as exit:  # argparse
        returned = exit.code
    out, err = capsys.readouterr()
    assert returned == code and out == "", (out, err)
    assert err.count("\n") == 1 and err.startswith("tutor: ") and "Traceback" not in err
    return err


@pytest.mark.parametrize("value", ["-inf", "-Infinity", "inf", "nan", "-1e-3", "-0.5", "0"])
def test_a_negative_or_non_finite_lr_says_positive_and_finite(capsys, value):
    err = one_line_error(capsys, "run", "compuerta-and", "--lr", value, )
    assert "positivo y finito" in err and "necesita un valor" not in err


@pytest.mark.parametrize("value", ["1e-320", "1e-40", "1e12"])
def test_an_lr_out_of_the_one_range_is_refused(capsys, value):
    err = one_line_error(capsys, "lab", "compuerta-and", "--lr", value, )
    assert "entre 1e-09 y 1e+09" in err


@pytest.mark.parametrize("argv", [["run", "compuerta-and"], ["lab", "compuerta-and"]])
def test_both_commands_use_the_same_range(capsys, argv):
    assert "entre 1e-09 y 1e+09" in one_line_error(capsys, *argv, "--lr", "2e9")
    assert "entre 1e-09 y 1e+09" in one_line_error(capsys, *argv, "--lr=1e-10")


def test_the_edges_of_the_range_are_accepted():
    from tutor.cli import build_parser

    for value in ("1e-9", "1e9", "0,5".replace(",", ".")):
        assert build_parser().parse_args(["run", "compuerta-and", "--lr", value]).lr == float(value)

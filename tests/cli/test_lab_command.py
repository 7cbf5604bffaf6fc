"""`tutor lab LAB`: arguments checked before any screen opens (one line, exit 2)."""

from __future__ import annotations

import argparse

import pytest

from tutor.cli import build_parser, main
from tutor.commands.lab import lab_request
from tutor.errors import TutorError
from tutor.lessons import load_course


@pytest.fixture(autouse=True)
def builtin_lessons(monkeypatch):
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["lab", *argv])


@pytest.mark.parametrize("lab", [spec.id for spec in load_course().labs])
def test_every_lab_id_of_tutor_run_is_accepted(lab):
    request = lab_request(load_course(), parse(lab))
    assert request.lab_id == lab and request.init is None and request.lr is None


def test_options_reach_the_request():
    request = lab_request(load_course(), parse("compuerta-and", "--seed", "7", "--lr", "0.4"))
    assert (request.start_seed, request.lr, request.init) == (7, 0.4, None)
    assert lab_request(load_course(), parse("neurona-lineal", "--init", "notebook")).init == "notebook"


def test_app_options_are_accepted_after_the_lab():
    args = parse("neurona-lineal", "--student", "Ana", "--no-skip", "--lessons", "x")
    assert (args.student, args.no_skip, args.lessons) == ("Ana", True, "x")
    args = build_parser().parse_args(["--student", "Eva", "lab", "neurona-lineal"])
    assert (args.student, args.no_skip) == ("Eva", False)


def test_an_unknown_lab_is_one_line_and_exit_2(capsys):
    assert main(["lab", "no-existe"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no existe el laboratorio 'no-existe'" in err and "neurona-lineal" in err


def test_seed_and_init_together_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["lab", "neurona-lineal", "--seed", "3", "--init", "notebook"])
    assert exit_.value.code == 2
    assert "no se puede usar junto con" in capsys.readouterr().err


def test_notebook_start_needs_a_lab_that_has_one():
    with pytest.raises(TutorError) as error:
        lab_request(load_course(), parse("laboratorio-libre", "--init", "notebook"))
    assert error.value.exit_code == 2 and "formulario" in str(error.value)


def test_without_a_terminal_it_says_so(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["lab", "neurona-lineal"]) == 1
    assert "necesita una terminal" in capsys.readouterr().err

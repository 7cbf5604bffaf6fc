"""What a student may ask for after `ssh -t -p 2222 ana@host`: `lab ID [...]` or `--lesson ID`
(either with `--ascii`).

The words are never given to a shell. They are split like a command line (quotes, no
expansion) and read by a small parser that shares the tutor's own validators; anything
else is refused with one Spanish line:

    launch_for("lab compuerta-and --seed 3", course) -> Launch(lab=LabRequest(...))
    launch_for("cat /etc/passwd", course)             -> raises Refused("...")
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass

from tutor.cli import _SPANISH, _learning_rate, _seed  # the tutor's own validators and wording
from tutor.errors import TutorError
from tutor.serve.client_input import MAX_COMMAND
from tutor.ui.lab_request import LabRequest

ACCEPTED = "solo se aceptan 'lab ID [--seed N | --init notebook] [--lr X]' o '--lesson ID' (y --ascii)"


class Refused(Exception):
    """The request is not one a student may make; the message is the one line they see."""


@dataclass(frozen=True)
class Launch:
    """Where the student's app opens: the home screen, a lesson, or a lab."""
    lesson_id: str | None = None
    lab: LabRequest | None = None
    ascii: bool = False  # `--ascii`: charts without braille, as `tutor --ascii`


class _WordParser(argparse.ArgumentParser):
    """argparse that raises Refused instead of printing and exiting (no --help either)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, add_help=False, allow_abbrev=False, exit_on_error=False, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, spanish in _SPANISH:
            message = pattern.sub(spanish, message)
        raise Refused(f"{message}; {ACCEPTED}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        raise Refused(ACCEPTED)


def _parser() -> _WordParser:
    parser = _WordParser(prog="tutor")
    parser.add_argument("--lesson", metavar="ID")
    parser.add_argument("--ascii", action="store_true")
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", parser_class=_WordParser)
    lab = commands.add_parser("lab")
    lab.add_argument("lab", metavar="LAB")
    start = lab.add_mutually_exclusive_group()
    start.add_argument("--seed", type=_seed, metavar="N", dest="start_seed")
    start.add_argument("--init", choices=["notebook", "random"], default=None)
    lab.add_argument("--lr", type=_learning_rate, metavar="X")
    lab.add_argument("--ascii", action="store_true", dest="lab_ascii")
    return parser


def launch_for(command: str | None, course) -> Launch:  # noqa: ANN001 - a loaded Course
    """The Launch an exec request (None: a shell request) asks for, or Refused."""
    if command is None:
        return Launch()
    if len(command) > MAX_COMMAND or not command.isprintable():
        raise Refused(ACCEPTED)
    try:
        words = shlex.split(command)
    except ValueError:  # an unclosed quote
        raise Refused(ACCEPTED) from None
    if not words:
        return Launch()
    try:
        args = _parser().parse_args(words)
    except argparse.ArgumentError as error:
        _WordParser().error(str(error))
        raise  # not reached
    if args.command == "lab":
        if args.lesson is not None:
            raise Refused(f"'--lesson' y 'lab' no van juntos; {ACCEPTED}")
        from tutor.commands.lab import lab_request

        try:
            return Launch(lab=lab_request(course, args), ascii=args.ascii or args.lab_ascii)
        except TutorError as error:
            raise Refused(str(error)) from None
    if args.lesson is None:
        if args.ascii:
            return Launch(ascii=True)
        raise Refused(ACCEPTED)
    if course.lesson(args.lesson) is None:
        valid = ", ".join(lesson.id for lesson in course.lessons) or "(ninguna)"
        raise Refused(f"no hay ninguna lección «{args.lesson}»; ids válidos: {valid}")
    return Launch(lesson_id=args.lesson, ascii=args.ascii)

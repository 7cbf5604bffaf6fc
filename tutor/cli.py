"""Command line: `tutor` opens the app; sub-commands print and exit.

Imports nothing heavy: each sub-command's module is imported only when it runs, and
TensorFlow only inside the commands (and the app worker) that train.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Sequence

from tutor import __version__
from tutor.errors import TutorError


# argparse speaks English; the tutor speaks Spanish.
_SPANISH = [
    (re.compile(r"^argument COMANDO: invalid choice: (\S+) \(choose from (.*)\)$"),
     r"comando desconocido \1 (comandos: \2)"),
    (re.compile(r"invalid choice: (\S+) \(choose from (.*)\)"), r"valor no válido \1 (elige entre \2)"),
    (re.compile(r"^the following arguments are required: (.*)$"), r"falta: \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"no reconozco: \1"),
    (re.compile(r"not allowed with argument (\S+)"), r"no se puede usar junto con \1"),
    (re.compile(r"expected one argument"), "necesita un valor"),
    (re.compile(r"expected at least one argument"), "necesita al menos un valor"),
    (re.compile(r"^argument (\S+):"), r"argumento \1:"),
]


_NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 - argparse's own
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but in Spanish, and a usage error is one line on stderr and exit 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # `--lr -inf` or `--lr -1e-3`: a value, not an option (argparse only knows -1 and -.5).
        self._negative_number_matcher = _NEGATIVE_NUMBER
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="mostrar esta ayuda y salir")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, spanish in _SPANISH:
            message = pattern.sub(spanish, message)
        sys.stderr.write(f"tutor: {message} (ver 'tutor --help')\n")
        raise SystemExit(2)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"se esperaba un entero, no {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"debe ser 1 o más, no {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"la semilla debe ser un entero, no {text!r}") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"la semilla debe estar entre 0 y 4294967295, no {value}")
    return value


def _learning_rate(text: str) -> float:
    """A positive finite float in the one range of tutor.lessons.learning_rate (which also
    keeps out what float32 would turn into 0, like 1e-320)."""
    from tutor.lessons.learning_rate import lr_problem

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"el learning rate debe ser un número, no {text!r}") from None
    if not 0 < value < float("inf"):  # also NaN
        raise argparse.ArgumentTypeError(f"el learning rate debe ser un número positivo y finito, no {text}")
    problem = lr_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"el puerto debe ser un entero, no {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"el puerto debe estar entre 0 y 65535, no {value}")
    return value


def _shared_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options accepted both before and after a sub-command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--lessons", metavar="DIR", default=default,
                        help="usar este paquete de lecciones (o TUTOR_LESSONS) en vez del incluido")


def _app_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options of the app, accepted before `lab` and after it."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--student", metavar="NAME", default=default,
                        help="nombre del estudiante en su progreso")
    parser.add_argument("--no-skip", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="no permitir saltar ejercicios sin responderlos")
    parser.add_argument("--ascii", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="gráficos solo con caracteres ASCII, sin braille (automático con TERM=linux, "
                             "un locale que no es UTF-8 o TUTOR_ASCII=1)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tutor", description="Un tutor de terminal: cómo aprende una red neuronal.")
    parser.add_argument("--version", action="version", version=f"tutor {__version__}",
                        help="mostrar la versión y salir")
    _shared_options(parser, suppress=False)
    parser.add_argument("--lesson", metavar="ID", help="abrir directamente esta lección")
    parser.add_argument("--seed", type=_seed, metavar="N",
                        help="semilla de todos los inicios aleatorios (misma N, mismos números)")
    _app_options(parser, suppress=False)

    commands = parser.add_subparsers(dest="command", metavar="COMANDO", parser_class=_Parser)

    listing = commands.add_parser("list", help="listar lecciones y laboratorios con sus ids")
    _shared_options(listing, suppress=True)

    check = commands.add_parser("check", help="validar un paquete de lecciones")
    check.add_argument("dir", nargs="?", metavar="DIR", help="carpeta a validar (por defecto, la del curso)")
    _shared_options(check, suppress=True)

    key = commands.add_parser("key", help="la clave de respuestas de todos los ejercicios, para docentes")
    key.add_argument("--format", choices=["md", "csv"], default="md",
                     help="'md': Markdown por lección (por defecto); 'csv': una fila por ejercicio")
    _shared_options(key, suppress=True)

    lab = commands.add_parser("lab", help="abrir el tutor directamente en un laboratorio, listo para entrenar")
    lab.add_argument("lab", metavar="LAB", help="id del laboratorio (ver 'tutor list')")
    lab_start = lab.add_mutually_exclusive_group()
    lab_start.add_argument("--seed", type=_seed, metavar="N", dest="start_seed",
                           help="empezar desde un inicio aleatorio con esta semilla (el mismo que 'tutor run --seed N')")
    lab_start.add_argument("--init", choices=["notebook", "random"], default=None,
                           help="'notebook': los valores iniciales que imprimió el notebook")
    lab.add_argument("--lr", type=_learning_rate, metavar="X", help="learning rate inicial")
    _shared_options(lab, suppress=True)
    _app_options(lab, suppress=True)

    run = commands.add_parser("run", help="entrenar un laboratorio sin interfaz e imprimir la traza")
    run.add_argument("lab", metavar="LAB", help="id del laboratorio (ver 'tutor list')")
    run.add_argument("--epochs", type=_positive_int, metavar="N", help="número de épocas")
    run.add_argument("--lr", type=_learning_rate, metavar="X", help="learning rate")
    start = run.add_mutually_exclusive_group()
    start.add_argument("--seed", type=_seed, metavar="N", default=argparse.SUPPRESS,
                       help="inicio aleatorio con esta semilla")
    start.add_argument("--init", choices=["notebook", "random"], default=None,
                       help="'notebook': los valores iniciales que imprimió el notebook")
    run.add_argument("--every", type=_positive_int, metavar="K", help="imprimir cada K épocas")
    run.add_argument("--optimizer", metavar="NOMBRE",
                     help="cómo se actualizan los pesos: sgd (el del notebook), momentum, adam o rmsprop")
    run.add_argument("--batch-size", type=_positive_int, metavar="K",
                     help="K ejemplos por actualización (mini-batches barajados en cada época)")
    run.add_argument("--compare", metavar="A,B[,C,D]",
                     help="el mismo inicio con 2 a 4 optimizadores (p. ej. sgd,adam): sus pérdidas lado a lado")
    run.add_argument("--json", action="store_true", help="un objeto JSON por época impresa")
    _shared_options(run, suppress=True)

    progress = commands.add_parser("progress", help="resumen o exportación del progreso")
    progress.add_argument("--export", choices=["csv", "json"], help="exportar una fila por lección y ejercicio")
    progress.add_argument("--merge", nargs="+", metavar="FILE",
                          help="combinar exportaciones de toda una clase (con --export csv)")
    progress.add_argument("--output", "-o", metavar="FILE", help="escribir en FILE en vez de la salida estándar")
    progress.add_argument("--class", dest="class_dir", metavar="DIR",
                          help="la tabla de toda la clase de 'tutor serve --class DIR'")
    _shared_options(progress, suppress=True)

    serve = commands.add_parser("serve", help="dar la clase por SSH: cada estudiante entra con 'ssh -p 2222 NOMBRE@servidor'")
    serve.add_argument("--class", dest="class_dir", metavar="DIR", required=True,
                       help="carpeta de la clase: alumnos/NOMBRE.pub, progreso/, clave y registro del servidor")
    serve.add_argument("--host", default="127.0.0.1", help="dirección donde escuchar (por defecto 127.0.0.1; "
                                                           "0.0.0.0 para toda la red)")
    serve.add_argument("--port", type=_port, default=2222, help="puerto SSH (por defecto 2222; 0: uno libre)")
    serve.add_argument("--seed", type=_seed, metavar="N", default=argparse.SUPPRESS,
                       help="la semilla de la clase: todos ven los mismos inicios aleatorios")
    serve.add_argument("--code", metavar="CÓDIGO", help="código de clase para entrar sin clave "
                                                        "(solo nombres sin archivo en alumnos/)")
    serve.add_argument("--max-sessions", type=_positive_int, metavar="N",
                       help="sesiones a la vez (por defecto, las que caben en la memoria)")
    serve.add_argument("--idle-timeout", type=_positive_int, metavar="MIN", default=30,
                       help="cerrar (guardando) una sesión sin teclas en MIN minutos (por defecto 30)")
    serve.add_argument("--session-memory", type=_positive_int, metavar="MB", default=1536,
                       help="cerrar (guardando) una sesión que use más de MB de memoria propia (por defecto 1536)")
    serve.add_argument("--no-skip", action="store_true", default=argparse.SUPPRESS,
                       help="no permitir saltar ejercicios sin responderlos")
    _shared_options(serve, suppress=True)

    class_view = commands.add_parser("class", help="ver en vivo quién está dónde en la clase de 'tutor serve'")
    class_view.add_argument("class_dir", metavar="DIR", help="carpeta de la clase")
    _shared_options(class_view, suppress=True)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "list":
            from tutor.commands.list_lessons import execute
        elif args.command == "check":
            from tutor.commands.check import execute
        elif args.command == "key":
            from tutor.commands.key import execute
        elif args.command == "lab":
            from tutor.commands.lab import execute
        elif args.command == "run":
            from tutor.commands.run import execute
        elif args.command == "progress":
            from tutor.commands.progress import execute
        elif args.command == "serve":
            from tutor.commands.serve import execute
        elif args.command == "class":
            from tutor.commands.class_view import execute
        else:
            from tutor.commands.app import execute
        return execute(args)
    except TutorError as error:
        sys.stderr.write(f"tutor: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("tutor: interrumpido\n")
        return 130
    except BrokenPipeError:
        # `tutor run ... | head`: the reader left; nothing to report.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`tutor --ascii` (also after `lab LAB`), TUTOR_ASCII, and the automatic choice of ASCII
charts for terminals that cannot show braille (the Linux console, a non-UTF-8 locale)."""

from __future__ import annotations

import contextlib
import io

import pytest

from tutor.cli import build_parser, main
from tutor.ui.widgets.chart_style import ascii_terminal

UTF8 = {"TERM": "xterm-256color", "LANG": "es_ES.UTF-8"}


class Terminal(io.StringIO):
    """stderr as a UTF-8 terminal (Textual draws there)."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_the_option_is_accepted_before_and_after_lab():
    assert build_parser().parse_args(["--ascii"]).ascii is True
    assert build_parser().parse_args([]).ascii is False
    assert build_parser().parse_args(["lab", "compuerta-and", "--ascii"]).ascii is True
    assert build_parser().parse_args(["--ascii", "lab", "compuerta-and"]).ascii is True
    assert build_parser().parse_args(["lab", "compuerta-and"]).ascii is False


@pytest.mark.parametrize("environ, expected", [
    (UTF8, False),
    ({**UTF8, "TERM": "linux"}, True),  # the Linux console: no braille in its font
    ({**UTF8, "LANG": "es_ES.ISO-8859-1"}, True),
    ({**UTF8, "LANG": "C"}, True),
    ({"TERM": "xterm"}, True),  # no locale at all: "C"
    ({**UTF8, "LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # Python's own coercion of a "C" locale
    ({**UTF8, "LANG": "", "LC_ALL": "C.UTF-8"}, False),
    ({**UTF8, "LC_ALL": "POSIX"}, True),  # LC_ALL wins over LANG
    ({**UTF8, "LANG": "es_ES.utf8"}, False),
    ({**UTF8, "TUTOR_ASCII": "1"}, True),
    ({**UTF8, "TERM": "linux", "TUTOR_ASCII": "0"}, False),  # 0 turns the automatic choice off
])
def test_which_terminals_get_ascii_charts(environ, expected):
    assert ascii_terminal(environ, "utf-8") is expected


def test_an_output_encoding_that_is_not_utf8_gets_ascii():
    assert ascii_terminal(UTF8, "ISO-8859-1") is True
    assert ascii_terminal(UTF8, "UTF-8") is False and ascii_terminal(UTF8, None) is False


@pytest.mark.parametrize("argv, environ, expected", [
    (["lab", "compuerta-and"], UTF8, False),
    (["lab", "compuerta-and", "--ascii"], UTF8, True),
    (["--ascii"], UTF8, True),
    (["lab", "compuerta-and"], {**UTF8, "TERM": "linux"}, True),
    (["lab", "compuerta-and"], {**UTF8, "TUTOR_ASCII": "1"}, True),
    (["--ascii", "lab", "compuerta-and"], {**UTF8, "TUTOR_ASCII": "0"}, True),  # the option wins
])
def test_the_app_is_told_to_draw_ascii_charts(argv, environ, expected, monkeypatch, tmp_path):
    for name in ("TERM", "LANG", "LC_ALL", "LC_CTYPE", "TUTOR_ASCII", "TUTOR_LESSONS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setattr("tutor.ui.terminal.screen_on_private_stderr", lambda log: contextlib.nullcontext())
    opened = {}

    class App:
        return_code = 0

        def __init__(self, course, **options) -> None:
            opened.update(options)

        def run(self) -> None:
            pass

        def save(self) -> None:
            pass

    monkeypatch.setattr("tutor.ui.app.TutorApp", App)
    assert main(argv) == 0
    assert opened["ascii_charts"] is expected

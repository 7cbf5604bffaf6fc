"""The checks on what a client sends: names, terminal type, environment, window sizes."""

from __future__ import annotations

import pytest

from tutor.serve.client_input import printable, session_environment, terminal_type, valid_name, window_size


@pytest.mark.parametrize("name", ["ana", "Ana_2", "jose.luis", "b-o", "x" * 32, "0"])
def test_valid_names(name):
    assert valid_name(name)


@pytest.mark.parametrize("name", ["", ".ana", "-ana", "../ana", "ana/..", "a b", "añ", "x" * 33, "ana.", "..",
                                  "ana\x00", "ana\n", None, 3])
def test_invalid_names(name):
    assert not valid_name(name)


def test_terminal_type_keeps_plausible_names_only():
    assert terminal_type("xterm-256color") == "xterm-256color"
    assert terminal_type("screen.xterm+x") == "screen.xterm+x"
    assert terminal_type("xterm;rm -rf /") == "xterm-256color"
    assert terminal_type("") == "xterm-256color"
    assert terminal_type("x" * 100) == "xterm-256color"


def test_window_sizes_are_clamped():
    assert window_size(80, 24) == (80, 24)
    assert window_size(0, 0) == (80, 24)
    assert window_size(2**32 - 1, 2**31) == (1000, 500)
    assert window_size(-1, 30) == (80, 24)


def test_only_checked_variables_pass():
    env = session_environment({"LANG": "es_ES.UTF-8", "LC_ALL": "C", "LC_CTYPE": "es_ES.UTF-8@euro",
                               "COLORTERM": "truecolor", "NO_COLOR": "yes", "LD_PRELOAD": "/tmp/x.so",
                               "PATH": "/tmp", "TUTOR_DATA_DIR": "/etc", "LC_MESSAGES": "$(id)",
                               "TERM": "evil", "PYTHONPATH": "/tmp", "TUTOR_ASCII": "1"})
    assert env == {"LANG": "es_ES.UTF-8", "LC_ALL": "C", "LC_CTYPE": "es_ES.UTF-8@euro",
                   "COLORTERM": "truecolor", "NO_COLOR": "1", "TUTOR_ASCII": "1"}
    assert session_environment({"TUTOR_ASCII": "maybe"}) == {}


def test_printable_cannot_forge_log_lines():
    assert printable("ana\n2026 entra root") == "ana\\x0a2026 entra root"
    assert printable("x" * 50, 10) == "x" * 10 + "…"

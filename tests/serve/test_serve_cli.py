"""`tutor serve` refuses bad arguments with one Spanish line, before anything starts."""

from __future__ import annotations

import os

import pytest

from tutor.cli import main


def test_a_missing_class_dir_is_one_line(tmp_path, capsys):
    assert main(["serve", "--class", str(tmp_path / "nada")]) == 2
    assert capsys.readouterr().err == f"tutor: no existe la carpeta de la clase {tmp_path / 'nada'}\n"


def test_a_host_key_others_can_read_is_refused(tmp_path, capsys):
    (tmp_path / "host_key").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    os.chmod(tmp_path / "host_key", 0o644)
    assert main(["serve", "--class", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "la pueden leer otros (modo 0644)" in err and err.count("\n") == 1


def test_a_too_short_code_is_refused(tmp_path, capsys):
    assert main(["serve", "--class", str(tmp_path), "--code", "abc"]) == 2
    assert "al menos 4 caracteres" in capsys.readouterr().err


@pytest.mark.parametrize("args, says", [
    (["--port", "70000"], "el puerto debe estar entre 0 y 65535"),
    (["--max-sessions", "0"], "debe ser 1 o más"),
    (["--seed", "-1"], "la semilla debe estar entre"),
])
def test_bad_options_are_usage_errors(tmp_path, capsys, args, says):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--class", str(tmp_path), *args])
    assert exit_.value.code == 2
    assert says in capsys.readouterr().err


def test_serve_needs_a_class(capsys):
    with pytest.raises(SystemExit):
        main(["serve"])
    assert "falta: --class" in capsys.readouterr().err

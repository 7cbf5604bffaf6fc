"""What `tutor serve` prints when it starts: how students connect, counted in good Spanish."""

from __future__ import annotations

import pytest

from tutor.serve.class_dir import ClassDir
from tutor.serve.run import _announce
from tutor.serve.settings import ServeSettings

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOWkUjZfJdzhOl8o+fTyAw+NyZQYcU0UGSOxBZxnpjeX ana@aula\n"


@pytest.mark.parametrize("names, words", [(["ana"], "1 alumno con clave"), (["ana", "beto"], "2 alumnos con clave")])
def test_the_start_line_counts_the_students(tmp_path, capsys, names, words):
    (tmp_path / "alumnos").mkdir()
    for name in names:
        (tmp_path / "alumnos" / f"{name}.pub").write_text(KEY, encoding="utf-8")
    _announce(ClassDir(tmp_path), ServeSettings(), 2222, "SHA256:x")
    out = capsys.readouterr().out
    assert words in out and "ssh -p 2222 NOMBRE@127.0.0.1" in out

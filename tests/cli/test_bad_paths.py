"""Issue 13, items 6, 8 and 11: paths that cannot be used get one clear line, never a
traceback and never a hang: names over 255 bytes, FIFOs and other non-files, a data dir that
is a file, an output file in a folder that does not exist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.errors import TutorError
from tutor.lessons import load_course
from tutor.progress import Progress, ProgressStore

LONG = "x" * 300  # one path component over NAME_MAX (255 bytes)
GOOD = """+++
id = "una"
order = 1
title = "Una lección"
kind = "reading"
+++

## Página

Texto.
"""


def one_line_error(capsys, *argv: str, code: int = 1) -> str:
    try:
        returned = main(list(argv))
    except SystemExit as exit:  # argparse
        returned = exit.code
    out, err = capsys.readouterr()
    assert returned == code, (out, err)
    assert err.count("\n") == 1 and err.startswith("tutor: "), err
    assert "Traceback" not in err and "Errno" not in err
    return err


def run_tutor(*argv: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """`tutor ARGS` in a child process; a hang fails the test instead of blocking the suite."""
    return subprocess.run([sys.executable, "-m", "tutor", *argv], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "datos"))
    return tmp_path / "datos"


# -- item 6: a component over 255 bytes ----------------------------------------------------

@pytest.mark.parametrize("argv", [["check", "/tmp/" + LONG], ["list", "--lessons", "/tmp/" + LONG],
                                  ["check", "--lessons", f"/tmp/{LONG}/sub"]])
def test_a_lesson_folder_name_too_long_is_one_line(capsys, argv):
    err = one_line_error(capsys, *argv)
    assert "nombre demasiado largo" in err


def test_tutor_lessons_too_long_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("TUTOR_LESSONS", "/tmp/" + LONG)
    assert "nombre demasiado largo" in one_line_error(capsys, "check")


def test_tutor_data_dir_too_long_is_one_line(capsys, monkeypatch, pack):
    monkeypatch.setenv("TUTOR_DATA_DIR", "/tmp/" + LONG)
    err = one_line_error(capsys, "progress", "--lessons", str(pack))
    assert "nombre demasiado largo" in err and "TUTOR_DATA_DIR" in err


def test_the_app_with_a_data_dir_too_long_stops_with_one_line(tmp_path, monkeypatch, pack):
    monkeypatch.setenv("TUTOR_DATA_DIR", "/tmp/" + LONG)
    from tutor.ui.app import TutorApp

    with pytest.raises(TutorError, match="nombre demasiado largo"):
        TutorApp(load_course(pack), store=ProgressStore(), warm_up=False)


# -- item 8: a FIFO (or any non-file) where a file should be --------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_tutor_progress_never_blocks_on_a_fifo(tmp_path, pack, make_fifo):
    data = tmp_path / "datos"
    data.mkdir()
    make_fifo(data / "progress.json")
    done = run_tutor("progress", "--lessons", str(pack), env={"TUTOR_DATA_DIR": str(data)})
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") == 1 and "no es un archivo normal" in done.stderr
    assert "FIFO" in done.stderr and "progress.json.bak" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_progress_merge_of_a_fifo_is_one_line(tmp_path, make_fifo):
    make_fifo(tmp_path / "clase.csv")
    done = run_tutor("progress", "--merge", str(tmp_path / "clase.csv"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no es un archivo normal" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_store_sets_a_fifo_aside_without_blocking(data_dir, make_fifo):
    data_dir.mkdir()
    make_fifo(data_dir / "progress.json")
    store = ProgressStore()
    progress, notice = store.load()
    assert "no es un archivo normal" in notice and "FIFO" in notice and "dañado" not in notice
    store.save(progress)
    assert (data_dir / "progress.json").is_file()


# -- item 11: misleading messages ----------------------------------------------------------

def test_a_data_dir_that_is_a_regular_file_is_not_called_damaged_progress(tmp_path, capsys, monkeypatch, pack):
    afile = tmp_path / "afile"
    afile.write_text("notas de clase")
    monkeypatch.setenv("TUTOR_DATA_DIR", str(afile))
    err = one_line_error(capsys, "progress", "--lessons", str(pack))
    assert "es un archivo, no una carpeta" in err and "TUTOR_DATA_DIR" in err and "dañado" not in err
    assert afile.read_text() == "notas de clase"


def test_saving_into_a_data_dir_that_is_a_file_says_so(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("")
    with pytest.raises(TutorError) as raised:
        ProgressStore(afile / "progress.json").save(Progress())
    assert "es un archivo, no una carpeta" in str(raised.value) and "File exists" not in str(raised.value)


def test_export_into_a_file_as_folder_says_it_is_not_a_folder(tmp_path, capsys, data_dir, pack):
    afile = tmp_path / "afile"
    afile.write_text("")
    err = one_line_error(capsys, "progress", "--lessons", str(pack), "--export", "csv", "-o", str(afile / "x.csv"))
    assert "es un archivo, no una carpeta" in err and "File exists" not in err


def test_export_into_a_missing_folder_refuses_and_creates_nothing(tmp_path, capsys, data_dir, pack):
    target = tmp_path / "no-existe" / "dir" / "x.csv"
    err = one_line_error(capsys, "progress", "--lessons", str(pack), "--export", "csv", "-o", str(target))
    assert "no existe la carpeta" in err
    assert not (tmp_path / "no-existe").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_export_over_something_that_is_not_a_file_refuses(tmp_path, capsys, data_dir, pack, make_fifo):
    make_fifo(tmp_path / "tubo.csv")
    err = one_line_error(capsys, "progress", "--lessons", str(pack), "--export", "csv", "-o", str(tmp_path / "tubo.csv"))
    assert "no es un archivo normal" in err
    assert not (tmp_path / "tubo.csv").is_file()


def test_export_still_writes_a_plain_file(tmp_path, capsys, data_dir, pack):
    target = tmp_path / "x.csv"
    assert main(["progress", "--lessons", str(pack), "--export", "csv", "-o", str(target)]) == 0
    assert target.read_text().startswith("student,lesson_id")

"""Issue 13, items 8 and 10: every entry of a pack that looks like a lesson but cannot be read
(a symlink loop, a folder named x.md, a FIFO, a broken link, no permission) is reported as
`path:1: message`, by `tutor check` and on the home screen; a FIFO never blocks. Dotfiles
(macOS `._a.md`, editor locks `.#a.md`) are not lessons: skipped without a word."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lesson_packs import LAB, READING
from tutor.cli import main
from tutor.lessons import load_course

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "a.md").write_text(READING, encoding="utf-8")
    return pack


def errors_of(folder: Path) -> list[str]:
    return [str(error).replace(f"{folder}/", "") for error in load_course(folder).errors]


def test_a_symlink_loop_is_reported(folder):
    (folder / "b.md").symlink_to(folder / "b.md")
    assert errors_of(folder) == ["b.md:1: no se puede leer el archivo: demasiados enlaces simbólicos "
                                 "(¿un enlace que apunta a sí mismo?)"]


def test_a_broken_link_is_reported(folder):
    (folder / "b.md").symlink_to(folder / "no-existe.md")
    assert errors_of(folder) == ["b.md:1: no se puede leer el archivo: no existe (¿un enlace roto?)"]


def test_a_folder_named_like_a_lesson_is_reported(folder):
    (folder / "08-x.md").mkdir()
    assert errors_of(folder) == ["08-x.md:1: no se puede leer el archivo: no es un archivo normal, es una carpeta"]


@needs_fifo
def test_a_fifo_lesson_is_reported_without_blocking(folder, make_fifo):
    make_fifo(folder / "b.md")
    assert errors_of(folder) == ["b.md:1: no se puede leer el archivo: no es un archivo normal, "
                                 "es una tubería (FIFO)"]


@needs_fifo
@pytest.mark.parametrize("name", ["datasets.toml", "course.toml"])
def test_a_fifo_pack_settings_file_is_reported_without_blocking(folder, name, make_fifo):
    make_fifo(folder / name)
    assert errors_of(folder) == [f"{name}:1: no se puede leer el archivo: no es un archivo normal, "
                                 "es una tubería (FIFO)"]


@pytest.mark.parametrize("name", ["datasets.toml", "course.toml"])
def test_a_folder_as_pack_settings_file_is_reported(folder, name):
    (folder / name).mkdir()
    assert errors_of(folder) == [f"{name}:1: no se puede leer el archivo: no es un archivo normal, es una carpeta"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_lesson_without_read_permission_is_reported(folder):
    path = folder / "b.md"
    path.write_text(LAB, encoding="utf-8")
    path.chmod(0)
    try:
        assert errors_of(folder) == ["b.md:1: no se puede leer el archivo: permiso denegado"]
    finally:
        path.chmod(0o644)


def test_a_read_error_is_reported_in_spanish(folder, monkeypatch):
    """Whatever errno the system gives (here EACCES, which root never sees), one Spanish line."""
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("a.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert errors_of(folder) == ["a.md:1: no se puede leer el archivo: permiso denegado"]


@pytest.mark.parametrize("name", ["._a.md", ".#a.md", ".oculta.md"])
def test_dotfiles_are_not_lessons(folder, name):
    (folder / name).write_bytes(b"\x00\x05\x16\x07 AppleDouble \xff\xfe")
    assert errors_of(folder) == []
    assert [lesson.id for lesson in load_course(folder).lessons] == ["leccion"]


def test_check_reports_them_and_says_there_are_problems(folder, capsys):
    (folder / "08-x.md").mkdir()
    (folder / "c.md").symlink_to(folder / "c.md")
    assert main(["check", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert f"{folder}/08-x.md:1: no se puede leer el archivo: no es un archivo normal, es una carpeta\n" in out
    assert f"{folder}/c.md:1: no se puede leer el archivo: demasiados enlaces simbólicos" in out
    assert "sin problemas" not in out + err and "2 problema(s)" in err


def test_a_folder_with_only_unreadable_lessons_is_checked_not_called_empty(tmp_path, capsys):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "a.md").mkdir()
    assert main(["check", str(folder)]) == 1
    out, _ = capsys.readouterr()
    assert "a.md:1: no se puede leer el archivo" in out


async def test_the_home_screen_lists_them(folder, tmp_path):
    from textual.widgets import OptionList

    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp

    (folder / "08-x.md").mkdir()
    app = TutorApp(load_course(folder), store=ProgressStore(tmp_path / "datos" / "progress.json"), warm_up=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]
        assert f"✗ {folder}/08-x.md:1: no se puede leer el archivo: no es un archivo normal, es una carpeta" in shown

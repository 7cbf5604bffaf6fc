"""TutorApp with a pilot: home, pages, n / p across lessons, --lesson, broken lessons, help,
the command palette, progress and resume. Exercises and the glossary: test_app_exercises.py,
test_app_glossary.py. The data dir is a temp dir (TUTOR_DATA_DIR)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from textual.widgets import OptionList
from textual.widgets._markdown import MarkdownTable

from app_pack import write_pack
from tutor.commands.app import execute
from tutor.errors import TutorError
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.exercises import ExercisesScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.reading import ReadingScreen
from screen_reader import screen_text


@pytest.fixture
def pack(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    return write_pack(tmp_path / "pack")


def make_app(pack, **options) -> TutorApp:
    return TutorApp(load_course(pack), store=ProgressStore(), warm_up=False, **options)


def position(app: TutorApp) -> tuple[str, int, str]:
    screen = app.screen
    return screen.step.lesson.id, screen.step.index, type(screen).__name__


async def test_home_shows_lessons_kinds_and_progress(pack):
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        for expected in ("Curso de prueba", "1. Conceptos", "lectura", "2. Repaso", "ejercicios",
                         "3. Una neurona simple", "laboratorio", "4. Glosario esencial", "glosario",
                         "0/2 · 0%", "0/3 · 0%"):
            assert expected in text
        done, total = app.progress.course_done(app.course)
        assert f"{done}/{total} · 0%" in text
        assert "Continuar" not in text  # nothing to continue yet


async def test_enter_opens_the_highlighted_lesson(pack):
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert position(app) == ("repaso", 0, "ReadingScreen")
        assert "Responde dos preguntas." in screen_text(app)


async def test_reading_page_shows_text_and_table(pack):
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("intro", 0, "ReadingScreen")
        text = screen_text(app)
        assert "Una red aprende ajustando sus pesos paso a paso." in text
        assert "Calcular predicción usando pesos actuales" in text
        assert "┌" in text and "│ Loss" in text  # drawn as a table
        assert app.screen.query(MarkdownTable)
        assert "1. Conceptos · paso 1/2 · Conceptos" in text


async def test_n_and_p_walk_pages_exercises_and_lessons(pack):
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        seen = [position(app)]
        for key in ("n", "right", "n"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(position(app))
        assert seen == [("intro", 0, "ReadingScreen"), ("intro", 1, "ReadingScreen"),
                        ("repaso", 0, "ReadingScreen"), ("repaso", 1, "ExercisesScreen")]
        for key, expected in (("p", ("repaso", 0, "ReadingScreen")), ("left", ("intro", 1, "ReadingScreen")),
                              ("p", ("intro", 0, "ReadingScreen"))):
            await pilot.press(key)
            await pilot.pause()
            assert position(app) == expected
        await pilot.press("p")  # first step of the course: stays, says so
        await pilot.pause()
        assert position(app) == ("intro", 0, "ReadingScreen")
        assert any("primer paso" in n.message for n in app._notifications)
        assert len(app.screen_stack) == 2  # home + one step, never a pile of screens


async def test_escape_goes_home_and_continue_resumes(pack):
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Continuar: 1. Conceptos  (paso 2 de 2)" in text
        assert "2/2 · 100%" in text  # both pages read
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("intro", 1, "ReadingScreen")


async def test_resume_after_restart(pack):
    first = make_app(pack)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")  # Repaso
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert position(first) == ("repaso", 1, "ExercisesScreen")
    saved = json.loads(ProgressStore().path.read_text("utf-8"))
    assert saved["position"] == {"lesson": "repaso", "page": 1}

    second = make_app(pack)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Continuar: 2. Repaso" in screen_text(second)
        await pilot.press("enter")
        await pilot.pause()
        assert position(second) == ("repaso", 1, "ExercisesScreen")


async def test_lesson_option_opens_it_directly(pack):
    app = make_app(pack, lesson_id="repaso")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert position(app) == ("repaso", 0, "ReadingScreen")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_unknown_lesson_is_one_line_exit_2_listing_ids(pack):
    args = argparse.Namespace(lessons=str(pack), lesson="no-existe", seed=None, student=None, no_skip=False)
    with pytest.raises(TutorError) as raised:
        execute(args)
    assert raised.value.exit_code == 2
    message = str(raised.value)
    assert "no-existe" in message and "\n" not in message
    for lesson_id in ("intro", "repaso", "neurona", "glosario"):
        assert lesson_id in message


async def test_broken_lesson_listed_with_path_line_and_others_work(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    pack = write_pack(Path("pack"), broken=True)
    app = make_app(pack)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "pack/05-rota.md:6: clave desconocida 'colour'" in text
        assert "Lección rota" not in text  # not offered as a lesson
        lessons = app.screen.query_one("#home-lessons", OptionList)
        broken = [lessons.get_option_at_index(i) for i in range(lessons.option_count)
                  if "05-rota.md" in str(lessons.get_option_at_index(i).prompt)]
        assert broken and all(option.disabled for option in broken)
        await pilot.press("end", "enter")  # the last openable row
        await pilot.pause()
        assert position(app)[0] == "glosario"


async def test_help_lists_every_key_of_the_app_and_the_lab(pack):
    from tutor.ui.screens.lab import LabScreen
    from tutor.ui.screens.help import key_label

    app = make_app(pack)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one("#help-text").source
        for key in ("`n`", "`p`", "`→`", "`←`", "`g`", "`?`", "`q`", "`^p`", "`h`", "`Escape`"):
            assert key in source
        for binding in LabScreen.BINDINGS:
            if binding.tooltip or binding.description:
                assert f"`{binding.key_display or key_label(binding.key)}`" in source
                assert (binding.tooltip or binding.description) in source
        assert "`1 … 9`" in source  # the options of a prediction: a digit, then Enter
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_lists_and_opens_lessons(pack):
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Repaso")
        await pilot.pause(0.3)
        assert "Lección 2: Repaso" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert position(app) == ("repaso", 0, "ReadingScreen")


async def test_corrupt_progress_file_is_set_aside_with_a_notice(pack, tmp_path):
    path = ProgressStore().path
    path.parent.mkdir(parents=True)
    path.write_text("{ roto", "utf-8")
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("progress.json.bak" in message for message in messages)
    assert path.with_name("progress.json.bak").read_text("utf-8") == "{ roto"


async def test_student_name_labels_progress(pack):
    app = make_app(pack, student="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Curso de prueba · Ana" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert json.loads(ProgressStore().path.read_text("utf-8"))["student"] == "Ana"


@pytest.mark.parametrize("size", [(20, 8), (40, 12), (200, 50)])
async def test_small_and_large_terminals_and_resizes(pack, size):
    app = make_app(pack)
    async with app.run_test(size=size) as pilot:
        for key in ("enter", "n", "g", "escape", "n", "question_mark", "escape"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.resize_terminal(*reversed(size)) if key == "n" else None
        await pilot.resize_terminal(12, 5)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, (ReadingScreen, ExercisesScreen))


async def test_no_color_keeps_everything_readable(pack, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await pilot.pause()
        assert "░░░░░░░░░░" in screen_text(app)  # progress bars are characters, not colours
        await pilot.press("enter")
        await pilot.pause()
        assert "Calcular predicción usando pesos actuales" in screen_text(app)

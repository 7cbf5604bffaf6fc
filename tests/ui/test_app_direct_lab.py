"""`tutor lab LAB`: the app opens on the lab, ready to step; Escape goes to its lesson."""

from __future__ import annotations

import pytest

from test_lab_screen import idle, open_lab, until
from tutor.engine import start_values
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.screens.free_lab import FreeLabScreen
from tutor.ui.screens.reading import ReadingScreen
from tutor.lab.numbers import num
from screen_reader import screen_text


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def make_app(request: LabRequest) -> TutorApp:
    return TutorApp(load_course(), store=ProgressStore(), lab=request, warm_up=False)


async def test_notebook_start_shows_the_notebooks_first_epoch_and_escape_goes_to_the_lesson():
    app = make_app(LabRequest("neurona-lineal", init="notebook"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        assert app.step.lesson.id == "neurona-lineal"
        await pilot.press("e")
        await idle(pilot, screen)
        text = screen_text(app)
        assert "7.3219" in text and "1.3589" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReadingScreen), what="the lesson's first page")
        assert app.step.lesson.id == "neurona-lineal" and app.step.index == 0


async def test_seed_and_lr_set_the_start_and_the_rate():
    course = load_course()
    app = make_app(LabRequest("compuerta-and", start_seed=7, lr=0.4))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot)
        assert screen.lr == 0.4 and screen.run.start == start_values(course.lab("compuerta-and"), "random", 7)
        await pilot.press("e")
        await idle(pilot, screen)
        assert screen.run.current.lr == pytest.approx(0.4)
        assert "lr 0.4" in screen_text(app)
        assert num(screen.run.start["w"][0]) in screen_text(app)


async def test_the_free_lab_opens_its_form():
    app = make_app(LabRequest("laboratorio-libre"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FreeLabScreen), what="the free lab form")

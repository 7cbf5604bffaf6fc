"""The free lab's form and the lab it opens (pilot): per-line errors, XOR failing visibly, Escape back."""

from __future__ import annotations

import math
import time

import pytest
from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from tutor.lessons.model import Course, Dataset, Exercise, Goal, LabSpec, Lesson
from tutor.lessons.free_lab import OWN_POINTS
from tutor.ui.screens.free_lab import FreeLabScreen
from screen_reader import screen_text

SQUARE = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
DATASETS = {
    "and": Dataset("and", "Compuerta AND", ("x1", "x2"), "y", SQUARE, (0.0, 0.0, 0.0, 1.0)),
    "xor": Dataset("xor", "Compuerta XOR", ("x1", "x2"), "y", SQUARE, (0.0, 1.0, 1.0, 0.0),
                   note="Ninguna recta separa las clases de XOR."),
    "ejemplo-1": Dataset("ejemplo-1", "Ejemplo 1", ("x",), "y_real", ((1.0,), (2.0,), (3.0,), (4.0,)),
                         (3.0, 5.0, 7.0, 9.0)),
}
LINEAL = LabSpec("neurona-lineal", "Ejemplo 1", DATASETS["ejemplo-1"], "lineal", "mse", 0.01, 100, 10, ("w", "b"))
GOAL_AND = Exercise("and-rapido", "goal", "Baja la loss de AND", 5, goal=Goal(0.3, 500, dataset="and"))
GOAL_ANY = Exercise("cualquiera", "goal", "Baja la loss", 9, goal=Goal(0.5, 100))
FREE = Lesson("laboratorio-libre", 5, "Laboratorio libre", "free-lab", "libre.md", exercises=(GOAL_AND, GOAL_ANY))
COURSE = Course("Curso", (Lesson("neurona-lineal", 1, "Ejemplo 1", "lab", "l.md", lab=LINEAL), FREE),
                datasets=DATASETS)


# -- the screen (pilot) ---------------------------------------------------------------------

class Host(App):
    def __init__(self, course: Course, **options) -> None:
        super().__init__()
        self.course = course
        self.options = options
        self.progressed = []

    def on_mount(self) -> None:
        self.push_screen(FreeLabScreen(self.course, **self.options))

    def on_lab_screen_progressed(self, message) -> None:
        self.progressed.append(message)


async def wait_until(pilot, condition, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.1)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_xor_opens_the_lab_loss_stays_high_and_the_lab_says_why():
    from tutor.ui.screens.lab import LabScreen
    from tutor.ui.widgets.interpretation_panel import InterpretationPanel

    app = Host(COURSE, seed=11)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = "xor"
        await pilot.pause()
        assert form.query_one("#free-lab-model", Select).value == "sigmoide"
        assert form.query_one("#free-lab-loss", Select).value == "bce"
        assert "Ninguna recta separa las clases de XOR." in screen_text(app)
        form.query_one("#free-lab-epochs", Input).value = "600"
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, LabScreen))
        lab = app.screen
        assert lab.spec.dataset.id == "xor" and lab.lesson.id == "laboratorio-libre-xor"
        await wait_until(pilot, lambda: not lab.busy)
        await pilot.press("r")
        await wait_until(pilot, lambda: lab.run.epochs_run == 600 and not lab.busy)
        await pilot.pause()
        assert abs(lab.run.records[-1].loss - math.log(2)) < 0.02  # stuck near ln 2 = 0.693
        panel = lab.query_one(InterpretationPanel)
        assert panel.display and "ninguna recta" in panel.text and "**Capa**" in panel.text
        lab.query_one("#lab-body").scroll_end(animate=False)  # the interpretation comes last
        await pilot.pause()
        shown = screen_text(app)
        assert "ninguna recta" in shown and "Capa" in shown and "glosario" in shown
        assert app.progressed and app.progressed[-1].lesson_id == "laboratorio-libre-xor"
        await pilot.press("escape")  # from the interpretation back up to the loop
        await pilot.pause()
        assert app.screen is lab and lab.query_one("#lab-body").scroll_y == 0
        await pilot.press("escape")  # then back to the form
        await wait_until(pilot, lambda: app.screen is form)


async def test_typed_points_show_per_line_errors_then_train():
    from tutor.ui.screens.lab import LabScreen

    app = Host(COURSE)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = OWN_POINTS
        await pilot.pause()
        area = form.query_one("#free-lab-points", TextArea)
        assert area.display
        area.text = "1 1 0\n2 x 1\n3 3\n"
        await pilot.pause()
        shown = text_of(form, "#free-lab-points-errors")
        assert "línea 2: «x» no es un número" in shown and "línea 3: hay 2 valores" in shown
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen is form  # nothing opens while a line is wrong
        assert "línea 2" in text_of(form, "#free-lab-points-errors")

        area.text = "1 1 0\n2 1 3\n"
        await pilot.pause()
        assert "línea 2: la clase es 3" in text_of(form, "#free-lab-points-errors")

        area.text = "# mis puntos\n1 1 0\n2 1 0\n4 5 1\n5 7 1\n"
        await pilot.pause()
        assert "4 puntos listos" in text_of(form, "#free-lab-points-errors")
        form.query_one("#free-lab-lr", Input).value = "rápido"
        await pilot.pause()
        assert "Learning rate: «rápido» no es un número" in text_of(form, "#free-lab-errors")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen is form
        form.query_one("#free-lab-lr", Input).value = "0.1"
        form.query_one("#free-lab-epochs", Input).value = "20"
        await pilot.pause()
        assert text_of(form, "#free-lab-errors") == ""
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, LabScreen))
        lab = app.screen
        assert lab.spec.dataset.inputs == ((1.0, 1.0), (2.0, 1.0), (4.0, 5.0), (5.0, 7.0))
        assert lab.spec.dataset.targets == (0.0, 0.0, 1.0, 1.0) and lab.spec.epochs == 20
        await wait_until(pilot, lambda: not lab.busy)
        await pilot.press("e")
        await wait_until(pilot, lambda: lab.run.epochs_run == 1 and not lab.busy)
        assert lab.run.records[0].lr == pytest.approx(0.1)


async def test_lineal_model_on_two_columns_is_refused_with_a_message():
    app = Host(COURSE)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = "and"
        await pilot.pause()
        form.query_one("#free-lab-model", Select).value = "lineal"
        await pilot.pause()
        assert "una sola entrada" in text_of(form, "#free-lab-errors")  # said at once
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen is form
        assert "una sola entrada" in text_of(form, "#free-lab-errors")


async def test_dataset_choice_fills_the_course_labs_settings():
    app = Host(COURSE)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = "ejemplo-1"
        await pilot.pause()
        assert form.query_one("#free-lab-model", Select).value == "lineal"
        assert form.query_one("#free-lab-loss", Select).value == "mse"
        assert form.query_one("#free-lab-lr", Input).value == "0.01"
        assert form.query_one("#free-lab-epochs", Input).value == "100"
        assert not form.query_one("#free-lab-points", TextArea).display


async def test_in_the_tutor_app_with_the_built_in_course(tmp_path, monkeypatch):
    """The app's free-lab step opens this form; a run is recorded; Escape returns to the form."""
    from tutor.lessons import load_course
    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp
    from tutor.ui.navigation import FREE_LAB, lesson_steps
    from tutor.ui.screens.lab import LabScreen

    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    course = load_course()
    free = next(lesson for lesson in course.lessons if lesson.kind == "free-lab")
    app = TutorApp(course, store=ProgressStore(), seed=5, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_step(next(step for step in lesson_steps(free) if step.kind == FREE_LAB))
        await wait_until(pilot, lambda: isinstance(app.screen, FreeLabScreen))
        form = app.screen
        assert set(form.datasets) == set(course.datasets)
        form.query_one("#free-lab-dataset", Select).value = "xor"
        await pilot.pause()
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, LabScreen))
        lab = app.screen
        await wait_until(pilot, lambda: not lab.busy)
        await pilot.press("e")
        await wait_until(pilot, lambda: lab.run.epochs_run == 1 and not lab.busy)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form)
        assert app.progress.lab("laboratorio-libre-xor").epochs_run == 1


async def test_the_network_solves_xor_in_the_free_lab():
    from tutor.ui.screens.lab import LabScreen

    app = Host(COURSE, seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = "xor"
        await pilot.pause()
        assert not form.query_one("#free-lab-network").display  # one neuron first
        form.query_one("#free-lab-model", Select).value = "red"
        await pilot.pause()
        assert form.query_one("#free-lab-network").display and "Capa oculta" in screen_text(app)
        form.query_one("#free-lab-hidden", Select).value = 4
        form.query_one("#free-lab-activation", Select).value = "tanh"
        form.query_one("#free-lab-epochs", Input).value = "2000"
        await pilot.pause()
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, LabScreen))
        lab = app.screen
        assert (lab.spec.model, lab.spec.hidden_size, lab.spec.activation) == ("red", 4, "tanh")
        await wait_until(pilot, lambda: not lab.busy)
        await pilot.press("r")
        await wait_until(pilot, lambda: lab.run.epochs_run == 2000 and not lab.busy)
        await pilot.pause()
        assert lab.run.records[-1].loss < 0.1  # what one neuron could not do
        assert len(lab.run.records[-1].params_after["W1"]) == 8
        assert "Regiones" in screen_text(app)

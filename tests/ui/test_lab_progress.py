"""Nothing a student did in the lab is lost, nothing crashes (issue 13, items 3, 5, 12a, 12c):
steps saved exactly as shown at exit (q, SIGHUP), a free-lab run in progress saved on q, p then
Ctrl+T in the free lab, a loss that grows flagged, n pressed quickly never dropped."""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest
from textual.widgets import Input, Select

from lab_pilot import idle, open_lab, status, until, whole_epochs
from test_signals import TUTOR, Terminal
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.navigation import FREE_LAB, lesson_steps, next_step, previous_step, step_at
from tutor.ui.screens.free_lab import FreeLabScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lab import LabScreen


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)
    return tmp_path / "data"


def saved_lab(lesson_id: str):
    return ProgressStore().load()[0].lab(lesson_id)


async def test_four_quick_epochs_then_q_are_all_saved(data_dir):
    app = TutorApp(load_course(), store=ProgressStore(), lab=LabRequest("neurona-lineal", init="notebook"),
                   warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)  # the prediction about epoch 0 answered on the way
        for _ in range(3):  # well within the 2 s between saves while stepping
            await pilot.press("e")
            await idle(pilot, screen)
        await pilot.press("q")
    lab = saved_lab("neurona-lineal")
    assert lab is not None and lab.epochs_run == 4
    assert lab.best_loss == pytest.approx(min(record.loss for record in screen.run.records))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")
def test_sighup_right_after_four_epochs_saves_all_four(data_dir):
    env = {**os.environ, "TUTOR_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
    # This lab's first prediction is about epoch 10: four e's go straight through.
    term = Terminal([*TUTOR, "lab", "optimizadores", "--init", "notebook"], env)
    try:
        term.wait_for("(0/2000) · lr")
        term.send("eeee")  # kept while TensorFlow loads, then run one after the other
        term.wait_for("Época 3 (4/2000)", timeout=120)
        os.kill(term.pid, signal.SIGHUP)  # the SSH link drops at once
        status_code = term.wait_exit()
    finally:
        try:
            os.kill(term.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert os.WIFEXITED(status_code)
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))
    assert saved["lessons"]["optimizadores"]["lab"]["epochs_run"] == 4


async def test_a_free_lab_run_in_progress_is_saved_as_shown_on_q(data_dir):
    course = load_course()
    free = next(lesson for lesson in course.lessons if lesson.kind == "free-lab")
    app = TutorApp(course, store=ProgressStore(), warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_step(next(step for step in lesson_steps(free) if step.kind == FREE_LAB))
        await until(pilot, lambda: isinstance(app.screen, FreeLabScreen), what="the free lab form")
        form = app.screen
        form.query_one("#free-lab-dataset", Select).value = "xor"
        await pilot.pause()
        form.query_one("#free-lab-epochs", Input).value = "100000"
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, LabScreen), what="the lab")
        lab = app.screen
        await until(pilot, lambda: lab.ready and not lab.busy, what="TensorFlow")
        lab.action_run()
        await until(pilot, lambda: lab.run.epochs_run >= 100, what="a run under way")
        assert lab.training  # 100 000 epochs: still running when q comes
        await pilot.press("q")
    shown = lab.run.epochs_run
    assert 100 <= shown < 100_000
    assert saved_lab("laboratorio-libre-xor").epochs_run == shown


async def test_p_then_ctrl_t_in_the_free_lab_never_crashes(data_dir):
    course = load_course()
    free = next(lesson for lesson in course.lessons if lesson.kind == "free-lab")
    form_step = next(step for step in lesson_steps(free) if step.kind == FREE_LAB)
    app = TutorApp(course, store=ProgressStore(), warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_step(form_step)
        await until(pilot, lambda: isinstance(app.screen, FreeLabScreen), what="the free lab form")
        await pilot.press("p", "ctrl+t")  # typed faster than the form goes away
        before = previous_step(course, form_step)
        await until(pilot, lambda: getattr(app.screen, "step", None) == before, what="the previous step")
        await pilot.pause(0.5)
        assert app.step == before and app.screen.step == before and not isinstance(app.screen, LabScreen)


async def test_a_sigmoid_lab_whose_loss_grows_is_flagged(data_dir):
    app = TutorApp(load_course(), store=ProgressStore(), lab=LabRequest("compuerta-and", init="notebook", lr=8.6e8),
                   warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 3)
        losses = [record.loss for record in screen.run.records]
        assert losses[-1] > losses[0] and not screen.run.diverged()  # finite, and worse than at the start
        assert "La loss subió" in status(screen) and screen.query_one("#lab-status").has_class("-rising")


async def test_n_pressed_while_one_step_replaces_another_is_never_dropped(data_dir, monkeypatch):
    """A key typed while a step is being replaced (n pressed 0.15 s apart on a busy machine)
    still counts: the home screen never shows in between, and n is enabled all along."""
    course = load_course()
    app = TutorApp(course, store=ProgressStore(), lesson_id="conceptos", warm_up=False)
    seen: list[tuple[str, bool]] = []

    def watch(screen) -> None:  # noqa: ANN001 - every screen that becomes the active one
        seen.append((type(screen).__name__, bool(app.check_action("next", ()))))

    monkeypatch.setattr(HomeScreen, "on_screen_resume", lambda self: watch(self))
    expected = step_at(course, "conceptos")
    for _ in range(8):
        expected = next_step(course, expected)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.step is not None and app.screen.__class__.__name__ == "ReadingScreen",
                    what="the lesson")
        seen.clear()
        await pilot.press(*[key for _ in range(8) for key in ("n", "wait:150")])
        await until(pilot, lambda: app.step == expected, timeout=10, what=f"step {expected}")
        await pilot.pause(0.3)
        assert app.screen.step == expected
    assert all(enabled for _, enabled in seen), seen
    assert not seen  # the steps replaced one another: home never came up

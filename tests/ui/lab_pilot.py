"""What the lab's pilot tests share: waiting for the lab, reading its panels, and the engine's
own records to compare them with (each test runs its own Trainer on the same spec and start)."""

from __future__ import annotations

import math
import time

from tutor.engine import Trainer, hand_gradients
from tutor.lab.numbers import num, param_labels
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.lab_status import LabStatus
from tutor.ui.widgets.phase_panel import PhasePanel

SIZE = (120, 40)


def expected_records(spec, start, epochs: int, lr: float | None = None) -> list:
    trainer = Trainer(spec, start, lr=lr)
    return [trainer.step() for _ in range(epochs)]


async def until(pilot, condition, timeout: float = 60.0, what: str = "condition") -> None:
    """Let the app work until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def idle(pilot, screen: LabScreen) -> None:
    await until(pilot, lambda: not screen.busy, what="the lab to be idle")
    await pilot.pause()


def panels(screen: LabScreen) -> list[PhasePanel]:
    return list(screen.query(PhasePanel))


def status(screen: LabScreen) -> str:
    return screen.query_one(LabStatus).plain


def card(screen: LabScreen, kind: str) -> ExerciseCard:
    return next(c for c in screen.query(ExerciseCard) if c.exercise.kind == kind)


async def open_lab(pilot) -> LabScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, LabScreen), what="the lab screen")
    screen = pilot.app.screen
    await idle(pilot, screen)
    return screen


def assert_forward(panel: PhasePanel, spec, record) -> None:
    text = panel.plain
    for value in record.forward["y_pred"]:
        assert num(value) in text
    if spec.model == "sigmoide":
        for value in record.forward["z"]:
            assert num(value) in text
    for name in spec.params:
        for value in record.params_before[name]:
            assert num(value) in text


def assert_loss(panel: PhasePanel, record) -> None:
    assert f"= {record.loss:.4f}" in panel.plain
    for term in record.sample_losses:
        assert num(term) in panel.plain
    assert math.isclose(sum(record.sample_losses) / len(record.sample_losses), record.loss, rel_tol=1e-5)


def assert_gradients(panel: PhasePanel, spec, record) -> None:
    hand = hand_gradients(spec, record)
    lines = panel.plain.splitlines()
    for name in spec.params:
        for i, label in enumerate(param_labels(name, len(record.grads[name]))):
            row = next(line for line in lines if line.split() and line.split()[0] == f"d{label}")
            assert row.split()[1:3] == [num(record.grads[name][i]), num(hand[name][i])]
            assert "✓" in row


def assert_update(panel: PhasePanel, spec, record) -> None:
    lines = panel.plain.splitlines()
    for name in spec.params:
        for i, label in enumerate(param_labels(name, len(record.params_after[name]))):
            row = next(line for line in lines if line.split() and line.split()[0] == label)
            before_update, after_update = row.split(" = ")
            assert after_update.strip() == num(record.params_after[name][i])
            assert before_update.split()[1] == num(record.params_before[name][i])
            assert f"{record.lr:g}·" in before_update


def fully_visible(widget) -> bool:
    """The whole widget is on the terminal: displayed, not cut off, not scrolled away."""
    try:
        geometry = widget.screen.find_widget(widget)
    except Exception:  # noqa: BLE001 - not in the picture at all (hidden, scrolled off)
        return False
    region = geometry.region
    return widget.display and region.area > 0 and geometry.clip.contains_region(region) and \
        widget.screen.region.contains_region(region)


async def answer_gate(pilot, screen: LabScreen, right: bool = True) -> None:
    """Answer the predict gate on screen as a student would: the option's digit, then Enter."""
    exercise = screen.session.gate
    value = screen.session.live_value(exercise)
    sign = "cero" if value == 0 else "positivo" if value > 0 else "negativo"
    choices = screen.drawing.gate.choices
    await until(pilot, lambda: screen.drawing.gate.choices is not None, what="the gate's options")
    choices = screen.drawing.gate.choices
    shown = choices.shown()
    chosen = shown.index(sign) if right else next(i for i, c in enumerate(shown) if c != sign)
    await pilot.press(str(chosen + 1), "enter")
    await until(pilot, lambda: screen.session.gate is None, what="the gate answered")
    await idle(pilot, screen)


async def whole_epochs(pilot, screen: LabScreen, count: int) -> None:
    """`count` more whole epochs with e, answering any prediction they stop at (rightly)."""
    target = screen.run.epochs_run + count
    while screen.run.epochs_run < target or screen.run.revealed < 4:
        await pilot.press("e")
        await idle(pilot, screen)
        if screen.session.gate is not None:
            await answer_gate(pilot, screen)


async def run_through(pilot, screen: LabScreen) -> None:
    """r, answering (rightly) each prediction the run stops at, until the run has ended."""
    await pilot.press("r")
    await idle(pilot, screen)
    while screen.session.gate is not None:
        await answer_gate(pilot, screen)
        await pilot.press("r")
        await idle(pilot, screen)

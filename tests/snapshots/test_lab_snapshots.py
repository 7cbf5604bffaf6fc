"""SVG snapshots of each lab after a few epochs, at 80x24 (SSH) and 120x40.

Deterministic: the notebook's start values, no random start, no toasts, no cursor; every
worker has finished before the picture is taken. Update with `--snapshot-update` after
looking at the SVGs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))

from lab_host import LAB_IDS, LabHost, lab_lesson  # noqa: E402
from lab_pilot import whole_epochs  # noqa: E402


async def _settle(pilot) -> None:
    """Wait until the lab has nothing left to compute."""
    deadline = time.monotonic() + 60
    screen = pilot.app.screen
    while not getattr(screen, "ready", False) or screen.busy:
        if time.monotonic() > deadline:
            raise AssertionError("the lab did not settle")
        await pilot.pause(0.02)
        screen = pilot.app.screen
    await pilot.pause()


def _after_epochs(count: int, *, then_phases: int = 0):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await whole_epochs(pilot, pilot.app.screen, count)  # answering the prediction on the way
        for _ in range(then_phases):
            await pilot.press("space")
            await _settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_lab_after_three_epochs(snap_compare, lab_id, size):
    assert snap_compare(LabHost(lab_lesson(lab_id)), terminal_size=size, run_before=_after_epochs(3))


def test_lab_mid_epoch_shows_forward_and_loss_only(snap_compare):
    assert snap_compare(LabHost(lab_lesson("neurona-lineal")), terminal_size=(120, 40),
                        run_before=_after_epochs(1, then_phases=2))


def test_lab_predict_gate_at_80x24(snap_compare):
    """Stepping into "3 Gradientes" with the prediction unanswered: the question is asked there."""
    assert snap_compare(LabHost(lab_lesson("neurona-lineal")), terminal_size=(80, 24),
                        run_before=_after_epochs(0, then_phases=3))


def test_lab_adam_update_at_80x24(snap_compare):
    """o o (adam), x, e in the optimizers lab: 4 Update shows m, v, paso and w - paso."""
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("o", "o", "x")
        await _after_epochs(1)(pilot)

    assert snap_compare(LabHost(lab_lesson("optimizadores")), terminal_size=(80, 24), run_before=run_before)


def test_network_lab_after_one_epoch_at_80x24(snap_compare):
    """The XOR network (--seed 3): the four phases, both charts (the regions), no scrolling."""
    assert snap_compare(LabHost(lab_lesson("xor-capa-oculta"), start_seed=3), terminal_size=(80, 24),
                        run_before=_after_epochs(1))


def test_network_lab_w_picks_a_hidden_weight_at_120x40(snap_compare):
    """w five times: W1[0,0], highlighted in Gradientes and Update, its chain in the charts' place."""
    async def run_before(pilot) -> None:
        await _after_epochs(1)(pilot)
        await pilot.press(*"wwwww")
        await _settle(pilot)

    assert snap_compare(LabHost(lab_lesson("xor-capa-oculta"), start_seed=3), terminal_size=(120, 40),
                        run_before=run_before)

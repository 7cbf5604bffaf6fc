"""The lab's plain parts, with records built by hand: number format, chart geometry, phase
texts, code blocks and the run state."""

from __future__ import annotations

import math

import pytest

from tutor.engine import EpochRecord
from tutor.lessons.model import Dataset, LabSpec, LiveValue
from tutor.lab.run import LabRun
from tutor.ui.widgets.chart_geometry import clip_line, downsample, padded_range
from tutor.ui.widgets.code_panel import code_blocks
from tutor.ui.widgets.interpretation_panel import masked
from tutor.ui.widgets.lab_charts import epoch_ticks
from tutor.lab.numbers import num, param_labels, rate, signed
from tutor.ui.widgets.phase_views import forward_view, gradients_view, loss_view, update_view

LINEAL = LabSpec(
    id="lineal", title="t", model="lineal", loss="mse", lr=0.1, epochs=51, every=10, params=("w", "b"),
    dataset=Dataset("d", "d", ("x",), "y_real", ((1.0,), (2.0,)), (3.0, 5.0)))
SIGMOIDE = LabSpec(
    id="sig", title="t", model="sigmoide", loss="bce", lr=0.05, epochs=2000, every=400, params=("W", "b"),
    dataset=Dataset("p", "p", ("x1", "x2"), "Clase", ((1.0, 1.0), (6.0, 9.0)), (0.0, 1.0)))


def lineal_record(epoch: int = 0, loss: float = 2.5) -> EpochRecord:
    return EpochRecord(epoch=epoch, lr=0.1, params_before={"w": (1.5,), "b": (0.25,)},
                       forward={"y_pred": (1.75, 3.25)}, sample_losses=(1.5625, 3.0625), loss=loss,
                       grads={"w": (-4.25,), "b": (-3.0,)}, params_after={"w": (1.925,), "b": (0.55,)})


def sigmoid_record() -> EpochRecord:
    return EpochRecord(epoch=3, lr=0.05, params_before={"W": (-0.5, 1.25), "b": (0.0,)},
                       forward={"z": (0.75, 8.25), "y_pred": (0.6792, 0.9997)},
                       sample_losses=(1.1369, 0.0003), loss=0.5686,
                       grads={"W": (0.3394, 0.3393), "b": (0.3394,)},
                       params_after={"W": (-0.517, 1.233), "b": (-0.017,)})


def test_numbers():
    assert num(7.32194) == "7.3219" and num(-0.00004) == "-4.000e-05" and num(0.0) == "0.0000"
    assert num(-0.00000001, 2) == "-1.0e-08" and num(123456.0) == "1.235e+05"
    assert num(float("nan")) == "nan" and num(float("-inf")) == "-inf"
    assert num(-0.00001, 4) != "-0.0000"
    assert signed(-2.5) == "(-2.5000)" and signed(2.5) == "2.5000"
    assert rate(0.1 * 2 * 2) == "0.4" and rate(0.05 / 2) == "0.025"
    assert param_labels("w", 1) == ["w"] and param_labels("W", 2) == ["W[0]", "W[1]"]


def test_clip_line_in_every_direction():
    box = ((0.0, 10.0), (0.0, 10.0))
    assert clip_line(1.0, -1.0, 0.0, box) == ((0.0, 0.0), (10.0, 10.0))  # y = x
    assert clip_line(1.0, 0.0, -4.0, box) == ((4.0, 0.0), (4.0, 10.0))  # vertical x = 4
    assert clip_line(0.0, 1.0, -2.0, box) == ((0.0, 2.0), (10.0, 2.0))  # horizontal y = 2
    nearly = sorted(clip_line(1.0, 1e-15, -4.0, box), key=lambda point: point[1])  # w2 ≈ 0
    assert nearly == [pytest.approx((4.0, 0.0)), pytest.approx((4.0, 10.0))]
    assert clip_line(1.0, -1.0, 50.0, box) is None  # misses the box
    assert clip_line(0.0, 0.0, 1.0, box) is None  # no line at all
    assert clip_line(float("nan"), 1.0, 0.0, box) is None
    (x0, y0), (x1, y1) = clip_line(-2.1, 3.0, -3.4, ((0.2, 6.8), (-0.2, 10.2)))
    for x, y in ((x0, y0), (x1, y1)):
        assert -2.1 * x + 3.0 * y - 3.4 == pytest.approx(0.0, abs=1e-9)
        assert 0.2 <= x <= 6.8 and -0.2 <= y <= 10.2


def test_downsample_keeps_the_ends_and_the_limit():
    values = [float(i) for i in range(2000)]
    indexes, kept = downsample(values, 300)
    assert len(kept) <= 300 and indexes[0] == 0 and indexes[-1] == 1999
    assert kept == [values[i] for i in indexes] and indexes == sorted(set(indexes))
    assert downsample([1.0, 2.0], 300) == ([0, 1], [1.0, 2.0])
    assert padded_range([5.0, 5.0]) == (4.5, 5.5)


def test_epoch_ticks_are_round():
    assert epoch_ticks(1) == [0, 1]
    assert epoch_ticks(2000) == [0, 500, 1000, 1500, 2000]
    assert epoch_ticks(51) == [0, 20, 40]
    assert all(len(epoch_ticks(n)) <= 5 for n in range(1, 5000, 37))


def test_phase_views_show_the_record_numbers():
    record = lineal_record()
    forward = forward_view(LINEAL, record)
    assert forward.extra.plain == "y_pred = w * x + b"
    assert forward.head.plain.split() == ["x", "y_pred", "y_real"]
    assert forward.body.plain.splitlines()[0].split() == ["1", "1.7500", "3"]
    assert forward.foot.plain == "con w=1.5000  b=0.2500"

    loss = loss_view(LINEAL, record)
    assert "MSE" in loss.extra.plain and loss.head.plain == "(y_real - y_pred)²"
    assert loss.body.plain.splitlines()[1].split() == ["(5", "-", "3.2500)²", "=", "3.0625"]
    assert loss.foot.plain == "loss = media = 2.5000"

    gradients = gradients_view(LINEAL, record, {"w": (-4.25,), "b": (-2.0,)})
    rows = gradients.body.plain.splitlines()
    assert gradients.head.plain.split() == ["tape", "a", "mano"]
    assert rows[0].split() == ["dw", "-4.2500", "-4.2500", "✓"]
    assert rows[1].split() == ["db", "-3.0000", "-2.0000", "≠"]
    assert "-2/n" in gradients.extra.plain

    update = update_view(LINEAL, record)
    assert "lr = 0.1" in update.head.plain and "w' = w - lr·dw" in update.head.plain
    assert update.body.plain.splitlines()[0].split() == ["w", "1.5000", "-", "0.1·(-4.2500)", "=", "1.9250"]


def test_sigmoid_views_name_each_weight_and_the_bce_terms():
    record = sigmoid_record()
    forward = forward_view(SIGMOIDE, record)
    assert forward.head.plain.split() == ["x1", "x2", "z", "y_pred", "Clase"]
    assert forward.body.plain.splitlines()[1].split() == ["6", "9", "8.2500", "0.9997", "1"]
    loss = loss_view(SIGMOIDE, record)
    assert loss.body.plain.splitlines()[0].split() == ["-log(1-0.6792)", "=", "1.1369"]
    assert loss.body.plain.splitlines()[1].split() == ["-log(0.9997)", "=", "0.0003"]
    labels = [row.split()[0] for row in gradients_view(SIGMOIDE, record, None).body.plain.splitlines()]
    assert labels == ["dW[0]", "dW[1]", "db"]
    assert [row.split()[0] for row in update_view(SIGMOIDE, record).body.plain.splitlines()] == ["W[0]", "W[1]", "b"]


def test_long_tables_collapse_to_a_window_and_a_summary():
    from dataclasses import replace

    count = 40  # typed points in the free lab
    data = replace(SIGMOIDE.dataset, inputs=tuple((float(i), 1.0) for i in range(count)), targets=(0.0,) * count)
    spec = replace(SIGMOIDE, dataset=data)
    record = EpochRecord(epoch=0, lr=0.05, params_before={"W": (0.1, 0.2), "b": (0.0,)},
                         forward={"z": (0.5,) * count, "y_pred": (0.6,) * count}, sample_losses=(0.9,) * count,
                         loss=0.9, grads={"W": (0.1, 0.1), "b": (0.1,)}, params_after={"W": (0.1, 0.2), "b": (0.0,)})
    for view in (forward_view(spec, record), loss_view(spec, record)):
        rows = view.body.plain.splitlines()
        assert len(rows) == 6 and rows[-1] == "… y 35 muestras más"
    network = replace(spec, model="red", params=("W1", "b1", "W2", "b2"), hidden=3, activation="tanh")
    many = {"W1": tuple(0.1 * i for i in range(6)), "b1": (0.0,) * 3, "W2": (0.1,) * 3, "b2": (0.0,)}
    record = replace(record, params_before=many, grads=many, params_after=many)
    rows = gradients_view(network, record, many).body.plain.splitlines()
    assert len(rows) == 6 and rows[-1] == "… y 8 gradientes más"
    # from the output back, as backprop finds them; named as the engine's chains name them
    assert [row.split()[0] for row in rows[:5]] == ["dW2[0]", "dW2[1]", "dW2[2]", "db2", "dW1[0,0]"]
    assert update_view(network, record).body.plain.splitlines()[-1] == "… y 8 parámetros más"


def test_code_blocks_cover_every_line_once():
    blocks = code_blocks(19, {1: (3, 4), 2: (6, 8), 3: (10, 12), 4: (14, 17)})
    covered = [line for first, last, _ in blocks for line in range(first, last + 1)]
    assert covered == list(range(1, 20))
    assert [phase for *_, phase in blocks if phase] == [1, 2, 3, 4]
    assert blocks[0] == (1, 2, None) and blocks[-1] == (18, 19, None)


def test_interpretation_mask_keeps_the_width_of_the_values():
    text = "W[0] = {{W[0]}} y debería {{W[0]|bajar|subir}}; loss {{loss:.4f}}."
    assert masked(text, {"W": (-0.04, 1.2), "loss": (0.0,)}) == "W[0] = ····· y debería ·····; loss ······."


def test_run_state_reveals_by_phase():
    run = LabRun(start={"w": (1.5,), "b": (0.25,)})
    assert run.needs_record and run.phase is None and run.params_shown() == run.start
    assert run.trained_values() is None and run.best_loss() is None
    first = lineal_record()
    run.add(first, revealed=1)
    assert run.phase == 1 and not run.needs_record
    assert run.losses_shown() == []  # the loss is not revealed yet
    assert run.params_shown() == first.params_before
    run.revealed = 2
    assert run.losses_shown() == [2.5]
    run.revealed = 4
    assert run.needs_record and run.params_shown() == first.params_after
    assert run.trained_values() == {"w": (1.925,), "b": (0.55,), "loss": (2.5,)}
    run.extend([lineal_record(1, 1.0), lineal_record(2, float("nan"))])
    assert run.epochs_run == 3 and run.best_loss() == 1.0
    assert run.live_value(LiveValue("grads", "w", 0, 1)) == -4.25
    assert run.live_value(LiveValue("loss", epoch=0)) == 2.5
    assert run.live_value(LiveValue("forward", "y_pred", 1, 2)) == 3.25
    assert run.live_value(LiveValue("grads", "w", 0, 7)) is None
    assert run.live_value(LiveValue("params_after", "w", 3, 0)) is None
    assert not run.diverged() and math.isnan(run.current.loss)

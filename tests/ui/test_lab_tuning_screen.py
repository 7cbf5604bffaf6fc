"""o, b and k in the lab with a pilot: what "4 Update", the status line and the comparison
chart show must be the engine's own records (each test runs its own Trainer to compare)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from lab_host import LabHost, lab_lesson
from lab_pilot import idle, open_lab, panels, status, until
from tutor.engine import Trainer, start_values
from tutor.lab.numbers import num, param_labels
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.compare_chart import CompareChart
from tutor.ui.widgets.lab_charts import LossChart
from tutor.ui.widgets.update_views import state_number

SIZE = (80, 24)


def rows_by_label(text: str, spec, values) -> dict[str, list[str]]:
    """The Update panel's row of each scalar parameter, split into words."""
    labels = [label for name in spec.params for label in param_labels(name, len(values[name]))]
    found = {}
    for line in text.splitlines():
        words = line.split()
        if words and words[0] in labels:
            found[words[0]] = words[1:]
    assert sorted(found) == sorted(labels), text
    return found


async def test_adam_after_o_o_x_e_shows_m_v_paso_and_the_new_weights_of_the_engine():
    lesson = lab_lesson("optimizadores")
    spec = lesson.lab
    trainer = Trainer(spec, start_values(spec, "notebook"), optimizer="adam")
    expected = trainer.step()
    async with LabHost(lesson).run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("o", "o")
        assert "lr 0.1 · adam · " in status(screen) and "desde la próxima época" in status(screen)
        await pilot.press("x", "e")
        await idle(pilot, screen)
        update = panels(screen)[3]
        assert update.plain.splitlines()[0].split() == ["m", "v", "paso", "w", "-", "paso"]
        rows = rows_by_label(update.plain, spec, expected.params_after)
        for name in spec.params:
            state = expected.optimizer_state[name]
            for i, label in enumerate(param_labels(name, len(expected.params_after[name]))):
                m, v, step, after = rows[label]
                assert (m, v, step) == (state_number(state["m"][i]), state_number(state["v"][i]),
                                        num(state["step"][i]))
                assert after == num(expected.params_after[name][i])
                assert abs(float(step)) == pytest.approx(0.1, abs=1e-4)  # Adam's first step: lr each
        assert screen.run.current.optimizer == "adam"
        code = screen.query_one(CodePanel)
        assert code.update_line == "optimizador = tf.keras.optimizers.Adam(learning_rate=0.1)"
        assert "optimizador.apply_gradients(zip(gradients, [w, b]))" in code.code  # what runs it
        await pilot.press("o", "o")  # rmsprop, then sgd: the notebook's update, no line
        assert code.update_line == ""


async def test_momentum_and_rmsprop_rows_add_up_to_the_recorded_weights():
    lesson = lab_lesson("optimizadores")
    spec = lesson.lab
    start = start_values(spec, "notebook")
    async with LabHost(lesson).run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        for presses, name in ((1, "momentum"), (2, "rmsprop")):
            expected = Trainer(spec, start, optimizer=name).step()
            await pilot.press(*["o"] * presses, "x", "e")
            await idle(pilot, screen)
            rows = rows_by_label(panels(screen)[3].plain, spec, expected.params_after)
            for param in spec.params:
                for i, label in enumerate(param_labels(param, len(expected.params_after[param]))):
                    words = rows[label]
                    assert words[-1] == num(expected.params_after[param][i])
                    before, operator, change = words[-5], words[-4], words[-3].strip("()")
                    assert before == num(expected.params_before[param][i])
                    if name == "momentum":
                        assert change == num(expected.optimizer_state[param]["velocity"][i]) and operator == "+"
                    else:
                        assert words[0] == state_number(expected.optimizer_state[param]["mean_square"][i])
                    total = float(before) + float(change) if operator == "+" else float(before) - float(change)
                    assert total == pytest.approx(expected.params_after[param][i], abs=2e-4)


async def test_batch_size_one_shows_the_last_of_100_updates_and_sums_them_up():
    lesson = replace(lab_lesson("batches"), exercises=())  # no predict gate on the way
    spec = lesson.lab
    trainer = Trainer(spec, start_values(spec, "random", 0), batch_size=1)
    expected = trainer.step()
    async with LabHost(lesson, start_seed=0).run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        assert "batch 10 · " in status(screen)
        assert screen.query_one(CodePanel).update_line == \
            "optimizador = None; una llamada por batch de 10 (10 actualizaciones por época)"
        await pilot.press("b", "b", "b")  # 10 → 5 → 2 → 1
        assert "batch 1 · " in status(screen) and "100 actualizaciones por época" in status(screen)
        await pilot.press("e")
        await idle(pilot, screen)
        text = panels(screen)[3].plain
        lines = text.splitlines()
        assert "del batch" in lines[0]
        last = expected.batches[-1]
        losses = [batch.loss for batch in expected.batches]
        assert lines[-1] == f"batch 100/100 · loss {num(last.loss, 3)} · rango {num(min(losses), 2)}–{num(max(losses), 2)}"
        assert len(lines) == 5  # the head, a row per parameter and the summary: never 100 rows
        rows = rows_by_label(text, spec, last.params_after)
        before = expected.batch_params_before(99)
        for name in spec.params:
            for i, label in enumerate(param_labels(name, len(last.params_after[name]))):
                assert rows[label][-1] == num(last.params_after[name][i])
                assert rows[label][0] == num(before[name][i])
                assert rows[label][2].endswith(num(last.grads[name][i]).join("()") if last.grads[name][i] < 0
                                               else num(last.grads[name][i]))
        assert "4 Update, batch 100/100" in status(screen)


async def test_k_draws_every_optimizer_and_any_key_brings_the_loss_chart_back():
    lesson = lab_lesson("optimizadores")
    spec = lesson.lab
    start = start_values(spec, "notebook")
    expected = {name: [r.loss for r in Trainer(spec, start, optimizer=name).run(spec.epochs)]
                for name in ("sgd", "momentum", "adam", "rmsprop")}
    async with LabHost(lesson).run_test(size=SIZE) as pilot:
        screen = await open_lab(pilot)
        await pilot.press("k")
        await idle(pilot, screen)
        chart = screen.query_one(CompareChart)
        await until(pilot, lambda: chart.display and sorted(chart.curves) == sorted(expected), what="the chart")
        assert not screen.query_one(LossChart).display
        for name, losses in expected.items():
            epochs, shown = chart.curves[name]
            assert epochs[0] == 0 and epochs[-1] == spec.epochs - 1
            assert shown[0] == pytest.approx(losses[0]) and shown[-1] == pytest.approx(losses[-1], rel=1e-4)
            assert all(math.isclose(value, losses[epoch], rel_tol=1e-4) for epoch, value in zip(epochs, shown))
        picture = chart.text(78, 10)
        assert "s sgd  m momentum  a adam  r rmsprop" in picture
        assert all(marker in picture.split("\n", 1)[1] for marker in "smar")
        await pilot.press("escape")
        await pilot.pause()
        assert not chart.display and screen.query_one(LossChart).display
        await pilot.press("k")
        await idle(pilot, screen)
        await until(pilot, lambda: chart.display, what="the chart again")
        await pilot.press("e")
        await idle(pilot, screen)
        assert not chart.display and screen.run.epochs_run == 1

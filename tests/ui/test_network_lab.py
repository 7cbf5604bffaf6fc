"""The XOR network's lab (lessons/08-xor-capa-oculta.md) at 80x24: every phase's numbers on
one screen after e, the w picker's chain against tape, the regions chart, a run to the goal,
and the lab opened from the app (`tutor lab` and `--lesson`).

Start: `--seed 3` (the lesson's worked example), compared with the engine's own records.
"""

from __future__ import annotations

import pytest

from lab_host import LabHost, lab_lesson
from lab_pilot import (
    expected_records, fully_visible, idle, open_lab, panels, run_through, status, until, whole_epochs,
)
from screen_reader import screen_text
from tutor.engine import hand_gradients, start_values, weight_chain
from tutor.lab.numbers import num
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.chain_view import ChainView
from tutor.ui.widgets.code_panel import CodePanel
from tutor.ui.widgets.interpretation_panel import InterpretationPanel
from tutor.ui.widgets.lab_charts import DataChart, LossChart
from tutor.ui.widgets.lab_footer import LabKeys
from tutor.ui.widgets.lab_status import LabStatus

LAB = "xor-capa-oculta"
SEED = 3


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


def first_record():
    spec = lab_lesson(LAB).lab
    return spec, expected_records(spec, start_values(spec, "random", seed=SEED), 1)[0]


def loop_parts(screen) -> list:
    return [screen.query_one(LabStatus), *panels(screen), screen.query_one(LossChart), screen.query_one(DataChart),
            screen.query_one(LabKeys)]


async def test_after_e_every_phase_of_the_network_is_on_the_80x24_screen():
    spec, record = first_record()
    hand = hand_gradients(spec, record)
    async with LabHost(lab_lesson(LAB), start_seed=SEED).run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)
        text = screen_text(pilot.app)
        for part in loop_parts(screen):  # the whole loop inside the terminal, no scrolling
            assert fully_visible(part), part
        assert "Época 0" in status(screen)
        # 1 Forward: a1 of each hidden neuron (3 decimals), z2, y_pred; W2 before the update
        a1 = record.forward["a1"]
        for i in range(4):
            assert num(a1[3 * i + 1], 3) in text
            assert num(record.forward["z2"][i]) in text and num(record.forward["y_pred"][i]) in text
        assert f"W2=[{', '.join(num(v) for v in record.params_before['W2'])}]" in text
        # 2 Loss: each term and the mean
        assert all(num(term) in text for term in record.sample_losses)
        assert f"loss = media = {num(record.loss)}" in text
        # 3 Gradientes: dW1[0,0] from tape and by hand, ✓
        row = next(line for line in text.splitlines() if "dW1[0,0]" in line)
        assert row.split()[1:4] == [num(record.grads["W1"][0]), num(hand["W1"][0]), "✓"]
        # 4 Update: W1[0,0] - lr·dW1[0,0] = W1[0,0]'
        update = next(line for line in panels(screen)[3].plain.splitlines() if line.startswith("W1[0,0]"))
        assert update.split() == ["W1[0,0]", num(record.params_before["W1"][0]), "-",
                                  f"0.5·{num(record.grads['W1'][0])}".replace("·-", "·(-") +
                                  (")" if record.grads["W1"][0] < 0 else ""), "=", num(record.params_after["W1"][0])]
        assert update in text
        # nothing of the four panels is cut at the right edge
        assert not any(line.rstrip().endswith("…") for p in panels(screen) for line in p.plain.splitlines())


async def test_w_picks_each_parameter_from_the_output_back_and_shows_its_chain_beside_tape():
    spec, record = first_record()
    async with LabHost(lab_lesson(LAB), start_seed=SEED).run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        chain_view = screen.query_one(ChainView)
        await pilot.press("w")
        await idle(pilot, screen)
        assert chain_view.display and "-picked" in screen.classes
        assert not screen.query_one(DataChart).display or not screen.query_one(DataChart).region.height
        assert "fase 3 Gradientes" in chain_view.plain  # no numbers before the gradients
        await whole_epochs(pilot, screen, 1)
        assert chain_view.border_title.startswith("w: dW2[0] (1 de 13)")
        expected = weight_chain(spec, record, "W2", 0)
        assert expected.formula in chain_view.plain
        assert abs(expected.total - record.grads["W2"][0]) < 1e-5
        assert f"Σ = {num(expected.total)}   tape: {num(record.grads['W2'][0])} ✓" in screen_text(pilot.app)
        for term in expected.terms:
            assert f"= {num(term.value)}" in chain_view.plain
        for _ in range(8):  # W2[1], W2[2], b2, W1[0,0] ... W1[1,1] (the 9th)
            await pilot.press("w")
        await idle(pilot, screen)
        assert chain_view.border_title.startswith("w: dW1[1,1] (9 de 13)")
        chain = weight_chain(spec, record, "W1", 4)
        assert chain.formula == "dW1[1,1] = Σ x2 · (y_pred - y) · 1/n · W2[1] · (1 - a1[1]²)"
        assert f"tape: {num(record.grads['W1'][4])} ✓" in screen_text(pilot.app)
        gradients = panels(screen)[2]
        assert "dW1[1,1]" in gradients.plain  # the window scrolled to it, highlighted
        plain, _, spans = gradients._parts[2]  # the body as painted: the picked row in reverse
        marked = [plain[span.start:span.end] for span in spans if "reverse" in str(span.style)]
        assert len(marked) == 1 and marked[0].split()[:2] == ["dW1[1,1]", num(record.grads["W1"][4])]
        await pilot.press("W")
        await idle(pilot, screen)
        assert chain_view.border_title.startswith("w: dW1[1,0] (8 de 13)")
        for _ in range(5):  # W1[1,1], W1[1,2], b1[0], b1[1], b1[2], then the charts again
            await pilot.press("w")
        await pilot.press("w")
        await idle(pilot, screen)
        assert "-picked" not in screen.classes and not chain_view.display


async def test_at_120x40_the_code_and_z1_show_beside_the_loop():
    spec, record = first_record()
    async with LabHost(lab_lesson(LAB), start_seed=SEED).run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)
        for part in [*loop_parts(screen), screen.query_one(CodePanel)]:
            assert fully_visible(part), part
        text = screen_text(pilot.app)
        assert all(num(v, 3) in text for v in record.forward["z1"])  # z1 above a1 (the formulas' row)
        assert "dz1 = dz2·W2ᵀ ⊙ (1 - a1²)" in text and "-log(1-0.5000)     =   0.6931" in text


async def test_w_in_a_one_neuron_lab_shows_its_weights_chain_too():
    lesson = lab_lesson("compuerta-and")
    spec = lesson.lab
    record = expected_records(spec, start_values(spec, "notebook"), 1)[0]
    async with LabHost(lesson).run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        await whole_epochs(pilot, screen, 1)
        await pilot.press("w")
        await idle(pilot, screen)
        chain = weight_chain(spec, record, spec.params[0], 0)
        view = screen.query_one(ChainView)
        assert fully_visible(view) and chain.formula in view.plain
        assert f"Σ = {num(chain.total)}   tape: {num(record.grads[spec.params[0]][0])} ✓" in screen_text(pilot.app)


async def test_r_from_the_labs_default_start_reaches_the_goal_and_draws_the_regions():
    """The lab's own first start (a random one, from the stream `tutor --seed 1` fixes)."""
    async with LabHost(lab_lesson(LAB), seed=1).run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot)
        chart = screen.query_one(DataChart)
        await run_through(pilot, screen)  # r stops at the prediction about epoch 0, then goes on
        await until(pilot, lambda: not screen.session.compiled and screen.session.run.epochs_run == 1000,
                    timeout=120, what="the run to end")
        await idle(pilot, screen)
        params = screen.session.run.params_shown()
        assert screen.session.run.current.loss < 0.1
        assert "Meta alcanzada" in status(screen)
        kind = chart.kind
        assert len(kind.hidden_lines(params)) >= 2  # the hidden neurons' lines cross the square
        grid = kind.regions(params, 20, 10)  # top row first: (0, 1) is class 1, (1, 1) class 0
        assert grid[1][2] and not grid[1][-3] and grid[-2][-3] and not grid[-2][2]
        text = screen_text(pilot.app)
        assert "Regiones" in text and "·" in text and "x" in text and "o" in text
        interpretation = screen.query_one(InterpretationPanel).text  # {{W2[0]}}: the trained values
        w2 = params["W2"]
        assert f"W2 = ({w2[0]:+.2f}, {w2[1]:+.2f}, {w2[2]:+.2f})".replace("+", "") in interpretation.replace("+", "")
        assert "⟦" not in interpretation


@pytest.mark.parametrize("request_kind", ["lab", "lesson"])
async def test_the_network_lab_opens_from_the_app(request_kind):
    course = load_course()
    if request_kind == "lab":
        app = TutorApp(course, store=ProgressStore(), lab=LabRequest(LAB, start_seed=SEED), warm_up=False)
    else:
        app = TutorApp(course, store=ProgressStore(), lesson_id=LAB, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        if request_kind == "lesson":
            for _ in range(10):
                if isinstance(app.screen, LabScreen):
                    break
                await pilot.press("n")
                await pilot.pause(0.1)
        screen = await open_lab(pilot)
        await pilot.press("e")
        await idle(pilot, screen)
        assert "Época 0" in status(screen)
        assert "Traceback" not in screen_text(app)

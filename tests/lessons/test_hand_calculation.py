"""«Calcula tú una época» and «El learning rate» against numpy, from the notebook's numbers.

Every value the student must reach is recomputed here from the notebook's start values
(w = 1.3552873, b = 0.00364656, lr = 0.1 on x = 1..4, y = 2x + 1), never read from the engine.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from tutor.lessons import load_course

COURSE = load_course()
HAND = COURSE.lesson("calcula-una-epoca")
RATE = COURSE.lesson("learning-rate")
X = np.array([1.0, 2.0, 3.0, 4.0])
Y = np.array([3.0, 5.0, 7.0, 9.0])
W, B, LR = 1.3552873, 0.00364656, 0.1  # what the notebook printed: Pesos iniciales, Learning rate


def epoch_zero(dtype=np.float64) -> dict[str, float]:
    x, y, w, b, lr = (dtype(v) if np.isscalar(v) else v.astype(dtype) for v in (X, Y, W, B, LR))
    y_pred = w * x + b
    error = y - y_pred
    loss = np.mean(error**2)
    dw = -2 * np.mean(x * error)
    db = -2 * np.mean(error)
    values = {f"ypred-x{i + 1}": y_pred[i] for i in range(4)}
    values.update({f"error2-x{i + 1}": error[i] ** 2 for i in range(4)})
    values.update({"loss-epoca-0": loss, "dw-epoca-0": dw, "db-epoca-0": db,
                   "w-nuevo": w - lr * dw, "b-nuevo": b - lr * db})
    return {key: float(value) for key, value in values.items()}


EXPECTED = epoch_zero()


def rounded_chain() -> dict[str, float]:
    """The same epoch by a student who rounds every intermediate result to 4 decimals."""
    y_pred = np.round(W * X + B, 4)
    error = np.round(Y - y_pred, 4)
    squares = np.round(error**2, 4)
    dw, db = round(-2 * float(np.mean(X * error)), 4), round(-2 * float(np.mean(error)), 4)
    values = {f"ypred-x{i + 1}": y_pred[i] for i in range(4)}
    values.update({f"error2-x{i + 1}": squares[i] for i in range(4)})
    values.update({"loss-epoca-0": round(float(np.mean(squares)), 4), "dw-epoca-0": dw, "db-epoca-0": db,
                   "w-nuevo": round(W - LR * dw, 4), "b-nuevo": round(B - LR * db, 4)})
    return {key: float(value) for key, value in values.items()}


def test_the_numpy_epoch_is_the_notebooks_epoch_0():
    # The notebook's own trace: Epoch 0  Loss=7.3219  w=[2.8205333]  b=[0.5252736]
    assert f"{EXPECTED['loss-epoca-0']:.4f}" == "7.3219"
    assert EXPECTED["w-nuevo"] == pytest.approx(2.8205333, abs=1e-6)
    assert EXPECTED["b-nuevo"] == pytest.approx(0.5252736, abs=1e-6)
    assert (round(EXPECTED["dw-epoca-0"], 4), round(EXPECTED["db-epoca-0"], 4)) == (-14.6525, -5.2163)


def test_at_least_six_chained_numeric_exercises_before_the_trace_page():
    exercises = HAND.exercises
    assert len(exercises) >= 6 and all(e.kind == "numeric" and e.value is not None for e in exercises)
    assert [e.id for e in exercises] == list(EXPECTED)  # the order of the epoch: forward to update
    titles = [page.title for page in HAND.pages]
    assert HAND.exercises_after_page is not None
    after = titles[HAND.exercises_after_page + 1:]
    assert after and "traza" in after[0].lower()
    assert not any("7.3219" in page.markdown for page in HAND.pages[: HAND.exercises_after_page + 1])


@pytest.mark.parametrize("exercise_id", list(EXPECTED))
def test_every_value_is_the_notebooks_number_with_a_sensible_tolerance(exercise_id):
    exercise = next(e for e in HAND.exercises if e.id == exercise_id)
    expected = EXPECTED[exercise_id]
    assert exercise.value == pytest.approx(round(expected, 4), abs=1e-12)  # 4 decimals, as asked
    assert 0.0001 <= exercise.tolerance <= 0.001
    assert abs(exercise.value - expected) < exercise.tolerance
    # A student who keeps 4 decimals at every step still lands within the tolerance.
    assert abs(rounded_chain()[exercise_id] - exercise.value) <= exercise.tolerance
    assert exercise.hints and exercise.explanation


def test_the_prompts_use_the_notebooks_start_values():
    text = " ".join(e.prompt for e in HAND.exercises) + HAND.pages[0].markdown
    assert "1.3552873" in text and "0.00364656" in text and "0.1" in text
    assert COURSE.lab("neurona-lineal").notebook_init == {"w": (W,), "b": (B,)}


def test_the_trace_page_shows_the_notebooks_line_and_a_true_json_record():
    page = HAND.pages[HAND.exercises_after_page + 1].markdown
    assert "Epoch 0  Loss=7.3219  w=[2.8205333]  b=[0.5252736]" in page
    assert "tutor run neurona-lineal --init notebook --epochs 1 --json" in page
    block = page.split("--json\n", 1)[1].split("```", 1)[0]
    record = json.loads(" ".join(block.split()))
    single = epoch_zero(np.float32)  # TensorFlow computes in float32
    assert record["loss"] == pytest.approx(single["loss-epoca-0"], abs=2e-6)
    assert record["forward"]["y_pred"] == pytest.approx([single[f"ypred-x{i}"] for i in range(1, 5)], abs=2e-6)
    assert record["grads"]["w"][0] == pytest.approx(single["dw-epoca-0"], abs=1e-5)
    assert record["grads"]["b"][0] == pytest.approx(single["db-epoca-0"], abs=1e-5)
    assert record["params_after"]["w"][0] == pytest.approx(single["w-nuevo"], abs=1e-6)
    assert record["params_after"]["b"][0] == pytest.approx(single["b-nuevo"], abs=1e-6)
    assert record["params_before"] == {"w": [float(np.float32(W))], "b": [float(np.float32(B))]}
    for value in ("7.3219", "−14.6525", "−5.2163", "2.8205", "0.5253"):
        assert value in page, value


# -- «El learning rate» --------------------------------------------------------------------

def hessian() -> np.ndarray:
    """Second derivatives of mean((y - w x - b)^2) with respect to (w, b)."""
    return np.array([[2 * np.mean(X**2), 2 * np.mean(X)], [2 * np.mean(X), 2.0]])


def losses(lr: float, epochs: int) -> list[float]:
    w, b, found = W, B, []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            error = Y - (w * X + b)
            found.append(float(np.mean(error**2)))
            w, b = w + lr * 2 * np.mean(X * error), b + lr * 2 * np.mean(error)
    return found


def test_the_divergence_limit_is_two_over_the_largest_curvature():
    low, high = np.linalg.eigvalsh(hessian())
    assert (round(high, 2), round(low, 3)) == (16.70, 0.299)
    assert round(2 / high, 4) == 0.1198
    text = " ".join(page.markdown for page in RATE.pages)
    assert "16.70" in text and "0.299" in text and "0.1198" in text and "√269" in text
    for lr in (0.119, 0.1195):  # just below the limit: converges, however slowly
        assert losses(lr, 3000)[-1] < losses(lr, 1)[0] / 100
    for lr in (0.1199, 0.12):  # just above: grows without end
        run = losses(lr, 3000)
        assert run[-1] > run[1000] > run[0]


def test_the_measured_table_matches_numpy():
    table = RATE.interpretation
    rows = {match.group(1): match.group(2) for match in re.finditer(r"^\| (0\.\d+)\s*\|(.*)$", table, re.M)}
    assert set(rows) == {"0.05", "0.1", "0.119", "0.12", "0.2"}
    high = np.linalg.eigvalsh(hessian())[-1]
    for lr, row in rows.items():
        cells = [cell.strip() for cell in row.split("|")]
        rate, run = float(lr), losses(float(lr), 200)
        assert float(cells[0].replace("−", "-")) == pytest.approx(1 - rate * high, abs=6e-4), lr
        if rate < 0.2:
            assert float(cells[1]) == pytest.approx(run[50], rel=2e-3), lr
            last = float(cells[2].replace("4.5·10⁻⁷", "4.5e-7"))
            assert last == pytest.approx(run[199], rel=0.02), lr
        below = re.search(r"< 0\.001 en la (?:época )?(\d+)", cells[3])
        if below:
            assert int(below.group(1)) == next(i for i, v in enumerate(losses(rate, 1000)) if v < 1e-3), lr
    run = losses(0.2, 52)  # float32 (TensorFlow) overflows once the loss passes ~3.4e38: epoch 51
    assert "6.1·10³⁷" in rows["0.2"] and f"{run[50]:.1e}" == "6.1e+37" and run[51] > 1e38


def test_which_rates_diverge_is_asked_before_the_lab_and_is_right():
    question = next(e for e in RATE.exercises if e.id == "lr-que-divergen")
    high = np.linalg.eigvalsh(hessian())[-1]
    diverging = [lr for lr in (0.05, 0.1, 0.119, 0.12, 0.2) if abs(1 - lr * high) > 1]
    assert diverging == [0.12, 0.2] and question.answer == "0.12 y 0.2"
    assert RATE.exercises_after_page == len(RATE.pages) - 1  # the exercises step comes before the lab
    assert RATE.lab.id == "learning-rate" and RATE.lab.dataset.id == "ejemplo-1" and RATE.lab.epochs == 200

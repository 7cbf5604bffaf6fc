"""With the notebook's start values, the engine reproduces every number the notebook printed."""

from __future__ import annotations

import pytest
from engine_labs import SPECS

from tutor.engine import start_values
from tutor.engine.trace import epoch_lines, final_lines, header_lines

LABS = list(SPECS)


def trace(spec, records, predictions):
    lines = header_lines(spec, start_values(spec, "notebook"), spec.lr)
    for record in records:
        if record.epoch % spec.every == 0:
            lines += epoch_lines(spec, record)
    return lines + final_lines(spec, records[-1].params_after, predictions)


@pytest.mark.parametrize("lab", LABS)
def test_step_reproduces_the_notebook(lab, eager_records, notebook_output, assert_matches_notebook):
    records, predictions = eager_records[lab]
    assert [r.epoch for r in records] == list(range(SPECS[lab].epochs))
    assert_matches_notebook(trace(SPECS[lab], records, predictions), notebook_output(lab))


@pytest.mark.parametrize("lab", LABS)
def test_run_reproduces_the_notebook(lab, bulk_records, notebook_output, assert_matches_notebook):
    records, predictions = bulk_records[lab]
    assert [r.epoch for r in records] == list(range(SPECS[lab].epochs))
    assert_matches_notebook(trace(SPECS[lab], records, predictions), notebook_output(lab))


def test_neurona_lineal_is_exact(eager_records, bulk_records, notebook_output):
    """TF 2.21 reproduces Ejemplo 1 to the last printed digit."""
    spec = SPECS["neurona-lineal"]
    for records, predictions in (eager_records["neurona-lineal"], bulk_records["neurona-lineal"]):
        assert trace(spec, records, predictions) == notebook_output("neurona-lineal")


@pytest.mark.parametrize("lab", ["compuerta-and", "clasificador-2d"])
def test_loss_and_prediction_lines_are_identical(lab, eager_records, notebook_output):
    records, predictions = eager_records[lab]
    ours, theirs = trace(SPECS[lab], records, predictions), notebook_output(lab)
    assert [line for line in ours if "Loss=" in line] == [line for line in theirs if "Loss=" in line]
    start = theirs.index("tf.Tensor(")
    rows = len(SPECS[lab].dataset.targets)
    assert ours[start:start + rows + 1] == theirs[start:start + rows + 1]


def test_the_comparison_can_fail(eager_records, notebook_output, assert_matches_notebook):
    records, predictions = eager_records["neurona-lineal"]
    lines = trace(SPECS["neurona-lineal"], records, predictions)
    for wrong in ("2.0502706", "2.0502696]  b=[0.8522009] extra"):
        changed = [line.replace("2.0502696", wrong) for line in lines]
        with pytest.raises(AssertionError):
            assert_matches_notebook(changed, notebook_output("neurona-lineal"))

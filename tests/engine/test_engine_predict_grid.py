"""Model.predict_grid, the numpy forward the lab's charts use (the UI may not import
TensorFlow), against Trainer.predict on the same grid and parameters."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from engine_labs import SPECS, XOR_NET

from tutor.engine import Trainer, model_for, start_values

GRID = [(x1, x2) for x1 in np.linspace(-0.5, 1.5, 7) for x2 in np.linspace(-0.5, 1.5, 5)]


@pytest.mark.parametrize("spec", [*SPECS.values(), XOR_NET, replace(XOR_NET, activation="relu"),
                                  replace(XOR_NET, activation="sigmoid", hidden=4)], ids=lambda s: f"{s.id}-{s.activation}")
def test_predict_grid_mirrors_the_tensorflow_forward(spec):
    trainer = Trainer(spec, start_values(spec, "random", seed=3))
    for _ in range(3):  # away from the start: biases that are not zero
        trainer.step()
    params = trainer.params
    rows = [row[:len(spec.dataset.inputs[0])] for row in GRID]
    ours = model_for(spec).predict_grid(rows, params)
    assert ours.shape == (len(rows),)
    assert np.allclose(ours, trainer.predict(rows, params), atol=1e-5)

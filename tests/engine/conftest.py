"""Trainers and records shared by the whole session: TensorFlow runs each long loop once."""

from __future__ import annotations

import pytest
from engine_labs import SPECS


@pytest.fixture(scope="session")
def specs():
    return SPECS


@pytest.fixture(scope="session")
def eager_records():
    """Every lab run to the end with step(), from the notebook's start values."""
    from tutor.engine import Trainer, start_values

    runs = {}
    for lab, spec in SPECS.items():
        trainer = Trainer(spec, start_values(spec, "notebook"))
        runs[lab] = ([trainer.step() for _ in range(spec.epochs)], trainer.predict())
    return runs


@pytest.fixture(scope="session")
def bulk_records():
    """Every lab run to the end with run(), from the notebook's start values."""
    from tutor.engine import Trainer, start_values

    runs = {}
    for lab, spec in SPECS.items():
        trainer = Trainer(spec, start_values(spec, "notebook"))
        runs[lab] = (trainer.run(spec.epochs), trainer.predict())
    return runs

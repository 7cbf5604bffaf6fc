"""Fixtures shared by all test layers (keep this file small)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# What the notebook printed for each lab, verbatim (data, start values, epochs, final values).
NOTEBOOK_OUTPUT = Path(__file__).parent / "engine" / "notebook"
_NUMBER = re.compile(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\d+")


@pytest.fixture(scope="session")
def notebook_output():
    """notebook_output(lab) -> the notebook's printed lines for that lab id."""
    return lambda lab: (NOTEBOOK_OUTPUT / f"{lab}.txt").read_text(encoding="utf-8").splitlines()


def _assert_matches_notebook(actual: list[str], expected: list[str], tolerance: float = 1e-6) -> None:
    """Lines equal to the notebook's, except weights may differ by <= tolerance.

    TF 2.21 and the notebook's TF 2.10 differ by a float32 ULP or so in a few weights (which
    can also move numpy's padding); losses must match at the printed decimals, exactly.
    """
    assert len(actual) == len(expected), "\n".join(actual)
    for got, want in zip(actual, expected):
        if got == want:
            continue
        assert "Loss=" not in want, f"loss line differs: {got!r} != notebook {want!r}"
        assert _NUMBER.sub("#", got).replace(" ", "") == _NUMBER.sub("#", want).replace(" ", ""), \
            f"{got!r} != notebook {want!r}"
        pairs = list(zip(_NUMBER.findall(got), _NUMBER.findall(want)))
        assert pairs and all(abs(float(g) - float(w)) <= tolerance for g, w in pairs), \
            f"{got!r} != notebook {want!r}"


@pytest.fixture(scope="session")
def assert_matches_notebook():
    return _assert_matches_notebook


@pytest.fixture
def make_fifo():
    """make_fifo(path): a FIFO that cannot hang a test (see tests/fifo_guard.py)."""
    from fifo_guard import make_fifo

    return make_fifo

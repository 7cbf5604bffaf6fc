"""The notebook's three labs (and the XOR network) as LabSpec objects built here, independent of the
lesson files; and the record comparison step() and run() must pass."""

from __future__ import annotations

from tutor.lessons.model import Dataset, LabSpec

EJEMPLO_1 = Dataset("ejemplo-1", "Ejemplo 1", ("x",), "y_real",
                    ((1.0,), (2.0,), (3.0,), (4.0,)), (3.0, 5.0, 7.0, 9.0))
AND = Dataset("and", "AND", ("x1", "x2"), "y",
              ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)), (0.0, 0.0, 0.0, 1.0))
XOR = Dataset("xor", "XOR", ("x1", "x2"), "y",
              ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)), (0.0, 1.0, 1.0, 0.0))
PUNTOS = Dataset("puntos-2d", "Puntos", ("x1", "x2"), "Clase",
                 ((1.0, 1.0), (2.0, 1.0), (3.0, 2.0), (4.0, 5.0), (5.0, 7.0), (6.0, 9.0)),
                 (0.0, 0.0, 0.0, 1.0, 1.0, 1.0))

SPECS = {
    "neurona-lineal": LabSpec(
        "neurona-lineal", "Ejemplo 1", EJEMPLO_1, "lineal", "mse", 0.1, 51, 10, ("w", "b"),
        bias_init="normal", notebook_init={"w": (1.3552873,), "b": (0.00364656,)},
        trace="ejemplo-1"),
    "compuerta-and": LabSpec(
        "compuerta-and", "Ejemplo 2", AND, "sigmoide", "bce", 0.1, 2000, 400, ("w", "b"),
        bias_init="zeros", notebook_init={"w": (1.0883665, -0.92451656), "b": (0.0,)},
        trace="ejemplo-2"),
    "clasificador-2d": LabSpec(
        "clasificador-2d", "Ejemplo final", PUNTOS, "sigmoide", "bce", 0.05, 2000, 400, ("W", "b"),
        bias_init="zeros", notebook_init={"W": (-0.04149994, 1.2491224), "b": (0.0,)},
        trace="ejemplo-final"),
}

# The network of the XOR lab (lessons/08-xor-capa-oculta.md): 2 → 3 (tanh) → 1, lr 0.5, 1000 epochs.
XOR_NET = LabSpec("xor-capa-oculta", "XOR", XOR, "red", "bce", 0.5, 1000, 200, ("W1", "b1", "W2", "b2"),
                  trace="red", hidden=3, activation="tanh")


FIELDS = ("params_before", "forward", "grads", "params_after")


def close(a: float, b: float) -> bool:
    """Within 1e-6 (relative for values above 1: z reaches ~10, where a float32 ULP is 1e-6)."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _same_values(first, second, where) -> None:
    assert first.keys() == second.keys(), where
    for name in first:
        assert len(first[name]) == len(second[name]), (where, name)
        assert all(close(u, v) for u, v in zip(first[name], second[name])), (where, name)


def assert_same_records(ours, theirs):
    """Every number of every record within 1e-6: the top level, the optimizer's state and
    each batch (indices identical)."""
    assert [r.epoch for r in ours] == [r.epoch for r in theirs]
    for a, b in zip(ours, theirs):
        assert a.lr == b.lr and a.diverged == b.diverged and a.optimizer == b.optimizer
        assert close(a.loss, b.loss), (a.epoch, a.loss, b.loss)
        assert all(close(u, v) for u, v in zip(a.sample_losses, b.sample_losses))
        for field in FIELDS:
            _same_values(getattr(a, field), getattr(b, field), (a.epoch, field))
        assert a.optimizer_state.keys() == b.optimizer_state.keys()
        for name in a.optimizer_state:
            _same_values(a.optimizer_state[name], b.optimizer_state[name], (a.epoch, "state", name))
        assert (a.batches is None) == (b.batches is None)
        for index, (first, second) in enumerate(zip(a.batches or (), b.batches or ())):
            where = (a.epoch, "batch", index)
            assert first.indices == second.indices and close(first.loss, second.loss), where
            assert all(close(u, v) for u, v in zip(first.sample_losses, second.sample_losses)), where
            for field in ("grads", "params_after", "forward"):
                _same_values(getattr(first, field), getattr(second, field), where + (field,))
            for name in first.optimizer_state:
                _same_values(first.optimizer_state[name], second.optimizer_state[name], where + (name,))
        assert len(a.batches or ()) == len(b.batches or ())

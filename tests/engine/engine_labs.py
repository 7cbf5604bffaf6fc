"""The notebook's three labs as LabSpec objects built here, independent of the lesson files."""

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

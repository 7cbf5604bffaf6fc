"""The notebook's print statements, reproduced byte for byte from records (numpy only, no TF).

Each lab names its style in spec.trace: "ejemplo-1", "ejemplo-2" or "ejemplo-final", the
three formats the notebook prints, or "red" for the hidden-layer network (which the notebook
never trains: the same style, one line per parameter). Values are printed as float32 numpy
arrays in the notebook's shapes, so numpy's own repr gives the same text as `w.numpy()` did.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from tutor.engine.records import EpochRecord
from tutor.engine.shapes import as_arrays, inputs, targets
from tutor.lessons.model import LabSpec


def header_lines(spec: LabSpec, start: Mapping[str, Sequence[float]], lr: float) -> list[str]:
    """What the notebook prints before training: the data, the start values, the lr."""
    values = as_arrays(spec, start)
    x, y = inputs(spec), targets(spec)
    if spec.trace == "red":
        layers = (f"Red: {x.shape[1]} entradas → {spec.hidden_size} neuronas ocultas ({spec.activation})"
                  " → 1 salida (sigmoid)")
        lines = ["Dataset (X):", str(x), "Etiquetas reales (y_true):", str(y), "", layers, "Pesos iniciales:",
                 *_params_text(values), f"Learning rate: {lr}", ""]
        return "\n".join(lines).split("\n")
    weight, bias = spec.params
    if spec.trace == "ejemplo-1":
        return [f"Datos de entrada (x): {x}",
                f"Datos reales (y_real): {y}",
                "",
                f"Pesos iniciales: {weight} = {values[weight]} , {bias} = {values[bias]}",
                f"Learning rate: {lr}",
                ""]
    title = "Pesos iniciales para clasificación:" if spec.trace == "ejemplo-2" else "Pesos iniciales:"
    lines = [""] if spec.trace == "ejemplo-2" else []
    lines += ["Dataset (X):", str(x), "Etiquetas reales (y_true):", str(y), "", title,
              f" {weight} = {values[weight]} , {bias} = {values[bias]}", f"Learning rate: {lr}", ""]
    return "\n".join(lines).split("\n")  # one entry per printed line


def epoch_lines(spec: LabSpec, record: EpochRecord) -> list[str]:
    """The lines the notebook prints for one epoch: the loss and the weights after the update."""
    after = as_arrays(spec, record.params_after)
    if spec.trace == "red":
        return "\n".join([f"Epoch {record.epoch}, Loss={record.loss:.4f}", *_params_text(after)]).split("\n")
    weight, bias = spec.params
    w, b = after[weight], after[bias]
    if spec.trace == "ejemplo-1":
        return [f"Epoch {record.epoch}  Loss={record.loss:.4f}  {weight}={w}  {bias}={b}"]
    if spec.trace == "ejemplo-2":
        text = f"Epoch {record.epoch} Loss={record.loss:.5f}\n {weight} = {w} , {bias} = {b}"
    else:
        text = f"Epoch {record.epoch}, Loss={record.loss:.4f}\nWeights: {w} \nBias: {b} \n"
    return text.split("\n")


def final_lines(spec: LabSpec, params: Mapping[str, Sequence[float]],
                predictions: Sequence[float]) -> list[str]:
    """What the notebook prints after training: rounded predictions (and final weights)."""
    if spec.trace == "ejemplo-1":
        return []
    rounded = np.round(np.array(predictions, dtype=np.float32).reshape(targets(spec).shape))
    tensor = _tensor_text(rounded)
    if spec.trace == "red":
        text = "\n".join(_params_text(as_arrays(spec, params)))
        return ["", "Predicciones finales:", *tensor.split("\n"), "", "Pesos finales:", *text.split("\n")]
    weight, bias = spec.params
    if spec.trace == "ejemplo-2":
        return ["", "Predicciones finales:", *tensor.split("\n")]
    values = as_arrays(spec, params)
    return ["", " Final Predictions:", *tensor.split("\n"), "",
            *f"Final Weights: {values[weight]}".split("\n"), f"Final Bias: {values[bias]}"]


def _params_text(values: Mapping[str, np.ndarray]) -> list[str]:
    return [f" {name} = {value}" for name, value in values.items()]


def _tensor_text(array: np.ndarray) -> str:
    """str() of a float32 tf.Tensor holding `array`, as `print(tf.round(...))` shows it."""
    text = str(array)
    if "\n" in text:
        text = "\n" + text
    shape = "(" + ", ".join(str(d) for d in array.shape) + ("," if array.ndim == 1 else "") + ")"
    return f"tf.Tensor({text}, shape={shape}, dtype=float32)"

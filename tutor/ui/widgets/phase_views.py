"""What the four phase panels say about one epoch record, as Rich Text (no widgets here).

Every number comes from the engine's EpochRecord (and, for "3 Gradientes", from the engine's
hand-derived formulas); nothing is recomputed here except the layout.
"""

from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Sequence

from rich.text import Text

from tutor.lessons.model import LabSpec
from tutor.lab.numbers import num, param_labels, rate, signed

Values = Mapping[str, Sequence[float]]

HEAD = "bold"
NOTE = "italic"


NUMBER_WIDTH = 8  # "-12.3456": columns keep this width so the head never moves


class PhaseView(NamedTuple):
    """A phase panel's text: head (formula, column titles), body (numbers), foot."""

    head: Text
    body: Text
    foot: Text


def _data(value: float) -> str:
    """Dataset values as written in the notebook: 1, 2.5, 0."""
    return f"{value:g}"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.rjust(width) for cell, width in zip(cells, widths))


def _widths(headers: Sequence[str], *columns: Sequence[str]) -> list[int]:
    """Each column as wide as its title and its widest possible cell."""
    return [max([len(h), *(len(c) for c in column)]) for h, column in zip(headers, columns)]


def _params_line(spec: LabSpec, params: Values) -> str:
    parts = []
    for name in spec.params:
        values = params[name]
        shown = num(values[0]) if len(values) == 1 else "[" + ", ".join(num(v) for v in values) + "]"
        parts.append(f"{name}={shown}")
    return "  ".join(parts)


def forward_view(spec: LabSpec, record) -> PhaseView:
    """1 Forward: the prediction of every sample with the weights before the update."""
    data = spec.dataset
    weight, bias = spec.params
    y_pred = record.forward["y_pred"]
    wide = "-" + "0" * (NUMBER_WIDTH - 1)
    inputs = [[_data(v) for v in row] for row in data.inputs]
    targets = [_data(y) for y in data.targets]
    if spec.model == "lineal":
        note = f"y_pred = {weight} * x + {bias}"
        headers = [data.columns[0], "y_pred", data.target]
        rows = [[x[0], num(p), y] for x, p, y in zip(inputs, y_pred, targets)]
        widths = _widths(headers, [x[0] for x in inputs], [wide], targets)
    else:
        note = f"z = X·{weight} + {bias}    y_pred = sigmoid(z)"
        z = record.forward["z"]
        headers = [*data.columns, "z", "y_pred", data.target]
        rows = [[*x, num(zi), num(p), y] for x, zi, p, y in zip(inputs, z, y_pred, targets)]
        columns = [[x[i] for x in inputs] for i in range(len(data.columns))]
        widths = _widths(headers, *columns, [wide], [wide], targets)
    head = Text(note + "\n", style=NOTE)
    head.append(_row(headers, widths), style=HEAD)
    body = Text("\n".join(_row(row, widths) for row in rows))
    foot = Text(f"con {_params_line(spec, record.params_before)}")
    return PhaseView(head, body, foot)


def loss_formula(spec: LabSpec) -> str:
    target = spec.dataset.target
    if spec.loss == "mse":
        return f"MSE: loss = media(({target} - y_pred)²)"
    return f"Binary crossentropy: loss = media(-[{target}·log(y_pred) + (1-{target})·log(1-y_pred)])"


def loss_view(spec: LabSpec, record) -> PhaseView:
    """2 Loss: the formula, one term per sample (record.sample_losses) and their mean."""
    data = spec.dataset
    targets = [_data(y) for y in data.targets]
    headers = [data.target, "y_pred", "término", "valor"]
    wide = "0" * NUMBER_WIDTH
    if spec.loss == "mse":
        widest_term = [f"({y} - -{wide[1:]})²" for y in targets]
    else:
        widest_term = ["-log(1-y_pred)"]
    widths = _widths(headers, targets, [wide], widest_term, [wide])
    rows = []
    for y, p, term in zip(data.targets, record.forward["y_pred"], record.sample_losses):
        if spec.loss == "mse":
            how = f"({_data(y)} - {num(p)})²"
        else:
            how = "-log(y_pred)" if y >= 0.5 else "-log(1-y_pred)"
        rows.append([_data(y), num(p), how, num(term)])
    head = Text(loss_formula(spec) + "\n", style=NOTE)
    head.append(_row(headers, widths), style=HEAD)
    body = Text("\n".join(_row(row, widths) for row in rows))
    foot = Text("loss = media de los términos = ")
    foot.append(num(record.loss), style="bold reverse")
    return PhaseView(head, body, foot)


def hand_formula(spec: LabSpec) -> str:
    weight, bias = spec.params
    target = spec.dataset.target
    if spec.model == "lineal":
        return (f"a mano: d{weight} = -2/n·Σ x({target} - y_pred)   "
                f"d{bias} = -2/n·Σ({target} - y_pred)")
    return f"a mano: d{weight} = Xᵀ(y_pred - {target})/n   d{bias} = media(y_pred - {target})"


def _close(a: float, b: float) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 1e-4 * max(1.0, abs(a), abs(b))


def _labels(spec: LabSpec, values: Values) -> list[tuple[str, int, str]]:
    return [(name, i, label) for name in spec.params
            for i, label in enumerate(param_labels(name, len(values[name])))]


def gradients_view(spec: LabSpec, record, hand: Values | None) -> PhaseView:
    """3 Gradientes: GradientTape's value of each dw/db with the hand-derived one beside it."""
    labels = _labels(spec, record.grads)
    headers = ["", "GradientTape", "a mano", ""]
    widths = _widths(headers, [f"d{label}" for _, _, label in labels], ["0" * NUMBER_WIDTH],
                     ["0" * NUMBER_WIDTH], ["≠ distinto"])
    rows = []
    for name, i, label in labels:
        tape_value = record.grads[name][i]
        hand_values = hand.get(name, ()) if hand else ()
        if i < len(hand_values):
            mark = "✓ igual" if _close(tape_value, hand_values[i]) else "≠ distinto"
            rows.append([f"d{label}", num(tape_value), num(hand_values[i]), mark.ljust(widths[3])])
        else:
            rows.append([f"d{label}", num(tape_value), "-", " " * widths[3]])
    head = Text(_row(headers, widths), style=HEAD)
    body = Text("\n".join(_row(row, widths) for row in rows))
    return PhaseView(head, body, Text(hand_formula(spec), style=NOTE))


def update_view(spec: LabSpec, record) -> PhaseView:
    """4 Update: w - lr·dw = w' for every parameter, with the numbers."""
    weight = spec.params[0]
    lr = rate(record.lr)
    labels = _labels(spec, record.params_before)
    headers = ["", "antes - lr·gradiente", "", "después"]
    widths = _widths(headers, [label for _, _, label in labels],
                     [f"-{'0' * (NUMBER_WIDTH - 1)} - {lr}·(-{'0' * (NUMBER_WIDTH - 1)})"], ["="],
                     ["0" * NUMBER_WIDTH])
    rows = []
    for name, i, label in labels:
        before, grad = record.params_before[name][i], record.grads[name][i]
        rows.append([label, f"{num(before)} - {lr}·{signed(grad)}", "=", num(record.params_after[name][i])])
    head = Text(f"{weight}.assign_sub(lr * d{weight})   lr = {lr}\n", style=NOTE)
    head.append(_row(headers, widths), style=HEAD)
    body = Text("\n".join(_row(row, widths) for row in rows))
    return PhaseView(head, body, Text(""))

"""The phase panels of a model with a hidden layer (the XOR network), as Rich Text.

At 80 columns Forward and Loss share a row, so "1 Forward" is compact: per sample the inputs,
a1 of each hidden neuron (3 decimals), z2, y_pred and the target; z1 shows above a1 in tall
windows (the panel's `extra`). "3 Gradientes"
is tape beside hand for every scalar parameter, single-spaced, a window of rows that the `w`
picker scrolls, under the backprop chain from the output back (its extra, tall windows);
the `w` picker's ChainView shows one parameter's chain sample by sample. Numbers come from
the record and the engine's hand gradients only.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from rich.text import Text

from tutor.engine.models import model_for
from tutor.lab.numbers import num
from tutor.lessons.model import LabSpec
from tutor.ui.widgets.phase_views import (
    HEAD, NOTE, WIDE, PhaseView, _close, _data, _more, _window, param_rows,
)

HIDDEN_WIDTH = 6  # "-0.344": a hidden neuron's value, 3 decimals
Values = Mapping[str, Sequence[float]]


def layered(spec: LabSpec) -> bool:
    """The lab's model has a hidden layer (of any size, one neuron too)."""
    return model_for(spec).hidden > 0


def fit(value: float, width: int, digits: int = 4) -> str:
    """value in at most `width` columns, with as many of `digits` decimals as fit:
    fit(-30.12345, 7) -> -30.123; fit(7.15e-15, 6) -> 7e-15; nan."""
    for shown in range(digits, -1, -1):
        text = num(value, shown)
        if len(text) <= width:
            return text
    return f"{value:.0e}"


def short(value: float) -> str:
    """A hidden neuron's value in HIDDEN_WIDTH columns: -0.344, 12.346, -1e+03, nan."""
    return fit(value, HIDDEN_WIDTH, 3)


def _line(groups: Sequence[Sequence[tuple[str, int]]]) -> str:
    """Cells right-aligned in their widths: one space inside a group, two between groups."""
    return "  ".join(" ".join(text.rjust(width) for text, width in group) for group in groups).rstrip()


def output_params_line(spec: LabSpec, params: Values) -> str:
    """The output layer's weights, 7 columns each (the hidden layer's are in Update)."""
    _, _, w2, b2 = spec.params
    return f"con {w2}=[{', '.join(fit(v, 7) for v in params[w2])}] {b2}={fit(params[b2][0], 7)}"


def forward_view(spec: LabSpec, record, concealed: bool = False) -> PhaseView:
    """1 Forward of the network: inputs, a1 per hidden neuron, z2, y_pred, target."""
    data = spec.dataset
    hidden = model_for(spec).hidden
    inputs = [max(len(c), *(len(_data(row[i])) for row in data.inputs)) for i, c in enumerate(data.columns)]
    target = max(len(data.target), *(len(_data(y)) for y in data.targets))
    shown, more = _window(len(data.inputs), 6)

    def groups(first, a1, z2, y_pred, y):
        return [list(zip(first, inputs)), [(v, HIDDEN_WIDTH) for v in a1], [(z2, 7), (y_pred, 6), (y, target)]]

    head = _line(groups(data.columns, [f"a1[{j}]" for j in range(hidden)], "z2", "y_pred", data.target))
    rows = []
    for i in shown:
        a1 = record.forward["a1"][i * hidden:(i + 1) * hidden]
        rows.append(_line(groups([_data(v) for v in data.inputs[i]], [short(v) for v in a1],
                                 fit(record.forward["z2"][i], 7), fit(record.forward["y_pred"][i], 6),
                                 _data(data.targets[i]))))
    body = Text("\n".join(rows + ([_more(more, "muestras")] if more else [])))
    return PhaseView(Text(head, style=HEAD), body, Text(output_params_line(spec, record.params_before)),
                     _forward_extra(spec, record, shown, sum(inputs) + len(inputs) + 1, concealed))


def _forward_extra(spec: LabSpec, record, shown, indent: int, concealed: bool) -> Text:
    """Tall windows: z1 = X·W1 + b1 of every sample, right above its a1 column."""
    model = model_for(spec)
    hidden = model.hidden
    lines = [", ".join(model.formulas.forward[:2]), " " * indent + _line([[(f"z1[{j}]", HIDDEN_WIDTH) for j in range(hidden)]])]
    for i in shown:
        z1 = record.forward["z1"][i * hidden:(i + 1) * hidden]
        lines.append(" " * indent + _line([[("·" if concealed else short(v), HIDDEN_WIDTH) for v in z1]]))
    return Text("\n".join(lines), style=NOTE)


def gradients_view(spec: LabSpec, record, hand: Values | None, offset: int = 0) -> PhaseView:
    """3 Gradientes of the network: tape beside the hand chain's value, ✓ or ≠, per scalar."""
    labels, more = param_rows(spec, record.grads, offset)
    every = [label for names in model_for(spec).param_labels.values() for label in names]
    widths = [max(len(f"d{label}") for label in every), len(WIDE), len(WIDE), 1]  # steady as w scrolls
    lines = []
    for name, i, label in labels:
        tape = record.grads[name][i]
        by_hand = hand.get(name, ()) if hand else ()
        if i < len(by_hand):
            cells = [f"d{label}", fit(tape, len(WIDE)), fit(by_hand[i], len(WIDE)),
                     "✓" if _close(tape, by_hand[i]) else "≠"]
        else:
            cells = [f"d{label}", fit(tape, len(WIDE)), "-", ""]
        lines.append(" ".join(c.rjust(w) for c, w in zip(cells, widths)).rstrip())
    head = " ".join(c.rjust(w) for c, w in zip(["", "tape", "a mano", ""], widths)).rstrip()
    body = Text("\n".join(lines + ([_more(more, "gradientes")] if more else [])))
    extra = Text("\n".join(model_for(spec).formulas.gradients), style=NOTE)  # the chain, output first
    return PhaseView(Text(head, style=HEAD), body, Text(""), extra)


def highlight(view: PhaseView, label: str) -> PhaseView:
    """The view with the row of `label` (its first word) in reverse: the parameter picked with w."""
    body = view.body.copy()
    start = 0
    for line in body.plain.split("\n"):
        words = line.split()
        if words and words[0] == label:
            body.stylize("reverse", start, start + len(line))
        start += len(line) + 1
    return view._replace(body=body)

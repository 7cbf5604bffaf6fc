"""What the four phase panels say about one epoch record, as Rich Text (no widgets here).

Compact, for 80x24 first: per sample, "1 Forward" is a table of the inputs, the forward values
(z, y_pred) and the target, and "2 Loss" each sample's term with its numbers and their mean;
per parameter, "3 Gradientes" is GradientTape's value beside the hand-derived one, and
"4 Update" `w - lr·dw = w'`. Every number comes from the engine's EpochRecord (and the
engine's hand-derived formulas); nothing is recomputed here except the layout. A view has an
`extra` line (the formula) that the panel shows only in tall windows.

Long tables collapse: more than MAX_SAMPLE_ROWS samples (typed points) or MAX_PARAM_ROWS
parameters (a network) show a window of rows and one summary line. Columns are as wide as
their widest possible value, so a panel keeps its size from one epoch to the next.
"""

from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Sequence

from rich.text import Text

from tutor.engine.models import model_for
from tutor.lab.numbers import num, rate
from tutor.lessons.model import LabSpec

Values = Mapping[str, Sequence[float]]

HEAD = "bold"
NOTE = "italic"
NUMBER_WIDTH = 8  # "-12.3456"
WIDE = "-" + "0" * (NUMBER_WIDTH - 1)
MAX_SAMPLE_ROWS = 6
MAX_PARAM_ROWS = 6


class PhaseView(NamedTuple):
    """A phase panel's text: head (column titles), body (numbers), foot, extra (the formula)."""

    head: Text
    body: Text
    foot: Text
    extra: Text = Text("")


def cell(value: float) -> str:
    """A number in at most NUMBER_WIDTH columns (a diverging run's 1335.5431 becomes 1.3e+03),
    so a table keeps its columns."""
    text = num(value)
    return f"{value:.1e}" if len(text) > NUMBER_WIDTH and abs(value) >= 1000 else text


def _data(value: float) -> str:
    """Dataset values as written in the notebook: 1, 2.5, 0."""
    return f"{value:g}"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.rjust(width) for cell, width in zip(cells, widths)).rstrip()


def _widths(headers: Sequence[str], *columns: Sequence[str]) -> list[int]:
    """Each column as wide as its title and its widest possible cell."""
    return [max([len(h), *(len(c) for c in column)]) for h, column in zip(headers, columns)]


def _window(count: int, limit: int, offset: int = 0) -> tuple[range, int]:
    """Rows shown (a window of `limit - 1` when there are more than `limit`) and how many are not."""
    if count <= limit:
        return range(count), 0
    start = max(0, min(offset, count - (limit - 1)))
    return range(start, start + limit - 1), count - (limit - 1)


def _more(hidden: int, what: str) -> str:
    return f"… y {hidden} {what} más" if hidden else ""


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], more: str) -> tuple[Text, Text]:
    head = Text(_row(headers, widths), style=HEAD)
    lines = [_row(row, widths) for row in rows] + ([more] if more else [])
    return head, Text("\n".join(lines))


def params_line(spec: LabSpec, params: Values) -> str:
    parts = []
    for name in spec.params:
        values = params[name]
        shown = num(values[0]) if len(values) == 1 else "[" + ", ".join(num(v) for v in values[:3]) + \
            (", …" if len(values) > 3 else "") + "]"
        parts.append(f"{name}={shown}")
    return "con " + "  ".join(parts)


def forward_formula(spec: LabSpec) -> str:
    return ", ".join(model_for(spec).formulas.forward)


def forward_view(spec: LabSpec, record) -> PhaseView:
    """1 Forward: every sample's inputs, forward values and target, with the weights before the update."""
    data = spec.dataset
    names = [name for name in record.forward if name != "y_pred"] + ["y_pred"]
    headers = [*data.columns, *names, data.target]
    shown, hidden = _window(len(data.inputs), MAX_SAMPLE_ROWS)
    rows = [[*(_data(v) for v in data.inputs[i]), *(cell(record.forward[name][i]) for name in names),
             _data(data.targets[i])] for i in shown]
    columns = [[_data(row[c]) for row in data.inputs] for c in range(len(data.columns))]
    widths = _widths(headers, *columns, *([WIDE] for _ in names), [_data(y) for y in data.targets])
    head, body = _table(headers, rows, widths, _more(hidden, "muestras"))
    return PhaseView(head, body, Text(params_line(spec, record.params_before)),
                     Text(forward_formula(spec), style=NOTE))


def loss_formula(spec: LabSpec) -> str:
    return ("MSE" if spec.loss == "mse" else "Binary crossentropy") + ": loss = media de los términos"


def _term(spec: LabSpec, y: float, p: str) -> str:
    if spec.loss == "mse":
        return f"({_data(y)} - {p})²"
    return f"-log({p})" if y >= 0.5 else f"-log(1-{p})"


def loss_view(spec: LabSpec, record) -> PhaseView:
    """2 Loss: each sample's term written out with its y_pred (record.sample_losses), and the mean."""
    data = spec.dataset
    shown, hidden = _window(len(data.targets), MAX_SAMPLE_ROWS)
    y_pred = record.forward["y_pred"]
    terms = [_term(spec, data.targets[i], cell(y_pred[i])) for i in shown]
    widest = max((len(_term(spec, y, WIDE)) for y in data.targets), default=0)
    header = f"({data.target} - y_pred)²" if spec.loss == "mse" else "-log(y_pred) | -log(1-y_pred)"
    widths = [max(widest, len(header) - NUMBER_WIDTH - 3), NUMBER_WIDTH]
    rows = [f"{term.ljust(widths[0])} = {cell(record.sample_losses[i]).rjust(NUMBER_WIDTH)}"
            for term, i in zip(terms, shown)]
    body = Text("\n".join(rows + ([_more(hidden, "muestras")] if hidden else [])))
    foot = Text("loss = media = ")
    foot.append(num(record.loss), style="bold reverse")
    return PhaseView(Text(header, style=HEAD), body, foot, Text(loss_formula(spec), style=NOTE))


def hand_formula(spec: LabSpec) -> str:
    return "\n".join(model_for(spec).formulas.gradients)


def _close(a: float, b: float) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 1e-4 * max(1.0, abs(a), abs(b))


def panel_params(spec: LabSpec) -> tuple[str, ...]:
    """The parameters in the panels' order: the network's from the output back (W2, b2, W1, b1),
    as backpropagation computes them."""
    if model_for(spec).hidden:
        return (*spec.params[2:], *spec.params[:2])
    return tuple(spec.params)


def param_rows(spec: LabSpec, values: Values, offset: int = 0) -> tuple[list[tuple[str, int, str]], int]:
    """(name, index, label) of the parameters shown, and how many more are summarised."""
    names = model_for(spec).param_labels  # W1[0,2]: as the engine's chains name them
    labels = [(name, i, label) for name in panel_params(spec)
              for i, label in enumerate(names[name][:len(values[name])])]
    shown, hidden = _window(len(labels), MAX_PARAM_ROWS, offset)
    return [labels[i] for i in shown], hidden


def gradients_view(spec: LabSpec, record, hand: Values | None, offset: int = 0) -> PhaseView:
    """3 Gradientes: GradientTape's value of each dw/db ("tape") with the hand-derived one beside it."""
    labels, hidden = param_rows(spec, record.grads, offset)
    headers = ["", "tape", "a mano", ""]
    widths = _widths(headers, [f"d{label}" for *_, label in labels], [WIDE], [WIDE], ["≠"])
    rows = []
    for name, i, label in labels:
        tape_value = record.grads[name][i]
        hand_values = hand.get(name, ()) if hand else ()
        if i < len(hand_values):
            mark = "✓" if _close(tape_value, hand_values[i]) else "≠"
            rows.append([f"d{label}", cell(tape_value), cell(hand_values[i]), mark])
        else:
            rows.append([f"d{label}", cell(tape_value), "-", ""])
    head, body = _table(headers, rows, widths, _more(hidden, "gradientes"))
    return PhaseView(head, body, Text(""), Text(hand_formula(spec), style=NOTE))


def update_view(spec: LabSpec, record, offset: int = 0) -> PhaseView:
    """4 Update: w - lr·dw = w' for every parameter, with the numbers."""
    weight = panel_params(spec)[0]
    lr = rate(record.lr)
    labels, hidden = param_rows(spec, record.params_before, offset)
    label_width = max((len(label) for *_, label in labels), default=1)
    rows = []
    for name, i, label in labels:
        before, grad = record.params_before[name][i], record.grads[name][i]
        grad_text = cell(grad)
        grad_text = f"({grad_text})" if grad_text.startswith("-") else grad_text
        rows.append(f"{label.rjust(label_width)}  {cell(before).rjust(NUMBER_WIDTH)} - {lr}·"
                    f"{grad_text.ljust(NUMBER_WIDTH + 2)} = {cell(record.params_after[name][i]).rjust(NUMBER_WIDTH)}")
    head = Text(f"{weight}' = {weight} - lr·d{weight}   con lr = {lr}", style=HEAD)
    body = Text("\n".join(rows + ([_more(hidden, "parámetros")] if hidden else [])))
    return PhaseView(head, body, Text(""), Text(f"{weight}.assign_sub(lr * d{weight})", style=NOTE))


def view_width(view: PhaseView) -> int:
    """Columns the panel's text needs (the extra formula may wrap)."""
    return max((len(line) for part in view[:3] for line in part.plain.splitlines()), default=0)


def view_height(view: PhaseView) -> int:
    """Lines of head, body and foot (the extra formula is not counted: tall windows only)."""
    return sum(len(part.plain.splitlines()) for part in view[:3])

"""What "4 Update" says for any optimizer and for a mini-batch epoch, as a PhaseView.

One row per parameter, as the SGD view (tutor/ui/widgets/phase_views.py), with the state the
optimizer recorded (record.optimizer_state: never recomputed here) and the result:

    momentum   v = 0.9·v - lr·dw     w + v = w'         w[0]   1.0884 + (-0.0072)  =  1.0811
    rmsprop    s = 0.9·s + 0.1·dw²;  w - lr·dw/√(s+ε) = w'   (ε = 1e-7)
                                                        w[0]  5.22e-04   1.0884 - 0.3162 = 0.7722
    adam       (titles)     m    v    paso    w - paso  w[0]  0.00722  5.22e-06  0.1000  0.9884

Only the last line's arithmetic is worked out here (RMSprop's lr·dw/√(s+1e-7)); the result
is the record's. A mini-batch epoch shows one of its updates (`batch`: which one, None the
last) with that batch's own gradient, and a foot line: which batch, its size and loss, and
the range of all its batch losses. The extra line (tall windows) is the whole rule.
"""

from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Sequence

from rich.text import Text

from tutor.engine import BatchRecord, EpochRecord, model_for, optimizer_kind
from tutor.lab.numbers import num, rate, signed
from tutor.lab.tuning import updates_text
from tutor.ui.widgets.phase_views import (
    HEAD, NOTE, NUMBER_WIDTH, PhaseView, cell, panel_params, param_rows, update_view,
)

EPSILON = 1e-7  # RMSprop's, as tf.keras (tutor/engine/optimizers.py)
Values = Mapping[str, Sequence[float]]


class Update(NamedTuple):
    """One application of the update rule: full-batch, or one batch of an epoch."""

    lr: float
    before: Values
    grads: Values
    after: Values
    state: Mapping[str, Mapping[str, Sequence[float]]]


def state_number(value: float) -> str:
    """An optimizer's state in at most 8 columns, 3 significant figures (v is often 1e-6)."""
    if not math.isfinite(value):
        return num(value)
    text = f"{value:.3g}"
    return text if len(text) <= NUMBER_WIDTH else f"{value:.1e}"


def the_update(record, batch: int | None) -> tuple[Update, BatchRecord | None]:
    if not record.batches:
        return Update(record.lr, record.params_before, record.grads, record.params_after,
                      record.optimizer_state), None
    index = len(record.batches) - 1 if batch is None else batch
    chosen = record.batches[index]
    return Update(record.lr, record.batch_params_before(index), chosen.grads, chosen.params_after,
                  chosen.optimizer_state), chosen


def update_view_for(spec, record, batch: int | None = None, offset: int = 0) -> PhaseView:
    """4 Update of `record` with its optimizer; of its update `batch` with mini-batches."""
    if record.optimizer == "sgd" and not record.batches:
        return update_view(spec, record, offset)
    update, chosen = the_update(record, batch)
    labels, hidden = param_rows(spec, update.before, offset)
    width = max((len(label) for *_, label in labels), default=1)
    head, rows = _ROWS[record.optimizer](spec, update, labels, width)
    if hidden:
        rows.append(f"… y {hidden} parámetros más")
    foot = Text("")
    if chosen is not None:
        foot = Text(_batch_line(record, chosen, batch))
    return PhaseView(Text(head, style=HEAD), Text("\n".join(rows)), foot, _rule(spec, record, update))


def _sgd(spec, update: Update, labels, width: int) -> tuple[str, list[str]]:
    weight = panel_params(spec)[0]
    lr = rate(update.lr)
    rows = [f"{label.rjust(width)}  {cell(update.before[name][i]).rjust(NUMBER_WIDTH)} - {lr}·"
            f"{signed(update.grads[name][i]).ljust(NUMBER_WIDTH + 2)} = {cell(update.after[name][i]).rjust(NUMBER_WIDTH)}"
            for name, i, label in labels]
    return f"{weight}' = {weight} - lr·d{weight} del batch   con lr = {lr}", rows


def _momentum(spec, update: Update, labels, width: int) -> tuple[str, list[str]]:
    weight = panel_params(spec)[0]
    rows = [f"{label.rjust(width)}  {cell(update.before[name][i]).rjust(NUMBER_WIDTH)} + "
            f"{signed(update.state[name]['velocity'][i]).ljust(NUMBER_WIDTH + 2)} = "
            f"{cell(update.after[name][i]).rjust(NUMBER_WIDTH)}" for name, i, label in labels]
    return f"v = 0.9·v - lr·d{weight}    {weight} + v = {weight}'", rows


def _rmsprop(spec, update: Update, labels, width: int) -> tuple[str, list[str]]:
    weight = panel_params(spec)[0]
    cells = []
    for name, i, label in labels:
        square = update.state[name]["mean_square"][i]
        step = update.lr * update.grads[name][i] / math.sqrt(square + EPSILON) if square >= 0 else math.nan
        cells.append((label.rjust(width), state_number(square), cell(update.before[name][i]), signed(step),
                      cell(update.after[name][i])))
    sizes = [max((len(row[c]) for row in cells), default=1) for c in range(5)]
    rows = [f"{label}  {square.rjust(sizes[1])}  {before.rjust(sizes[2])} - {step.ljust(sizes[3])} = "
            f"{after.rjust(sizes[4])}" for label, square, before, step, after in cells]
    return f"s = 0.9·s + 0.1·d{weight}²; {weight} - lr·d{weight}/√(s+ε) = {weight}'", rows


def _adam(spec, update: Update, labels, width: int) -> tuple[str, list[str]]:
    weight = panel_params(spec)[0]
    titles = ("m", "v", "paso", f"{weight} - paso")
    head = " " * width + "".join(f"  {title.rjust(NUMBER_WIDTH)}" for title in titles)
    rows = []
    for name, i, label in labels:
        state = update.state[name]
        cells = (state_number(state["m"][i]), state_number(state["v"][i]), cell(state["step"][i]),
                 cell(update.after[name][i]))
        rows.append(label.rjust(width) + "".join(f"  {text.rjust(NUMBER_WIDTH)}" for text in cells))
    return head, rows


_ROWS = {"sgd": _sgd, "momentum": _momentum, "rmsprop": _rmsprop, "adam": _adam}


def _rule(spec, record, update: Update) -> Text:
    """The optimizer's whole rule (and Adam's t): the extra line of tall windows."""
    weight = panel_params(spec)[0]
    kind = optimizer_kind(record.optimizer)
    lines = [f"{kind.title}, lr = {rate(update.lr)}:", *kind.rule(weight)]
    if record.optimizer == "adam":
        t = next((slots["t"][0] for slots in update.state.values() if slots.get("t")), None)
        if t is not None:
            lines[0] = f"{kind.title}, lr = {rate(update.lr)}, t = {t:g}:"
    return Text("\n".join(lines), style=NOTE)


def _batch_line(record, chosen: BatchRecord, batch: int | None) -> str:
    """"batch 3/10 · loss 0.391 · rango 0.39–0.82": which update, its loss, the range of all
    the epoch's batch losses.
    The samples are said only when this batch has fewer than the first (the last one)."""
    count = len(record.batches)
    index = count - 1 if batch is None else batch
    size = f" ({len(chosen.indices)} ej.)" if len(chosen.indices) < len(record.batches[0].indices) else ""
    line = f"batch {index + 1}/{count}{size} · loss {num(chosen.loss, 3)}"
    if count > 1:
        losses = [b.loss for b in record.batches]
        line += f" · rango {num(min(losses), 2)}–{num(max(losses), 2)}"
    return line


def update_skeleton(spec, lr: float, optimizer: str, batch_size: int | None) -> PhaseView:
    """The view of a zero-valued epoch with these settings: the size of the real ones."""
    zeros = {name: (0.0,) * len(values) for name, values in _shapes(spec).items()}
    kind = optimizer_kind(optimizer)
    state = {name: {slot: (0.0,) * size for slot, size in kind.slot_sizes(len(values)).items()}
             for name, values in zeros.items()}
    batches = None
    if batch_size is not None:
        batches = (BatchRecord(indices=tuple(range(batch_size)), loss=0.0, grads=zeros, params_after=zeros,
                               optimizer_state=state),)
    blank = EpochRecord(epoch=0, lr=lr, params_before=zeros, forward={}, sample_losses=(), loss=0.0, grads=zeros,
                        params_after=zeros, optimizer=optimizer, optimizer_state=state, batches=batches)
    return update_view_for(spec, blank)


def _shapes(spec) -> dict[str, tuple[float, ...]]:
    return {name: (0.0,) * size for name, size in model_for(spec).param_sizes.items()}


def code_line(session) -> str:  # noqa: ANN001 - a LabSession
    """What the code panel says the loop gets: `optimizador = ...` and, with mini-batches,
    how many calls an epoch makes (tutor/engine/trainer.py calls the epoch function per batch);
    "" for the notebook's own update (optimizador=None, the whole dataset)."""
    tuning = session.tuning
    if tuning.optimizer == "sgd" and tuning.batch_size is None:
        return ""
    line = f"optimizador = {optimizer_kind(tuning.optimizer).call(session.lr)}"
    if tuning.batch_size is not None:
        line += f"; una llamada por batch de {tuning.batch_size} ({updates_text(tuning.batch_size, tuning.samples)})"
    return line

"""The `w` picker's panel: one scalar parameter's gradient as the chain rule, numbers plugged in.

    w: dW1[0,0] (5 de 13) · W: anterior ─────────────────────────────
    dW1[0,0] = Σ x1 · (y_pred - y) · 1/n · W2[0] · (1 - a1[0]²)
    (0, 1)  0 · 0.6503 · 0.2500 · (-1.4283) · 0.8814 = 0.0000
    …                                     (one line per sample that fits)
    Σ = 0.0265   tape: 0.0265 ✓

It takes the charts' place while a parameter is picked. The chain is the engine's
(`weight_chain`: WeightChain.formula, each ChainTerm's factors and the total); tape's value
is the record's. It repaints only when its text or its height changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tutor.engine.models import model_for
from tutor.lab.numbers import num, signed
from tutor.lessons.model import LabSpec
from tutor.ui.widgets.phase_views import _close, panel_params

Pick = tuple[str, int, str]  # (parameter, flat index, label): ("W1", 3, "W1[1,0]")


def picker_order(spec: LabSpec) -> list[Pick]:
    """Every scalar parameter, from the output layer back (the order backprop finds them):
    W2[0], W2[1], W2[2], b2, W1[0,0] ... b1[2] for the network; W[0], W[1], b for a neuron:
    the panels' rows, in the panels' order."""
    labels = model_for(spec).param_labels
    return [(name, i, label) for name in panel_params(spec) for i, label in enumerate(labels[name])]


def _factor(value: float) -> str:
    """Dataset values as the data writes them (0, 1), anything else with 4 decimals."""
    return f"{value:g}" if float(value).is_integer() and abs(value) < 1000 else signed(value)


class ChainView(Widget):
    """See the module docstring. `show(title, formula, terms, total)` with already-made lines."""

    DEFAULT_CSS = """
    ChainView { height: 1fr; border-top: solid $accent; border-title-style: bold; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plain = ""  # every line it would show, for tests
        self._lines: tuple[str, list[str], str] = ("", [], "")

    def show(self, title: str, formula: str, terms: list[str], total: str) -> None:
        if self.border_title != title:
            self.border_title = title
        lines = (formula, terms, total)
        if lines == self._lines:
            return
        self._lines = lines
        self.plain = "\n".join([formula, *terms, total])
        self.refresh()

    def render(self) -> Text:
        formula, terms, total = self._lines
        room = max(self.content_size.height - 2, 1)  # the formula and the total stay
        if len(terms) > room:
            terms = terms[:room - 1] + [f"… y {len(terms) - room + 1} muestras más"]
        return Text("\n".join([formula, *terms, total]), no_wrap=True, overflow="ellipsis")


def chain_lines(spec: LabSpec, chain, tape: float | None, inputs) -> tuple[str, list[str], str]:  # noqa: ANN001
    """(formula, one line per sample, the total beside tape) of a WeightChain."""
    terms = []
    for term in chain.terms:
        sample = "(" + ", ".join(f"{v:g}" for v in inputs[term.sample]) + ")"
        product = " · ".join(_factor(value) for _, value in term.factors)
        terms.append(f"{sample}  {product} = {num(term.value)}")
    total = f"Σ = {num(chain.total)}"
    if tape is not None:
        total += f"   tape: {num(tape)} {'✓' if _close(chain.total, tape) else '≠'}"
    return chain.formula, terms, total

"""The `w` key: pick one scalar parameter to follow through the backprop chain.

w goes W2[0] → W2[1] → … → b1[2] → none (from the output layer back; a neuron's W[0] → b),
W (Shift+w) the other way. While one is picked, its rows in Gradientes and Update are
highlighted (their windows scroll to it) and the ChainView takes the charts' place with its
chain rule, numbers plugged in once "3 Gradientes" is on screen. View state only: the
session (and what is computed) does not change.
"""

from __future__ import annotations

from tutor.engine import weight_chain
from tutor.ui.screens.lab_layout import blank_record
from tutor.ui.widgets.chain_view import ChainView, Pick, chain_lines, picker_order
from tutor.ui.widgets.phase_views import MAX_PARAM_ROWS

GRADIENTS = 3  # the phase whose numbers the chain uses


class ParamPicker:
    def __init__(self, screen, view: ChainView) -> None:  # noqa: ANN001 - a LabScreen
        self.screen = screen
        self.spec = screen.spec
        self.view = view
        self.picks: list[Pick] = picker_order(self.spec)
        self.index: int | None = None
        self._blank = blank_record(self.spec)
        self._key = None

    @property
    def picked(self) -> Pick | None:
        return None if self.index is None else self.picks[self.index]

    def step(self, by: int) -> None:
        """The next (by 1) or previous (by -1) parameter; past either end, none."""
        count = len(self.picks)
        if self.index is None:
            self.index = 0 if by > 0 else count - 1
        else:
            moved = self.index + by
            self.index = moved if 0 <= moved < count else None
        self.screen.set_class(self.index is not None, "-picked")

    def offset(self) -> int:
        """The first row of the Gradientes/Update windows: the picked row stays in view."""
        if self.index is None:
            return 0
        return max(self.index - (MAX_PARAM_ROWS - 1) // 2, 0)  # picks are the panels' rows, in order

    def show(self, session) -> None:  # noqa: ANN001 - a LabSession
        """Bring the ChainView up to the picked parameter and the record on screen."""
        if self.index is None:
            return
        run = session.run
        record = run.current
        numbers = record is not None and run.revealed >= GRADIENTS and not session.compiled
        key = (self.index, session.generation, record.epoch if record else None, numbers)
        if key == self._key:
            return
        self._key = key
        name, index, label = self.picked
        title = f"w: d{label} ({self.index + 1} de {len(self.picks)}) · W: anterior"
        chain = weight_chain(self.spec, record if numbers else self._blank, name, index)
        if not numbers:
            hint = "corriendo: los números, al parar" if session.compiled else \
                f"los números, en la fase {GRADIENTS} Gradientes (espacio o e)"
            self.view.show(title, chain.formula, [], hint)
            return
        formula, terms, total = chain_lines(self.spec, chain, record.grads[name][index], self.spec.dataset.inputs)
        self.view.show(title, formula, terms, total)

"""LabSession's learning-rate keys: + doubles, - halves, l sets an exact value (one range:
tutor.lessons.learning_rate). A mixin: it uses the session's lr, state, message and run control."""

from __future__ import annotations

from tutor.lab.numbers import rate
from tutor.lab.state import State
from tutor.lessons.learning_rate import LR_MAX, LR_MIN, lr_problem


class LearningRateKeys:
    def faster(self) -> None:
        self._change_lr(self.lr * 2)

    def slower(self) -> None:
        self._change_lr(self.lr / 2)

    def set_lr(self, value: float) -> bool:
        """An exact learning rate (the l key); False, with a message, if out of range."""
        problem = lr_problem(value)
        if problem:
            self.message = problem[0].upper() + problem[1:] + "."
            return False
        self.lr = float(value)
        if self._control is not None:
            self._control.lr = self.lr
        after = "pulsa x (o i / s) para empezar de nuevo con él" if self.state is State.DIVERGED else "desde la próxima época"
        self.message = f"lr = {rate(self.lr)}: {after}"
        return True

    def _change_lr(self, value: float) -> None:
        if LR_MIN <= value <= LR_MAX:
            self.set_lr(value)
        else:
            self.message = f"El lr ya es {rate(self.lr)}: no va más allá de {LR_MIN:g}…{LR_MAX:g}."

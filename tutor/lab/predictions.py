"""LabSession's predict gate: stepping by phase (space, or e in the middle of an epoch) into
"3 Gradientes" of an epoch an unanswered prediction is about holds it after "2 Loss" until the
card is answered (r waits too). e on a whole new epoch shows it all, as a whole epoch is: the
question stays open on its card, and the status line says so. A mixin: it uses the session's
run, predictions, resolved, goals, queue and message."""

from __future__ import annotations

from tutor.lessons.model import Exercise


class PredictionGate:
    def exercise_resolved(self, exercise_id: str) -> None:
        """The card of `exercise_id` was answered (or skipped): a gate waiting for it opens."""
        self.resolved.add(exercise_id)
        self.goals.resolved(exercise_id)
        if self.gate is not None and self.gate.id == exercise_id:
            self.gate = None
            self.run.revealed = max(self.run.revealed, 3)

    def pending_prediction(self) -> Exercise | None:
        """The unanswered predict exercise about the epoch on screen, if any."""
        record = self.run.current
        if record is None:
            return None
        return next((e for e in self.predictions if e.live.epoch == record.epoch and e.id not in self.resolved), None)

    def _hold_at_gate(self) -> None:
        """Past "2 Loss" of an epoch a prediction is about (still unanswered): back to 2, and ask."""
        exercise = self.pending_prediction()
        if exercise is not None and self.run.revealed >= 3:
            self.run.revealed = 2
            self.gate = exercise
            self._queue.clear()

    def _passed_a_prediction(self) -> None:
        """e showed a whole epoch a prediction is about: the question stays open on its card."""
        exercise = self.pending_prediction()
        if exercise is not None and self.run.revealed >= 3:
            self.message = "Tu predicción sigue abierta: Tab."  # on its card, below the loop

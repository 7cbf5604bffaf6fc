"""LabSession's predict gate: an unanswered prediction about an epoch holds that epoch after
"2 Loss" (space, e and r alike) until its card is answered, and r runs only up to the epoch a
prediction is about. A mixin: it uses the session's run, predictions, resolved, goals, queue
and message."""

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

    def _prediction_ahead(self) -> int | None:
        """The first epoch not computed yet that an unanswered prediction is about."""
        epochs = [e.live.epoch for e in self.predictions
                  if e.id not in self.resolved and e.live.epoch >= self.run.epochs_run]
        return min(epochs, default=None)

    def _step_to_prediction(self) -> None:
        epoch = self.run.epochs_run
        self.message = f"Pausa en la época {epoch}: antes de sus gradientes, tu predicción."
        self._queue.appendleft("epoch")  # computed, then held at the gate after "2 Loss"

"""A LabSession wired to a real LabChannel without a thread and a FakeTrainer: milliseconds."""

from __future__ import annotations

from dataclasses import replace

from fake_trainer import GOAL, OTHER_GOAL, PREDICT, SPEC, FakeTrainer
from tutor.engine import hand_gradients
from tutor.lab.channel import LabChannel
from tutor.lab.session import LabSession


class Rig:
    def __init__(self, spec=SPEC, exercises=(GOAL, OTHER_GOAL), fail_load: bool = False,
                 epochs: int | None = None, **options) -> None:
        if epochs is not None:
            spec = replace(spec, epochs=epochs)
        self.spec = spec
        self.now = 0.0
        self.results: list = []
        self.trainers: list[FakeTrainer] = []
        self.on_run = None  # called after each Trainer.run: a key pressed mid-run

        def make(spec, start, lr, **settings):
            if fail_load:
                raise RuntimeError("sin TensorFlow")
            trainer = FakeTrainer(spec, start, lr, **settings)
            original = trainer.run

            def run(epochs, should_stop=None):
                records = original(epochs, should_stop)
                if self.on_run is not None:
                    self.on_run()
                return records

            trainer.run = run
            self.trainers.append(trainer)
            return trainer

        self.channel = LabChannel(spec, self.results.append, make_trainer=make, hand=hand_gradients,
                                  threaded=False)
        self.session = LabSession(spec, self.channel, exercises=exercises, clock=lambda: self.now, **options)

    @property
    def trainer(self) -> FakeTrainer:
        return self.trainers[-1]

    def deliver(self) -> int:
        results, self.results[:] = list(self.results), []
        for result in results:
            self.session.receive(result)
        return len(results)

    def settle(self) -> None:
        """Run every job and deliver every result until nothing is left; then catch up."""
        while self.channel.drain() + self.deliver():
            pass
        self.session.catch_up()

    def opened(self) -> "Rig":
        self.session.open()
        self.settle()
        return self

    def press(self, *commands: str) -> None:
        for command in commands:
            self.session.press(command)
            self.settle()

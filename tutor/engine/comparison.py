"""Several Trainers from the same start, trained chunk by chunk in step (`tutor run --compare`
and the lab's `k`): memory stays flat for any number of epochs, and a diverged one stops.

    for done, chunk in in_step(trainers, epochs):   # chunk: {name: {epoch: record}}
        ...
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping


def in_step(trainers: Mapping[str, Any], epochs: int, should_stop: Callable[[], bool] | None = None,
            ) -> Iterator[tuple[int, dict[str, dict[int, Any]]]]:
    """Yield (first epoch of the chunk, {name: {epoch: record}}) until `epochs` epochs ran,
    every trainer diverged, or should_stop() (checked between chunks) is True."""
    from tutor.engine.trainer import CHUNK

    done = 0
    while done < epochs and not all(trainer.diverged for trainer in trainers.values()):
        if should_stop is not None and should_stop():
            return
        count = min(CHUNK, epochs - done)
        yield done, {name: {record.epoch: record for record in trainer.run(count)}
                     for name, trainer in trainers.items() if not trainer.diverged}
        done += count

"""The lab channel's messages: jobs (UI thread -> lab thread) and results (back), plain
frozen dataclasses tagged with a generation (see tutor/lab/channel.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

Start = Mapping[str, Sequence[float]]


# -- jobs (UI thread -> lab thread) -----------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """How the next epochs update: the optimizer's name and the batch size (None: all)."""

    optimizer: str = "sgd"
    batch_size: int | None = None


@dataclass
class RunControl:
    """Shared by the session and a running Run job: the lr and settings of the next chunk, and stop."""

    lr: float
    settings: Settings | None = None  # None: as they are
    stopped: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        self.stopped.set()


@dataclass(frozen=True)
class Load:
    generation: int
    start: Start
    lr: float
    settings: Settings = Settings()
    shuffle_seed: int = 0


@dataclass(frozen=True)
class Step:
    generation: int
    lr: float


@dataclass(frozen=True)
class Reset:
    generation: int
    start: Start
    settings: Settings | None = None  # also applied (a newer Reset may have skipped a Configure)


@dataclass(frozen=True)
class Configure:
    """o / b: the optimizer and batch size of the next epochs (a new optimizer starts afresh)."""

    generation: int
    settings: Settings


@dataclass(frozen=True)
class Compare:
    """k: the same start trained `epochs` epochs with each optimizer, on trainers of its own."""

    generation: int
    start: Start
    lr: float
    epochs: int
    optimizers: tuple[str, ...]
    batch_size: int | None


@dataclass(frozen=True)
class Run:
    generation: int
    target: int  # run until the trainer's epoch reaches this
    control: RunControl


# -- results (lab thread -> UI thread) --------------------------------------------------------

@dataclass(frozen=True)
class Ready:
    generation: int


@dataclass(frozen=True)
class LoadFailed:
    text: str


@dataclass(frozen=True)
class EpochDone:
    generation: int
    record: Any  # EpochRecord
    hand: Any  # hand-derived gradients of that record, {name: flat tuple}


@dataclass(frozen=True)
class Chunk:
    generation: int
    records: list


@dataclass(frozen=True)
class RunEnded:
    generation: int


@dataclass(frozen=True)
class Compared:
    generation: int
    losses: Mapping[str, tuple[float, ...]]  # per optimizer, epoch by epoch (up to where it diverged)


@dataclass(frozen=True)
class JobFailed:
    generation: int
    text: str

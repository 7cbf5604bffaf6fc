"""What `tutor lab LAB [--seed N | --init notebook] [--lr X]` asks the app to open.

Plain data (no Textual): the CLI and the class server build it, the app opens the lab with it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabRequest:
    lab_id: str
    init: str | None = None  # "notebook" or "random"; None: the lab's own default
    start_seed: int | None = None  # a random start drawn with this seed (as `tutor run --seed N`)
    lr: float | None = None  # None: the lab's learning rate

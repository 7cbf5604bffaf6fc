"""The engine: the notebook's TensorFlow training loop, one epoch (or many) at a time.

Importing this package does not import TensorFlow (nor Textual): TensorFlow is loaded by
`runtime.load_tensorflow()` the first time a Trainer is created.
"""

from __future__ import annotations

from tutor.engine.gradients import hand_gradients
from tutor.engine.records import PHASES, EpochRecord
from tutor.engine.runtime import load_tensorflow
from tutor.engine.source import EpochSource, epoch_source
from tutor.engine.start import start_values
from tutor.engine.trainer import DivergedError, Trainer

__all__ = ["PHASES", "DivergedError", "EpochRecord", "EpochSource", "Trainer", "epoch_source",
           "hand_gradients", "load_tensorflow", "start_values"]

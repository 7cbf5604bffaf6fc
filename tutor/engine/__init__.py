"""The engine: the notebook's TensorFlow training loop, one epoch (or many) at a time.

Importing this package does not import TensorFlow (nor Textual): TensorFlow is loaded by
`runtime.load_tensorflow()` the first time a Trainer is created.

The model registry (`model_for(spec)`, `model_kind(name)`, `MODEL_KINDS`) and the optimizer
registry (`optimizer_kind(name)`, `OPTIMIZER_KINDS`) tell the UI and the commands everything
that depends on the kind of model or optimizer: names, shapes, formulas, chart kind, limits.
"""

from __future__ import annotations

from tutor.engine.batches import epoch_batches
from tutor.engine.gradients import backprop_chain, hand_gradients, weight_chain
from tutor.engine.models import MODEL_KINDS, Formulas, Model, WeightChain, model_for, model_kind
from tutor.engine.optimizers import OPTIMIZER_KINDS, OptimizerKind, optimizer_kind
from tutor.engine.records import PHASES, BatchRecord, EpochRecord
from tutor.engine.runtime import load_tensorflow
from tutor.engine.source import EpochSource, epoch_source
from tutor.engine.start import start_values
from tutor.engine.trainer import DivergedError, Trainer

__all__ = ["MODEL_KINDS", "OPTIMIZER_KINDS", "PHASES", "BatchRecord", "DivergedError", "EpochRecord",
           "EpochSource", "Formulas", "Model", "OptimizerKind", "Trainer", "WeightChain", "backprop_chain",
           "epoch_batches", "epoch_source", "hand_gradients", "load_tensorflow", "model_for", "model_kind",
           "optimizer_kind", "start_values", "weight_chain"]

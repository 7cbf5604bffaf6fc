"""The TensorFlow pieces that step() and run() share, taken from the model's own code in
tutor/engine/loops/: its forward function (the only forward pass there is) and its epoch
function, plus an evaluation (forward, loss, gradients, no update) and the update alone.

Imported only once TensorFlow is loaded (the Trainer imports it).
"""

from __future__ import annotations

import importlib
from typing import Any, Sequence

from tutor.engine.models import Model
from tutor.engine.optimizers import OptimizerKind
from tutor.engine.runtime import load_tensorflow


class ModelCode:
    """The model's TensorFlow functions, called the way its epoch function is written."""

    def __init__(self, model: Model) -> None:
        self.tf = load_tensorflow()
        self.model = model
        module = importlib.import_module(model.code_module)
        self._forward = getattr(module, model.forward_function)
        self._epoch = getattr(module, model.epoch_function)
        self._kwargs = model.code_kwargs(module)

    def forward(self, x: Any, params: Sequence[Any]) -> tuple[Any, ...]:
        """The forward values (model.forward_names order, y_pred last) of x with params."""
        values = self._forward(x, *params, **self._kwargs)
        return values if isinstance(values, tuple) else (values,)

    def epoch(self, x: Any, y: Any, variables: Sequence[Any], lr: float, optimizer: Any) -> tuple[Any, ...]:
        """One update, as the lab shows it: (forward values, perdidas, loss, gradients)."""
        return self._epoch(x, y, *variables, lr, **self._kwargs, optimizador=optimizer)

    def sample_losses(self, y: Any, y_pred: Any) -> Any:
        """The loss of each sample, as the epoch functions write it.

        `tf.identity` keeps, inside a graph, the formula Keras 2 uses eagerly (as in the
        notebook): traced, its binary_crossentropy notices y_pred comes straight from a
        Sigmoid op and switches to the logits formula, which rounds differently."""
        tf = self.tf
        y_pred = tf.identity(y_pred)
        if self.model.spec.loss == "mse":
            return (y - y_pred) ** 2 if self.model.targets_1d else tf.reduce_mean((y - y_pred) ** 2, axis=1)
        if self.model.targets_1d:
            return tf.keras.losses.binary_crossentropy(y[:, None], y_pred[:, None])
        return tf.keras.losses.binary_crossentropy(y, y_pred)

    def evaluate(self, x: Any, y: Any, variables: Sequence[Any]) -> tuple[Any, ...]:
        """Phases 1-3 without the update: (forward values, perdidas, loss, gradients)."""
        tf = self.tf
        with tf.GradientTape() as tape:
            values = self.forward(x, variables)
            perdidas = self.sample_losses(y, values[-1])
            loss = tf.reduce_mean(perdidas)
        return values, perdidas, loss, tape.gradient(loss, list(variables))


def apply_update(variables: Sequence[Any], grads: Sequence[Any], lr: Any, optimizer: Any) -> None:
    """Phase 4 alone, exactly as the epoch functions do it."""
    if optimizer is None:
        for variable, grad in zip(variables, grads):
            variable.assign_sub(lr * grad)
    else:
        optimizer.apply_gradients(zip(grads, variables))


def optimizer_state(kind: OptimizerKind, optimizer: Any, variables: Sequence[Any]) -> list[Any]:
    """Every parameter's state tensors, parameter by parameter, slot by slot."""
    tf = load_tensorflow()
    return [tensor for variable in variables for tensor in kind.state(tf, optimizer, variable)]

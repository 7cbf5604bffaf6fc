"""The optimizers of the notebook's glossary: how the gradients become the update.

"sgd" is the notebook's own update, `w.assign_sub(lr * dw)`, with no optimizer object. The
others are the real tf.keras optimizers (tf-keras, Keras 2) with their defaults except the
learning rate, applied with `apply_gradients`. After each update the record carries the
optimizer's state per parameter, read from its slot variables:

    momentum  velocity     v = 0.9·v - lr·g;  p = p + v        (SGD(momentum=0.9))
    adam      m, v, t, step                                     (Adam)
              m = 0.9·m + 0.1·g;  v = 0.999·v + 0.001·g²
              step = lr·√(1 - 0.999^t)/(1 - 0.9^t) · m/(√v + 1e-7);  p = p - step
    rmsprop   mean_square  s = 0.9·s + 0.1·g²;  p = p - lr·g/√(s + 1e-7)   (RMSprop)

No TensorFlow is imported here; `make` and `state` receive the module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from tutor.errors import TutorError


@dataclass(frozen=True)
class OptimizerKind:
    name: str  # as `--optimizer` and lesson files write it
    title: str  # Spanish, for the panels
    slots: tuple[str, ...]  # its state per parameter, in record order
    hyper: Mapping[str, float] = field(default_factory=dict)  # tf.keras's defaults it runs with
    rule_lines: tuple[str, ...] = ()  # the update rule, "{p}" standing for the parameter's name

    def rule(self, param: str) -> tuple[str, ...]:
        """The update rule for one parameter: ("v = 0.9·v - lr·dW", "W = W + v")."""
        return tuple(line.replace("{p}", param) for line in self.rule_lines)

    def slot_sizes(self, size: int) -> dict[str, int]:
        """Numbers each state slot holds for a parameter of `size` numbers ("t" is one)."""
        return {slot: 1 if slot == "t" else size for slot in self.slots}

    def make(self, tf: Any, lr: float) -> Any:
        """A new tf.keras optimizer with this learning rate (None for "sgd")."""
        if self.name == "sgd":
            return None
        return getattr(tf.keras.optimizers, _CLASSES[self.name])(learning_rate=lr, **self.hyper_arguments())

    def call(self, lr: float) -> str:
        """The loop's `optimizador` as code: "tf.keras.optimizers.Adam(learning_rate=0.1)" ("None": sgd)."""
        if self.name == "sgd":
            return "None"
        arguments = "".join(f", {key}={value:g}" for key, value in self.hyper_arguments().items())
        return f"tf.keras.optimizers.{_CLASSES[self.name]}(learning_rate={lr:g}{arguments})"

    def hyper_arguments(self) -> dict[str, float]:
        """Only what differs from tf.keras's own defaults: momentum = 0.9 for "momentum"."""
        return {"momentum": self.hyper["momentum"]} if self.name == "momentum" else {}

    def state(self, tf: Any, optimizer: Any, variable: Any) -> list[Any]:
        """The state of one parameter after an update, one tensor per slot (eager or in a graph)."""
        if optimizer is None:
            return []
        index = optimizer._index_dict[optimizer._var_key(variable)]
        if self.name == "momentum":
            return [optimizer.momentums[index]]
        if self.name == "rmsprop":
            return [optimizer._velocities[index]]
        m, v = optimizer._momentums[index], optimizer._velocities[index]
        # The step Adam just subtracted, with the same operations as its update_step.
        dtype = variable.dtype
        lr = tf.cast(optimizer.learning_rate, dtype)
        t = tf.cast(optimizer.iterations, dtype)
        beta_1_power = tf.pow(tf.cast(optimizer.beta_1, dtype), t)
        beta_2_power = tf.pow(tf.cast(optimizer.beta_2, dtype), t)
        alpha = lr * tf.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        step = (m * alpha) / (tf.sqrt(v) + optimizer.epsilon)
        return [m, v, tf.reshape(t, [1]), step]


_CLASSES = {"momentum": "SGD", "adam": "Adam", "rmsprop": "RMSprop"}  # in tf.keras.optimizers

OPTIMIZER_KINDS: dict[str, OptimizerKind] = {kind.name: kind for kind in (
    OptimizerKind("sgd", "SGD (descenso de gradiente)", (), {}, ("{p} = {p} - lr·d{p}",)),
    OptimizerKind("momentum", "Momentum", ("velocity",), {"momentum": 0.9},
                  ("v = 0.9·v - lr·d{p}", "{p} = {p} + v")),
    OptimizerKind("adam", "Adam", ("m", "v", "t", "step"),
                  {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
                  ("m = 0.9·m + 0.1·d{p}", "v = 0.999·v + 0.001·d{p}²",
                   "paso = lr·√(1 - 0.999^t)/(1 - 0.9^t) · m/(√v + 1e-7)", "{p} = {p} - paso")),
    OptimizerKind("rmsprop", "RMSprop", ("mean_square",), {"rho": 0.9, "epsilon": 1e-7},
                  ("s = 0.9·s + 0.1·d{p}²", "{p} = {p} - lr·d{p}/√(s + 1e-7)")),
)}


def optimizer_kind(name: str) -> OptimizerKind:
    try:
        return OPTIMIZER_KINDS[name]
    except KeyError:
        raise TutorError(f"optimizador desconocido {name!r} (válidos: {', '.join(OPTIMIZER_KINDS)})",
                         exit_code=2) from None

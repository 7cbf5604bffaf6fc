"""The `[lab]` table of a lesson file -> a `LabSpec` (or its problems, as `path:line: message`)."""

from __future__ import annotations

import re
from typing import Mapping

from tutor.lessons.fields import Table
from tutor.lessons.learning_rate import lr_problem
from tutor.lessons.model import (
    ACTIVATIONS, DEFAULT_HIDDEN, HIDDEN_SIZES, LOSSES, MODEL_INFO, MODELS, OPTIMIZERS, TRACE_STYLES, Dataset, LabSpec,
    ModelInfo, param_sizes,
)

LAB_KEYS = ("id", "title", "dataset", "model", "loss", "lr", "epochs", "every", "params",
            "bias_init", "trace", "notebook_init", "hidden", "activation", "optimizer", "batch_size")
BIAS_INITS = ("zeros", "normal")
MAX_EPOCHS = 100_000
_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def lab_param_sizes(lab: LabSpec) -> dict[str, int]:
    """How many numbers each of the lab's parameters holds (for notebook_init, live values, templates)."""
    return param_sizes(lab.model, len(lab.dataset.columns), lab.hidden_size, lab.params)


def read_lab(table: Table, lab_id: str | None, lesson_title: str, datasets: Mapping[str, Dataset],
             lesson_keys: tuple[str, ...]) -> LabSpec | None:
    """The lab, or None after reporting every problem to table.problems."""
    problems = table.problems
    before = len(problems.errors)
    table.only(LAB_KEYS, misplaced=lesson_keys)
    title = table.get("title", "str", default=lesson_title)
    dataset = _dataset(table, datasets)
    model = table.choice("model", MODELS, required=True)
    info = MODEL_INFO.get(model) if model is not None else None
    loss = table.choice("loss", LOSSES, required=True)
    if info is not None and loss is not None and loss not in info.losses:
        why = " (sus predicciones deben estar entre 0 y 1)" if loss == "bce" else ""
        table.error("loss", f"loss = \"{loss}\" no se usa con model = \"{model}\"{why}; "
                            f"válidas: {', '.join(info.losses)}")
    lr = table.get("lr", "float", required=True)
    if lr is not None and (problem := lr_problem(lr)):  # the range the lab's + / - keys allow
        table.error("lr", f"'lr': {problem}")
    epochs = positive(table, "epochs", required=True)
    every = positive(table, "every", default=max(1, (epochs or 5) // 5))
    params = _params(table, info)
    bias_init = table.choice("bias_init", BIAS_INITS, default="zeros")
    traces = info.traces if info is not None else TRACE_STYLES
    trace = table.choice("trace", TRACE_STYLES, default=traces[0])
    if trace is not None and trace not in traces:
        table.error("trace", f"trace = \"{trace}\" no sirve para model = \"{model}\" (válidos: {', '.join(traces)})")
    hidden, activation = _hidden_layer(table, model, info)
    optimizer = table.choice("optimizer", OPTIMIZERS, default="sgd")
    batch_size = _batch_size(table, dataset)
    notebook_init = None
    init_table = table.sub("notebook_init")
    if init_table is not None and params is not None and dataset is not None and model is not None:
        sizes = param_sizes(model, len(dataset.columns), _default_hidden(hidden, info), tuple(params))
        notebook_init = _init(init_table, sizes, lesson_keys)
    if len(problems.errors) > before or None in (dataset, model, loss, lr, epochs, params, lab_id):
        return None
    return LabSpec(id=lab_id, title=title, dataset=dataset, model=model, loss=loss, lr=lr, epochs=epochs,
                   every=every, params=tuple(params), bias_init=bias_init, notebook_init=notebook_init,
                   trace=trace, hidden=hidden, activation=activation, optimizer=optimizer or "sgd",
                   batch_size=batch_size)


def positive(table: Table, key: str, required: bool = False, default: int | None = None) -> int | None:
    value = table.get(key, "int", required, default)
    if value is not None and not 1 <= value <= MAX_EPOCHS:
        table.error(key, f"'{key}' debe estar entre 1 y {MAX_EPOCHS}, no {value}")
        return None
    return value


def _dataset(table: Table, datasets: Mapping[str, Dataset]) -> Dataset | None:
    dataset_id = table.get("dataset", "str", required=True)
    if dataset_id is None:
        return None
    dataset = datasets.get(dataset_id)
    if dataset is None:
        known = ", ".join(sorted(datasets)) or "ninguno"
        table.error("dataset", f"dataset desconocido '{dataset_id}' (definidos en datasets.toml: {known})")
    return dataset


def _params(table: Table, info: ModelInfo | None) -> list[str] | None:
    """A single neuron names its two parameters; the network's are always W1, b1, W2, b2."""
    if info is not None and info.hidden_layer:
        params = table.get("params", "str_list", default=list(info.params))
        if params is not None and tuple(params) != info.params:
            names = ", ".join(f'"{name}"' for name in info.params)
            table.error("params", f"los parámetros de la red son [{names}] (o no escribas 'params')")
            return None
        return params
    params = table.get("params", "str_list", required=True)
    if params is not None and (len(params) != 2 or len(set(params)) != 2
                               or not all(_NAME_PATTERN.match(name) for name in params)):
        table.error("params", "'params' son dos nombres distintos: pesos y bias, p. ej. [\"W\", \"b\"]")
        return None
    return params


def _hidden_layer(table: Table, model: str | None, info: ModelInfo | None) -> tuple[int | None, str]:
    """`hidden` (neurons) and `activation` of the hidden layer: only for a model with one."""
    low, high = HIDDEN_SIZES
    hidden = table.get("hidden", "int")
    activation = table.choice("activation", ACTIVATIONS, default="tanh") or "tanh"
    if info is not None and not info.hidden_layer:
        for key in ("hidden", "activation"):
            if key in table.data:
                with_layer = ", ".join(f'"{name}"' for name, other in MODEL_INFO.items() if other.hidden_layer)
                table.error(key, f"'{key}' es de la capa oculta: solo con model = {with_layer} (no \"{model}\")")
        return None, "tanh"
    if hidden is not None and not low <= hidden <= high:
        table.error("hidden", f"'hidden' (neuronas de la capa oculta) debe estar entre {low} y {high}, no {hidden}")
        return None, activation
    return hidden, activation


def _default_hidden(hidden: int | None, info: ModelInfo | None) -> int:
    if info is None or not info.hidden_layer:
        return 0
    return hidden if hidden is not None else DEFAULT_HIDDEN


def _batch_size(table: Table, dataset: Dataset | None) -> int | None:
    size = table.get("batch_size", "int")
    if size is None:
        return None
    rows = len(dataset.inputs) if dataset is not None else None
    if size < 1 or (rows is not None and size > rows):
        limit = f"entre 1 y {rows} (las filas de '{dataset.id}')" if dataset is not None else "1 o más"
        table.error("batch_size", f"'batch_size' debe estar {limit}, no {size}")
        return None
    return size


def _init(table: Table, sizes: dict[str, int], lesson_keys: tuple[str, ...]) -> dict[str, tuple[float, ...]] | None:
    table.only(list(sizes), misplaced=LAB_KEYS + lesson_keys)
    values: dict[str, tuple[float, ...]] = {}
    for name, size in sizes.items():
        numbers = table.get(name, "float_list", required=True)
        if numbers is None:
            continue
        if len(numbers) != size:
            table.error(name, f"'{name}' necesita {size} valor(es), no {len(numbers)}")
            continue
        values[name] = tuple(numbers)
    return values if len(values) == len(sizes) else None

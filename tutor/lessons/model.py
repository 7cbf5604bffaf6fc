"""What a lesson pack becomes once loaded: plain, immutable dataclasses.

This module is the contract between the lesson files, the engine and the UI. It imports
nothing but the standard library (no TensorFlow, no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

LESSON_KINDS = ("reading", "lab", "glossary", "quiz", "free-lab")
LOSSES = ("mse", "bce")  # tf.reduce_mean((y - y_pred)**2) | binary_crossentropy
# The notebook's three print formats, and the network's (W1, b1, W2, b2).
TRACE_STYLES = ("ejemplo-1", "ejemplo-2", "ejemplo-final", "red")
ACTIVATIONS = ("tanh", "sigmoid", "relu")  # the hidden layer's activation
OPTIMIZERS = ("sgd", "momentum", "adam", "rmsprop")  # tf.keras.optimizers (sgd: the notebook's assign_sub)
HIDDEN_SIZES = (1, 8)  # neurons of the hidden layer: at least, at most
DEFAULT_HIDDEN = 3
EXERCISE_KINDS = ("choice", "numeric", "predict", "goal")
RECORD_FIELDS = ("loss", "params_before", "forward", "grads", "params_after")

Params = Mapping[str, tuple[float, ...]]  # {"w": (2.82,), "b": (0.52,)}: flat values per name


@dataclass(frozen=True)
class ModelInfo:
    """What the lesson loader checks about one model kind, as data (the lessons layer never
    imports the engine; tutor.engine.models has the rest, and a test asserts both agree)."""

    losses: tuple[str, ...]  # the losses a lesson file may pair it with
    params: tuple[str, ...]  # default parameter names, in order: weights, then biases
    forward: tuple[str, ...]  # forward values per sample, in order (y_pred last)
    traces: tuple[str, ...]  # trace styles it prints with; the first is the default
    hidden_layer: bool = False  # 2 → H → 1: `hidden` and `activation` apply
    max_inputs: int | None = None  # input columns it uses (lineal: only the first)


MODEL_INFO = {
    # y_pred = w * x + b
    "lineal": ModelInfo(("mse",), ("w", "b"), ("y_pred",), ("ejemplo-1", "ejemplo-2", "ejemplo-final"),
                        max_inputs=1),
    # z = X @ W + b, y_pred = sigmoid(z)
    "sigmoide": ModelInfo(("bce", "mse"), ("W", "b"), ("z", "y_pred"), ("ejemplo-2", "ejemplo-1", "ejemplo-final")),
    # z1 = X @ W1 + b1, a1 = activation(z1), z2 = a1 @ W2 + b2, y_pred = sigmoid(z2)
    "red": ModelInfo(("bce", "mse"), ("W1", "b1", "W2", "b2"), ("z1", "a1", "z2", "y_pred"), ("red",),
                     hidden_layer=True),
}
MODELS = tuple(MODEL_INFO)


@dataclass(frozen=True)
class Dataset:
    """A table of samples: inputs by column and one target per row."""

    id: str
    title: str
    columns: tuple[str, ...]  # input names: ("x",) or ("x1", "x2")
    target: str  # name of the target column: "y", "y_real", "Clase"
    inputs: tuple[tuple[float, ...], ...]  # one row per sample
    targets: tuple[float, ...]
    note: str = ""  # Markdown shown with the dataset (e.g. why XOR fails with one neuron)


@dataclass(frozen=True)
class LabSpec:
    """One training loop of the notebook, fully described by data."""

    id: str
    title: str
    dataset: Dataset
    model: str  # one of MODELS
    loss: str  # one of LOSSES
    lr: float
    epochs: int  # epochs the notebook runs: range(epochs)
    every: int  # the notebook prints when epoch % every == 0
    params: tuple[str, ...]  # names as the notebook writes them: ("w", "b"), ("W", "b"); the network's W1, b1, W2, b2
    bias_init: str = "zeros"  # how the notebook draws b: "normal" or "zeros"
    notebook_init: Params | None = None  # the notebook's printed start values
    trace: str = "ejemplo-1"  # one of TRACE_STYLES: how `tutor run` prints
    hidden: int | None = None  # neurons of the hidden layer (model "red"; None: DEFAULT_HIDDEN)
    activation: str = "tanh"  # the hidden layer's activation (model "red"), one of ACTIVATIONS
    optimizer: str = "sgd"  # one of OPTIMIZERS
    batch_size: int | None = None  # samples per update; None: the whole dataset (the notebook)

    @property
    def hidden_size(self) -> int:
        """Neurons of the hidden layer (0 for a single neuron)."""
        if not MODEL_INFO[self.model].hidden_layer:
            return 0
        return self.hidden if self.hidden is not None else DEFAULT_HIDDEN


def param_sizes(model: str, columns: int, hidden: int, names: tuple[str, ...]) -> dict[str, int]:
    """How many numbers each parameter holds: a single neuron's weights one per input used,
    its bias one; the network's W1 columns × hidden, b1 hidden, W2 hidden, b2 one."""
    info = MODEL_INFO[model]
    inputs = columns if info.max_inputs is None else min(columns, info.max_inputs)
    if info.hidden_layer:
        sizes = (inputs * hidden, hidden, hidden, 1)
    else:
        sizes = (inputs, 1)
    return dict(zip(names, sizes))


def forward_sizes(model: str, rows: int, hidden: int) -> dict[str, int]:
    """How many numbers each forward value holds: one per sample, or one per sample and
    hidden neuron for the hidden layer's values (z1, a1)."""
    info = MODEL_INFO[model]
    widths = (hidden, hidden, 1, 1) if info.hidden_layer else (1,) * len(info.forward)
    return {name: rows * width for name, width in zip(info.forward, widths)}


@dataclass(frozen=True)
class LiveValue:
    """A number read from the student's own run: `field[name][index]` of the record of `epoch`.

    field is one of RECORD_FIELDS; name is a parameter ("w", "b", "W") or a forward value
    ("z", "y_pred"); for field "loss" name and index are ignored.
    """

    field: str
    name: str = ""
    index: int = 0
    epoch: int = 0


@dataclass(frozen=True)
class Goal:
    """A lab goal checked on the live run: loss below `below` within `within_epochs` epochs."""

    below: float
    within_epochs: int
    metric: str = "loss"
    dataset: str = ""  # free lab: the goal counts only for runs on this dataset ("" = the lab's own)


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str  # one of EXERCISE_KINDS
    prompt: str  # Markdown
    line: int  # where it is declared, for messages
    choices: tuple[str, ...] = ()  # choice and predict
    answer: str | None = None  # choice: the right choice, verbatim
    value: float | None = None  # numeric: a fixed right answer
    live: LiveValue | None = None  # numeric: the answer is this live value; predict: its sign
    tolerance: float = 0.0  # numeric: absolute tolerance
    goal: Goal | None = None  # goal
    hints: tuple[str, ...] = ()
    explanation: str = ""  # Markdown shown after answering


@dataclass(frozen=True)
class GlossaryTerm:
    id: str  # "pesos"
    number: int  # its number in the notebook's glossary (1..15)
    name: str  # "Pesos (Weights, w)"
    definition: str  # Markdown, tables included
    example: str = ""  # Markdown
    related: tuple[str, ...] = ()  # ids of other terms
    aliases: tuple[str, ...] = ()  # what a student may search: "w", "weights", "pesos"
    line: int = 0


@dataclass(frozen=True)
class Page:
    title: str
    markdown: str
    line: int  # first line of the page in its file


@dataclass(frozen=True)
class Lesson:
    id: str
    order: int
    title: str
    kind: str  # one of LESSON_KINDS
    path: str
    summary: str = ""
    pages: tuple[Page, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    lab: LabSpec | None = None  # lab lessons
    terms: tuple[GlossaryTerm, ...] = ()  # glossary lessons
    # Markdown shown once the lab has run, with {{W[0]}}-style placeholders filled from the
    # student's own trained values (see tutor.lessons.template).
    interpretation: str = ""
    # Index of the page right after which the exercises step comes (before the lab and the
    # pages that follow), so a question is asked before the answer is shown; None: at the end.
    exercises_after_page: int | None = None


@dataclass(frozen=True)
class LessonError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Course:
    """A loaded lesson pack: the good lessons in order, plus every problem found."""

    title: str
    lessons: tuple[Lesson, ...]
    errors: tuple[LessonError, ...] = ()
    datasets: Mapping[str, Dataset] = field(default_factory=dict)
    no_skip: bool = False  # the teacher locks skipping exercises for the whole pack

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def lab(self, lab_id: str) -> LabSpec | None:
        return next((l.lab for l in self.lessons if l.lab is not None and l.lab.id == lab_id), None)

    @property
    def labs(self) -> tuple[LabSpec, ...]:
        return tuple(lesson.lab for lesson in self.lessons if lesson.lab is not None)

    @property
    def glossary(self) -> tuple[GlossaryTerm, ...]:
        return tuple(term for lesson in self.lessons for term in lesson.terms)

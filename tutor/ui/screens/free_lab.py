"""The free lab ("Laboratorio libre"): the student picks the data, model, loss, lr and epochs.

    FreeLabScreen(course, *, progress=None, seed=None, lesson=None, allow_skip=True, order_key="")

A form: a dataset of the course (AND, OR, NAND, XOR, the Ejemplo final points, Ejemplo 1) or
points typed one per line ("x1 x2 clase"), the model (one neuron, or the network with its hidden
layer's size and activation), the loss, the learning rate and the epochs. "Entrenar" builds a lab lesson (tutor.lessons.free_lab, no Textual) and opens the
ordinary LabScreen on it, with Escape back to this form.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Markdown, Select, Static, TextArea

from tutor.lessons.free_lab import (
    OWN_POINTS, POINTS_EXAMPLE, build_lesson, defaults_for, free_lab_lesson, model_problems, parse_epochs,
    parse_lr, parse_points,
)
from tutor.lessons.model import ACTIVATIONS, DEFAULT_HIDDEN, HIDDEN_SIZES, Course, Dataset, Lesson

MODEL_CHOICES = (("sigmoide: y = sigmoid(X·W + b) (clasificación)", "sigmoide"), ("lineal: y = w·x + b", "lineal"),
                 ("red: 2 entradas → capa oculta → 1 sigmoide (clasificación)", "red"))
HIDDEN_CHOICES = tuple((f"{n} neurona{'s' if n > 1 else ''}", n) for n in range(HIDDEN_SIZES[0], HIDDEN_SIZES[1] + 1))
ACTIVATION_CHOICES = tuple((name, name) for name in ACTIVATIONS)
LOSS_CHOICES = (("BCE (binary crossentropy)", "bce"), ("MSE (error cuadrático medio)", "mse"))


class FreeLabScreen(Screen):
    """The free lab's form; "Entrenar" opens the lab on the student's choices."""

    AUTO_FOCUS = "#free-lab-dataset"
    BINDINGS = [Binding("ctrl+t", "train", "Entrenar")]

    DEFAULT_CSS = """
    FreeLabScreen #free-lab-form { padding: 0 1; }
    FreeLabScreen #free-lab-intro { margin: 0 0 1 0; }
    FreeLabScreen .free-lab-row { height: auto; margin: 0 0 1 0; }
    FreeLabScreen .free-lab-row Label { width: 15; }
    FreeLabScreen .free-lab-row Select { width: 1fr; }
    FreeLabScreen .free-lab-row Input { width: 14; margin: 0 2 0 0; }
    FreeLabScreen .free-lab-row #free-lab-epochs-label { width: 8; }
    FreeLabScreen .free-lab-row #free-lab-activation-label { width: 12; margin: 0 0 0 2; }
    FreeLabScreen #free-lab-note { height: auto; margin: 0; }
    FreeLabScreen #free-lab-note MarkdownParagraph { margin: 0 0 1 0; }
    FreeLabScreen #free-lab-points { height: 8; }
    FreeLabScreen #free-lab-points-errors, FreeLabScreen #free-lab-errors { height: auto; color: $error; }
    FreeLabScreen #free-lab-train { margin: 1 0; }
    """

    def __init__(self, course: Course, *, progress=None, seed: int | None = None, lesson: Lesson | None = None,
                 allow_skip: bool = True, order_key: str = "", name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.course = course
        self.progress = progress
        self.seed = seed
        self.allow_skip = allow_skip
        self.order_key = order_key
        self.free = lesson or free_lab_lesson(course)
        self.datasets = dict(course.datasets)
        self.lesson: Lesson | None = None  # the last lab lesson built by "Entrenar"

    def _first_dataset(self) -> str:
        if self.free is not None and self.free.lab is not None and self.free.lab.dataset.id in self.datasets:
            return self.free.lab.dataset.id
        return next(iter(self.datasets), OWN_POINTS)

    def compose(self) -> ComposeResult:
        options = [(dataset.title, key) for key, dataset in self.datasets.items()]
        options.append(("Mis propios puntos (escribirlos)", OWN_POINTS))
        with VerticalScroll(id="free-lab-form"):
            yield Static("[b]Laboratorio libre[/b]: elige los datos, el modelo (una neurona o una red con "
                         "capa oculta), la pérdida, el learning rate y las épocas; luego «Entrenar» (o Ctrl+T).",
                         id="free-lab-intro")
            with Horizontal(classes="free-lab-row"):
                yield Label("Datos")
                yield Select(options, value=self._first_dataset(), allow_blank=False,
                             type_to_search=False, compact=True, id="free-lab-dataset")
            yield Markdown("", open_links=False, id="free-lab-note")
            yield TextArea(POINTS_EXAMPLE, id="free-lab-points", soft_wrap=False)
            yield Static("", markup=False, id="free-lab-points-errors")  # what the student typed: never markup
            with Horizontal(classes="free-lab-row"):
                yield Label("Modelo")
                yield Select(MODEL_CHOICES, value="sigmoide", allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-model")
            with Horizontal(classes="free-lab-row", id="free-lab-network"):  # the red model only
                yield Label("Capa oculta")
                yield Select(HIDDEN_CHOICES, value=DEFAULT_HIDDEN, allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-hidden")
                yield Label("Activación", id="free-lab-activation-label")
                yield Select(ACTIVATION_CHOICES, value="tanh", allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-activation")
            with Horizontal(classes="free-lab-row"):
                yield Label("Pérdida")
                yield Select(LOSS_CHOICES, value="bce", allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-loss")
            with Horizontal(classes="free-lab-row"):
                yield Label("Learning rate")
                yield Input("0.5", compact=True, id="free-lab-lr")
                yield Label("Épocas", id="free-lab-epochs-label")
                yield Input("1000", compact=True, id="free-lab-epochs")
            yield Static("", markup=False, id="free-lab-errors")
            yield Button("Entrenar", id="free-lab-train", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Laboratorio libre"
        self._dataset_changed(self.query_one("#free-lab-dataset", Select).value)

    # -- reading the form --------------------------------------------------------------------

    @dataclass
    class Reading:
        """What the form says: the choices that parse, and the problems, by place."""

        dataset: Dataset | None
        model: str
        loss: str
        hidden: int
        activation: str
        lr: float | None
        epochs: int | None
        point_errors: list[str]  # shown under the typed points
        errors: list[str]  # shown above "Entrenar"

    def read_form(self) -> Reading:
        key = self.query_one("#free-lab-dataset", Select).value
        model = str(self.query_one("#free-lab-model", Select).value)
        loss = str(self.query_one("#free-lab-loss", Select).value)
        point_errors: list[str] = []
        errors: list[str] = []
        lines: tuple[int, ...] = ()
        if key == OWN_POINTS:
            points, point_errors = parse_points(self.query_one("#free-lab-points", TextArea).text)
            dataset = points.dataset() if points else None
            lines = points.lines if points else ()
        else:
            dataset = self.datasets.get(str(key))
            if dataset is None:
                errors.append("Elige unos datos.")
        if dataset is not None:
            problems = model_problems(dataset, model, loss, lines)
            (point_errors if key == OWN_POINTS else errors).extend(problems)
        lr = epochs = None
        try:
            lr = parse_lr(self.query_one("#free-lab-lr", Input).value)
        except ValueError as error:
            errors.append(str(error))
        try:
            epochs = parse_epochs(self.query_one("#free-lab-epochs", Input).value)
        except ValueError as error:
            errors.append(str(error))
        hidden = int(self.query_one("#free-lab-hidden", Select).value)
        activation = str(self.query_one("#free-lab-activation", Select).value)
        return self.Reading(dataset, model, loss, hidden, activation, lr, epochs, point_errors, errors)

    def _show_problems(self) -> Reading:
        """Messages under the points and above the button, as the student types."""
        reading = self.read_form()
        self.query_one("#free-lab-network").display = reading.model == "red"
        if self.query_one("#free-lab-dataset", Select).value == OWN_POINTS:
            ready = f"✓ {len(reading.dataset.inputs)} puntos listos." if reading.dataset else ""
            self.query_one("#free-lab-points-errors", Static).update(
                "\n".join(reading.point_errors) or ready)
        self.query_one("#free-lab-errors", Static).update("\n".join(reading.errors))
        return reading

    # -- reacting to the form ----------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "free-lab-dataset":
            self._dataset_changed(event.value)
        else:
            self._show_problems()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._show_problems()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_problems()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_train()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "free-lab-train":
            self.action_train()

    def _dataset_changed(self, key: object) -> None:
        """Show the dataset's note (or the points editor) and start from sensible settings."""
        own = key == OWN_POINTS
        self.query_one("#free-lab-points").display = own
        self.query_one("#free-lab-points-errors").display = own
        note = self.query_one("#free-lab-note", Markdown)
        if own:
            note.update("Escribe tus puntos abajo, uno por línea.")
            points, _ = parse_points(self.query_one("#free-lab-points", TextArea).text)
            dataset = points.dataset() if points else None
        else:
            dataset = self.datasets.get(str(key))
            note.update(dataset.note if dataset is not None and dataset.note else "")
        if dataset is not None:
            model, loss, lr, epochs = defaults_for(self.course, dataset)
            with self.prevent(Select.Changed, Input.Changed):
                self.query_one("#free-lab-model", Select).value = model
                self.query_one("#free-lab-loss", Select).value = loss
                self.query_one("#free-lab-lr", Input).value = f"{lr:g}"
                self.query_one("#free-lab-epochs", Input).value = str(epochs)
        self._show_problems()

    # -- training ----------------------------------------------------------------------------

    def collect(self) -> tuple[Lesson | None, list[str]]:
        """The lab lesson for what the form says, or every message explaining what is wrong."""
        reading = self._show_problems()
        errors = reading.point_errors + reading.errors
        if errors or reading.dataset is None or reading.lr is None or reading.epochs is None:
            return None, errors
        return build_lesson(self.course, reading.dataset, reading.model, reading.loss, reading.lr,
                            reading.epochs, self.free, hidden=reading.hidden, activation=reading.activation), []

    def action_train(self) -> None:
        if not self.is_current:  # Ctrl+T typed after p / n already took this form away
            return
        lesson, errors = self.collect()
        if lesson is None:
            self.notify("Revisa el formulario: " + errors[0], severity="error", timeout=6, markup=False)
            return
        self.lesson = lesson
        from tutor.ui.screens.lab import LabScreen  # charts and the engine: loaded when first needed

        owner = self.free.id if self.free is not None else lesson.id  # its goals are the free lab's
        self.app.push_screen(LabScreen(lesson, progress=self.progress, seed=self.seed, allow_skip=self.allow_skip,
                                       order_key=self.order_key, exercises_of=owner, back="formulario"))

"""The free lab ("Laboratorio libre"): the student picks the data, model, loss, lr and epochs.

    FreeLabScreen(course, *, seed=None, lesson=None)

A form: a dataset of the course (AND, OR, NAND, XOR, the Ejemplo final points, Ejemplo 1) or
points typed one per line ("x1 x2 clase"), the model, the loss, the learning rate and the
epochs. "Entrenar" builds a LabSpec and a lab Lesson around it (with an interpretation that,
for XOR, says why one neuron cannot learn it and points to "Capa" in the glossary) and opens
the ordinary LabScreen on it; Escape there comes back to this form.

The checking and building functions at the top need no Textual and are tested on their own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Markdown, Select, Static, TextArea

from tutor.lessons.learning_rate import LR_MAX, LR_MIN, lr_problem
from tutor.lessons.model import Course, Dataset, Exercise, LabSpec, Lesson

OWN_POINTS = "mis-puntos"  # the dataset id of points typed by the student
FREE_LAB_PREFIX = "laboratorio-libre"
MAX_POINTS = 1000
MAX_EPOCHS = 100_000
LR_RANGE = (LR_MIN, LR_MAX)  # the one range (tutor.lessons.learning_rate)
CAPA_TERM = "capa"
DEFAULTS = {"lineal": ("mse", 0.01, 100), "sigmoide": ("bce", 0.5, 1000)}  # loss, lr, epochs
MODEL_CHOICES = (("sigmoide: y = sigmoid(X·W + b) (clasificación)", "sigmoide"), ("lineal: y = w·x + b", "lineal"))
LOSS_CHOICES = (("BCE (binary crossentropy)", "bce"), ("MSE (error cuadrático medio)", "mse"))
POINTS_EXAMPLE = """# Una línea por punto: x1 x2 clase  (o x y para una sola entrada)
# Separa con espacios y usa punto decimal. Lo que sigue a # se ignora.
1 1 0
2 1 0
4 5 1
5 7 1
"""


# -- checking what the student typed (no Textual) --------------------------------------------

@dataclass(frozen=True)
class Points:
    """Typed points: input rows, one target each, and the line each came from."""

    inputs: tuple[tuple[float, ...], ...]
    targets: tuple[float, ...]
    lines: tuple[int, ...]

    def dataset(self) -> Dataset:
        one = len(self.inputs[0]) == 1
        return Dataset(OWN_POINTS, "Tus puntos", ("x",) if one else ("x1", "x2"), "y" if one else "clase",
                       self.inputs, self.targets)


def _number(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_points(text: str) -> tuple[Points | None, list[str]]:
    """(the points, []) or (None, one Spanish message per bad line)."""
    inputs: list[tuple[float, ...]] = []
    targets: list[float] = []
    lines: list[int] = []
    errors: list[str] = []
    width = 0
    for number, line in enumerate(text.splitlines(), 1):
        tokens = re.split(r"[\s;]+", line.split("#", 1)[0].strip())
        tokens = [token for token in tokens if token]
        if not tokens:
            continue
        bad = next((token for token in tokens if _number(token) is None), None)
        if bad is not None:
            hint = ("separa los valores con espacios y usa punto decimal (0.5)" if "," in bad
                    else "escribe números como 2, -1.5 o 0.25")
            errors.append(f"línea {number}: «{bad}» no es un número: {hint}")
            continue
        if len(tokens) not in (2, 3):
            errors.append(f"línea {number}: hay {len(tokens)} valores; escribe 3 (x1 x2 clase) o 2 (x y)")
            continue
        if width and len(tokens) != width:
            errors.append(f"línea {number}: hay {len(tokens)} valores y la primera línea de datos tiene {width}")
            continue
        width = len(tokens)
        values = [float(token) for token in tokens]
        inputs.append(tuple(values[:-1]))
        targets.append(values[-1])
        lines.append(number)
    if not errors and len(inputs) < 2:
        errors.append("escribe al menos 2 puntos, uno por línea (p. ej. «1 1 0»)")
    if len(inputs) > MAX_POINTS:
        errors.append(f"hay {len(inputs)} puntos; el máximo es {MAX_POINTS}")
    if errors:
        return None, errors
    return Points(tuple(inputs), tuple(targets), tuple(lines)), []


def parse_lr(text: str) -> float:
    """The learning rate, or ValueError with the message to show."""
    value = _number(text.strip().replace(",", "."))
    if value is None:
        raise ValueError(f"Learning rate: «{text.strip()}» no es un número (p. ej. 0.1 o 1e-3)")
    problem = lr_problem(value)
    if problem:
        raise ValueError(problem[0].upper() + problem[1:])
    return value


def parse_epochs(text: str) -> int:
    """The number of epochs, or ValueError with the message to show."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"Épocas: «{text.strip()}» no es un número entero (p. ej. 500)") from None
    if not 1 <= value <= MAX_EPOCHS:
        raise ValueError(f"Épocas: debe ser un entero entre 1 y {MAX_EPOCHS} (escribiste {value})")
    return value


def model_problems(dataset: Dataset, model: str, loss: str, lines: tuple[int, ...] = ()) -> list[str]:
    """Why this model or loss cannot train on this data ([] if it can)."""
    problems = []
    columns = len(dataset.columns)
    if model == "lineal" and columns != 1:
        problems.append(f"El modelo lineal (y = w·x + b) usa una sola entrada y estos datos tienen "
                        f"{columns} ({', '.join(dataset.columns)}): elige la sigmoide.")
    if model == "sigmoide" or loss == "bce":
        why = "la sigmoide da valores entre 0 y 1" if model == "sigmoide" else "BCE compara probabilidades"
        for index, target in enumerate(dataset.targets):
            if not 0.0 <= target <= 1.0:
                where = f"línea {lines[index]}" if index < len(lines) else f"fila {index + 1}"
                problems.append(f"{where}: la clase es {target:g} y {why}: usa 0 o 1.")
    return problems


# -- building the lab (no Textual) ----------------------------------------------------------

def free_lab_lesson(course: Course) -> Lesson | None:
    return next((lesson for lesson in course.lessons if lesson.kind == "free-lab"), None)


def _goals_for(free: Lesson | None, dataset_id: str) -> tuple[Exercise, ...]:
    """The free-lab lesson's goals that count for runs on this dataset."""
    if free is None:
        return ()
    own = free.lab.dataset.id if free.lab is not None else None
    return tuple(
        exercise for exercise in free.exercises
        if exercise.kind == "goal" and exercise.goal is not None
        and (exercise.goal.dataset == dataset_id or (not exercise.goal.dataset and own in (None, dataset_id)))
    )


def interpretation(dataset: Dataset, model: str) -> str:
    """Markdown shown once the lab has run; {{...}} are filled with the student's values."""
    if model == "lineal":
        return ("**Tu neurona lineal** terminó con y = {{w[0]}}·x + {{b[0]}} "
                "(loss final {{loss:.4f}}).\n\nEs la recta que mejor pasa por tus puntos: w es su "
                "pendiente y b dónde corta el eje vertical.")
    if len(dataset.columns) == 1:
        text = ("**Tu neurona** terminó con W = {{W[0]}} y b = {{b[0]}} (loss final {{loss:.4f}}).\n\n"
                "Con una sola entrada, su frontera es un punto: x = −b / W. A un lado predice 1, "
                "al otro 0.")
    else:
        text = ("**Tu neurona** terminó con W = ({{W[0]}}, {{W[1]}}) y b = {{b[0]}} "
                "(loss final {{loss:.4f}}).\n\nSu frontera de decisión es la recta "
                "W1·x1 + W2·x2 + b = 0: a un lado predice clase 1, al otro clase 0.")
    if dataset.id == "xor":
        return text + (
            "\n\n### ¿Por qué una neurona no aprende XOR?\n\n"
            "Una sola neurona separa las clases con **una única línea recta**: su frontera de "
            "decisión. En XOR los puntos de clase 1, (0, 1) y (1, 0), están en una diagonal y los "
            "de clase 0, (0, 0) y (1, 1), en la otra: **ninguna recta** deja cada clase de un "
            "lado. Por eso la loss se queda cerca de 0.69 (ln 2: lo que cuesta responder 0.5 a "
            "todo) por muchas épocas que entrenes.\n\n"
            "Para separarlas hacen falta varias neuronas organizadas en capas: mira **Capa** en "
            "el glosario (pulsa g y busca «capa»).")
    return text + ("\n\nSi tus clases no se pueden separar con una recta, la loss no bajará mucho "
                   "por más que entrenes: una neurona sola no basta y hace falta otra capa "
                   "(mira **Capa** en el glosario, tecla g).")


def build_lesson(course: Course, dataset: Dataset, model: str, loss: str, lr: float, epochs: int,
                 free: Lesson | None = None) -> Lesson:
    """The lab lesson LabScreen runs for these choices."""
    # Progress counts runs named "<free-lab lesson id>-<dataset>" towards the free-lab lesson.
    lab_id = f"{free.id if free else FREE_LAB_PREFIX}-{dataset.id}"
    title = f"Laboratorio libre: {dataset.title}"
    spec = LabSpec(
        id=lab_id, title=title, dataset=dataset, model=model, loss=loss, lr=lr, epochs=epochs,
        every=max(1, epochs // 10), params=("w", "b") if model == "lineal" else ("W", "b"),
        bias_init="zeros", notebook_init=None, trace="ejemplo-1" if model == "lineal" else "ejemplo-final",
    )
    return Lesson(
        id=lab_id, order=free.order if free else 0, title=title, kind="lab",
        path=free.path if free else "", summary=dataset.note, exercises=_goals_for(free, dataset.id),
        lab=spec, interpretation=interpretation(dataset, model),
    )


def defaults_for(course: Course, dataset: Dataset) -> tuple[str, str, float, int]:
    """(model, loss, lr, epochs) to start from: the course's own lab on this data if any."""
    for spec in course.labs:
        # only labs whose model the form offers (the XOR lab's network is not one of them yet)
        if spec.dataset.id == dataset.id and spec.model in {value for _, value in MODEL_CHOICES}:
            return spec.model, spec.loss, spec.lr, spec.epochs
    binary = all(target in (0.0, 1.0) for target in dataset.targets)
    model = "lineal" if len(dataset.columns) == 1 and not binary else "sigmoide"
    loss, lr, epochs = DEFAULTS[model]
    return model, loss, lr, epochs


# -- the screen -----------------------------------------------------------------------------

def _lab_screen_class():
    """LabScreen with Escape coming back to this form (imported when first needed)."""
    from tutor.ui.screens.lab import LabScreen

    class FreeLabRun(LabScreen):
        BINDINGS = [*LabScreen.BINDINGS, Binding("escape", "back_to_form", "formulario",
                                                 tooltip="volver al formulario del laboratorio libre")]

        def action_back_to_form(self) -> None:
            self.dismiss()

    return FreeLabRun


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
    FreeLabScreen #free-lab-note { height: auto; margin: 0; }
    FreeLabScreen #free-lab-note MarkdownParagraph { margin: 0 0 1 0; }
    FreeLabScreen #free-lab-points { height: 8; }
    FreeLabScreen #free-lab-points-errors, FreeLabScreen #free-lab-errors { height: auto; color: $error; }
    FreeLabScreen #free-lab-train { margin: 1 0; }
    """

    def __init__(self, course: Course, *, seed: int | None = None, lesson: Lesson | None = None,
                 name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.course = course
        self.seed = seed
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
            yield Static("[b]Laboratorio libre[/b]: elige los datos, el modelo, la pérdida, el learning "
                         "rate y las épocas; luego «Entrenar» (o Ctrl+T).", id="free-lab-intro")
            with Horizontal(classes="free-lab-row"):
                yield Label("Datos")
                yield Select(options, value=self._first_dataset(), allow_blank=False,
                             type_to_search=False, compact=True, id="free-lab-dataset")
            yield Markdown("", id="free-lab-note")
            yield TextArea(POINTS_EXAMPLE, id="free-lab-points", soft_wrap=False)
            yield Static("", id="free-lab-points-errors")
            with Horizontal(classes="free-lab-row"):
                yield Label("Modelo")
                yield Select(MODEL_CHOICES, value="sigmoide", allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-model")
            with Horizontal(classes="free-lab-row"):
                yield Label("Pérdida")
                yield Select(LOSS_CHOICES, value="bce", allow_blank=False, type_to_search=False,
                             compact=True, id="free-lab-loss")
            with Horizontal(classes="free-lab-row"):
                yield Label("Learning rate")
                yield Input("0.5", compact=True, id="free-lab-lr")
                yield Label("Épocas", id="free-lab-epochs-label")
                yield Input("1000", compact=True, id="free-lab-epochs")
            yield Static("", id="free-lab-errors")
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
        return self.Reading(dataset, model, loss, lr, epochs, point_errors, errors)

    def _show_problems(self) -> Reading:
        """Messages under the points and above the button, as the student types."""
        reading = self.read_form()
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
                            reading.epochs, self.free), []

    def action_train(self) -> None:
        lesson, errors = self.collect()
        if lesson is None:
            self.notify("Revisa el formulario: " + errors[0], severity="error", timeout=6)
            return
        self.lesson = lesson
        try:
            screen_class = _lab_screen_class()
        except ImportError:
            self.notify("El laboratorio no está instalado.", severity="error")
            return
        self.app.push_screen(screen_class(lesson, seed=self.seed,
                                          allow_skip=getattr(self.app, "allow_skip", True)))

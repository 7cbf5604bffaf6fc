"""The free lab's domain: the student's typed points, settings and the lab lesson built from them.

No Textual and no TensorFlow: the form (tutor/ui/screens/free_lab.py) reads its widgets and
calls these; the lab it opens is the ordinary lab on the lesson `build_lesson` returns (with an
interpretation that, for XOR, says why one neuron cannot learn it and points to "Capa").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tutor.lessons.learning_rate import lr_problem
from tutor.lessons.model import DEFAULT_HIDDEN, Course, Dataset, Exercise, LabSpec, Lesson

OWN_POINTS = "mis-puntos"  # the dataset id of points typed by the student
FREE_LAB_PREFIX = "laboratorio-libre"
MAX_POINTS = 1000
MAX_EPOCHS = 100_000
# loss, lr, epochs to start from
DEFAULTS = {"lineal": ("mse", 0.01, 100), "sigmoide": ("bce", 0.5, 1000), "red": ("bce", 0.5, 1000)}
MODELS = ("sigmoide", "lineal", "red")  # the models the form offers
ONE_NEURON = ("sigmoide", "lineal")  # where a dataset starts: one neuron first (XOR must fail first)
NETWORK_PARAMS = ("W1", "b1", "W2", "b2")
POINTS_EXAMPLE = """# Una línea por punto: x1 x2 clase  (o x y para una sola entrada)
# Separa con espacios y usa punto decimal. Lo que sigue a # se ignora.
1 1 0
2 1 0
4 5 1
5 7 1
"""


# -- checking what the student typed ------------------------------------------------------------

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
    """The learning rate (the one range every lab accepts), or ValueError with the message to show."""
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
    if model == "red" and columns != 2:
        problems.append(f"La red (2 entradas → capa oculta → 1) usa dos entradas y estos datos tienen "
                        f"{columns} ({', '.join(dataset.columns)}).")
    if model in ("sigmoide", "red") or loss == "bce":
        why = "la sigmoide da valores entre 0 y 1" if model != "lineal" else "BCE compara probabilidades"
        for index, target in enumerate(dataset.targets):
            if not 0.0 <= target <= 1.0:
                where = f"línea {lines[index]}" if index < len(lines) else f"fila {index + 1}"
                problems.append(f"{where}: la clase es {target:g} y {why}: usa 0 o 1.")
    return problems


# -- building the lab ---------------------------------------------------------------------

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


def network_interpretation(dataset: Dataset, hidden: int) -> str:
    weights = ", ".join(f"{{{{W2[{j}]}}}}" for j in range(hidden))
    text = (f"**Tu red** ({hidden} neurona{'s' if hidden != 1 else ''} oculta{'s' if hidden != 1 else ''}) "
            "terminó con loss {{loss:.4f}}. La salida suma las neuronas ocultas con los pesos "
            f"W2 = ({weights}) y el bias b2 = {{{{b2[0]}}}}.\n\n"
            "Cada neurona oculta dibuja su propia recta sobre el cuadrado de entradas; la salida las "
            "combina, y por eso su frontera ya no tiene por qué ser una recta.")
    if dataset.id == "xor":
        text += ("\n\nSi la loss bajó de 0.1, tu red separa las dos diagonales de XOR, lo que una "
                 "neurona sola no puede. Si se quedó cerca de 0.35 o de 0.69, prueba otro inicio "
                 "(tecla s): es un mínimo local o una meseta.")
    return text


def interpretation(dataset: Dataset, model: str, hidden: int = 0) -> str:
    """Markdown shown once the lab has run; {{...}} are filled with the student's values."""
    if model == "red":
        return network_interpretation(dataset, hidden)
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


_PARAMS = {"lineal": ("w", "b"), "sigmoide": ("W", "b"), "red": NETWORK_PARAMS}
_TRACES = {"lineal": "ejemplo-1", "sigmoide": "ejemplo-final", "red": "red"}


def build_lesson(course: Course, dataset: Dataset, model: str, loss: str, lr: float, epochs: int,
                 free: Lesson | None = None, hidden: int = DEFAULT_HIDDEN, activation: str = "tanh") -> Lesson:
    """The lab lesson LabScreen runs for these choices (`hidden`, `activation`: the network's)."""
    # Progress counts runs named "<free-lab lesson id>-<dataset>" towards the free-lab lesson.
    lab_id = f"{free.id if free else FREE_LAB_PREFIX}-{dataset.id}"
    title = f"Laboratorio libre: {dataset.title}"
    spec = LabSpec(
        id=lab_id, title=title, dataset=dataset, model=model, loss=loss, lr=lr, epochs=epochs,
        every=max(1, epochs // 10), params=_PARAMS[model], bias_init="zeros", notebook_init=None,
        trace=_TRACES[model], hidden=hidden if model == "red" else None, activation=activation,
    )
    return Lesson(
        id=lab_id, order=free.order if free else 0, title=title, kind="lab",
        path=free.path if free else "", summary=dataset.note, exercises=_goals_for(free, dataset.id),
        lab=spec, interpretation=interpretation(dataset, model, spec.hidden_size),
    )


def defaults_for(course: Course, dataset: Dataset) -> tuple[str, str, float, int]:
    """(model, loss, lr, epochs) to start from: the course's own lab on this data if any."""
    for spec in course.labs:
        # one neuron first: on XOR the student sees it fail before choosing the network
        if spec.dataset.id == dataset.id and spec.model in ONE_NEURON:
            return spec.model, spec.loss, spec.lr, spec.epochs
    binary = all(target in (0.0, 1.0) for target in dataset.targets)
    model = "lineal" if len(dataset.columns) == 1 and not binary else "sigmoide"
    loss, lr, epochs = DEFAULTS[model]
    return model, loss, lr, epochs

"""Checking a student's answer against an exercise's declared rule (pure functions).

Nothing from the lesson file is executed: the rule is the exercise kind plus its data.
- choice:  the response is one of `choices` (case, accents and spaces ignored, or its number
           from 1) and equals `answer`.
- numeric: a number ("0,5" or "0.5") within `tolerance` of `value` or of the live value.
- predict: "positivo" / "negativo" (/ "cero"): the sign of the live value.
- goal:    checked on the run with `goal_reached`, not with a typed response.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from tutor.lessons.glossary import fold
from tutor.lessons.model import Exercise, Goal, LiveValue
from tutor.lessons.template import sign_word

_NUMBER = re.compile(r"^[-+]?(\d+([.]\d*)?|[.]\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class Verdict:
    correct: bool
    expected: str  # the right answer as shown to the student ("" when not known yet)
    message: str  # one or two Spanish sentences
    understood: bool = True  # False: unreadable response or no live value yet (not an attempt)


def parse_number(text: str) -> float | None:
    """'0,5', '0.5', '-14.65', '−3', '1e-3' -> float; anything else -> None."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned)


def format_number(value: float, tolerance: float = 0.0) -> str:
    """A value with as many decimals as the tolerance makes meaningful (4 significant otherwise)."""
    if not math.isfinite(value):
        return str(value)
    if tolerance > 0:
        decimals = max(0, min(8, math.ceil(-math.log10(tolerance) - 1e-9)))
        return f"{value:.{decimals}f}"
    return f"{value:.4g}"


def _sign_of_response(response: str) -> str | None:
    folded = fold(response)
    if folded.startswith(("pos", "+")):
        return "positivo"
    if folded.startswith(("neg", "-")):
        return "negativo"
    if folded in ("cero", "0", "nulo"):
        return "cero"
    return None


def check_answer(exercise: Exercise, response: str, live: float | None = None) -> Verdict:
    """The verdict on `response`; `live` is the exercise's live value from the student's run."""
    if exercise.kind == "choice":
        return _check_choice(exercise, response)
    if exercise.kind == "numeric":
        return _check_numeric(exercise, response, live)
    if exercise.kind == "predict":
        return _check_predict(exercise, response, live)
    goal = exercise.goal
    expected = f"loss < {goal.below:g} en menos de {goal.within_epochs} épocas" if goal else ""
    return Verdict(False, expected, "Este objetivo se comprueba en el laboratorio, al entrenar.", understood=False)


def _check_choice(exercise: Exercise, response: str) -> Verdict:
    answer = exercise.answer or ""
    chosen = next((choice for choice in exercise.choices if fold(choice) == fold(response)), None)
    number = response.strip()
    # By its number: "2" is the second choice. isdecimal, not isdigit: int("²") fails.
    if chosen is None and number.isdecimal() and len(number) <= 6 and 1 <= int(number) <= len(exercise.choices):
        chosen = exercise.choices[int(number) - 1]
    if chosen is None:
        return Verdict(False, answer, "Elige una de las opciones.", understood=False)
    if chosen == answer:
        return Verdict(True, answer, "¡Correcto!")
    return Verdict(False, answer, "No es correcto.")


def _expected_value(exercise: Exercise, live: float | None) -> float | None:
    return exercise.value if exercise.live is None else live


def _check_numeric(exercise: Exercise, response: str, live: float | None) -> Verdict:
    expected = _expected_value(exercise, live)
    if expected is None:
        return Verdict(False, "", _not_yet(exercise.live), understood=False)
    shown = format_number(expected, exercise.tolerance)
    number = parse_number(response)
    if number is None:
        return Verdict(False, shown, f"No entiendo «{response.strip()}» como número: escribe, por ejemplo, 0.5 o 0,5.",
                       understood=False)
    if not math.isfinite(expected):
        return Verdict(False, shown, "El valor de tu ejecución no es un número finito: el entrenamiento divergió.")
    # A small relative slack absorbs float32 rounding when the tolerance is 0.
    if abs(number - expected) <= exercise.tolerance + 1e-9 * max(1.0, abs(expected)):
        return Verdict(True, shown, f"¡Correcto! El valor es {shown}.")
    direction = "alto" if number > expected else "bajo"
    return Verdict(False, shown, f"No es correcto: tu respuesta es demasiado {direction}.")


def _check_predict(exercise: Exercise, response: str, live: float | None) -> Verdict:
    if live is None:
        return Verdict(False, "", _not_yet(exercise.live), understood=False)
    sign = _sign_of_response(response)
    if sign is None or sign not in exercise.choices:
        options = " o ".join(f"«{choice}»" for choice in exercise.choices)
        return Verdict(False, "", f"Responde {options}.", understood=False)
    if not math.isfinite(live):
        return Verdict(False, "indefinido", "El valor de tu ejecución no es un número finito: el entrenamiento divergió.")
    right = sign_word(live)
    if right == "cero" and "cero" not in exercise.choices:
        # Neither sign was right: do not count it against the student.
        return Verdict(True, right, "El valor resultó exactamente 0: no es positivo ni negativo.")
    if sign == right:
        return Verdict(True, right, f"¡Correcto! Es {right}: {format_number(live)}.")
    return Verdict(False, right, f"No: es {right} ({format_number(live)}).")


def _not_yet(live: LiveValue | None) -> str:
    if live is None:
        return "Este ejercicio no tiene respuesta declarada."
    return f"Ejecuta el laboratorio hasta la época {live.epoch} para poder comprobar esta respuesta."


def goal_reached(goal: Goal, losses_by_epoch: Sequence[float]) -> bool:
    """True if one run's loss was below `goal.below` at some epoch index < `goal.within_epochs`."""
    return any(
        math.isfinite(loss) and loss < goal.below
        for loss in list(losses_by_epoch)[: goal.within_epochs]
    )


def _field(record: Any, name: str) -> Any:
    return record[name] if isinstance(record, Mapping) else getattr(record, name)


def live_value(live: LiveValue, records: Iterable[Any]) -> float | None:
    """The value `live` points at in a run: EpochRecord objects or their to_json() dicts.

    None when that epoch has not run yet or the name/index is not in the record.
    """
    for record in records:
        if _field(record, "epoch") != live.epoch:
            continue
        value = _field(record, live.field)
        if live.field == "loss":
            return float(value)
        values = value.get(live.name) if isinstance(value, Mapping) else None
        if values is None or live.index >= len(values):
            return None
        return float(values[live.index])
    return None

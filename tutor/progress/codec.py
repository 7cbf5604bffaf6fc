"""Progress <-> the JSON document saved on disk, checking every known field's type.

    progress = decode(raw_bytes)    # SchemaError (a short Spanish reason) if it is not one
    raw_bytes = encode(progress)    # EncodeError (a short Spanish reason) if it cannot be written

The JSON is strict both ways: NaN, Infinity or a number too large for a float anywhere in
the file (known field or not) make it not a progress document, and nothing non-finite is
ever written. Unknown fields (written by a newer tutor) are kept in `extra` and written
back unchanged; decode() only accepts what encode() can write back.
"""

from __future__ import annotations

import json
import math
from typing import Any

from tutor.progress.model import (
    RESULTS,
    SCHEMA_VERSION,
    ExerciseProgress,
    LabProgress,
    LessonProgress,
    Progress,
)


class SchemaError(ValueError):
    """The bytes are not a progress document (not UTF-8, not strict JSON, wrong types)."""


class EncodeError(ValueError):
    """The Progress holds something that cannot be written as strict JSON."""


class _NonFinite(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    raise _NonFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400
        raise _NonFinite(text)
    return value


def loads_strict(text: str) -> Any:
    """json.loads, but NaN, Infinity and 1e400 are errors (ValueError), not floats."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)


def decode(raw: bytes) -> Progress:
    """The Progress in a file's bytes, or SchemaError saying (in Spanish) why it is not one."""
    try:
        data = loads_strict(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SchemaError("no es texto UTF-8") from None
    except _NonFinite:
        raise SchemaError("tiene un número no finito (NaN, Infinity o demasiado grande)") from None
    except json.JSONDecodeError as error:
        raise SchemaError(f"JSON no válido en la línea {error.lineno}") from None
    except RecursionError:
        raise SchemaError("anidado demasiado profundo") from None
    except ValueError:  # an integer with more digits than Python converts
        raise SchemaError("un número demasiado largo") from None
    progress = from_dict(data)
    try:
        encode(progress)
    except EncodeError as error:  # it would fail at the first save: bad now, not later
        raise SchemaError(str(error)) from None
    return progress


def encode(progress: Progress) -> bytes:
    """The file's bytes (strict JSON, UTF-8, one field per line), or EncodeError."""
    document = to_dict(progress)
    try:
        try:
            text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
            return (text + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\\ud800" in the file): keep it escaped
            return (json.dumps(document, ensure_ascii=True, indent=1, allow_nan=False) + "\n").encode("ascii")
    except ValueError as error:
        if "Out of range float" in str(error):
            raise EncodeError("tiene un número no finito (NaN o infinito)") from None
        raise EncodeError("tiene un valor que no se puede escribir como JSON "
                          "(una referencia circular o un número demasiado largo)") from None
    except TypeError:
        raise EncodeError("tiene un valor que no se puede escribir como JSON") from None
    except RecursionError:
        raise EncodeError("anidado demasiado profundo") from None


# -- Progress -> dict -----------------------------------------------------------------------

def _exercise_to_dict(entry: ExerciseProgress) -> dict[str, Any]:
    return {**entry.extra, "attempts": entry.attempts, "result": entry.result,
            "hints_used": entry.hints_used, "updated": entry.updated}


def _lab_to_dict(lab: LabProgress) -> dict[str, Any]:
    best = lab.best_loss
    if best is not None and not (isinstance(best, (int, float)) and math.isfinite(best)):
        best = None  # "the lowest finite loss seen": a NaN that slipped in means none yet
    return {**lab.extra, "epochs_run": lab.epochs_run, "best_loss": best, "updated": lab.updated}


def _lesson_to_dict(entry: LessonProgress) -> dict[str, Any]:
    return {
        **entry.extra,
        "pages_read": sorted(entry.pages_read),
        "exercises": {key: _exercise_to_dict(value) for key, value in entry.exercises.items()},
        "lab": _lab_to_dict(entry.lab) if entry.lab is not None else None,
        "first_seen": entry.first_seen,
        "updated": entry.updated,
    }


def to_dict(progress: Progress) -> dict[str, Any]:
    return {
        **progress.extra,
        "version": max(progress.version, SCHEMA_VERSION),
        "student": progress.student,
        "created": progress.created,
        "updated": progress.updated,
        "position": {"lesson": progress.last_lesson, "page": progress.last_page},
        "lessons": {key: _lesson_to_dict(value) for key, value in progress.lessons.items()},
    }


# -- dict -> Progress -----------------------------------------------------------------------

def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python; a count or a page is never true/false.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise SchemaError(f"'{where}' tiene un tipo inesperado")
    return value


def _count(data: dict, key: str, where: str) -> int:
    value = _expect(data.get(key, 0), int, f"{where}.{key}")
    if value < 0:
        raise SchemaError(f"'{where}.{key}' es negativo")
    return value


def _text(data: dict, key: str, where: str) -> str:
    return _expect(data.get(key, ""), str, f"{where}.{key}")


def _rest(data: dict, known: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in known}


def _exercise_from_dict(data: Any, where: str) -> ExerciseProgress:
    data = _expect(data, dict, where)
    result = data.get("result")
    if result is not None and result not in RESULTS:
        raise SchemaError(f"'{where}.result' no es uno de {', '.join(RESULTS)}")
    return ExerciseProgress(
        attempts=_count(data, "attempts", where),
        result=result,
        hints_used=_count(data, "hints_used", where),
        updated=_text(data, "updated", where),
        extra=_rest(data, ("attempts", "result", "hints_used", "updated")),
    )


def _lab_from_dict(data: Any, where: str) -> LabProgress:
    data = _expect(data, dict, where)
    best = data.get("best_loss")
    if best is not None:
        best = _expect(best, (int, float), f"{where}.best_loss")
        try:
            best = float(best)
        except OverflowError:  # an integer too large for a float
            best = math.inf
        if not math.isfinite(best):
            raise SchemaError(f"'{where}.best_loss' no es un número finito")
    return LabProgress(
        epochs_run=_count(data, "epochs_run", where),
        best_loss=best,
        updated=_text(data, "updated", where),
        extra=_rest(data, ("epochs_run", "best_loss", "updated")),
    )


def _lesson_from_dict(data: Any, where: str) -> LessonProgress:
    data = _expect(data, dict, where)
    pages = _expect(data.get("pages_read", []), list, f"{where}.pages_read")
    exercises = _expect(data.get("exercises", {}), dict, f"{where}.exercises")
    lab = data.get("lab")
    return LessonProgress(
        pages_read={_expect(page, int, f"{where}.pages_read") for page in pages},
        exercises={key: _exercise_from_dict(value, f"{where}.exercises.{key}")
                   for key, value in exercises.items()},
        lab=_lab_from_dict(lab, f"{where}.lab") if lab is not None else None,
        first_seen=_text(data, "first_seen", where),
        updated=_text(data, "updated", where),
        extra=_rest(data, ("pages_read", "exercises", "lab", "first_seen", "updated")),
    )


def from_dict(data: Any) -> Progress:
    if not isinstance(data, dict):
        raise SchemaError("no es un objeto JSON de progreso")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SchemaError("falta 'version' o no es un entero positivo")
    lessons = _expect(data.get("lessons", {}), dict, "lessons")
    position = _expect(data.get("position") or {}, dict, "position")
    last_lesson = position.get("lesson")
    if last_lesson is not None:
        _expect(last_lesson, str, "position.lesson")
    return Progress(
        student=_text(data, "student", "progress"),
        lessons={key: _lesson_from_dict(value, f"lessons.{key}") for key, value in lessons.items()},
        last_lesson=last_lesson,
        last_page=_count(position, "page", "position"),
        created=_text(data, "created", "progress"),
        updated=_text(data, "updated", "progress"),
        version=version,
        extra=_rest(data, ("version", "student", "created", "updated", "position", "lessons")),
    )

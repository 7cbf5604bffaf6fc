"""Typed reads of parsed TOML tables, every problem reported as `path:line: message`."""

from __future__ import annotations

import difflib
import math
import re
from typing import Any, Hashable, Iterable, Sequence

from tutor.lessons.locator import KeyLocator
from tutor.lessons.model import LessonError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # lesson, lab, exercise, term and dataset ids

_TYPE_NAMES = {
    "str": "un texto",
    "int": "un entero",
    "float": "un número",
    "bool": "true o false",
    "table": "una tabla",
    "str_list": "una lista de textos",
    "float_list": "una lista de números",
    "table_list": "una lista de tablas ([[...]])",
}


class Problems:
    """Collects the errors of one file; knows where each key is written."""

    def __init__(self, path: str, locator: KeyLocator | None = None, offset: int = 0) -> None:
        self.path = path
        self.locator = locator
        self.offset = offset  # file line of the TOML text's line 0 (front matter opening)
        self.errors: list[LessonError] = []

    def line_of(self, keypath: Sequence[Hashable]) -> int:
        if self.locator is None:
            return 1
        return self.locator.line(keypath) + self.offset

    def content_line_of(self, keypath: Sequence[Hashable]) -> int:
        if self.locator is None:
            return 1
        return self.locator.content_line(keypath) + self.offset

    def at_key(self, keypath: Sequence[Hashable], message: str) -> None:
        self.at_line(self.line_of(keypath), message)

    def at_line(self, line: int, message: str) -> None:
        self.errors.append(LessonError(self.path, max(1, line), message))


def _describe(path: Sequence[Hashable]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool); an integer too large for a float is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # TOML integers have no size limit: lr = 1000...0 (400 digits)
        return False


def _matches(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return is_number(value)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "str_list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "float_list":
        return isinstance(value, list) and all(_matches(item, "float") for item in value)
    if kind == "table_list":
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    raise ValueError(kind)


class Table:
    """One TOML table with its key path, read field by field."""

    def __init__(self, data: dict, path: tuple[Hashable, ...], problems: Problems) -> None:
        self.data = data
        self.path = path
        self.problems = problems

    def error(self, key: str | None, message: str) -> None:
        self.problems.at_key(self.path + ((key,) if key else ()), message)

    def line(self, key: str | None = None) -> int:
        return self.problems.line_of(self.path + ((key,) if key else ()))

    def content_line(self, key: str) -> int:
        return self.problems.content_line_of(self.path + (key,))

    def only(self, allowed: Iterable[str], misplaced: Iterable[str] = ()) -> None:
        """Reports each key that is not in `allowed`, suggesting the closest one.

        `misplaced` are keys of the enclosing table: written after a [table] header, TOML
        puts them inside that table, a classic slip worth its own message.
        """
        allowed, misplaced = list(allowed), tuple(misplaced)
        for key in self.data:
            if key in allowed:
                continue
            if key in misplaced:
                where = _describe(self.path)
                self.error(key, f"'{key}' quedó dentro de '{where}': en TOML una clave pertenece a la última "
                                f"[tabla] abierta; escríbela antes de la primera [tabla] o [[lista]]")
            else:
                guess = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (¿quisiste decir '{guess[0]}'?)" if guess else f" (válidas: {', '.join(allowed)})"
                where = _describe(self.path + (key,))
                self.error(key, f"clave desconocida '{where}'{hint}")

    def get(self, key: str, kind: str, required: bool = False, default: Any = None) -> Any:
        if key not in self.data:
            if required:
                where = _describe(self.path + (key,))
                self.error(None, f"falta el campo obligatorio '{where}' ({_TYPE_NAMES[kind]})")
            return default
        value = self.data[key]
        if not _matches(value, kind):
            where = _describe(self.path + (key,))
            self.error(key, f"'{where}' debe ser {_TYPE_NAMES[kind]}, no {_show(value)}")
            return default
        if kind == "float":
            return float(value)
        if kind == "float_list":
            return [float(item) for item in value]
        return value

    def choice(self, key: str, options: Sequence[str], required: bool = False, default: str | None = None) -> str | None:
        value = self.get(key, "str", required, default)
        if value is not None and value not in options:
            where = _describe(self.path + (key,))
            self.error(key, f"'{where}' = {value!r} no es válido (válidos: {', '.join(options)})")
            return default
        return value

    def sub(self, key: str, required: bool = False) -> Table | None:
        value = self.get(key, "table", required)
        return None if value is None else Table(value, self.path + (key,), self.problems)

    def subs(self, key: str) -> list[Table]:
        value = self.get(key, "table_list", False, [])
        return [Table(item, self.path + (key, index), self.problems) for index, item in enumerate(value)]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"el texto {value[:30]!r}"
    if isinstance(value, dict):
        return "una tabla"
    if isinstance(value, list):
        return "una lista"
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."

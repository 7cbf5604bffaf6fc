"""`datasets.toml`: the named sample tables the labs train on.

    [and]
    title = "Compuerta AND"
    columns = ["x1", "x2"]
    target = "y"
    inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    targets = [0.0, 0.0, 0.0, 1.0]
    note = "Markdown opcional"
"""

from __future__ import annotations

from pathlib import Path

from tutor.lessons.fields import ID_PATTERN, Problems, Table, is_number
from tutor.lessons.model import Dataset, LessonError
from tutor.lessons.source import parse_toml, read_text

DATASETS_FILE = "datasets.toml"
MAX_SAMPLES = 1000


def load_datasets(path: Path, display: str) -> tuple[dict[str, Dataset], list[LessonError], dict[str, tuple[str, int]]]:
    """Datasets by id, the problems found, and each dataset's note with its first line
    (no file at `path`: none of them, and no problem)."""
    problems = Problems(display)
    text = read_text(path, problems, optional=True)
    data = parse_toml(text, problems) if text is not None else None
    datasets: dict[str, Dataset] = {}
    notes: dict[str, tuple[str, int]] = {}
    for dataset_id, value in (data or {}).items():
        if not isinstance(value, dict):
            problems.at_key((dataset_id,), f"'{dataset_id}' debe ser una tabla [{dataset_id}]")
            continue
        before = len(problems.errors)
        table = Table(value, (dataset_id,), problems)
        if not ID_PATTERN.match(dataset_id):
            table.error(None, f"id de dataset no válido {dataset_id!r} (minúsculas, cifras y guiones)")
        dataset = _read_dataset(dataset_id, table)
        if dataset is not None and len(problems.errors) == before:
            datasets[dataset_id] = dataset
            if dataset.note:
                notes[dataset_id] = (dataset.note, table.content_line("note"))
    return datasets, problems.errors, notes


def _read_dataset(dataset_id: str, table: Table) -> Dataset | None:
    table.only(("title", "columns", "target", "inputs", "targets", "note"))
    title = table.get("title", "str", required=True)
    columns = table.get("columns", "str_list", required=True)
    target = table.get("target", "str", required=True)
    note = table.get("note", "str", default="")
    raw_inputs = table.data.get("inputs")
    targets = table.get("targets", "float_list", required=True)
    if "inputs" not in table.data:
        table.error(None, f"falta el campo obligatorio '{dataset_id}.inputs' (una lista de filas)")
        return None
    rows = _read_rows(raw_inputs, table)
    if title is None or columns is None or target is None or targets is None or rows is None:
        return None
    if not columns:
        table.error("columns", "'columns' necesita al menos una columna")
        return None
    if not rows:
        table.error("inputs", "el dataset no tiene filas")
        return None
    if len(rows) > MAX_SAMPLES:
        table.error("inputs", f"demasiadas filas ({len(rows)}; máximo {MAX_SAMPLES})")
        return None
    for index, row in enumerate(rows):
        if len(row) != len(columns):
            table.problems.at_key(table.path + ("inputs", index),
                                  f"la fila {index + 1} tiene {len(row)} valores y hay {len(columns)} columnas")
            return None
    if len(targets) != len(rows):
        table.error("targets", f"hay {len(targets)} valores en 'targets' y {len(rows)} filas en 'inputs'")
        return None
    return Dataset(dataset_id, title, tuple(columns), target, tuple(tuple(row) for row in rows),
                   tuple(targets), note)


def _read_rows(value: object, table: Table) -> list[list[float]] | None:
    message = "'inputs' debe ser una lista de filas de números, p. ej. [[0.0, 1.0], [1.0, 1.0]]"
    if not isinstance(value, list):
        table.error("inputs", message)
        return None
    rows: list[list[float]] = []
    for index, row in enumerate(value):
        if not isinstance(row, list) or not all(is_number(item) for item in row):
            table.problems.at_key(table.path + ("inputs", index), message)
            return None
        rows.append([float(item) for item in row])
    return rows

"""Small lesson files for the loader tests."""

from __future__ import annotations

from pathlib import Path

from tutor.lessons.model import Course

READING = """+++
id = "leccion"
order = 1
title = "Una lección"
kind = "reading"
+++

## Página

Texto.
"""

LAB = """+++
id = "mi-lab"
order = 2
title = "Mi laboratorio"
kind = "lab"

[lab]
dataset = "and"
model = "sigmoide"
loss = "bce"
lr = 0.1
epochs = 100
every = 10
params = ["W", "b"]
+++

## Página

Texto.
"""

GLOSSARY = """+++
id = "glosario"
order = 3
title = "Glosario"
kind = "glossary"

[[terms]]
id = "pesos"
number = 1
name = "Pesos (Weights, w)"
definition = "Lo que aprende la red."
aliases = ["w"]
related = ["bias"]

[[terms]]
id = "bias"
number = 2
name = "Bias (b)"
definition = "El umbral."
+++
"""


def messages(course: Course, folder: Path) -> list[str]:
    """Errors as 'file:line: message' with the folder prefix removed."""
    return [str(error).replace(f"{folder}/", "") for error in course.errors]

"""The lesson's interpretation, filled with the student's own trained values."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual.widgets import Static

from tutor.lessons.template import fill_template

PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}")
SEPARATORS = re.compile(r"(\s+|[|])")
WAITING = "Se completa con tus valores en cuanto termines una época."


def masked(template: str, preview: Mapping[str, Sequence[float]]) -> str:
    """The template with each value replaced by dots as wide as `preview` would print it."""
    return PLACEHOLDER.sub(lambda match: "·" * max(len(fill_template(match.group(), preview)), 1), template)


def shape(text: str) -> tuple:
    """What the rendered Markdown's size depends on: the separators and the width of every
    word and table cell between them. Equal shapes render to the same number of lines."""
    return tuple(len(piece) if index % 2 == 0 else piece for index, piece in enumerate(SEPARATORS.split(text)))


class InterpretationPanel(Static):
    """Lesson Markdown with {{W[0]}}-style placeholders, filled once an epoch has run.

    Before that every value is masked with dots as wide as the start values would print
    (`preview`), so the panel already has its final size and filling it in moves nothing
    (a move makes the whole screen repaint).
    """

    DEFAULT_CSS = """
    InterpretationPanel {
        height: auto;
        border: round $secondary;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    def __init__(self, template: str, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.template = template
        self.border_title = "Interpretación con tus valores"
        self.text = ""  # the Markdown on screen (filled, or with the values masked)
        self._shape: tuple | None = None
        self.note = ""  # the line above it
        self.display = bool(template.strip())
        self.update(WAITING)

    def show(self, values: Mapping[str, Sequence[float]] | None, epoch: int | None = None, *,
             preview: Mapping[str, Sequence[float]] | None = None) -> None:
        if not self.template.strip():
            return
        if values is None:
            text, note = masked(self.template, preview or {}), WAITING
        else:
            text, note = fill_template(self.template, values), f"Con tus valores tras la época {epoch}:"
        if text == self.text and note == self.note:
            return
        # Measuring Markdown means rendering it: ask for a layout only when the shape changed.
        new_shape = shape(note + "\n" + text)
        same_size = new_shape == self._shape and self.is_mounted
        self._shape = new_shape
        self.text, self.note = text, note
        self.update(Group(Text(note, style="italic" if values is not None else "italic dim"),
                          Markdown(text, style="" if values is not None else "dim")), layout=not same_size)

"""? : every key of the app and of the lab, read from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown, Static
from textual.content import Content

from tutor.ui.screens.base import TutorScreen

KEY_NAMES = {
    "space": "espacio", "enter": "Enter", "escape": "Escape", "question_mark": "?",
    "plus": "+", "minus": "-", "slash": "/", "right": "→", "left": "←", "up": "↑",
    "down": "↓", "ctrl+p": "Ctrl+P", "ctrl+c": "Ctrl+C", "ctrl+q": "Ctrl+Q", "tab": "Tab",
    "equals_sign": "=", "underscore": "_",
}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def bindings_table(bindings: Iterable[Binding | tuple]) -> str:
    """A Markdown table `| Tecla | Qué hace |` of the bindings that have a description."""
    rows: list[str] = []
    seen: set[str] = set()
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        description = binding.tooltip or binding.description
        if not description:
            continue
        keys = binding.key_display or key_label(binding.key)
        if keys in seen:
            continue
        seen.add(keys)
        rows.append(f"| `{keys}` | {description} |")
    return "\n".join(["| Tecla | Qué hace |", "| --- | --- |", *rows])


class HelpScreen(TutorScreen):
    """Sections of (title, bindings); Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "close", "volver"),
        Binding("q", "close", show=False),
        Binding("question_mark", "close", show=False),
    ]

    def __init__(self, sections: list[tuple[str, Iterable[Binding | tuple]]], extra: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.extra = extra

    def compose(self) -> ComposeResult:
        yield Static(Content("Ayuda · todas las teclas (Escape vuelve)"), classes="step-header")
        parts = [f"### {title}\n\n{bindings_table(bindings)}" for title, bindings in self.sections]
        if self.extra:
            parts.append(self.extra)
        with VerticalScroll(id="help"):
            yield Markdown("\n\n".join(parts), open_links=False, id="help-text")
        yield Footer(compact=True)

    def action_close(self) -> None:
        if self.is_active:  # a second Escape queued before the first one closed it
            self.dismiss()

"""The bordered, titled panel of the lab's phases and code: blocks of text that grow with it."""

from __future__ import annotations

from textual.containers import Vertical


class TextPanel(Vertical):
    """A rounded border with a bold title around Statics as tall as their text."""

    DEFAULT_CSS = """
    TextPanel {
        height: auto;
        border: round $primary;
        border-title-style: bold;
        padding: 0 1;
    }
    TextPanel > Static { height: auto; }
    """

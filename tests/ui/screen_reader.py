"""What the terminal shows, as plain text: the one way the UI tests read the screen."""

from __future__ import annotations


def screen_text(app) -> str:  # noqa: ANN001 - a running Textual app
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

"""Updating a Static without a screen-wide layout when its height stays the same.

`Static.update()` asks for a layout by default, and a layout re-measures every auto-height
widget on the screen (the lab has a dozen, one of them Markdown): tens of milliseconds per
epoch. When the new content is as tall as the old one at the current width, a repaint of
the widget alone is enough.
"""

from __future__ import annotations

from textual.visual import visualize
from textual.widgets import Static


def update_in_place(static: Static, content: object) -> None:
    """static.update(content), with a layout only if its height may change."""
    width, height = static.outer_size - static.styles.gutter.totals  # the content area, no screen lookup
    if not static.is_mounted or static.outer_size.width <= 0 or width <= 0:
        static.update(content)
        return
    if static.styles.height is not None and not static.styles.height.is_auto:
        static.update(content, layout=False)  # a fixed height: content never moves anything
        return
    visual = visualize(static, content)  # update() takes it as it is: converted once
    static.update(visual, layout=visual.get_height(static.styles, width) != height)

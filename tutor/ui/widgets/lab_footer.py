"""The lab's Footer: every key stays visible, on two rows (or more) when one is too narrow.

The lab adds eight keys to the app's own (n, p, g, ?, q, Ctrl+P): at 80 or 120 columns they
do not fit on one line, and a plain Footer cuts off what does not fit. The palette key is
docked on the right, beside every row.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE = "-command-palette"


def key_width(key) -> int:  # noqa: ANN001 - a FooterKey, or a group of keys
    """Columns a compact footer key takes: key, space, description, margin."""
    if isinstance(key, FooterKey):
        return len(key.key_display) + len(key.description) + 2
    return 14


class LabFooter(Footer):
    """A Footer that puts its keys on two rows when they need more than one."""

    DEFAULT_CSS = """
    LabFooter.-two-rows { layout: vertical; height: auto; }
    LabFooter .footer-row { height: 1; width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        palette = [key for key in keys if key.has_class(PALETTE)]
        others = [key for key in keys if not key.has_class(PALETTE)]
        room = self.size.width or self.app.size.width
        self._laid_out_for = self.size.width
        needed = sum(key_width(key) for key in keys)
        self._two_rows = needed > room and len(others) > 1
        self.set_class(self._two_rows, "-two-rows")
        if not self._two_rows:
            yield from keys
            return
        yield from palette
        row_room = room - sum(key_width(key) for key in palette)
        rows: list[list] = [[]]
        used = 0
        for key in others:  # fill a row, then start the next one below
            if rows[-1] and used + key_width(key) > row_room:
                rows.append([])
                used = 0
            rows[-1].append(key)
            used += key_width(key)
        for row in rows:
            yield HorizontalGroup(*row, classes="footer-row")

    def on_resize(self) -> None:
        """The rows depend on the width: lay the keys out again when it changed."""
        if self.size.width != getattr(self, "_laid_out_for", None) and self.query(FooterKey):
            self.call_after_refresh(self.recompose)

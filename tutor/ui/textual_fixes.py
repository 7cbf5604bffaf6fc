"""Work-arounds for crashes of the pinned Textual (8.2.8) found by tests/ui/test_monkey.py.

- OptionList page up / page down before the list has been laid out (e.g. Ctrl+P then PageUp
  typed faster than a refresh, as buffered keys arrive over SSH) raises KeyError in
  `_move_page`: there are no lines yet. Until laid out, the key does nothing.
"""

from __future__ import annotations

from textual.widgets import OptionList

_original_move_page = OptionList._move_page


def _move_page_when_laid_out(self: OptionList, direction: int) -> None:
    if (self.highlighted or 0) not in self._index_to_line:
        return
    _original_move_page(self, direction)


def apply() -> None:
    OptionList._move_page = _move_page_when_laid_out  # type: ignore[method-assign]

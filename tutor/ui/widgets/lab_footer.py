"""The lab's footer: one row of keys, generated from the bindings that are active right now.

At 80 columns not every key fits on one row (the lab has a dozen besides the app's n, p, g,
q...): keys are kept in the order of FIRST (the loop's own keys first), the rest dropped from
the end, and "? ayuda" (which lists every key) always stays. +, - and l share one entry.
Repaints only when the keys or the width change.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tutor.ui.widgets.in_place import update_in_place

FIRST = ("next_phase", "epoch", "run", "reset", "faster", "toggle_code", "exercises", "random_start", "pick_weight",
         "notebook_start", "back", "next", "previous", "glossary", "quit")
KEPT = "help"  # always shown, last
JOINED = {"faster": (("slower", "type_lr"), "+/-/l", "lr")}  # shown as one entry: "+/-/l lr"


class LabKeys(Static):
    DEFAULT_CSS = """
    LabKeys { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.plain = ""  # the keys on screen, for tests

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh_keys())
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.refresh_keys()

    def entries(self) -> list[tuple[str, str, str]]:
        """(action, key as shown, description) of the bindings shown now, in FIRST's order."""
        found: dict[str, tuple[str, str]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            action = binding.action.rsplit(".", 1)[-1]
            if not binding.show or action in found:
                continue
            found[action] = (binding.key_display or self.app.get_key_display(binding), binding.description)
        entries = []
        partners = {partner for group, *_ in JOINED.values() for partner in group}
        for action in FIRST + tuple(a for a in found if a not in FIRST and a != KEPT and a not in partners):
            if action not in found:
                continue
            shown_key, description = found[action]
            if action in JOINED and all(partner in found for partner in JOINED[action][0]):
                _, shown_key, description = JOINED[action]
            entries.append((action, shown_key, description))
        return entries

    def refresh_keys(self) -> None:
        if not self.is_attached:
            return
        width = max(self.size.width, 1)
        entries = self.entries()
        tail = [(active.binding.key_display or "?", active.binding.description)
                for active in self.screen.active_bindings.values()
                if active.binding.action.rsplit(".", 1)[-1] == KEPT][:1]
        kept: list[tuple[str, str]] = []
        used = sum(len(k) + len(d) + 2 for k, d in tail)
        for _, key, description in entries:
            size = len(key) + len(description) + 2
            if used + size > width:
                break
            kept.append((key, description))
            used += size
        text = Text(no_wrap=True, overflow="crop")
        for index, (key, description) in enumerate(kept + tail):
            if index:
                text.append(" ")
            text.append(key, style="bold reverse")
            text.append(" " + description)
        if text.plain == self.plain:
            return
        self.plain = text.plain
        update_in_place(self, text)

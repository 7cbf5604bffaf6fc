"""The base of the app's own screens: input that arrives after the screen closed is dropped.

Keys typed fast (or buffered by a slow SSH link) are forwarded to the screen that was on top
when the app read them; one of them may close the screen and the next still reach it, when
its widgets are already going away. Such late input messages are ignored.
"""

from __future__ import annotations

from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Markdown, OptionList, RadioSet

LATE_INPUT = (Input.Changed, Input.Submitted, Button.Pressed, OptionList.OptionHighlighted,
              OptionList.OptionSelected, RadioSet.Changed, Markdown.LinkClicked)


def arrived_late(screen: Screen, message: Message) -> bool:
    return isinstance(message, LATE_INPUT) and not screen.is_active


class TutorScreen(Screen):
    async def _on_message(self, message: Message) -> None:
        if arrived_late(self, message):
            return
        await super()._on_message(message)

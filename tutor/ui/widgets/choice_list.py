"""The options of a choice or predict exercise, numbered in the order this student sees them.

A digit (1-9) or ↑ / ↓ picks an option, Enter answers with it: always two explicit keys. Nothing
is picked until the student picks (OptionList would highlight the first option), so Enter alone
answers nothing: it posts NothingPicked, and the owner says how to choose. Space does nothing
here (in the lab it is "next phase"), so no key meant for something else answers.

    ChoiceList(choices, order)    # order: position -> index of the declared choice (choice_order)
    on ChoiceList.Chosen: message.choice is the declared text of the option chosen
    on ChoiceList.NothingPicked: Enter before any option was picked
"""

from __future__ import annotations

import re
from typing import Sequence

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

_INLINE_MARKS = re.compile(r"(`+|\*\*|__)(.+?)\1")


def plain_inline(markdown: str) -> str:
    """Inline Markdown as plain text: `code` and **bold** marks dropped."""
    return _INLINE_MARKS.sub(r"\2", markdown)


class ChoiceList(OptionList):
    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 12; border: none; padding: 0; background: transparent; }
    ChoiceList:focus { border: none; }
    """

    class Chosen(Message):
        def __init__(self, choice_list: "ChoiceList", choice: str) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.choice = choice

        @property
        def control(self) -> "ChoiceList":
            return self.choice_list

    class NothingPicked(Message):
        """Enter with no option picked yet: nothing was answered."""

        def __init__(self, choice_list: "ChoiceList") -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> "ChoiceList":
            return self.choice_list

    def __init__(self, choices: Sequence[str], order: Sequence[int], *, id: str | None = None,
                 classes: str | None = None) -> None:
        self.choices = tuple(choices)
        self.order = tuple(order)
        options = [Option(f"{position} {plain_inline(self.choices[index])}")
                   for position, index in enumerate(self.order, start=1)]
        super().__init__(*options, id=id, classes=classes)
        self.highlighted = None  # not the first option: only the student picks

    @property
    def how_to_pick(self) -> str:
        return f"Primero elige 1–{len(self.order)} (o ↑/↓); luego Enter."

    def shown(self) -> list[str]:
        """The declared choices in the order on screen."""
        return [self.choices[index] for index in self.order]

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.order) and not self.disabled:
            self.highlighted = number - 1

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.NothingPicked(self))
        else:
            super().action_select()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.order):
            self.post_message(self.Chosen(self, self.choices[self.order[event.option_index]]))

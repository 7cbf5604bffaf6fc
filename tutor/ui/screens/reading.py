"""A page of a lesson: its Markdown (tables included), and the glossary terms it links.

Terms linked in the text open the glossary when clicked; without a mouse, t focuses the
"Términos" list under the page and Enter opens the chosen one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.lessons.model import Course
from tutor.ui.navigation import Step
from tutor.ui.screens.base import TutorScreen
from tutor.ui.term_links import linked_terms
from tutor.ui.widgets.step_header import StepHeader


class PageScroll(VerticalScroll, inherit_bindings=False):
    """Scrolls up and down; left / right stay free for previous / next step."""

    BINDINGS = [
        Binding("up", "scroll_up", show=False),
        Binding("down", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]


class ReadingScreen(TutorScreen):
    BINDINGS = [Binding("t", "terms", "términos")]

    def __init__(self, step: Step, course: Course) -> None:
        super().__init__()
        self.step = step
        self.course = course
        glossary = course.glossary
        lesson = step.lesson
        if 0 <= step.page < len(lesson.pages):
            page = lesson.pages[step.page]
            self.page_title, self.markdown = page.title or lesson.title, page.markdown
        else:  # a lesson with no pages: its summary
            self.page_title, self.markdown = lesson.title, lesson.summary or "*(Lección sin páginas)*"
        self.terms = linked_terms(self.markdown, glossary)

    def compose(self) -> ComposeResult:
        yield StepHeader(self.step, self.page_title, self.course)
        with PageScroll(id="page"):
            yield Markdown(self.markdown, open_links=False, id="page-markdown")
            if self.terms:
                yield Static(Content("Términos de esta página (t, luego Enter):"), classes="terms-title")
                yield OptionList(*(Option(Content(term.name), id=term.id) for term in self.terms),
                                 id="page-terms")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for page in self.query("#page"):  # none if the screen closed before it was mounted
            page.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "terms":
            return bool(self.terms)
        return True

    def action_terms(self) -> None:
        terms = self.query_one("#page-terms", OptionList)
        terms.focus()
        if terms.highlighted is None:
            terms.highlighted = 0
        terms.scroll_visible()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.open_glossary(event.option.id)

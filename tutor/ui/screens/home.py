"""The first screen: the lessons in order with their progress, "continue" on Enter.

Broken lessons (course.errors) are listed with their `path:line: message`, not openable.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tutor.lessons.model import Course
from tutor.progress import Progress, progress_label
from tutor.ui.navigation import lesson_number, step_at
from tutor.ui.screens.base import TutorScreen

KIND_LABELS = {
    "reading": "lectura",
    "lab": "laboratorio",
    "glossary": "glosario",
    "quiz": "ejercicios",
    "free-lab": "lab libre",
}
CONTINUE_ID = "continue"


def text_bar(done: int, total: int, width: int = 10) -> str:
    """'██████░░░░': readable without colour (NO_COLOR, 16 colours)."""
    filled = 0 if total <= 0 else round(width * done / total)
    if done < total:
        filled = min(filled, width - 1)
    return "█" * filled + "░" * (width - filled)


class HomeScreen(TutorScreen):
    """Lessons in order; Enter opens the highlighted one (the first row continues)."""

    BINDINGS = [("enter", "open", "abrir")]

    def __init__(self, course: Course, progress: Progress) -> None:
        super().__init__()
        self.course = course
        self.progress = progress  # the app's: it changes as the student works

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield Static(id="home-overall")
        yield OptionList(id="home-lessons")
        yield Static(Content("↑/↓ elige · Enter abre · Ctrl+P busca una lección"), id="home-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_lessons()
        lessons = self.query_one("#home-lessons", OptionList)
        lessons.highlighted = 0 if lessons.option_count else None

    def on_screen_resume(self) -> None:
        self.refresh_lessons()

    def refresh_lessons(self) -> None:
        """Rebuild the rows from the current progress, keeping the highlighted row."""
        course, progress = self.course, self.progress
        title = course.title or "tutor"
        if progress.student:
            title += f" · {progress.student}"
        self.query_one("#home-title", Static).update(Content(title))
        done, total = progress.course_done(course)
        self.query_one("#home-overall", Static).update(
            Content(f"Tu progreso  {text_bar(done, total, 20)}  {progress_label(done, total)}"))

        lessons = self.query_one("#home-lessons", OptionList)
        highlighted = lessons.highlighted
        options: list[Option | None] = []
        resume = step_at(course, progress.last_lesson, progress.last_page) if progress.last_lesson else None
        if resume is not None:
            lesson = resume.lesson
            options.append(Option(Text.assemble(
                ("▶ Continuar: ", "bold"), f"{lesson_number(course, lesson)}. {lesson.title}",
                f"  (paso {resume.index + 1} de {resume.count})"), id=CONTINUE_ID))
            options.append(None)
        for number, lesson in enumerate(course.lessons, 1):
            options.append(Option(self._lesson_row(number, lesson), id=f"lesson:{lesson.id}"))
        if course.errors:
            options.append(None)
            options.append(Option(Text("Lecciones con errores (corrígelas y vuelve a abrir tutor):",
                                       style="bold"), disabled=True))
            for error in course.errors:
                options.append(Option(Text(f"✗ {error}"), disabled=True))
        lessons.set_options(options)
        if highlighted is not None and highlighted < lessons.option_count:
            lessons.highlighted = highlighted

    def _lesson_row(self, number: int, lesson) -> Table:  # noqa: ANN001 - a Lesson
        done, total = self.progress.lesson_done(lesson)
        row = Table.grid(expand=True, padding=(0, 1))
        row.add_column(width=1, no_wrap=True)  # ✓ when done
        row.add_column(ratio=1, overflow="fold")  # long titles wrap at 80 columns
        row.add_column(width=13, no_wrap=True)  # "laboratorio" and a space either side
        row.add_column(width=12, no_wrap=True)
        row.add_column(width=12, no_wrap=True, justify="right")
        mark = "✓" if total and done >= total else " "
        row.add_row(mark, f"{number}. {lesson.title}", KIND_LABELS.get(lesson.kind, lesson.kind),
                    text_bar(done, total), progress_label(done, total))
        return row

    def action_open(self) -> None:
        lessons = self.query_one("#home-lessons", OptionList)
        option = lessons.highlighted_option
        if option is not None and not option.disabled:
            self._open(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if option_id == CONTINUE_ID:
            self.app.continue_course()
        elif option_id and option_id.startswith("lesson:"):
            self.app.open_lesson(option_id.removeprefix("lesson:"))

"""`tutor class DIR`: a live table of who is where in a class served by `tutor serve`.

One row per student: connected or not, where they are (lesson and step), the course done,
exercises right/wrong, their latest lab run, and when they last did something. Below it,
the highlighted student's lessons. Every POLL_INTERVAL it looks at the progress files'
modification times and re-reads only those that changed (no inotify: works on any disk).
Read-only: it never writes a student's file.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from tutor.progress import progress_label
from tutor.serve.class_table import StudentState, count, read_student
from tutor.serve.client_input import visible

POLL_INTERVAL = 1.0
STUDENT_COLUMNS = ("Estudiante", "", "Dónde", "Curso", "Ej ✓/✗", "Último lab", "Última vez")
LESSON_COLUMNS = ("Lección", "Hecho", "Ej ✓/✗", "Épocas", "Mejor loss", "Última vez")


def _last_seen(iso: str) -> str:
    """'23:36' today, '01/12' before, '—' never (local time)."""
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return "—"
    return when.strftime("%H:%M" if when.date() == datetime.now().astimezone().date() else "%d/%m")


def _plain(cell: str) -> Text:
    """A cell as it is written: DataTable reads a str as markup, and lesson ids, titles and
    problems come from files (a '[/]' would stop the view; a '[@click=...]' would be a link)."""
    return Text(visible(cell))


class ClassApp(App):
    TITLE = "tutor class"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #class-title { height: 1; padding: 0 1; text-style: bold; }
    #students { height: 1fr; }
    #lessons-title { height: 1; padding: 0 1; margin-top: 1; }
    #lessons { height: 1fr; }
    """
    BINDINGS = [Binding("q", "quit", "salir"), Binding("r", "reload", "releer todo")]

    def __init__(self, class_dir, course, poll_interval: float = POLL_INTERVAL) -> None:  # noqa: ANN001
        super().__init__()
        self.class_dir = class_dir
        self.course = course
        self.poll_interval = poll_interval
        self.states: dict[str, StudentState] = {}
        self._mtimes: dict[str, int | None] = {}
        self._connected: dict[str, str] = {}
        self._shown_student: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="class-title", markup=False)  # the folder's name may have [brackets]
        yield DataTable(id="students", cursor_type="row", zebra_stripes=True)
        yield Static(id="lessons-title", markup=False)
        yield DataTable(id="lessons", cursor_type="none", show_cursor=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        students = self.query_one("#students", DataTable)
        for label in STUDENT_COLUMNS:
            students.add_column(label, key=label or "online")
        self.query_one("#lessons", DataTable).add_columns(*LESSON_COLUMNS)
        self.poll()
        self.set_interval(self.poll_interval, self.poll)

    def action_reload(self) -> None:
        self._mtimes.clear()
        self.poll()

    # -- reading the class ---------------------------------------------------------------

    def poll(self) -> None:
        """Re-read the files that changed, add new students, drop removed ones, redraw."""
        if not self.query("#students"):  # not composed yet, or already shutting down
            return
        names = self.class_dir.students()
        connected = self.class_dir.connected()
        changed = set(connected) ^ set(self._connected) | {n for n in connected if connected[n] != self._connected.get(n)}
        self._connected = connected
        for name in names:
            mtime = self._mtime(name)
            if name not in self.states or mtime != self._mtimes.get(name):
                self._mtimes[name] = mtime
                self.states[name] = read_student(self.class_dir, name, self.course)
                changed.add(name)
        for name in [name for name in self.states if name not in names]:
            del self.states[name]
            self._mtimes.pop(name, None)
            changed.add(name)
        self._redraw(changed, names)

    def _mtime(self, name: str) -> int | None:
        try:
            return self.class_dir.progress_file(name).stat().st_mtime_ns
        except OSError:
            return None

    # -- drawing -------------------------------------------------------------------------

    def _redraw(self, changed: set[str], names: list[str]) -> None:
        table = self.query_one("#students", DataTable)
        for name in changed:
            if name not in self.states:
                if name in table.rows:
                    table.remove_row(name)
                continue
            cells = [_plain(cell) for cell in self.student_cells(name)]
            if name in table.rows:
                for column, value in zip(table.columns, cells):
                    table.update_cell(name, column, value)
            else:
                table.add_row(*cells, key=name)
        if changed:
            table.sort("Estudiante", key=lambda cell: str(cell).casefold())
        online = sum(1 for name in names if name in self._connected)
        self.query_one("#class-title", Static).update(
            f"Clase {self.class_dir.root} · {count(len(names), 'estudiante', 'estudiantes')} · "
            f"{count(online, 'conectado', 'conectados')} · "
            f"actualizado {datetime.now().strftime('%H:%M:%S')}")
        self._show_lessons(force=self._shown_student in changed)

    def student_cells(self, name: str) -> tuple[str, ...]:
        state = self.states[name]
        online = "●" if name in self._connected else "○"
        progress = state.progress
        if state.problem:
            return (name, online, f"⚠ {state.problem}", "—", "—", "—", "—")
        if progress is None:
            return (name, online, "todavía no ha entrado", "—", "—", "—", "—")
        lesson = self.course.lesson(progress.last_lesson) if progress.last_lesson else None
        where = (f"{lesson.id} · paso {progress.last_page + 1}" if lesson else progress.last_lesson or "inicio")
        correct = sum(row.correct for row in state.rows)
        wrong = sum(row.wrong for row in state.rows)
        labs = sorted((row for row in state.rows if row.epochs), key=lambda row: row.updated)
        lab = f"{labs[-1].epochs} ép · {labs[-1].best_loss:.3g}" if labs and labs[-1].best_loss is not None else "—"
        return (name, online, where, progress_label(*progress.course_done(self.course)),
                f"{correct}/{wrong}", lab, _last_seen(progress.updated))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "students":
            self._show_lessons(force=True)

    def _show_lessons(self, force: bool = False) -> None:
        table = self.query_one("#students", DataTable)
        name = None
        if table.row_count:
            name = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        if name == self._shown_student and not force:
            return
        self._shown_student = name
        lessons = self.query_one("#lessons", DataTable)
        lessons.clear()
        state = self.states.get(name) if name else None
        self.query_one("#lessons-title", Static).update(f"Lecciones de {name}" if state else "")
        for row in state.rows if state else ():
            lessons.add_row(*map(_plain, (
                row.title if len(row.title) <= 32 else row.title[:31] + "…",
                f"{row.done}/{row.total}" if row.total is not None else "—",
                f"{row.correct}/{row.wrong}" if row.correct or row.wrong else "—",
                str(row.epochs) if row.epochs else "—",
                f"{row.best_loss:.4g}" if row.best_loss is not None else "—",
                _last_seen(row.updated))))

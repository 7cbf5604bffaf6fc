"""TutorApp: the home screen, the path of steps through the course, and the progress file.

    app = TutorApp(course, store=ProgressStore(), lesson_id=None, lab=None, seed=None,
                   student=None, no_skip=False, warm_up=True, ascii_charts=False)
    app.run()

- The screen stack is [HomeScreen, step screen, overlays...]: a step (a page, the lab, the
  exercises...) replaces the previous one; the glossary (g) and help (?) open on top.
- n / p (and → / ←) walk the course (tutor.ui.navigation); Escape goes home. A lab opened
  directly (`tutor lab LAB`, a LabRequest) goes to its lesson on Escape instead.
- Progress is loaded on start (its notice shown), the position saved at every step, answers
  and lab runs recorded as they happen; saved on quit, Ctrl+C, SIGTERM, SIGHUP and SIGINT,
  with what every open lab shows at that moment (`final_progress`).
- Screens get the course, the progress and the options they need in their constructor;
  their messages carry the lesson id.
- TensorFlow is imported in a background thread after the first paint, so labs open fast
  and the first screen never waits for it.
"""

from __future__ import annotations

import asyncio
import signal
import threading

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tutor.errors import TutorError
from tutor.lessons.choice_order import order_key
from tutor.lessons.model import Course, Exercise, Lesson
from tutor.progress import Progress, ProgressStore, save_on_signals
from tutor.ui import textual_fixes
from tutor.ui.lesson_commands import LessonCommands, LessonPalette
from tutor.ui.navigation import (
    EXERCISES, FREE_LAB, GLOSSARY, LAB, PAGE, Step, lesson_steps, next_step, previous_step, static_exercises,
    step_at,
)
from tutor.ui.lab_request import LabRequest
from tutor.ui.screens.exercises import ExercisesScreen
from tutor.ui.screens.glossary import GlossaryScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.reading import ReadingScreen
from tutor.ui.term_links import term_for_href

textual_fixes.apply()

HELP_NOTES = """### Dónde se guarda tu progreso

Cada paso, respuesta y entrenamiento se guarda al momento (y al salir). Si se corta la
conexión SSH, al volver a abrir `tutor` pulsa Enter en «Continuar»."""


def _load_tensorflow_quietly() -> None:
    try:
        from tutor.engine.runtime import load_tensorflow

        load_tensorflow()
    except Exception:  # noqa: BLE001 - the lab says so when it needs TensorFlow and cannot load it
        pass


class TutorApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "tutor"
    COMMANDS = {LessonCommands}  # the lessons (in Spanish), not Textual's theme/quit commands
    BINDINGS = [
        Binding("n", "next", "siguiente", tooltip="paso siguiente (cruza a la lección siguiente)"),
        Binding("p", "previous", "anterior", tooltip="paso anterior (cruza a la lección anterior)"),
        Binding("right", "next", "siguiente", show=False, key_display="→", tooltip="lo mismo que n"),
        Binding("left", "previous", "anterior", show=False, key_display="←", tooltip="lo mismo que p"),
        Binding("g", "glossary", "glosario", tooltip="abrir el glosario desde cualquier pantalla"),
        Binding("question_mark", "help", "ayuda", key_display="?", tooltip="esta ayuda"),
        Binding("escape", "home", "inicio", show=False, key_display="Escape",
                tooltip="volver al inicio: lecciones y progreso"),
        Binding("q", "quit", "salir", tooltip="guardar el progreso y salir"),
        Binding("ctrl+p", "command_palette", "lecciones", show=False, priority=True, key_display="^p",
                tooltip="paleta de comandos: saltar a cualquier lección"),
        Binding("ctrl+c", "quit", "salir", show=False, priority=True, key_display="Ctrl+C",
                tooltip="guardar el progreso y salir"),
    ]

    def __init__(self, course: Course, *, store: ProgressStore | None = None,
                 lesson_id: str | None = None, lab: LabRequest | None = None, seed: int | None = None,
                 student: str | None = None, no_skip: bool = False, warm_up: bool = True,
                 ascii_charts: bool = False) -> None:
        super().__init__()
        self.course = course
        self.ascii_charts = ascii_charts  # charts without braille or box drawing (tutor --ascii)
        self.store = store
        self.seed = seed
        self.allow_skip = not (no_skip or course.no_skip)
        self.start_lesson = lesson_id
        self.start_lab = lab
        self._direct_lab: Step | None = None  # the lab step opened by start_lab, while on it
        self.warm_up = warm_up
        self.progress, self._load_notice = store.load() if store is not None else (Progress(), None)
        if student:
            self.progress.student = student
        self.step: Step | None = None
        self._save_error_shown = False
        self._restore_signals = None
        self._navigation = asyncio.Lock()

    # -- life cycle ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return HomeScreen(self.course, self.progress)

    def on_mount(self) -> None:
        if self._load_notice:
            self.notify(self._load_notice, title="Progreso", severity="warning", timeout=12)
        shared = self.store.begin_session() if self.store is not None else None
        if shared:  # another tutor process uses this progress: saves merge, say so once
            self.notify(shared, title="Progreso", timeout=12)
        if not self.is_headless:
            self._install_signal_handlers()
        if self.start_lab:
            self.open_lab(self.start_lab)
        elif self.start_lesson:
            self.open_lesson(self.start_lesson)
        if self.warm_up:
            self.call_after_refresh(self._warm_up_tensorflow)

    def on_unmount(self) -> None:
        self.save()
        if self._restore_signals is not None:
            self._restore_signals()
            self._restore_signals = None

    def _install_signal_handlers(self) -> None:
        """A dropped SSH link (SIGHUP), kill (SIGTERM) or SIGINT: save, then leave cleanly."""
        loop = asyncio.get_running_loop()
        signals = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                        if hasattr(signal, name))
        self._restore_signals = save_on_signals(
            self.save, then=lambda _signum: loop.call_soon_threadsafe(self.exit), signals=signals)

    def _warm_up_tensorflow(self) -> None:
        # A daemon thread, not a Textual worker: asyncio.run() waits for its executor's
        # threads, so q pressed during the import would hang for seconds until it finished.
        threading.Thread(target=_load_tensorflow_quietly, name="tensorflow-warm-up", daemon=True).start()

    @property
    def order_key(self) -> str:
        """What shuffles each exercise's choices for this student (tutor.lessons.choice_order)."""
        return order_key(self.progress.student, self.seed, self.progress.created)

    def _record_open_labs(self) -> None:
        """What every lab on the stack shows and has not saved yet (quit, SIGHUP, SIGTERM)."""
        for screen in list(self.screen_stack):
            final = getattr(screen, "final_progress", None)
            progressed = final() if callable(final) else None
            if progressed is not None:
                self.progress.record_lab(progressed.lesson_id, progressed.epochs_run, progressed.best_loss)

    def save(self) -> None:
        """Write the progress file (with what open labs show); a failure is said once, never a crash."""
        if self.store is None:
            return
        try:
            self._record_open_labs()
        except Exception:  # noqa: BLE001 - saving what is already recorded matters more
            pass
        try:
            self.store.save(self.progress)
        except TutorError as error:
            if not self._save_error_shown:
                self._save_error_shown = True
                try:
                    self.notify(str(error), title="Progreso", severity="error", timeout=10)
                except Exception:  # noqa: BLE001 - shutting down: nothing left to tell
                    pass

    async def action_quit(self) -> None:
        self.save()
        self.exit()

    # -- navigation ------------------------------------------------------------------------

    def continue_course(self) -> None:
        progress = self.progress
        step = step_at(self.course, progress.last_lesson, progress.last_page) if progress.last_lesson else None
        if step is None and self.course.lessons:
            step = step_at(self.course, self.course.lessons[0].id)
        if step is not None:
            self.show_step(step)

    def open_lesson(self, lesson_id: str) -> None:
        step = step_at(self.course, lesson_id)
        if step is None:
            self.notify(f"No hay ninguna lección «{lesson_id}».", severity="error", markup=False)
            return
        self.show_step(step)

    def open_lab(self, request: LabRequest) -> None:
        """The lab `request` names, with its start and learning rate; Escape then goes to its lesson."""
        lesson = next((lesson for lesson in self.course.lessons
                       if lesson.lab is not None and lesson.lab.id == request.lab_id), None)
        step = next((step for step in lesson_steps(lesson) if step.kind in (LAB, FREE_LAB)), None) if lesson else None
        if step is None:
            self.notify(f"No hay ningún laboratorio «{request.lab_id}».", severity="error", markup=False)
            return
        self._direct_lab = step
        self.show_step(step, request)

    def show_step(self, step: Step, request: LabRequest | None = None) -> None:
        screen = self._screen_for(step, request)
        self.step = step  # at once: a second n pressed meanwhile goes one step further
        self.run_worker(self._show_step(step, screen), group="navigation", exit_on_error=False)

    async def _show_step(self, step: Step, screen: Screen) -> None:
        async with self._navigation:  # one screen change at a time, in key order
            # The new step replaces the one shown (overlays above it closed first): the home
            # screen never comes up in between, where a key typed meanwhile would be lost.
            while len(self.screen_stack) > 2:
                await self.pop_screen()
            if len(self.screen_stack) == 2:
                await self.switch_screen(screen)
            else:
                await self.push_screen(screen)
        lesson_id = step.lesson.id
        self.progress.visit(lesson_id)
        self.progress.set_position(lesson_id, step.index)
        if step.kind == PAGE and step.page >= 0:
            self.progress.mark_page_read(lesson_id, step.page)
        self.save()

    async def _pop_to_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()

    def _screen_for(self, step: Step, request: LabRequest | None = None) -> Screen:
        lesson = step.lesson
        if step.kind == PAGE:
            return ReadingScreen(step, self.course)
        if step.kind == GLOSSARY:
            return GlossaryScreen(lesson.terms or self.course.glossary, step=step, course=self.course)
        if step.kind == EXERCISES:
            results = {e.id: self.progress.exercise_result(lesson.id, e.id) for e in lesson.exercises}
            return ExercisesScreen(step, static_exercises(lesson), course=self.course, allow_skip=self.allow_skip,
                                   results=results, order_key=self.order_key)
        if step.kind == LAB:
            from tutor.ui.screens.lab import LabScreen

            options = {"init": request.init, "start_seed": request.start_seed, "lr": request.lr} if request else {}
            return LabScreen(lesson, progress=self.progress, seed=self.seed, allow_skip=self.allow_skip,
                             order_key=self.order_key, **options)
        if step.kind == FREE_LAB:
            from tutor.ui.screens.free_lab import FreeLabScreen

            return FreeLabScreen(self.course, progress=self.progress, seed=self.seed, lesson=lesson,
                                 allow_skip=self.allow_skip, order_key=self.order_key)
        raise ValueError(f"unknown step kind {step.kind!r}")

    def go_home(self) -> None:
        self.step = None
        self.run_worker(self._go_home(), group="navigation", exit_on_error=False)

    async def _go_home(self) -> None:
        async with self._navigation:
            await self._pop_to_home()

    def _leave_blocker(self) -> str | None:
        blocker = getattr(self.screen, "leave_blocker", None)
        return blocker() if callable(blocker) else None

    def _tell(self, text: str, **options) -> None:
        """A message: on the screen's own status line if it has one (the lab), else a toast."""
        say = getattr(self.screen, "say", None)
        if callable(say):
            say(text)
        else:
            self.notify(text, **options)

    def action_next(self) -> None:
        if self.step is None:
            return
        reason = self._leave_blocker()
        if reason:
            self._tell(reason, title="Saltar está desactivado", severity="warning")
            return
        step = next_step(self.course, self.step)
        if step is None:
            self._tell("Has llegado al final del curso. ¡Enhorabuena!", title="Fin")
        else:
            self.show_step(step)

    def action_previous(self) -> None:
        if self.step is None:
            return
        step = previous_step(self.course, self.step)
        if step is None:
            self._tell("Este es el primer paso del curso.")
        else:
            self.show_step(step)

    def action_home(self) -> None:
        direct, self._direct_lab = self._direct_lab, None
        if direct is not None and self.step == direct and direct.index > 0:
            self.show_step(step_at(self.course, direct.lesson.id))  # `tutor lab`: to its lesson
            return
        self.go_home()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "previous", "home"):
            # Free (hidden) on the home screen. Asked of the path, not of the screen on top: while
            # one step replaces another the home screen is briefly on top, and a key typed then
            # (n pressed 0.15 s apart) must still count.
            return self.step is not None or not isinstance(self.screen, HomeScreen)
        return True

    def action_command_palette(self) -> None:
        if not LessonPalette.is_open(self):
            self.push_screen(LessonPalette())

    # -- glossary and help -----------------------------------------------------------------

    def open_glossary(self, term_id: str | None = None) -> None:
        top = self.screen
        if isinstance(top, GlossaryScreen):
            if term_id and term_id in top.by_id:
                top.show_term(top.by_id[term_id])
            top.action_search()
            return
        self.push_screen(GlossaryScreen(self.course.glossary, term_id=term_id))

    def action_glossary(self) -> None:
        self.open_glossary()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        from tutor.ui.screens.lab import LabScreen  # imported when needed: charts are heavy
        from tutor.ui.widgets.exercise_card import ExerciseCard

        sections = [
            ("En todas partes", self.BINDINGS),
            ("Inicio", [Binding("up,down", "-", "elegir lección", key_display="↑ / ↓"),
                        *HomeScreen.BINDINGS]),
            ("Páginas", [*ReadingScreen.BINDINGS,
                         Binding("up,down,pageup,pagedown", "-", "desplazar la página",
                                 key_display="↑ / ↓ / RePág / AvPág")]),
            ("Ejercicios", [*ExerciseCard.BINDINGS,
                            Binding("tab", "-", "pasar al siguiente control", key_display="Tab"),
                            Binding("enter", "-", "elegir la opción / comprobar el número"),
                            Binding("escape", "-", "salir de la casilla del número (luego n sigue)",
                                    key_display="Escape")]),
            ("Laboratorio", [*LabScreen.BINDINGS,
                             Binding("1,2,3", "-", "predicción y opciones: elegir (luego Enter responde)",
                                     key_display="1 … 9"),
                             Binding("enter", "-", "responder con la opción elegida")]),
            ("Glosario", [*GlossaryScreen.BINDINGS,
                          Binding("down", "-", "de la búsqueda a la lista", key_display="↓")]),
        ]
        self.push_screen(HelpScreen(sections, HELP_NOTES))

    # -- messages from the screens ---------------------------------------------------------

    def _lesson_of(self, exercise: Exercise) -> Lesson | None:
        if self.step is not None and exercise in self.step.lesson.exercises:
            return self.step.lesson
        return next((lesson for lesson in self.course.lessons if exercise in lesson.exercises), None)

    def _lesson_id_of(self, message) -> str | None:  # noqa: ANN001 - an ExerciseCard message
        if message.lesson_id:
            return message.lesson_id
        lesson = self._lesson_of(message.exercise)
        return lesson.id if lesson is not None else None

    def on_exercise_card_answered(self, message) -> None:  # noqa: ANN001 - ExerciseCard.Answered
        lesson_id = self._lesson_id_of(message)
        if lesson_id is None:
            return
        if message.skipped:
            self.progress.record_skip(lesson_id, message.exercise.id)
        else:
            self.progress.record_answer(lesson_id, message.exercise.id, message.correct, message.hints_used)
        self.save()

    def on_exercise_card_hint_shown(self, message) -> None:  # noqa: ANN001 - ExerciseCard.HintShown
        lesson_id = self._lesson_id_of(message)
        if lesson_id is not None:
            self.progress.record_hint(lesson_id, message.exercise.id, message.hints_used)
            self.save()

    def on_lab_screen_progressed(self, message) -> None:  # noqa: ANN001 - LabScreen.Progressed
        self.progress.record_lab(message.lesson_id, message.epochs_run, message.best_loss)
        self.save()

    def on_markdown_link_clicked(self, message) -> None:  # noqa: ANN001 - Markdown.LinkClicked
        term = term_for_href(message.href, self.course.glossary)
        if term is not None:
            self.open_glossary(term.id)
        else:
            self.notify(f"Enlace externo: {message.href}", timeout=8, markup=False)

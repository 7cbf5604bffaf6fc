"""Ctrl+P: the command palette lists every lesson (and the glossary, help and home)."""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator

from textual import work
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.css.query import NoMatches
from textual.message import Message

from tutor.ui.screens.base import arrived_late
from tutor.ui.screens.home import KIND_LABELS


class LessonCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.app
        for number, lesson in enumerate(app.course.lessons, 1):
            yield (f"Lección {number}: {lesson.title}", partial(app.open_lesson, lesson.id),
                   f"{KIND_LABELS.get(lesson.kind, lesson.kind)} · id {lesson.id}")
        yield "Glosario", app.open_glossary, f"los {len(app.course.glossary)} términos, con búsqueda"
        yield "Ayuda: teclas", app.action_help, "todas las teclas de la app y del laboratorio"
        yield "Inicio", app.go_home, "la lista de lecciones con tu progreso"

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = max(matcher.match(text), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


class LessonPalette(CommandPalette):
    """Textual's command palette, in Spanish, robust to being closed by fast keys: input that
    arrives after it closed is ignored and a search still running then ends quietly (both
    would otherwise look up widgets already removed, and crash the app)."""

    def __init__(self) -> None:
        super().__init__(placeholder="Busca una lección…", id="--command-palette")

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)
        except NoMatches:  # the palette closed while searching
            pass

    async def _on_message(self, message: Message) -> None:
        if arrived_late(self, message):
            return
        await super()._on_message(message)

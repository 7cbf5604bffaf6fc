"""Loads a lesson pack: every `*.md` lesson of a folder, its datasets and course settings.

A broken lesson never stops the others: `load_course` returns the good lessons plus every
problem found, each as `path:line: message` (an entry that cannot be read too: a folder
named like a lesson, a FIFO, a symlink loop). Only a folder that cannot be opened at all is
fatal (TutorError, one Spanish line).
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from tutor.errors import TutorError
from tutor.files import os_error_text, shown
from tutor.lessons.datasets import DATASETS_FILE, load_datasets
from tutor.lessons.fields import Problems, Table
from tutor.lessons.lesson_file import ParsedLesson, parse_lesson_file
from tutor.lessons.links import find_links, link_terms, short_name
from tutor.lessons.model import Course, Dataset, Lesson, LessonError
from tutor.lessons.source import parse_toml, read_text

COURSE_FILE = "course.toml"
ENV_VARIABLE = "TUTOR_LESSONS"
MAX_LESSON_FILES = 500


def builtin_lessons_dir() -> Path:
    """The course shipped with tutor: `tutor/course` when installed, else the repo's `lessons/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "course"
    return installed if installed.is_dir() else package.parent / "lessons"


def lessons_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """The folder to load: the argument, else $TUTOR_LESSONS, else the built-in pack."""
    if directory is None or str(directory) == "":
        directory = os.environ.get(ENV_VARIABLE) or builtin_lessons_dir()
    return Path(directory)


def is_lesson_name(name: str) -> bool:
    """`*.md` except README.md and dotfiles (macOS `._a.md`, editor locks `.#a.md`)."""
    return name.endswith(".md") and not name.startswith(".") and name.lower() != "readme.md"


def lesson_files(root: Path) -> list[Path]:
    """The lesson files of a pack, in name order: every entry with a lesson's name, even one
    that cannot be read (a folder, a FIFO, a broken link): loading it reports why."""
    try:
        mode = os.stat(root).st_mode
    except FileNotFoundError:
        raise TutorError(f"no existe la carpeta de lecciones '{shown(root)}'") from None
    except OSError as error:
        raise TutorError(f"no se puede abrir la carpeta de lecciones '{shown(root)}': "
                         f"{os_error_text(error)}") from None
    if not stat.S_ISDIR(mode):
        raise TutorError(f"'{shown(root)}' no es una carpeta de lecciones")
    try:
        files = sorted(path for path in root.iterdir() if is_lesson_name(path.name))
    except OSError as error:
        raise TutorError(f"no se puede leer la carpeta de lecciones '{shown(root)}': "
                         f"{os_error_text(error)}") from None
    if len(files) > MAX_LESSON_FILES:
        raise TutorError(f"demasiados archivos de lección en '{root}' ({len(files)}; máximo {MAX_LESSON_FILES})")
    return files


def load_course(directory: str | os.PathLike[str] | None = None) -> Course:
    root = lessons_dir(directory)
    files = lesson_files(root)
    errors: list[LessonError] = []

    datasets, notes = _datasets(root, errors)
    title, no_skip = _course_settings(root, errors)
    parsed = [parse_lesson_file(path, str(root / path.name), datasets) for path in files]
    _check_duplicates(parsed)
    labels = _check_glossary(parsed, notes, errors)
    datasets = {key: replace(value, note=link_terms(value.note, labels)) for key, value in datasets.items()}

    lessons = []
    for item in parsed:
        errors.extend(item.errors)
        if item.lesson is not None and not item.errors:
            lessons.append(_with_links(item.lesson, labels, datasets))
    lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    errors.sort(key=lambda error: (error.path, error.line))
    return Course(title=title, lessons=tuple(lessons), errors=tuple(errors), datasets=datasets, no_skip=no_skip)


def _datasets(root: Path, errors: list[LessonError]) -> tuple[dict[str, Dataset], dict[str, tuple[str, int, str]]]:
    """The built-in datasets, overridden or extended by the pack's own datasets.toml."""
    datasets: dict[str, Dataset] = {}
    notes: dict[str, tuple[str, int, str]] = {}
    builtin, own = builtin_lessons_dir() / DATASETS_FILE, root / DATASETS_FILE
    for path in (builtin, own):
        if path is own and _same(own, builtin):
            continue
        found, problems, found_notes = load_datasets(path, str(path))
        datasets.update(found)
        # The built-in file is checked only with the built-in pack: a teacher's pack
        # need not define the glossary terms its notes link to (they show as plain text).
        if path is own or _same(root, builtin_lessons_dir()):
            errors.extend(problems)
            notes.update({key: (text, line, str(path)) for key, (text, line) in found_notes.items()})
    return datasets, notes


def _same(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _course_settings(root: Path, errors: list[LessonError]) -> tuple[str, bool]:
    """course.toml: `title` and `no_skip` (optional file)."""
    path = root / COURSE_FILE
    default_title = root.resolve().name or "Curso"
    problems = Problems(str(path))
    text = read_text(path, problems, optional=True)
    data = parse_toml(text, problems) if text is not None else None
    title, no_skip = default_title, False
    if data is not None:
        table = Table(data, (), problems)
        table.only(("title", "no_skip"))
        title = table.get("title", "str", default=default_title)
        no_skip = table.get("no_skip", "bool", default=False)
    errors.extend(problems.errors)
    return title, no_skip


def _check_duplicates(parsed: list[ParsedLesson]) -> None:
    """The first file (by name) keeps an id; later lessons, labs or terms reusing it fail."""
    lessons: dict[str, ParsedLesson] = {}
    labs: dict[str, ParsedLesson] = {}
    terms: dict[str, tuple[str, int]] = {}
    for item in parsed:
        lesson = item.lesson
        if lesson is not None:
            first = lessons.setdefault(lesson.id, item)
            if first is not item:
                item.errors.append(LessonError(item.path, item.id_line,
                                               f"id duplicado '{lesson.id}' (ya usado en {first.path}:{first.id_line})"))
            if lesson.lab is not None:
                first = labs.setdefault(lesson.lab.id, item)
                if first is not item:
                    item.errors.append(LessonError(item.path, item.lab_line,
                                                   f"id de laboratorio duplicado '{lesson.lab.id}' "
                                                   f"(ya usado en {first.path}:{first.lab_line})"))
        for term in item.terms:
            where = terms.setdefault(term.id, (item.path, term.line))
            if where != (item.path, term.line):
                item.errors.append(LessonError(item.path, term.line,
                                               f"término duplicado '{term.id}' (ya definido en {where[0]}:{where[1]})"))


def _check_glossary(parsed: list[ParsedLesson], notes: dict[str, tuple[str, int, str]],
                    errors: list[LessonError]) -> dict[str, str]:
    """Checks every `[[term]]` link and `related` id; returns the link label of each term.

    When a file could not be parsed at all, its terms are unknown: links are then checked
    only if some glossary lesson was read, so one syntax error does not flood the report.
    """
    labels = {term_id: short_name(name) for item in parsed for term_id, name in item.term_names.items()}
    has_glossary = any(item.kind == "glossary" for item in parsed)
    if not has_glossary and not all(item.parsed for item in parsed):
        return labels
    known = ", ".join(sorted(labels)[:6]) + (" ..." if len(labels) > 6 else "")
    hint = f" (términos: {known})" if labels else " (no hay glosario en este paquete)"
    for item in parsed:
        for text, line in item.texts:
            for offset, term_id in find_links(text):
                if term_id not in labels:
                    item.errors.append(LessonError(item.path, line + offset,
                                                   f"enlace al glosario roto [[{term_id}]]{hint}"))
        for line, term_id, other in item.related:
            if other not in labels:
                item.errors.append(LessonError(item.path, line,
                                               f"el término '{term_id}' cita en 'related' un término inexistente '{other}'"))
    for text, line, path in notes.values():
        for offset, term_id in find_links(text):
            if term_id not in labels:
                errors.append(LessonError(path, line + offset, f"enlace al glosario roto [[{term_id}]]{hint}"))
    return labels


def _with_links(lesson: Lesson, labels: dict[str, str], datasets: dict[str, Dataset]) -> Lesson:
    """The lesson with `[[term]]` links turned into Markdown links to the glossary."""

    def linked(text: str) -> str:
        return link_terms(text, labels)

    def plain(text: str) -> str:
        return link_terms(text, {})

    lab = lesson.lab
    if lab is not None and lab.dataset.id in datasets:
        lab = replace(lab, dataset=datasets[lab.dataset.id])
    return replace(
        lesson,
        summary=plain(lesson.summary),
        pages=tuple(replace(page, title=plain(page.title), markdown=linked(page.markdown)) for page in lesson.pages),
        exercises=tuple(replace(exercise, prompt=linked(exercise.prompt), explanation=linked(exercise.explanation),
                                hints=tuple(linked(hint) for hint in exercise.hints))
                        for exercise in lesson.exercises),
        terms=tuple(replace(term, definition=linked(term.definition), example=linked(term.example))
                    for term in lesson.terms),
        interpretation=linked(lesson.interpretation),
        lab=lab,
    )

"""One lesson file -> a `Lesson` (or its problems). See lessons/README.md for the format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from tutor.lessons.fields import ID_PATTERN, Problems, Table
from tutor.lessons.markdown_text import split_pages, table_problems
from tutor.lessons.lab_table import MAX_EPOCHS, lab_param_sizes, read_lab
from tutor.lessons.model import (
    EXERCISE_KINDS, LESSON_KINDS, RECORD_FIELDS, Dataset, Exercise, GlossaryTerm, Goal, LabSpec, Lesson,
    LessonError, LiveValue, Page, forward_sizes,
)
from tutor.lessons.source import parse_toml, read_text, split_front_matter
from tutor.lessons.template import find_placeholders, template_problems

LESSON_KEYS = ("id", "order", "title", "kind", "summary", "interpretation", "exercises_after_page", "lab",
               "exercises", "terms")
EXERCISE_KEYS = ("id", "kind", "prompt", "choices", "answer", "value", "live", "tolerance", "goal",
                 "hints", "explanation")
LIVE_KEYS = ("field", "name", "index", "epoch")
GOAL_KEYS = ("below", "within_epochs", "metric", "dataset")
TERM_KEYS = ("id", "number", "name", "definition", "example", "related", "aliases")
SIGN_CHOICES = ("positivo", "negativo", "cero")
GOAL_METRICS = ("loss",)


@dataclass
class ParsedLesson:
    """What one file yields before the course-wide checks (duplicates, glossary links)."""

    path: str
    lesson: Lesson | None = None
    errors: list[LessonError] = field(default_factory=list)
    parsed: bool = False  # the front matter was valid TOML
    id_line: int = 1
    lab_line: int = 1
    kind: str | None = None
    terms: list[GlossaryTerm] = field(default_factory=list)
    term_names: dict[str, str] = field(default_factory=dict)  # every declared term, even a broken one
    texts: list[tuple[str, int]] = field(default_factory=list)  # Markdown and its first line
    related: list[tuple[int, str, str]] = field(default_factory=list)  # (line, term, related id)


def parse_lesson_file(path: Path, display: str, datasets: Mapping[str, Dataset]) -> ParsedLesson:
    result = ParsedLesson(display)
    problems = Problems(display)
    text = read_text(path, problems)
    source = split_front_matter(text, problems) if text is not None else None
    data = None
    if source is not None:
        data = parse_toml(source.front_matter, problems, source.front_offset, source.closing_line)
    if data is not None:
        result.parsed = True
        _LessonReader(result, problems, data, source, datasets).read()
    result.errors = problems.errors
    return result


class _LessonReader:
    def __init__(self, result: ParsedLesson, problems: Problems, data: dict, source, datasets) -> None:
        self.result = result
        self.problems = problems
        self.top = Table(data, (), problems)
        self.source = source
        self.datasets = datasets
        self.lab: LabSpec | None = None

    # -- helpers ----------------------------------------------------------------------

    def markdown(self, text: str, line: int, placeholders_allowed: bool = False) -> str:
        """Checks a Markdown text (tables, stray placeholders) and remembers it for links."""
        for offset, message in table_problems(text, line):
            self.problems.at_line(offset, message)
        if not placeholders_allowed:
            for item in find_placeholders(text):
                start = item[0] if isinstance(item, tuple) else item.start
                self.problems.at_line(line + text.count("\n", 0, start),
                                      "los marcadores {{...}} solo se rellenan en 'interpretation' de un laboratorio")
        self.result.texts.append((text, line))
        return text

    def text_field(self, table: Table, key: str, required: bool = False) -> str:
        value = table.get(key, "str", required, "")
        if value:
            self.markdown(value, table.content_line(key))
        return value

    def text_list(self, table: Table, key: str) -> tuple[str, ...]:
        values = table.get(key, "str_list", default=[])
        for index, value in enumerate(values):
            self.markdown(value, self.problems.content_line_of(table.path + (key, index)))
        return tuple(values)

    def identifier(self, table: Table, key: str = "id") -> str | None:
        value = table.get(key, "str", required=True)
        if value is not None and not ID_PATTERN.match(value):
            table.error(key, f"id no válido {value!r}: usa minúsculas, cifras y guiones (p. ej. 'mi-leccion')")
            return None
        return value

    # -- the lesson -------------------------------------------------------------------

    def read(self) -> None:
        top = self.top
        top.only(LESSON_KEYS)
        lesson_id = self.identifier(top)
        self.result.id_line = top.line("id")
        order = top.get("order", "int", required=True)
        title = top.get("title", "str", required=True)
        kind = top.choice("kind", LESSON_KINDS, required=True)
        self.result.kind = kind
        summary = top.get("summary", "str", default="")
        pages = self.pages(title or "")

        if "lab" in top.data and kind not in ("lab", "free-lab"):
            top.error("lab", "solo las lecciones kind = \"lab\" o \"free-lab\" tienen [lab]")
        elif kind in ("lab", "free-lab"):
            lab_table = top.sub("lab", required=kind == "lab")
            if lab_table is not None:
                self.result.lab_line = lab_table.line()
                self.lab = self.read_lab(lab_table, lesson_id or "", title or "")

        if "terms" in top.data and kind != "glossary":
            top.error("terms", "solo las lecciones kind = \"glossary\" tienen [[terms]]")
        terms = tuple(self.read_term(table) for table in top.subs("terms")) if kind == "glossary" else ()
        if kind == "glossary" and not terms and "terms" not in top.data:
            top.error(None, "un glosario necesita al menos un término [[terms]]")
        terms = tuple(term for term in terms if term is not None)
        self.result.terms = list(terms)

        exercises = []
        seen: dict[str, int] = {}
        for table in top.subs("exercises"):
            exercise = self.read_exercise(table, kind)
            if exercise is None:
                continue
            if exercise.id in seen:
                table.error("id", f"id de ejercicio duplicado '{exercise.id}' (ya usado en la línea {seen[exercise.id]})")
                continue
            seen[exercise.id] = table.line("id")
            exercises.append(exercise)

        interpretation = top.get("interpretation", "str", default="")
        if interpretation:
            line = top.content_line("interpretation")
            self.markdown(interpretation, line, placeholders_allowed=True)
            self.check_placeholders(interpretation, line)

        if kind == "reading" and not pages:
            top.error(None, "la lección no tiene texto: escribe Markdown bajo la cabecera (páginas con '## Título')")
        exercises_after = self.exercises_after_page(pages, exercises)

        if self.problems.errors or None in (lesson_id, order, title, kind):
            return
        self.result.lesson = Lesson(
            id=lesson_id, order=order, title=title, kind=kind, path=self.result.path, summary=summary,
            pages=pages, exercises=tuple(exercises), lab=self.lab, terms=terms, interpretation=interpretation,
            exercises_after_page=exercises_after,
        )

    def exercises_after_page(self, pages: tuple[Page, ...], exercises: list[Exercise]) -> int | None:
        """The index of the page named by `exercises_after_page` (None when not given)."""
        title = self.top.get("exercises_after_page", "str")
        if title is None:
            return None
        titles = [page.title for page in pages]
        if title not in titles:
            known = "; ".join(f"«{name}»" for name in titles) or "ninguna"
            self.top.error("exercises_after_page", f"no hay ninguna página titulada «{title}» (páginas: {known})")
            return None
        # In a lab lesson, predict, goal and live numeric exercises are shown in the lab itself.
        shown = [e for e in exercises
                 if self.result.kind != "lab" or (e.kind in ("choice", "numeric") and e.live is None)]
        if not shown:
            self.top.error("exercises_after_page", "'exercises_after_page' no mueve nada: no hay ejercicios fuera del "
                                                   "laboratorio (choice o numeric con 'value')")
            return None
        return titles.index(title)

    def pages(self, lesson_title: str) -> tuple[Page, ...]:
        body, first = self.source.body, self.source.body_line
        self.markdown(body, first)
        return tuple(Page(section.title or lesson_title, section.markdown, section.line)
                     for section in split_pages(body, first))

    def check_placeholders(self, text: str, line: int) -> None:
        if self.lab is None:
            if find_placeholders(text) and self.result.kind != "lab":
                self.problems.at_line(line, "los marcadores {{...}} necesitan un [lab] en la lección")
            return
        # What the app passes to fill_template: the trained parameters and the last loss.
        sizes = {**lab_param_sizes(self.lab), "loss": 1}
        for offset, message in template_problems(text, sizes):
            self.problems.at_line(line + offset, message)

    # -- [lab] ------------------------------------------------------------------------

    def read_lab(self, table: Table, lesson_id: str, lesson_title: str) -> LabSpec | None:
        lab_id = self.identifier(table) if "id" in table.data else lesson_id
        return read_lab(table, lab_id, lesson_title, self.datasets, LESSON_KEYS)

    # -- [[exercises]] ----------------------------------------------------------------

    def read_exercise(self, table: Table, lesson_kind: str | None) -> Exercise | None:
        before = len(self.problems.errors)
        table.only(EXERCISE_KEYS, misplaced=LESSON_KEYS)
        exercise_id = self.identifier(table)
        kind = table.choice("kind", EXERCISE_KINDS, required=True)
        prompt = self.text_field(table, "prompt", required=True)
        choices = table.get("choices", "str_list", default=[])
        answer = table.get("answer", "str")
        value = table.get("value", "float")
        tolerance = table.get("tolerance", "float", default=0.0)
        if tolerance < 0:
            table.error("tolerance", "'tolerance' no puede ser negativa")
        live = self.read_live(table.sub("live"), lesson_kind)
        goal = self.read_goal(table.sub("goal"), lesson_kind)
        hints = self.text_list(table, "hints")
        explanation = self.text_field(table, "explanation")

        def forbid(*keys: str) -> None:
            for key in keys:
                if key in table.data:
                    table.error(key, f"un ejercicio kind = \"{kind}\" no usa '{key}'")

        if kind == "choice":
            forbid("value", "live", "tolerance", "goal")
            if len(choices) < 2 or len(set(choices)) != len(choices):
                table.error("choices", "un ejercicio de opción múltiple necesita 'choices' con 2 o más opciones distintas")
            if answer is None and "answer" not in table.data:
                table.error(None, "falta el campo obligatorio 'answer' (la opción correcta, tal cual)")
            elif answer is not None and choices and answer not in choices:
                table.error("answer", f"la respuesta {answer!r} no está entre las opciones de 'choices'")
        elif kind == "numeric":
            forbid("choices", "answer", "goal")
            # The key counts, not its value: when the lab itself failed, `live` could not be read.
            if (value is None) == ("live" not in table.data) and not self.problems.errors[before:]:
                table.error(None, "un ejercicio numérico necesita 'value' (fijo) o 'live' (de la ejecución), uno solo")
            if "live" in table.data and tolerance <= 0:
                table.error("live", "un valor 'live' necesita 'tolerance' mayor que 0 (p. ej. tolerance = 0.01)")
        elif kind == "predict":
            forbid("value", "answer", "tolerance", "goal")
            if "live" not in table.data:
                table.error(None, "un ejercicio predict necesita 'live': el valor cuyo signo hay que predecir")
            if not choices:
                choices = ["positivo", "negativo"]
            elif not set(choices) <= set(SIGN_CHOICES) or not {"positivo", "negativo"} <= set(choices):
                table.error("choices", "las opciones de predict son \"positivo\", \"negativo\" y opcionalmente \"cero\"")
        elif kind == "goal":
            forbid("choices", "answer", "value", "live", "tolerance")
            if "goal" not in table.data:
                table.error(None, "un ejercicio goal necesita 'goal = { below = 0.05, within_epochs = 300 }'")

        if len(self.problems.errors) > before or exercise_id is None or kind is None:
            return None
        return Exercise(id=exercise_id, kind=kind, prompt=prompt, line=table.line(), choices=tuple(choices),
                        answer=answer, value=value, live=live, tolerance=tolerance, goal=goal, hints=hints,
                        explanation=explanation)

    def read_live(self, table: Table | None, lesson_kind: str | None) -> LiveValue | None:
        if table is None:
            return None
        table.only(LIVE_KEYS)
        field_name = table.choice("field", RECORD_FIELDS, required=True)
        name = table.get("name", "str", default="")
        index = table.get("index", "int", default=0)
        epoch = table.get("epoch", "int", default=0)
        if index < 0 or epoch < 0:
            table.error("index" if index < 0 else "epoch", "'index' y 'epoch' no pueden ser negativos")
            return None
        if lesson_kind not in ("lab", "free-lab") or ("lab" not in self.top.data):
            table.error(None, "un valor 'live' necesita un [lab] en la misma lección")
            return None
        lab = self.lab
        if field_name is None or lab is None:
            return None  # the lab's own problems are already reported
        if field_name != "loss":
            if field_name == "forward":
                sizes = forward_sizes(lab.model, len(lab.dataset.inputs), lab.hidden_size)
            else:
                sizes = lab_param_sizes(lab)
            if name not in sizes:
                table.error("name" if name else None,
                            f"'name' de {field_name} debe ser uno de: {', '.join(sizes)} (no {name!r})")
                return None
            if index >= sizes[name]:
                table.error("index", f"{name} tiene {sizes[name]} valor(es): el índice {index} no existe")
                return None
        if epoch >= lab.epochs:
            table.error("epoch", f"la época {epoch} está fuera del laboratorio: corre {lab.epochs} épocas "
                                 f"(0..{lab.epochs - 1}); usa una de ellas o sube 'epochs' en [lab]")
            return None
        return LiveValue(field=field_name, name=name, index=index, epoch=epoch)

    def read_goal(self, table: Table | None, lesson_kind: str | None) -> Goal | None:
        if table is None:
            return None
        table.only(GOAL_KEYS)
        below = table.get("below", "float", required=True)
        within = table.get("within_epochs", "int", required=True)
        metric = table.choice("metric", GOAL_METRICS, default="loss")
        dataset = table.get("dataset", "str", default="")
        if below is not None and below <= 0:
            table.error("below", "'below' debe ser mayor que 0")
        if within is not None and not 1 <= within <= MAX_EPOCHS:
            table.error("within_epochs", f"'within_epochs' debe estar entre 1 y {MAX_EPOCHS}")
        if dataset and dataset not in self.datasets:
            table.error("dataset", f"dataset desconocido '{dataset}'")
        if lesson_kind not in ("lab", "free-lab"):
            table.error(None, "un objetivo 'goal' solo tiene sentido en una lección lab o free-lab")
        if below is None or within is None or metric is None:
            return None
        return Goal(below=below, within_epochs=within, metric=metric, dataset=dataset)

    # -- [[terms]] --------------------------------------------------------------------

    def read_term(self, table: Table) -> GlossaryTerm | None:
        before = len(self.problems.errors)
        table.only(TERM_KEYS, misplaced=LESSON_KEYS)
        term_id = self.identifier(table)
        number = table.get("number", "int", required=True)
        name = table.get("name", "str", required=True)
        definition = self.text_field(table, "definition", required=True)
        example = self.text_field(table, "example")
        related = table.get("related", "str_list", default=[])
        aliases = table.get("aliases", "str_list", default=[])
        if term_id is not None:
            self.result.term_names.setdefault(term_id, name if isinstance(name, str) else term_id)
        for index, other in enumerate(related):
            self.result.related.append((self.problems.line_of(table.path + ("related", index)), term_id or "", other))
        if len(self.problems.errors) > before or None in (term_id, number, name):
            return None
        return GlossaryTerm(id=term_id, number=number, name=name, definition=definition, example=example,
                            related=tuple(related), aliases=tuple(aliases), line=table.line())

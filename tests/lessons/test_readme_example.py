"""Every example of lessons/README.md, copied as a teacher would, passes `tutor check`.

The examples are read from the README itself: each ```markdown block is a lesson file, the
```toml blocks are an entry for datasets.toml, the course.toml and a `live` line; the marker
list is checked against what fill_template really writes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.lessons import builtin_lessons_dir, fill_template, load_course
from tutor.lessons.template import template_problems

README = (builtin_lessons_dir() / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return [text + "\n" for text in re.findall(rf"```{language}\n(.*?)\n```\n", README, re.DOTALL)]


LESSONS = blocks("markdown")
TOML = blocks("toml")


def toml_block(start: str) -> str:
    found = [text for text in TOML if text.lstrip().startswith(start)]
    assert len(found) == 1, start
    return found[0]


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The built-in course plus every README example, as the ten-minute guide says."""
    folder = tmp_path / "mi-carpeta"
    shutil.copytree(builtin_lessons_dir(), folder)
    for number, text in enumerate(LESSONS, start=8):
        (folder / f"{number:02d}-ejemplo.md").write_text(text, encoding="utf-8")
    with (folder / "datasets.toml").open("a", encoding="utf-8") as datasets:
        datasets.write("\n" + toml_block("[mis-puntos]"))
    (folder / "course.toml").write_text(toml_block("title ="), encoding="utf-8")
    return folder


def test_the_readme_has_a_reading_a_lab_and_a_glossary_example():
    kinds = [re.search(r'^kind = "([a-z-]+)"', text, re.M).group(1) for text in LESSONS]
    assert kinds == ["reading", "lab", "glossary"]


def test_every_example_passes_tutor_check_as_copied(copied, capsys):
    assert main(["check", str(copied)]) == 0, capsys.readouterr().out
    course = load_course(copied)
    assert course.errors == ()
    assert course.title == "Mi curso" and "mis-puntos" in course.datasets
    lesson = course.lesson("umbral")
    assert [page.title for page in lesson.pages] == ["El bias como umbral", "El umbral"]
    assert "El [bias](glosario:bias) desplaza" in lesson.pages[1].markdown  # lower case inside a sentence
    assert lesson.exercises[0].answer == "Por el punto (0,0)"
    lab = course.lesson("compuerta-or")
    assert lab.lab.dataset.id == "or" and {e.kind for e in lab.exercises} == {"choice", "predict", "numeric", "goal"}
    assert lab.pages[lab.exercises_after_page].title == "Antes de entrenar"
    assert [term.id for term in course.lesson("mas-terminos").terms] == ["capa-oculta"]


def test_the_live_line_fits_the_lab_example(copied):
    live = toml_block("live =").split("#")[0].strip()
    path = copied / "09-ejemplo.md"  # the lab example, second of the README
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('live = { field = "loss", epoch = 0 }', live), encoding="utf-8")
    course = load_course(copied)
    assert course.errors == ()
    numeric = next(e for e in course.lesson("compuerta-or").exercises if e.kind == "numeric")
    assert (numeric.live.field, numeric.live.name, numeric.live.index) == ("grads", "W", 1)


MARKER_LINE = re.compile(r"^- `(\{\{.*?\}\})` → `([^`]*)`", re.M)


def test_every_marker_in_the_list_writes_what_the_readme_says():
    examples = MARKER_LINE.findall(README)
    assert len(examples) >= 8
    values = {"W": (-2.12, 3.04), "b": (-3.41,), "loss": (0.0123,)}
    for marker, shown in examples:
        assert "\\" not in marker, marker  # copied from the README, it must work as it is
        assert template_problems(marker, {"W": 2, "b": 1, "loss": 1}) == [], marker
        assert fill_template(marker, values) == shown, marker


def test_the_readme_keeps_the_defaults_a_teacher_needs():
    for words in ("`epochs / 5`", '`"zeros"`', '`"ejemplo-1"` con `lineal`', "(por defecto 0)",
                  "(por defecto y único: `\"loss\"`)", '`["positivo", "negativo", "cero"]`', "`z` o `y_pred`",
                  "Obligatorias en cada término: `id`, `number`, `name` y `definition`",
                  "`exercises_after_page`", "`reading` y `quiz` solo se diferencian"):
        assert words in README, words

"""Property tests: whatever a lesson file contains, the loader returns lessons or clean errors."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.lessons import builtin_lessons_dir, load_course
from tutor.lessons.model import Course, Lesson, LessonError

BUILTIN = {path.name: path.read_text(encoding="utf-8") for path in sorted(builtin_lessons_dir().glob("*.md"))
           if path.name != "README.md"}
GLOSSARY_FILE = next(name for name, text in BUILTIN.items() if 'kind = "glossary"' in text)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_files(files: dict[str, str | bytes]) -> tuple[Course, dict[str, int]]:
    with tempfile.TemporaryDirectory() as folder:
        sizes = {}
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
            (Path(folder) / name).write_bytes(data)
            sizes[str(Path(folder) / name)] = data.count(b"\n") + 1
        return load_course(folder), sizes


def assert_clean(course: Course, sizes: dict[str, int]) -> None:
    assert isinstance(course, Course)
    assert all(isinstance(lesson, Lesson) for lesson in course.lessons)
    for error in course.errors:
        assert isinstance(error, LessonError)
        assert error.path in sizes, error
        assert 1 <= error.line <= sizes[error.path], error
        assert error.message and "\n" not in error.message and "Traceback" not in error.message
    broken = {error.path for error in course.errors}
    assert not broken & {lesson.path for lesson in course.lessons}


@st.composite
def mutated(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(BUILTIN)))
    lines = BUILTIN[name].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "truncate", "swap"]))
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "insert":
            lines.insert(index, draw(st.sampled_from([
                "+++", "[lab]", "[[exercises]]", "[[terms]]", 'id = "x"', "order = 1.5", "| a | b |",
                "## Página", "{{W[9]}}", "[[nada]]", 'kind = "goal"', "live = { field = 1 }", '"""', "'''",
            ]) | st.text(max_size=30)))
        elif operation == "replace":
            line = lines[index]
            position = draw(st.integers(0, len(line)))
            lines[index] = line[:position] + draw(st.text(min_size=1, max_size=5)) + line[position + 1 :]
        elif operation == "truncate":
            lines = lines[:index]
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return name, "\n".join(lines)


@SETTINGS
@given(mutated())
def test_mutated_builtin_lessons_load_or_fail_cleanly(item):
    name, text = item
    files = {name: text}
    if name != GLOSSARY_FILE:
        files[GLOSSARY_FILE] = BUILTIN[GLOSSARY_FILE]
    assert_clean(*load_files(files))


@SETTINGS
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_random_files_fail_cleanly(content):
    course, sizes = load_files({"x.md": content})
    assert_clean(course, sizes)


toml_scalars = st.one_of(
    st.text(max_size=12), st.integers(-5, 3000), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.lists(st.one_of(st.text(max_size=5), st.integers(-2, 3), st.floats(-2, 2)), max_size=3),
)
keys = st.sampled_from(["id", "order", "title", "kind", "summary", "interpretation", "dataset", "model", "loss",
                        "lr", "epochs", "every", "params", "bias_init", "trace", "prompt", "choices", "answer",
                        "value", "tolerance", "hints", "explanation", "number", "name", "definition",
                        "related", "aliases", "field", "index", "epoch", "below", "within_epochs", "otra"])


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)


@st.composite
def front_matter(draw) -> str:
    lines = ['id = "p"', f"order = {draw(st.integers(0, 9))}", 'title = "T"',
             f'kind = "{draw(st.sampled_from(["reading", "lab", "glossary", "quiz", "free-lab"]))}"']
    for key, value in draw(st.dictionaries(keys, toml_scalars, max_size=4)).items():
        if key not in ("id", "order", "title", "kind"):
            lines.append(f"{key} = {toml_value(value)}")
    for header in draw(st.lists(st.sampled_from(["[lab]", "[lab.notebook_init]", "[[exercises]]", "[[terms]]",
                                                  "[exercises.live]", "[[exercises.goal]]"]), max_size=3)):
        lines.append(header)
        for key, value in draw(st.dictionaries(keys, toml_scalars, max_size=8)).items():
            lines.append(f"{key} = {toml_value(value)}")
    body = draw(st.sampled_from(["", "## A\n\ntexto\n", "| a |\n| - |\n| 1 | 2 |\n", "[[capa]]\n"]))
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body


@SETTINGS
@given(front_matter())
def test_random_front_matter_fails_cleanly(text):
    assert_clean(*load_files({"x.md": text}))


DATASETS = (builtin_lessons_dir() / "datasets.toml").read_text(encoding="utf-8")


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 80), st.sampled_from(["", "[x]", "inputs = [[1.0]]", "targets = 3",
                                                                 "columns = []", "[and]", "note = \"[[zz]]\"",
                                                                 "title = 1", "inputs = [[true]]"])),
                min_size=1, max_size=4))
def test_mutated_datasets_file_fails_cleanly(edits):
    lines = DATASETS.split("\n")
    for index, replacement in edits:
        lines[min(index, len(lines) - 1)] = replacement
    lab = BUILTIN[next(name for name, text in BUILTIN.items() if 'id = "compuerta-and"' in text)]
    course, sizes = load_files({"datasets.toml": "\n".join(lines), "a.md": lab,
                                GLOSSARY_FILE: BUILTIN[GLOSSARY_FILE]})
    assert_clean(course, sizes)

"""The worked example of lessons/README.md is a valid lesson, added to a copy of the course."""

from __future__ import annotations

import re
import shutil

from tutor.lessons import builtin_lessons_dir, load_course

README = (builtin_lessons_dir() / "README.md").read_text(encoding="utf-8")


def test_the_ten_minute_lesson_loads_cleanly(tmp_path):
    example = re.search(r"```markdown\n(.*?)\n```\n", README, re.DOTALL).group(1) + "\n"
    folder = tmp_path / "mi-carpeta"
    shutil.copytree(builtin_lessons_dir(), folder)
    (folder / "08-mi-leccion.md").write_text(example, encoding="utf-8")
    course = load_course(folder)
    assert course.errors == ()
    lesson = course.lesson("umbral")
    assert [page.title for page in lesson.pages] == ["El bias como umbral", "El umbral"]
    assert "[Bias](glosario:bias)" in lesson.pages[1].markdown
    assert lesson.exercises[0].answer == "Por el punto (0,0)"
    assert course.lessons[-1].id == "umbral"

"""The teacher's table of a class: one row per student and lesson, from DIR/progreso/*.

    table = read_class(ClassDir(root), course)
    table.rows      # ClassRow per student and lesson (the course's, then free-lab runs...)
    table.problems  # "beto: ... está dañado" for files that could not be read (left untouched)
    table.export_rows()  # tutor.progress.export rows (lessons and exercises) for --export

Built on tutor.progress.export.rows_for, so the numbers are those of `tutor progress`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.progress import Progress
from tutor.progress.export import rows_for


@dataclass(frozen=True)
class ClassRow:
    student: str
    lesson_id: str
    title: str
    status: str
    done: int | None
    total: int | None
    correct: int
    wrong: int
    epochs: int | None
    best_loss: float | None
    updated: str  # ISO time of the last change ("" if never)


@dataclass
class StudentState:
    """One student at a glance: where they are and how far, for the live view."""
    name: str
    progress: Progress | None
    problem: str | None
    rows: list[ClassRow] = field(default_factory=list)
    export: list[dict] = field(default_factory=list)


@dataclass
class ClassTable:
    students: list[StudentState]
    course: object  # the Course the rows were counted against

    @property
    def rows(self) -> list[ClassRow]:
        return [row for student in self.students for row in student.rows]

    @property
    def problems(self) -> list[str]:
        return [f"{student.name}: {student.problem}" for student in self.students if student.problem]

    def export_rows(self) -> list[dict]:
        return [row for student in self.students for row in student.export]


def student_state(name: str, progress: Progress | None, problem: str | None, course) -> StudentState:  # noqa: ANN001
    export = rows_for(progress or Progress(student=name), course, name)
    titles = {lesson.id: lesson.title for lesson in course.lessons}
    rows = []
    for row in export:
        if row["kind"] != "lesson":
            continue
        exercises = [r for r in export if r["kind"] == "exercise" and r["lesson_id"] == row["lesson_id"]]
        rows.append(ClassRow(
            student=name, lesson_id=row["lesson_id"], title=titles.get(row["lesson_id"], row["lesson_id"]),
            status=row["status"], done=row["done"], total=row["total"],
            correct=sum(1 for r in exercises if r["status"] == "correct"),
            wrong=sum(1 for r in exercises if r["status"] == "wrong"),
            epochs=row["epochs"], best_loss=row["best_loss"], updated=row["updated"] or ""))
    return StudentState(name, progress, problem, rows, export)


def read_student(class_dir, name: str, course) -> StudentState:  # noqa: ANN001 - a ClassDir, a Course
    found = class_dir.read_progress(name)
    return student_state(name, found.progress, found.problem, course)


def read_class(class_dir, course) -> ClassTable:  # noqa: ANN001
    return ClassTable([read_student(class_dir, name, course) for name in class_dir.students()], course)


def count(number: int, one: str, many: str) -> str:
    """'1 estudiante', '3 estudiantes'."""
    return f"{number} {one if number == 1 else many}"

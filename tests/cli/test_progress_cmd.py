"""`tutor progress`: summary, export csv/json, merge of a class, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tutor.cli import main
from tutor.commands import progress as command
from tutor.lessons.model import Course, Dataset, Exercise, LabSpec, Lesson, Page
from tutor.progress import Progress, ProgressStore

DATA = Dataset("and", "AND", ("x1", "x2"), "y", ((0, 0), (0, 1), (1, 0), (1, 1)), (0, 0, 0, 1))
SPEC = LabSpec("compuerta-and", "AND", DATA, "sigmoide", "bce", 0.5, 200, 20, ("W", "b"))
COURSE = Course("Curso", (
    Lesson("intro", 1, "Introducción", "reading", "intro.md",
           pages=(Page("Uno", "", 1), Page("Dos", "", 4)),
           exercises=(Exercise("q1", "choice", "¿?", 7, choices=("a", "b"), answer="a"),)),
    Lesson("compuerta-and", 2, "Ejemplo 2: AND", "lab", "and.md", lab=SPEC),
))


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "datos"))
    monkeypatch.setattr(command, "_load_course", lambda args: COURSE)
    return tmp_path / "datos"


def save_student(name: str, correct: bool = True) -> None:
    store = ProgressStore()
    progress = Progress(student=name)
    progress.mark_page_read("intro", 0)
    progress.record_answer("intro", "q1", correct, hints_used=1)
    progress.record_lab("compuerta-and", 200, 0.0931)
    progress.set_position("compuerta-and", 1)
    store.save(progress)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["progress", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_shows_student_lessons_total_and_position(data_dir, capsys):
    save_student("Ana")
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    assert "Progreso de Ana" in out
    assert "Introducción" in out and "2/3" in out and "67%" in out
    assert "Ejemplo 2: AND" in out and "1/1" in out and "100%" in out
    assert "Total: 3/4 · 75%" in out
    assert "Última posición: Ejemplo 2: AND (compuerta-and), paso 2." in out


def test_summary_without_saved_progress(data_dir, capsys):
    code, out, _ = run(capsys)
    assert code == 0 and "Total: 0/4 · 0%" in out and "todavía ninguna" in out


def test_student_option_labels_an_unnamed_progress(data_dir, capsys):
    save_student("")
    code = main(["--student", "Luis", "progress"])
    assert code == 0 and "Progreso de Luis" in capsys.readouterr().out


def test_corrupt_file_notice_goes_to_stderr(data_dir, capsys):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text("{roto")
    code, out, err = run(capsys)
    assert code == 0 and "progress.json.bak" in err and "Total: 0/4" in out
    assert (data_dir / "progress.json.bak").read_text() == "{roto"


def test_export_csv_one_row_per_lesson_and_exercise(data_dir, capsys):
    save_student("Ana", correct=False)
    code, out, _ = run(capsys, "--export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["item"], r["kind"], r["status"]) for r in rows] == [
        ("intro", "lesson", "in-progress"), ("q1", "exercise", "wrong"), ("compuerta-and", "lesson", "done")]
    assert rows[0]["done"] == "1" and rows[0]["total"] == "3" and rows[0]["student"] == "Ana"
    assert rows[1]["attempts"] == "1" and rows[1]["hints"] == "1"
    assert rows[2]["epochs"] == "200" and float(rows[2]["best_loss"]) == 0.0931


def test_export_json_to_a_file(data_dir, tmp_path, capsys):
    save_student("Ana")
    target = tmp_path / "ana.json"
    code, out, _ = run(capsys, "--export", "json", "-o", str(target))
    assert code == 0 and out == ""
    rows = json.loads(target.read_text())["rows"]
    assert rows[1] == {**rows[1], "item": "q1", "status": "correct", "attempts": 1, "hints": 1}
    assert rows[2]["best_loss"] == 0.0931 and rows[2]["epochs"] == 200


def test_merge_a_class_of_csv_and_json_exports(data_dir, tmp_path, capsys, monkeypatch):
    for name, fmt, correct in (("Ana", "csv", True), ("Luis", "json", False), ("Bea", "csv", False)):
        monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / f"datos-{name}"))  # each their own
        save_student(name, correct)
        assert run(capsys, "--export", fmt, "-o", str(tmp_path / f"{name}.{fmt}"))[0] == 0
    files = [str(tmp_path / n) for n in ("Luis.json", "Ana.csv", "Bea.csv", "Ana.csv")]
    code, out, _ = run(capsys, "--merge", *files, "--export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 9  # 3 students x 3 rows, Ana's repeated file once
    assert [r["student"] for r in rows[::3]] == ["Ana", "Bea", "Luis"]
    status = {(r["student"], r["item"]): r["status"] for r in rows}
    assert status[("Ana", "q1")] == "correct" and status[("Luis", "q1")] == "wrong"


def test_merge_to_json(data_dir, tmp_path, capsys):
    save_student("Ana")
    run(capsys, "--export", "csv", "-o", str(tmp_path / "a.csv"))
    code, out, _ = run(capsys, "--merge", str(tmp_path / "a.csv"), "--export", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and rows[2]["epochs"] == 200 and rows[2]["best_loss"] == 0.0931


@pytest.mark.parametrize("content, message", [
    (None, "no existe el archivo"),
    ("nombre,nota\nAna,10\n", "falta la columna 'student'"),
    ("student,lesson_id,item,kind,status,attempts\nAna,intro,q1,exercise,wrong,muchos\n", ":2: valor no válido en 'attempts'"),
    ("{\"rows\": [", "JSON no válido"),
    ("{\"rows\": " + "1" * 5000 + "}", "JSON no válido"),
    ("[{\"student\": \"A\", \"lesson_id\": \"l\", \"item\": \"l\", \"kind\": \"lesson\", \"status\": \"done\", "
     "\"best_loss\": " + "9" * 400 + "}]", "fila 1: valor no válido en 'best_loss'"),
    ("{\"otra\": 1}", "falta la lista 'rows'"),
    ("[{\"student\": \"Ana\", \"lesson_id\": \"intro\", \"item\": \"q1\"}]", "fila 1: falta la columna 'kind'"),
])
def test_merge_bad_file_is_one_line_naming_it(data_dir, tmp_path, capsys, content, message):
    bad = tmp_path / "malo.csv"
    if content is not None:
        bad.write_text(content)
    code, out, err = run(capsys, "--merge", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("tutor: ") and "malo.csv" in err and message in err
    assert err.count("\n") == 1


def test_output_without_export_is_a_usage_error(data_dir, capsys):
    code, _, err = run(capsys, "-o", "x.csv")
    assert code == 2 and "--export" in err


def test_no_traceback_in_a_real_process(tmp_path):
    bad = tmp_path / "clase.json"
    bad.write_bytes(b"\xff\xfe")
    result = subprocess.run([sys.executable, "-m", "tutor", "progress", "--merge", str(bad)],
                            capture_output=True, text=True, env={"TUTOR_DATA_DIR": str(tmp_path), "PATH": ""})
    assert result.returncode == 1
    assert result.stderr == f"tutor: {bad}: no es texto UTF-8\n"


def test_summary_with_the_built_in_course(tmp_path, monkeypatch, capsys):
    from tutor.lessons import load_course

    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    course = load_course()
    first = course.lessons[0]
    store = ProgressStore()
    progress = Progress(student="Ana")
    progress.visit(first.id)
    for page in range(len(first.pages)):
        progress.mark_page_read(first.id, page)
    store.save(progress)
    code, out, _ = run(capsys)
    done, total = progress.course_done(course)
    assert code == 0 and first.title in out and f"Total: {done}/{total} ·" in out

"""`tutor progress --class DIR`: one row per student and lesson, and the class's export."""

from __future__ import annotations

import csv
import io

from tutor.cli import main
from tutor.lessons import load_course
from tutor.progress import Progress, ProgressStore
from tutor.serve.class_dir import ClassDir


def _class(tmp_path) -> ClassDir:  # noqa: ANN001
    class_dir = ClassDir(tmp_path)
    class_dir.prepare()
    ana = Progress(student="ana")
    ana.mark_page_read("conceptos", 0)
    ana.record_answer("conceptos", "paso-dos", True)
    ana.record_answer("conceptos", "que-hace-backward", False)
    ana.record_lab("compuerta-and", 2000, 0.0813805)
    beto = Progress(student="beto")
    beto.record_lab("neurona-lineal", 12, 1.5)
    for name, progress in (("ana", ana), ("beto", beto)):
        class_dir.progress_dir(name).mkdir()
        ProgressStore(class_dir.progress_file(name)).save(progress)
    (class_dir.keys / "carla.pub").write_text("ssh-ed25519 AAAA carla\n")
    return class_dir


def _row(out: str, student: str, lesson: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.split()[:2] == [student, lesson])


def test_the_class_table_has_a_row_per_student_and_lesson(tmp_path, capsys):
    class_dir = _class(tmp_path)
    assert main(["progress", "--class", str(class_dir.root)]) == 0
    out = capsys.readouterr().out
    assert "3 estudiantes" in out
    assert _row(out, "ana", "conceptos")[2:4] == ["2/6", "1/1"]  # a page and one right answer; one wrong
    assert _row(out, "ana", "compuerta-and")[2:6] == ["1/11", "—", "2000", "0.08138"]
    assert _row(out, "beto", "neurona-lineal")[4:6] == ["12", "1.5"]
    repaso = load_course(None).lesson("repaso")
    assert _row(out, "carla", "repaso")[2] == f"0/{Progress().lesson_done(repaso)[1]}"  # listed, never in
    assert all(len(line) <= 80 for line in out.splitlines()[1:])  # the table fits 80 columns


def test_the_class_export_is_the_usual_export_for_every_student(tmp_path, capsys):
    class_dir = _class(tmp_path)
    assert main(["progress", "--class", str(class_dir.root), "--export", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["student"] for row in rows} == {"ana", "beto", "carla"}
    lab = next(row for row in rows if row["student"] == "ana" and row["item"] == "compuerta-and")
    assert (lab["epochs"], lab["best_loss"]) == ("2000", "0.0813805")


def test_a_damaged_file_is_named_and_left_alone(tmp_path, capsys):
    class_dir = _class(tmp_path)
    class_dir.progress_file("beto").write_text("{ roto")
    assert main(["progress", "--class", str(class_dir.root)]) == 0
    captured = capsys.readouterr()
    assert "tutor: beto:" in captured.err and "dañado" in captured.err
    assert class_dir.progress_file("beto").read_text() == "{ roto"
    assert not list(class_dir.progress_dir("beto").glob("*.bak*"))


def test_bad_class_arguments_say_one_line(tmp_path, capsys):
    assert main(["progress", "--class", str(tmp_path / "no-existe")]) == 2
    assert capsys.readouterr().err.startswith("tutor: no existe la carpeta de la clase")
    assert main(["progress", "--class", str(tmp_path), "--merge", "a.csv"]) == 2
    assert "no van juntos" in capsys.readouterr().err


def test_a_fifo_or_a_nan_in_a_students_progress_is_named_never_waited_on(tmp_path, capsys, make_fifo):
    class_dir = _class(tmp_path)
    class_dir.progress_file("ana").unlink()
    make_fifo(class_dir.progress_file("ana"))
    class_dir.progress_file("beto").write_text('{"version": 1, "x": NaN}')
    assert main(["progress", "--class", str(class_dir.root)]) == 0
    err = capsys.readouterr().err
    assert "tutor: ana:" in err and "tubería (FIFO)" in err
    assert "tutor: beto:" in err and "no finito" in err


def test_the_class_export_never_creates_folders(tmp_path, capsys):
    class_dir = _class(tmp_path)
    target = tmp_path / "no-existe" / "clase.csv"
    assert main(["progress", "--class", str(class_dir.root), "--export", "csv", "-o", str(target)]) == 1
    assert "no existe la carpeta" in capsys.readouterr().err and not target.parent.exists()

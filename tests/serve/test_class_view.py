"""`tutor class DIR`: the live table shows who is where, and follows progress as it lands."""

from __future__ import annotations

import json
import os

from tutor.lessons import load_course
from tutor.progress import Progress, ProgressStore
from tutor.serve.class_dir import ClassDir
from tutor.serve.class_view import ClassApp


def _save(class_dir: ClassDir, name: str, progress: Progress) -> None:
    class_dir.progress_dir(name).mkdir(parents=True, exist_ok=True)
    ProgressStore(class_dir.progress_file(name)).save(progress)


def _cells(app: ClassApp, name: str) -> list[str]:
    return [str(cell) for cell in app.query_one("#students").get_row(name)]


async def test_the_live_table_follows_progress_as_it_lands(tmp_path):
    class_dir = ClassDir(tmp_path)
    class_dir.prepare()
    (class_dir.keys / "carla.pub").write_text("ssh-ed25519 AAAA carla\n")  # listed, not yet in
    ana = Progress(student="ana")
    ana.set_position("compuerta-and", 5)
    ana.record_lab("compuerta-and", 2000, 0.0814)
    ana.record_answer("conceptos", "paso-dos", True)
    _save(class_dir, "ana", ana)
    class_dir.write_sessions({"ana": "2026-12-01T10:00:00+00:00"})
    course = load_course(None)

    app = ClassApp(class_dir, course, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _cells(app, "ana")[:3] == ["ana", "●", "compuerta-and · paso 6"]
        assert _cells(app, "ana")[4:6] == ["1/0", "2000 ép · 0.0814"]
        assert _cells(app, "carla")[1:3] == ["○", "todavía no ha entrado"]

        beto = Progress(student="beto")
        beto.set_position("glosario", 0)
        _save(class_dir, "beto", beto)
        ana.set_position("clasificador-2d", 2)
        _save(class_dir, "ana", ana)
        os.utime(class_dir.progress_file("ana"), ns=(1, 1))  # a change even within one mtime tick
        (class_dir.progress_dir("dani")).mkdir()
        class_dir.progress_file("dani").write_text("{ no es json")
        await pilot.pause(0.3)

        assert _cells(app, "beto")[1:3] == ["○", "glosario · paso 1"]
        assert _cells(app, "ana")[2] == "clasificador-2d · paso 3"
        assert "dañado" in _cells(app, "dani")[2]
        assert class_dir.progress_file("dani").read_text() == "{ no es json"  # never moved aside
        assert "4 estudiantes · 1 conectado" in str(app.query_one("#class-title").render())

        await pilot.press("down")  # beto highlighted: his lessons below
        await pilot.pause()
        assert "Lecciones de beto" in str(app.query_one("#lessons-title").render())
        assert app.query_one("#lessons").row_count == len(course.lessons)


def test_connected_ignores_a_file_left_by_a_server_that_is_gone(tmp_path):
    class_dir = ClassDir(tmp_path)
    class_dir.sessions.write_text(json.dumps({"pid": 2**22 + 12345, "sessions": {"ana": "x"}}))
    assert class_dir.connected() == {}
    class_dir.sessions.write_text(json.dumps({"pid": os.getpid(), "sessions": {"ana": "x", "../x": "y"}}))
    assert class_dir.connected() == {"ana": "x"}

"""The teacher's views show what progress files say as text: no markup, no escape sequences."""

from __future__ import annotations

import json

from tutor.lessons import load_course
from tutor.serve.class_dir import ClassDir
from tutor.serve.class_view import ClassApp


def _progress_with_lesson(class_dir: ClassDir, name: str, lesson_id: str) -> None:
    folder = class_dir.progress_dir(name)
    folder.mkdir(parents=True)
    (folder / "progress.json").write_text(json.dumps({
        "version": 1, "student": name, "created": "2026-12-01T10:00:00+00:00", "updated": "",
        "position": {"lesson": lesson_id, "page": 0},
        "lessons": {lesson_id: {"pages_read": [0], "exercises": {}, "first_seen": "", "updated": ""}}}))


async def test_the_live_view_shows_brackets_and_escapes_from_files_as_text(tmp_path):
    root = tmp_path / "clase[b]"
    root.mkdir()
    class_dir = ClassDir(root)
    class_dir.prepare()
    _progress_with_lesson(class_dir, "ana", "[/]x\x1b[2J")  # '[/]' as markup: an error that stops the view
    app = ClassApp(class_dir, load_course(None), poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:  # an error while drawing is raised here
        await pilot.pause(0.2)
        assert str(app.query_one("#students").get_row("ana")[2]) == "[/]x\ufffd[2J"
        lessons = app.query_one("#lessons")
        assert any("[/]x" in str(lessons.get_row_at(row)[0]) for row in range(lessons.row_count))
        assert "clase[b] · 1 estudiante" in str(app.query_one("#class-title").render())


def test_the_class_table_never_prints_an_escape_sequence(tmp_path, capsys):
    from tutor.cli import main

    class_dir = ClassDir(tmp_path)
    class_dir.prepare()
    _progress_with_lesson(class_dir, "ana", "x\x1b]0;pwned\x07")
    assert main(["progress", "--class", str(tmp_path)]) == 0
    assert "\x1b" not in capsys.readouterr().out

"""Export rows and merging, below the command line."""

from __future__ import annotations

import json

from tutor.lessons.model import Course, Exercise, Lesson, Page
from tutor.progress import Progress
from tutor.progress.export import COLUMNS, merge, rows_for, to_csv, to_json

INTRO = Lesson("intro", 1, "Intro", "reading", "i.md", pages=(Page("Uno", "", 1),),
               exercises=(Exercise("q1", "choice", "¿?", 3, choices=("a", "b"), answer="a"),))
FREE = Lesson("libre", 2, "Libre", "free-lab", "l.md")
COURSE = Course("Curso", (INTRO, FREE))


def test_rows_follow_the_course_then_free_runs_and_removed_lessons():
    progress = Progress(student="Ana")
    progress.record_skip("intro", "q1")
    progress.record_answer("intro", "q-vieja", True)  # an exercise the lesson no longer has
    progress.record_lab("libre-xor", 400, 0.69)
    progress.mark_page_read("borrada", 0)
    rows = rows_for(progress, COURSE)
    assert [(r["lesson_id"], r["item"], r["status"]) for r in rows] == [
        ("intro", "intro", "in-progress"), ("intro", "q1", "skipped"), ("intro", "q-vieja", "correct"),
        ("libre", "libre", "done"), ("libre-xor", "libre-xor", "free-lab-run"), ("borrada", "borrada", "recorded"),
    ]
    assert rows[4]["epochs"] == 400 and rows[4]["best_loss"] == 0.69
    assert all(set(row) == set(COLUMNS) for row in rows)


def test_without_a_course_every_saved_lesson_is_listed():
    progress = Progress()
    progress.record_answer("intro", "q1", False, 2)
    rows = rows_for(progress, None, student="Luis")
    assert [(r["student"], r["item"], r["status"], r["hints"]) for r in rows] == [
        ("Luis", "intro", "recorded", None), ("Luis", "q1", "wrong", 2)]


def test_merge_keeps_the_latest_copy_of_a_row_and_names_unnamed_students(tmp_path):
    old, new = Progress(student="Ana"), Progress(student="Ana")
    old.record_answer("intro", "q1", False)
    new.record_answer("intro", "q1", True)
    old.lessons["intro"].exercises["q1"].updated = "2026-01-01T00:00:00+00:00"
    new.lessons["intro"].exercises["q1"].updated = "2026-02-01T00:00:00+00:00"
    (tmp_path / "nueva.json").write_text(to_json(rows_for(new, COURSE)))
    (tmp_path / "vieja.csv").write_text(to_csv(rows_for(old, COURSE)))
    (tmp_path / "grupo-b.csv").write_text(to_csv(rows_for(Progress(), COURSE)))
    rows = merge([tmp_path / "nueva.json", tmp_path / "vieja.csv", tmp_path / "grupo-b.csv"])
    q1 = {row["student"]: row for row in rows if row["item"] == "q1"}
    assert q1["Ana"]["status"] == "correct" and q1["grupo-b"]["status"] == "pending"
    assert [row["student"] for row in rows] == ["Ana"] * 3 + ["grupo-b"] * 3


def test_json_export_is_typed_and_round_trips_through_merge(tmp_path):
    progress = Progress(student="Bea")
    progress.record_lab("libre-or", 80, 0.05)
    (tmp_path / "bea.json").write_text(to_json(rows_for(progress, COURSE)))
    document = json.loads((tmp_path / "bea.json").read_text())
    assert document["format"] == "tutor-progress-export" and document["columns"] == list(COLUMNS)
    assert merge([tmp_path / "bea.json"]) == document["rows"]

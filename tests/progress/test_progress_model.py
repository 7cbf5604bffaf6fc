"""Progress bookkeeping: what counts as done, resume fields, JSON round trip."""

from __future__ import annotations

from tutor.lessons.model import Course, Dataset, Exercise, Goal, LabSpec, Lesson, Page
from tutor.progress import Progress, percent, progress_label
from tutor.progress.codec import from_dict, to_dict

DATA = Dataset("and", "AND", ("x1", "x2"), "y", ((0, 0), (0, 1), (1, 0), (1, 1)), (0, 0, 0, 1))
SPEC = LabSpec("compuerta-and", "AND", DATA, "sigmoide", "bce", 0.5, 200, 20, ("W", "b"))


def reading() -> Lesson:
    pages = (Page("Uno", "texto", 1), Page("Dos", "texto", 5))
    exercises = (Exercise("q1", "choice", "¿?", 9, choices=("a", "b"), answer="a"),
                 Exercise("q2", "numeric", "¿?", 12, value=1.0))
    return Lesson("intro", 1, "Introducción", "reading", "intro.md", pages=pages, exercises=exercises)


def lab(goal: bool = False) -> Lesson:
    exercises = (Exercise("meta", "goal", "baja la pérdida", 3, goal=Goal(0.2, 150)),) if goal else ()
    return Lesson("and", 2, "AND", "lab", "and.md", lab=SPEC, exercises=exercises)


def test_fresh_progress_has_nothing_done():
    progress = Progress()
    assert progress.lesson_done(reading()) == (0, 4)
    assert progress.lesson_done(lab()) == (0, 1)
    assert progress.last_lesson is None and progress.last_page == 0


def test_pages_and_correct_answers_count_wrong_and_skipped_do_not():
    progress = Progress()
    progress.mark_page_read("intro", 0)
    progress.mark_page_read("intro", 0)  # twice is once
    progress.mark_page_read("intro", 7)  # a page the lesson no longer has
    progress.record_answer("intro", "q1", correct=False, hints_used=1)
    progress.record_skip("intro", "q2")
    assert progress.lesson_done(reading()) == (1, 4)
    progress.record_answer("intro", "q1", correct=True, hints_used=0)
    assert progress.lesson_done(reading()) == (2, 4)
    entry = progress.exercise("intro", "q1")
    assert (entry.attempts, entry.result, entry.hints_used) == (2, "correct", 1)
    assert progress.exercise_result("intro", "q2") == "skipped"


def test_correct_answer_is_not_undone_by_a_later_wrong_one_or_skip():
    progress = Progress()
    progress.record_answer("intro", "q1", correct=True)
    progress.record_answer("intro", "q1", correct=False)
    progress.record_skip("intro", "q1")
    assert progress.exercise_result("intro", "q1") == "correct"
    assert progress.exercise("intro", "q1").attempts == 2


def test_lab_counts_once_run_to_its_epoch_count():
    progress = Progress()
    progress.record_lab("and", epochs_run=50, best_loss=0.4)
    assert progress.lesson_done(lab()) == (0, 1)
    progress.record_lab("and", epochs_run=200, best_loss=0.6)
    assert progress.lesson_done(lab()) == (1, 1)
    record = progress.lab("and")
    assert (record.epochs_run, record.best_loss) == (200, 0.4)


def test_lab_counts_when_loss_beat_a_goal_and_nan_is_ignored():
    progress = Progress()
    progress.record_lab("and", epochs_run=10, best_loss=float("nan"))
    assert progress.lab("and").best_loss is None
    progress.record_lab("and", epochs_run=120, best_loss=0.15)
    assert progress.lesson_done(lab(goal=True)) == (1, 2)


def test_lesson_with_nothing_to_count_is_done_once_opened():
    glossary = Lesson("glosario", 9, "Glosario", "glossary", "g.md")
    progress = Progress()
    assert progress.lesson_done(glossary) == (0, 1)
    progress.visit("glosario")
    assert progress.lesson_done(glossary) == (1, 1)


def test_course_done_adds_up_the_lessons():
    course = Course("Curso", (reading(), lab()))
    progress = Progress()
    progress.mark_page_read("intro", 1)
    progress.record_lab("and", 200, 0.1)
    assert progress.course_done(course) == (2, 5)


def test_percent_and_label():
    assert progress_label(7, 18) == "7/18 · 39%"
    assert percent(199, 200) == 99  # never 100% before the end
    assert percent(0, 0) == 0


def test_resume_position_and_round_trip_through_json():
    progress = Progress(student="Ana")
    progress.mark_page_read("intro", 1)
    progress.record_answer("intro", "q1", True, 2)
    progress.record_lab("and", 200, 0.0123)
    progress.set_position("and", 3)
    again = from_dict(to_dict(progress))
    assert again == progress
    assert (again.student, again.last_lesson, again.last_page) == ("Ana", "and", 3)


def test_unknown_future_fields_survive_a_round_trip():
    data = to_dict(Progress())
    data["theme"] = "oscuro"
    data["lessons"] = {"intro": {"pages_read": [0], "bookmarks": [2],
                                 "exercises": {"q1": {"attempts": 1, "result": "wrong", "confidence": 3}}}}
    again = to_dict(from_dict(data))
    assert again["theme"] == "oscuro"
    assert again["lessons"]["intro"]["bookmarks"] == [2]
    assert again["lessons"]["intro"]["exercises"]["q1"]["confidence"] == 3


def test_progress_imports_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, tutor.progress, tutor.commands.progress; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'tensorflow', 'numpy', 'rich'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_free_lab_counts_once_any_of_its_runs_trained():
    free = Lesson("laboratorio-libre", 6, "Laboratorio libre", "free-lab", "libre.md", lab=SPEC,
                  pages=(Page("Uno", "", 1),))
    progress = Progress()
    assert progress.lesson_done(free) == (0, 2)
    progress.record_lab("otra-leccion-xor", 500, 0.69)  # not one of its runs
    progress.record_lab("laboratorio-libre-xor", 0, None)
    assert progress.lesson_done(free) == (0, 2)
    progress.record_lab("laboratorio-libre-xor", 30, 0.69)
    assert progress.lesson_done(free) == (1, 2)
    assert set(progress.free_runs(free)) == {"laboratorio-libre-xor"}

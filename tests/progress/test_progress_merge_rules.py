"""The merge rule of two sessions' progress (tutor.progress.merging): nothing either recorded
is lost. `since` is what this session had at its last save: the other session's work is
whatever the file has beyond it."""

from __future__ import annotations

import copy

from tutor.progress import Progress
from tutor.progress.merging import merge_progress


def sessions() -> tuple[Progress, Progress, Progress]:
    """(disk, mine, since): both sessions started from the same saved progress."""
    start = Progress(student="Ana", created="2026-01-01T00:00:00+00:00")
    start.mark_page_read("intro", 0)
    start.record_answer("intro", "q1", False)
    start.record_lab("and", 100, 0.3)
    start.set_position("intro", 0)
    return copy.deepcopy(start), copy.deepcopy(start), copy.deepcopy(start)


def test_pages_and_lessons_are_a_union():
    disk, mine, since = sessions()
    disk.mark_page_read("intro", 1)
    disk.mark_page_read("glosario", 4)
    mine.mark_page_read("intro", 2)
    merged = merge_progress(disk, mine, since)
    assert merged.lessons["intro"].pages_read == {0, 1, 2} and merged.lessons["glosario"].pages_read == {4}


def test_attempts_add_what_each_session_did_since_it_last_saved():
    disk, mine, since = sessions()  # 1 attempt saved
    disk.record_answer("intro", "q1", False)  # the other session: +1
    mine.record_answer("intro", "q1", False)  # this one: +2
    mine.record_answer("intro", "q1", False)
    assert merge_progress(disk, mine, since).exercise("intro", "q1").attempts == 4


def test_without_a_base_attempts_never_go_down():
    disk, mine, _ = sessions()
    mine.record_answer("intro", "q1", False)
    assert merge_progress(disk, mine, None).exercise("intro", "q1").attempts >= 2
    assert merge_progress(Progress(), mine, mine).exercise("intro", "q1").attempts == 2


def test_a_correct_answer_in_either_stays_correct():
    disk, mine, since = sessions()
    disk.record_answer("intro", "q1", True)
    mine.record_skip("intro", "q1")
    assert merge_progress(disk, mine, since).exercise_result("intro", "q1") == "correct"
    assert merge_progress(mine, disk, since).exercise_result("intro", "q1") == "correct"


def test_otherwise_the_latest_result_wins():
    disk, mine, since = sessions()
    mine.lessons["intro"].exercises["q1"].result = "skipped"
    mine.lessons["intro"].exercises["q1"].updated = "2026-05-01T00:00:00+00:00"
    disk.lessons["intro"].exercises["q1"].updated = "2026-04-01T00:00:00+00:00"
    assert merge_progress(disk, mine, since).exercise_result("intro", "q1") == "skipped"
    mine.lessons["intro"].exercises["q1"].updated = "2026-03-01T00:00:00+00:00"
    assert merge_progress(disk, mine, since).exercise_result("intro", "q1") == "wrong"


def test_hints_and_epochs_take_the_most_and_the_best_loss_the_lowest():
    disk, mine, since = sessions()
    disk.record_hint("intro", "q1", 2)
    disk.record_lab("and", 50, 0.1)
    mine.record_lab("and", 400, 0.2)
    merged = merge_progress(disk, mine, since)
    assert merged.exercise("intro", "q1").hints_used == 2
    assert merged.lab("and").epochs_run == 400 and merged.lab("and").best_loss == 0.1


def test_a_lab_only_one_session_ran_is_kept():
    disk, mine, since = sessions()
    disk.record_lab("nuevo", 7, None)
    assert merge_progress(disk, mine, since).lab("nuevo").epochs_run == 7


def test_the_position_is_this_sessions_only_if_it_moved():
    disk, mine, since = sessions()
    disk.set_position("repaso", 2)
    merged = merge_progress(disk, mine, since)
    assert (merged.last_lesson, merged.last_page) == ("repaso", 2)
    mine.set_position("glosario", 1)
    merged = merge_progress(disk, mine, since)
    assert (merged.last_lesson, merged.last_page) == ("glosario", 1)


def test_names_times_unknown_fields_and_version():
    disk, mine, since = sessions()
    disk.extra["sync"] = {"server": "x"}
    disk.version = 3
    mine.extra["tema"] = "oscuro"
    mine.student = ""
    disk.lessons["intro"].first_seen = "2025-12-31T00:00:00+00:00"
    disk.updated = "2030-01-01T00:00:00+00:00"
    merged = merge_progress(disk, mine, since)
    assert merged.extra == {"sync": {"server": "x"}, "tema": "oscuro"}
    assert merged.version == 3 and merged.student == "Ana"
    assert merged.lessons["intro"].first_seen == "2025-12-31T00:00:00+00:00"
    assert merged.updated == "2030-01-01T00:00:00+00:00"
    assert merged.created == "2026-01-01T00:00:00+00:00"


def test_merging_changes_neither_input():
    disk, mine, since = sessions()
    disk.mark_page_read("otra", 1)
    before = (copy.deepcopy(disk), copy.deepcopy(mine))
    merged = merge_progress(disk, mine, since)
    merged.mark_page_read("intro", 9)
    merged.lessons["intro"].exercises["q1"].attempts = 99
    assert (disk, mine) == before

"""Two sessions' progress -> one, losing nothing either recorded (see ProgressStore.save).

    merged = merge_progress(disk, mine, since)

`disk` is what the file holds now (another session may have saved since), `mine` this
session's progress, `since` what `mine` was at its last save or load (None if unknown).
Neither input is changed; the result shares nothing with them but the values of unknown
fields, which no tutor changes (copying them could recurse as deep as the file nests).
`snapshot(progress)` is the part of a Progress that `since` needs, cheap to keep.

- lessons, pages read and exercises: the union;
- attempts: the file's count plus this session's attempts since `since` (each answer
  counted once), never less than this session's own count;
- result: "correct" if either has it (a correct answer stays correct), else the latest;
- hints used and epochs run: the most; best loss: the lowest;
- position: this session's if it moved since `since`, else the file's (the student's last
  move wins, whichever terminal it was in);
- student: this session's name if it has one; unknown fields: both, this session's first;
- created and first seen: the earliest; updated: the latest; version: the highest.
"""

from __future__ import annotations

import math
from dataclasses import replace

from tutor.progress.model import ExerciseProgress, LabProgress, LessonProgress, Progress


def _earliest(*stamps: str) -> str:
    return min((stamp for stamp in stamps if stamp), default="")


def _copy_lab(lab: LabProgress | None) -> LabProgress | None:
    return None if lab is None else replace(lab, extra=dict(lab.extra))


def _copy_lesson(lesson: LessonProgress) -> LessonProgress:
    return replace(lesson, pages_read=set(lesson.pages_read), lab=_copy_lab(lesson.lab), extra=dict(lesson.extra),
                   exercises={key: replace(entry, extra=dict(entry.extra)) for key, entry in lesson.exercises.items()})


def snapshot(progress: Progress) -> Progress:
    """Each exercise's attempts and the position: all merge_progress reads of `since`."""
    lessons = {key: LessonProgress(exercises={name: ExerciseProgress(attempts=entry.attempts)
                                              for name, entry in lesson.exercises.items()})
               for key, lesson in progress.lessons.items()}
    return Progress(lessons=lessons, last_lesson=progress.last_lesson, last_page=progress.last_page, created="")


def _exercise(disk: ExerciseProgress, mine: ExerciseProgress, since: ExerciseProgress | None) -> ExerciseProgress:
    mine_new = mine.attempts - (since.attempts if since is not None else 0)
    if "correct" in (disk.result, mine.result):
        result = "correct"
    elif disk.result is None or mine.result is None:
        result = mine.result or disk.result
    else:
        result = disk.result if disk.updated > mine.updated else mine.result
    return ExerciseProgress(
        attempts=max(mine.attempts, disk.attempts + max(0, mine_new)),
        result=result,
        hints_used=max(disk.hints_used, mine.hints_used),
        updated=max(disk.updated, mine.updated),
        extra={**disk.extra, **mine.extra},
    )


def _lab(disk: LabProgress | None, mine: LabProgress | None) -> LabProgress | None:
    if disk is None or mine is None:
        return _copy_lab(mine if disk is None else disk)
    losses = [loss for loss in (disk.best_loss, mine.best_loss) if loss is not None and math.isfinite(loss)]
    return LabProgress(
        epochs_run=max(disk.epochs_run, mine.epochs_run),
        best_loss=min(losses) if losses else None,
        updated=max(disk.updated, mine.updated),
        extra={**disk.extra, **mine.extra},
    )


def _lesson(disk: LessonProgress, mine: LessonProgress, since: LessonProgress | None) -> LessonProgress:
    exercises: dict[str, ExerciseProgress] = {}
    for key in {**disk.exercises, **mine.exercises}:
        theirs, ours = disk.exercises.get(key), mine.exercises.get(key)
        if theirs is None or ours is None:
            only = ours if theirs is None else theirs
            exercises[key] = replace(only, extra=dict(only.extra))
        else:
            exercises[key] = _exercise(theirs, ours, since.exercises.get(key) if since is not None else None)
    return LessonProgress(
        pages_read=disk.pages_read | mine.pages_read,
        exercises=exercises,
        lab=_lab(disk.lab, mine.lab),
        first_seen=_earliest(disk.first_seen, mine.first_seen),
        updated=max(disk.updated, mine.updated),
        extra={**disk.extra, **mine.extra},
    )


def merge_progress(disk: Progress, mine: Progress, since: Progress | None) -> Progress:
    lessons: dict[str, LessonProgress] = {}
    for key in {**disk.lessons, **mine.lessons}:
        theirs, ours = disk.lessons.get(key), mine.lessons.get(key)
        if theirs is None or ours is None:
            lessons[key] = _copy_lesson(ours if theirs is None else theirs)
        else:
            lessons[key] = _lesson(theirs, ours, since.lessons.get(key) if since is not None else None)
    position = (mine.last_lesson, mine.last_page)
    moved = position != ((since.last_lesson, since.last_page) if since is not None else (None, 0))
    if not moved and disk.last_lesson is not None:
        position = (disk.last_lesson, disk.last_page)
    return Progress(
        student=mine.student or disk.student,
        lessons=lessons,
        last_lesson=position[0],
        last_page=position[1],
        created=_earliest(disk.created, mine.created),
        updated=max(disk.updated, mine.updated),
        version=max(disk.version, mine.version),
        extra={**disk.extra, **mine.extra},
    )

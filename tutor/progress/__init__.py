"""The student's saved progress: one JSON file, written atomically, merged under a lock.

    store = ProgressStore()            # TUTOR_DATA_DIR or the user data dir
    store = ProgressStore.in_folder(d) # any folder (the class server: one per student)
    progress, notice = store.load()    # notice: Spanish text if a bad file was set aside
    shared = store.begin_session()     # Spanish text if another tutor process uses it now
    progress.mark_page_read("intro", 0)
    store.save(progress)               # TutorError (one Spanish line) if it cannot

One file per data directory; `student` labels it (`--student NAME`). Students sharing one
account on a lab server each set their own TUTOR_DATA_DIR. Two sessions on one file (two
terminals) lose nothing: every save merges with what the file holds (see store.py).
"""

from tutor.progress.model import (
    ExerciseProgress,
    LabProgress,
    LessonProgress,
    Progress,
    percent,
    progress_label,
)
from tutor.progress.signals import save_on_signals
from tutor.progress.store import DATA_DIR_ENV, ProgressStore, default_path

__all__ = [
    "DATA_DIR_ENV",
    "ExerciseProgress",
    "LabProgress",
    "LessonProgress",
    "Progress",
    "ProgressStore",
    "default_path",
    "percent",
    "progress_label",
    "save_on_signals",
]

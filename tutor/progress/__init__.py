"""The student's saved progress: one JSON file, written atomically.

    store = ProgressStore()            # TUTOR_DATA_DIR or the user data dir
    progress, notice = store.load()    # notice: Spanish text if a bad file was set aside
    progress.mark_page_read("intro", 0)
    store.save(progress)

One file per data directory; `student` labels it (`--student NAME`). Students sharing one
account on a lab server each set their own TUTOR_DATA_DIR.
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

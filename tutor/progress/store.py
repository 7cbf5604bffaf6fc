"""Where progress lives on disk, and how it is read and written without ever losing it.

    store = ProgressStore()                       # TUTOR_DATA_DIR or the user data dir
    store = ProgressStore(folder / FILE_NAME)     # any folder (the class server: one per student)
    store = ProgressStore.in_folder(folder)       # the same
    progress, notice = store.load()
    notice = store.begin_session()                # the app: is another tutor using it now?
    store.save(progress)

- The file: platformdirs' user data dir for "tutor" / progress.json; TUTOR_DATA_DIR names
  another directory (tests, or one directory per student on a shared lab server).
- Writing is atomic (tutor.progress.atomic): a temp file (mode 0600), fsynced, then
  os.replace() over the old file. Killed at any moment, the directory holds the old file
  or the new one, never half of one.
- Several tutors may use one file at once (two terminals, a class server session and a local
  one): each save takes a lock (progress.json.lock), reads what the file holds now and writes
  the merge of it and this session's progress (tutor.progress.merging), so the last save
  never erases another session's pages or answers. begin_session() takes a lease
  (progress.json.session) for the process's lifetime and says if another process holds one.
- A file that cannot be read (a FIFO or a folder in its place too: never blocks) or is not a
  progress document is moved aside to progress.json.bak (or .bak.1, .bak.2 ... if that
  exists already); the student starts clean and load() returns a notice saying so. Nothing
  is overwritten silently.
- A directory that cannot be used at all (a regular file, a name over 255 bytes, no
  permission) is not damaged progress: load() raises TutorError with one line saying so.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from tutor.errors import TutorError
from tutor.files import NOT_REGULAR, NotRegularFile, file_kind, os_error_text, read_regular_file, shown
from tutor.progress.atomic import remove_stale_temps, write_atomic
from tutor.progress.codec import EncodeError, SchemaError, decode, encode
from tutor.progress.locking import hold_session, save_lock
from tutor.progress.merging import merge_progress, snapshot
from tutor.progress.model import Progress, now_iso

__all__ = ["DATA_DIR_ENV", "FILE_NAME", "ProgressStore", "default_path", "write_atomic"]

FILE_NAME = "progress.json"
DATA_DIR_ENV = "TUTOR_DATA_DIR"
MAX_FILE_BYTES = 16 * 1024 * 1024  # a progress file is a few KB; more is not ours
LOCK_SUFFIX = ".lock"  # progress.json.lock: held while a save merges and writes
SESSION_SUFFIX = ".session"  # progress.json.session: a shared lease per live session


def default_path() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("tutor", appauthor=False)) / FILE_NAME


def _free_backup_name(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{number}")
        number += 1
    return candidate


class ProgressStore:
    """Loads and saves one student's Progress at `path`, a progress.json in any folder
    (default: see default_path()). Safe to share between processes and threads."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._from_env = path is None and bool(os.environ.get(DATA_DIR_ENV))
        # False after a bad file could not be moved aside: saving would overwrite it.
        self._may_write = True
        self._since: Progress | None = None  # what this session had at its last load or save
        self._guard = threading.RLock()  # a save from a signal handler may interrupt another
        self._saving = 0
        self.last_error: str | None = None

    @classmethod
    def in_folder(cls, folder: str | os.PathLike[str]) -> ProgressStore:
        return cls(Path(folder) / FILE_NAME)

    def _sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def _folder_problem(self) -> str | None:
        """Why the data directory cannot hold progress at all (None: it can, or it will be made)."""
        folder = self.path.parent
        try:
            mode = os.stat(folder).st_mode
        except FileNotFoundError:
            return None  # made at the first save
        except OSError as error:
            problem = f"no se puede usar la carpeta del progreso {shown(folder)}: {os_error_text(error)}"
        else:
            if stat.S_ISDIR(mode):
                return None
            problem = f"el progreso va en la carpeta {shown(folder)}, pero es {file_kind(mode)}, no una carpeta"
        return problem + (f" (revisa {DATA_DIR_ENV})" if self._from_env else "")

    def _read(self) -> tuple[Progress | None, str | None]:
        """(what the file holds, None), (None, None) if there is no file, or (None, why it is bad)."""
        try:
            raw = read_regular_file(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return None, None
        except NotRegularFile as error:  # a FIFO or a folder is not damaged progress: it is none
            return None, error.strerror
        except OSError as error:
            return None, f"no se pudo leer: {os_error_text(error)}"
        try:
            return decode(raw), None
        except SchemaError as error:
            return None, str(error)

    def load(self) -> tuple[Progress, str | None]:
        """(the saved progress, None), or (a clean Progress, a Spanish notice) if the file was bad.

        TutorError if the directory itself cannot be used (see the module docstring)."""
        problem = self._folder_problem()
        if problem:
            raise TutorError(problem)
        remove_stale_temps(self.path)
        progress, reason = self._read()
        notice = self._set_aside(reason) if reason else None
        progress = progress or Progress()
        self._since = snapshot(progress)
        return progress, notice

    def begin_session(self) -> str | None:
        """Mark this process as using the progress until it ends; a one-line Spanish notice if
        another tutor process is using it right now (both may go on: saves merge)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return None  # the first save will say what is wrong
        if not hold_session(self._sibling(SESSION_SUFFIX)):
            return None
        return (f"Otra sesión de tutor está usando este mismo progreso ({self.path}) ahora mismo: "
                f"lo que hagas en cada una se suma al guardar, no se pierde nada.")

    def _set_aside(self, reason: str) -> str:
        backup = _free_backup_name(self.path)
        try:
            os.replace(self.path, backup)
        except OSError as error:
            self._may_write = False
            return (f"El progreso guardado en {self.path} está dañado ({reason}) y no se pudo "
                    f"apartar ({os_error_text(error)}); en esta sesión no se guardará nada "
                    f"para no sobrescribirlo.")
        if reason.startswith(NOT_REGULAR):
            return (f"{self.path} {reason}: se apartó como {backup.name} y empiezas con un "
                    f"progreso nuevo.")
        return (f"El progreso guardado en {self.path} estaba dañado ({reason}); se guardó "
                f"aparte como {backup.name} y empiezas con un progreso nuevo.")

    def save(self, progress: Progress) -> None:
        """Write `progress` merged with what the file holds now (another session's work is
        kept); raises TutorError (one Spanish line) if it cannot, also kept in `last_error`
        (None after a save that worked) for whoever must say it once the screen is gone."""
        try:
            self._save(progress)
        except TutorError as error:
            self.last_error = str(error)
            raise
        self.last_error = None

    def _save(self, progress: Progress) -> None:
        if not self._may_write:
            raise TutorError(f"no se guarda el progreso: {self.path} está dañado y no se pudo apartar")
        progress.updated = progress.updated or now_iso()
        problem = self._folder_problem()
        if problem:
            raise TutorError(f"no se pudo guardar el progreso: {problem}")
        with self._guard:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                if self._saving:  # this thread is inside a save already: its lock is ours
                    self._merge_and_write(progress)
                else:
                    with save_lock(self._sibling(LOCK_SUFFIX)):
                        self._merge_and_write(progress)
            except OSError as error:
                if isinstance(error, FileExistsError):  # mkdir: a file where a folder should be
                    reason = f"{shown(error.filename or self.path.parent)} no es una carpeta"
                else:
                    reason = os_error_text(error)
                raise TutorError(f"no se pudo guardar el progreso en {shown(self.path)}: {reason}") from None
            self._since = snapshot(progress)

    def _merge_and_write(self, progress: Progress) -> None:
        self._saving += 1
        try:
            disk, reason = self._read()
            if reason is not None:  # turned bad since it was loaded: keep it, do not overwrite it
                self._set_aside(reason)
                if not self._may_write:
                    raise TutorError(f"no se guarda el progreso: {self.path} está dañado y no se pudo apartar")
            merged = progress if disk is None else merge_progress(disk, progress, self._since)
            try:
                data = encode(merged)
            except EncodeError as error:
                raise TutorError(f"no se pudo guardar el progreso en {self.path}: {error}") from None
            write_atomic(self.path, data, make_dirs=False)
        finally:
            self._saving -= 1

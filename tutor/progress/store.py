"""Where progress lives on disk, and how it is read and written without ever losing it.

- The file: platformdirs' user data dir for "tutor" / progress.json; TUTOR_DATA_DIR names
  another directory (tests, or one directory per student on a shared lab server).
- Writing is atomic: a temp file (mode 0600) in the same directory, flushed and fsynced, then
  os.replace() over the old file and an fsync of the directory. Killed at any moment, the
  directory holds the old file or the new one, never half of one.
- A file that cannot be read (a FIFO or a folder in its place too: never blocks) or is not a
  progress document is moved aside to progress.json.bak (or .bak.1, .bak.2 ... if that
  exists already); the student starts clean and load() returns a notice saying so. Nothing
  is overwritten silently.
- A directory that cannot be used at all (a regular file, a name over 255 bytes, no
  permission) is not damaged progress: load() raises TutorError with one line saying so.
"""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

from tutor.errors import TutorError
from tutor.files import os_error_text, read_regular_file, shown
from tutor.progress.codec import EncodeError, SchemaError, decode, encode
from tutor.progress.model import Progress, now_iso

FILE_NAME = "progress.json"
DATA_DIR_ENV = "TUTOR_DATA_DIR"
MAX_FILE_BYTES = 16 * 1024 * 1024  # a progress file is a few KB; more is not ours
_TEMP_SUFFIX = ".tmp"
# Each write gets its own temp file: a save from a signal handler can interrupt another save
# in the same process, and sharing one name would let it truncate the other's file.
_write_numbers = itertools.count()


def default_path() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("tutor", appauthor=False)) / FILE_NAME


def write_atomic(path: Path, data: bytes, make_dirs: bool = True) -> None:
    """Replace `path` by `data` all at once, with mode 0600 (see the module docstring);
    `make_dirs`: create the missing folders first (mode 0700)."""
    if make_dirs:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{next(_write_numbers)}{_TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # OverflowError: no pid is that large
        return False
    except OSError:  # exists, but owned by someone else
        return True
    return True


def _remove_stale_temps(path: Path) -> None:
    """Temp files left by a tutor that was killed mid-write (their process is gone)."""
    prefix = f".{path.name}."
    try:
        candidates = list(path.parent.glob(f"{prefix}*{_TEMP_SUFFIX}"))
    except OSError:
        return
    for temp in candidates:
        pid_text = temp.name[len(prefix):-len(_TEMP_SUFFIX)].split(".")[0]  # "<pid>.<n>"
        if not (pid_text.isascii() and pid_text.isdigit()):  # "²".isdigit(), yet int("²") fails
            continue
        if int(pid_text) != os.getpid() and not _pid_alive(int(pid_text)):
            try:
                temp.unlink()
            except OSError:
                pass


def _free_backup_name(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{number}")
        number += 1
    return candidate


class ProgressStore:
    """Loads and saves one student's Progress at `path` (default: see default_path())."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._from_env = path is None and bool(os.environ.get(DATA_DIR_ENV))
        # False after a bad file could not be moved aside: saving would overwrite it.
        self._may_write = True

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
            problem = f"la carpeta del progreso {shown(folder)} no es una carpeta"
        return problem + (f" (revisa {DATA_DIR_ENV})" if self._from_env else "")

    def load(self) -> tuple[Progress, str | None]:
        """(the saved progress, None), or (a clean Progress, a Spanish notice) if the file was bad.

        TutorError if the directory itself cannot be used (see the module docstring)."""
        problem = self._folder_problem()
        if problem:
            raise TutorError(problem)
        _remove_stale_temps(self.path)
        try:
            raw = read_regular_file(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return Progress(), None
        except OSError as error:
            return Progress(), self._set_aside(f"no se pudo leer: {os_error_text(error)}")
        try:
            return decode(raw), None
        except SchemaError as error:
            return Progress(), self._set_aside(str(error))

    def _set_aside(self, reason: str) -> str:
        backup = _free_backup_name(self.path)
        try:
            os.replace(self.path, backup)
        except OSError as error:
            self._may_write = False
            return (f"El progreso guardado en {self.path} está dañado ({reason}) y no se pudo "
                    f"apartar ({os_error_text(error)}); en esta sesión no se guardará nada "
                    f"para no sobrescribirlo.")
        return (f"El progreso guardado en {self.path} estaba dañado ({reason}); se guardó "
                f"aparte como {backup.name} y empiezas con un progreso nuevo.")

    def save(self, progress: Progress) -> None:
        """Write `progress` atomically; raises TutorError (one Spanish line) if it cannot."""
        if not self._may_write:
            raise TutorError(f"no se guarda el progreso: {self.path} está dañado y no se pudo apartar")
        progress.updated = progress.updated or now_iso()
        try:
            data = encode(progress)
        except EncodeError as error:
            raise TutorError(f"no se pudo guardar el progreso en {self.path}: {error}") from None
        problem = self._folder_problem()
        if problem:
            raise TutorError(f"no se pudo guardar el progreso: {problem}")
        try:
            write_atomic(self.path, data)
        except OSError as error:
            if isinstance(error, FileExistsError):  # mkdir: a file where a folder should be
                reason = f"{shown(error.filename or self.path.parent)} no es una carpeta"
            else:
                reason = os_error_text(error)
            raise TutorError(f"no se pudo guardar el progreso en {shown(self.path)}: {reason}") from None

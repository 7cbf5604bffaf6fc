"""A class directory: who may log in, where each student's progress lives, the server's files.

    DIR/alumnos/NOMBRE.pub     the student's OpenSSH public key(s); the file name is the login
    DIR/progreso/NOMBRE/       the student's progress.json (atomic, 0600) and the app's log
    DIR/host_key, host_key.pub the server's key, made on first start (0600)
    DIR/tutor-serve.log        logins, refusals and session ends (never keystrokes)
    DIR/.sesiones.json         who is connected now (written by the server, read by `tutor class`)

Reading progress here never changes a file: a damaged one is reported, not moved aside
(that is the student's own session's job, see tutor.progress.store).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from tutor.errors import TutorError
from tutor.progress import Progress
from tutor.progress.store import FILE_NAME, write_atomic
from tutor.serve.client_input import valid_name

KEYS_DIR = "alumnos"
PROGRESS_DIR = "progreso"
HOST_KEY = "host_key"
LOG_FILE = "tutor-serve.log"
SESSIONS_FILE = ".sesiones.json"
MAX_KEY_FILE = 64 * 1024
MAX_PROGRESS_FILE = 8 * 1024 * 1024


@dataclass(frozen=True)
class StudentProgress:
    name: str
    progress: Progress | None  # None: no file yet, or a damaged one (see problem)
    problem: str | None = None
    mtime_ns: int = 0


class ClassDir:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).expanduser()
        self.keys = self.root / KEYS_DIR
        self.progress = self.root / PROGRESS_DIR
        self.host_key = self.root / HOST_KEY
        self.log = self.root / LOG_FILE
        self.sessions = self.root / SESSIONS_FILE

    def check_exists(self) -> None:
        if not self.root.is_dir():
            raise TutorError(f"no existe la carpeta de la clase {self.root}", exit_code=2)

    def prepare(self) -> None:
        """Create the class's folders (the server's; private to the teacher's account)."""
        self.check_exists()
        for folder in (self.keys, self.progress):
            try:
                folder.mkdir(mode=0o700, exist_ok=True)
            except OSError as error:
                raise TutorError(f"no se pudo crear {folder}: {error.strerror or error}") from None

    # -- students ---------------------------------------------------------------------------

    def key_file(self, name: str) -> Path:
        assert valid_name(name), name
        return self.keys / f"{name}.pub"

    def progress_dir(self, name: str) -> Path:
        assert valid_name(name), name
        return self.progress / name

    def progress_file(self, name: str) -> Path:
        return self.progress_dir(name) / FILE_NAME

    def has_key_file(self, name: str) -> bool:
        """Whether alumnos/NAME.pub is there at all: even a broken link or an unreadable file
        means this name logs in with a key (never with the class code)."""
        return os.path.lexists(self.key_file(name))

    def key_text(self, name: str) -> str | None:
        """The contents of alumnos/NAME.pub (None if there is none), bounded in size, read
        without ever blocking (a FIFO or device there is an OSError, as is a link loop)."""
        from tutor.files import read_regular_file

        try:
            data = read_regular_file(self.key_file(name), MAX_KEY_FILE)
        except FileNotFoundError:
            if self.has_key_file(name):  # a broken link: the key the teacher meant is missing
                raise
            return None
        return data.decode("ascii", "replace")

    def students(self) -> list[str]:
        """Every valid name with a key or a progress folder, sorted."""
        names = set()
        for folder, suffix in ((self.keys, ".pub"), (self.progress, "")):
            try:
                entries = list(folder.iterdir())
            except OSError:
                continue
            for entry in entries:
                name = entry.name[: -len(suffix)] if suffix and entry.name.endswith(suffix) else entry.name
                if (entry.name.endswith(suffix) if suffix else entry.is_dir()) and valid_name(name):
                    names.add(name)
        return sorted(names, key=str.casefold)

    def read_progress(self, name: str) -> StudentProgress:
        """The student's progress, read as the tutor reads it (strict JSON, regular files only,
        never blocking on a FIFO), without changing anything."""
        from tutor.files import FileTooLarge, os_error_text, read_regular_file
        from tutor.progress.codec import SchemaError, decode

        path = self.progress_file(name)
        try:
            mtime_ns = path.stat().st_mtime_ns
            raw = read_regular_file(path, MAX_PROGRESS_FILE)
        except FileNotFoundError:
            return StudentProgress(name, None)
        except FileTooLarge:
            return StudentProgress(name, None, "archivo de progreso demasiado grande", mtime_ns)
        except OSError as error:
            return StudentProgress(name, None, f"no se pudo leer: {os_error_text(error)}")
        try:
            return StudentProgress(name, decode(raw), None, mtime_ns)
        except SchemaError as error:
            return StudentProgress(name, None, f"{path} está dañado: {error}", mtime_ns)

    # -- who is connected -------------------------------------------------------------------

    def write_sessions(self, sessions: dict[str, str]) -> None:
        """Record {name: since (ISO time)} for `tutor class`, with the server's pid."""
        document = {"pid": os.getpid(), "sessions": sessions}
        try:
            write_atomic(self.sessions, (json.dumps(document) + "\n").encode("utf-8"))
        except OSError:
            pass  # the live view then shows nobody connected; the class goes on

    def clear_sessions(self) -> None:
        try:
            self.sessions.unlink()
        except OSError:
            pass

    def connected(self) -> dict[str, str]:
        """{name: since} from a running server's file; {} if none is running."""
        try:
            document = json.loads(self.sessions.read_text(encoding="utf-8"))
            pid, sessions = int(document["pid"]), document["sessions"]
            os.kill(pid, 0)
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        if not isinstance(sessions, dict):
            return {}
        return {name: str(since) for name, since in sessions.items() if valid_name(name)}

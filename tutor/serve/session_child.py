"""One student's session, in a process just forked from the zygote: the pty becomes its
controlling terminal and stdin/stdout/stderr, then the tutor app runs as `tutor` would, in the
student's folder with Textual's doors to files and programs shut (tutor.serve.lockdown).

If the app fails, the student sees one line; what Textual would print (a traceback, with
local variables) goes to the student's tutor.log, for the teacher.

`run()` never returns to the zygote's loop: the zygote calls os._exit() with its result.
"""

from __future__ import annotations

import fcntl
import gc
import io
import os
import sys
import termios
from pathlib import Path

from tutor.errors import TutorError
from tutor.serve.client_input import LOCALE_VARIABLES

# The client's say (checked), never the server's: COLUMNS/LINES would also override the pty's
# size in shutil.get_terminal_size(), which Textual uses.
_CLIENT_VARIABLES = ("TERM", "COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "TUTOR_ASCII")


def run(slave_fd: int, request: dict, course, settings: dict) -> int:  # noqa: ANN001 - a Course
    """Run the app for `request` (see Zygote.spawn) on the pty `slave_fd`; the exit status."""
    _attach_terminal(slave_fd)
    _set_environment(request)
    os.umask(0o077)
    gc.enable()
    try:
        folder = Path(request["progress_dir"])
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        from tutor.serve.lockdown import lock_down

        lock_down(folder)
        return _run_app(request, course, settings, folder)
    except TutorError as error:
        _say(f"tutor: {error}")
        return error.exit_code
    except Exception:  # noqa: BLE001 - never a traceback on the student's screen
        _say("tutor: error inesperado; tu progreso guardado está a salvo")
        return 1


def _attach_terminal(slave_fd: int) -> None:
    os.setsid()
    fcntl.ioctl(slave_fd, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave_fd, fd)
    if slave_fd > 2:
        os.close(slave_fd)
    # Fresh text streams: the zygote's were opened on whatever the server started with.
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8",
                                                 errors="replace")
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                                   errors="replace", line_buffering=True)
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                                   errors="replace", line_buffering=True)


def _set_environment(request: dict) -> None:
    """TERM from the pty request; the locale the client sent, or else the server's own (as
    sshd gives the system's default); the few other variables client_input allows."""
    env = request["env"]  # already checked by client_input.session_environment
    for key in _CLIENT_VARIABLES:
        os.environ.pop(key, None)
    if any(key in env for key in LOCALE_VARIABLES):
        for key in [key for key in os.environ if key.startswith("LC_") or key == "LANG"]:
            del os.environ[key]
    os.environ.update(env)
    os.environ["TERM"] = request["term"]


def _run_app(request: dict, course, settings: dict, folder: Path) -> int:  # noqa: ANN001
    from tutor.progress import ProgressStore
    from tutor.progress.store import FILE_NAME
    from tutor.ui.app import TutorApp
    from tutor.ui.lab_request import LabRequest
    from tutor.ui.terminal import screen_on_private_stderr
    from tutor.ui.widgets.chart_style import ascii_terminal

    lab = LabRequest(**request["lab"]) if request.get("lab") else None
    store = ProgressStore(folder / FILE_NAME)
    # As `tutor` decides it (tutor/commands/app.py): --ascii, or the client's TERM and locale.
    ascii_charts = bool(request.get("ascii")) or ascii_terminal(os.environ, "utf-8")
    with screen_on_private_stderr(folder / "tutor.log"):
        app = TutorApp(course, store=store, lesson_id=request.get("lesson_id"), lab=lab,
                       seed=settings.get("seed"), student=request["name"],
                       no_skip=bool(settings.get("no_skip")), ascii_charts=ascii_charts)
        try:
            failed = run_quietly(app, report_fd=2)  # fd 2 is the log inside screen_on_private_stderr
        finally:
            app.save()
    if failed:
        _say("tutor: error inesperado; tu progreso guardado está a salvo (detalles en tutor.log)")
        return app.return_code or 1
    return app.return_code or 0


def run_quietly(app, report_fd: int, **run_options) -> bool:  # noqa: ANN001 - a Textual App
    """app.run() with Textual's failure report (a traceback with local variables) written to
    `report_fd` instead of the student's screen; True if the app failed."""
    from rich.console import Console

    failure = _Written(os.fdopen(os.dup(report_fd), "w", encoding="utf-8", errors="replace"))
    app.error_console = Console(file=failure, markup=False, highlight=False, width=100)
    try:
        app.run(**run_options)
    finally:
        failure.close()
    return failure.written


class _Written:
    """A text stream that remembers whether anything was written to it."""

    def __init__(self, stream) -> None:  # noqa: ANN001
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        try:
            return self.stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass


def _say(line: str) -> None:
    try:
        os.write(2, (line + "\r\n").encode("utf-8", "replace"))
    except OSError:
        pass

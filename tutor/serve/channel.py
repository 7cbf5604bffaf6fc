"""One student's session channel: what the client asked for (pty, shell or exec words), and
the bytes between the SSH channel and the session's pty.

The order asyncssh calls us in: pty_requested (if any), shell_requested or exec_requested,
session_started; then data_received / terminal_size_changed until connection_lost.
Refusals are one Spanish line on the channel's stderr and a non-zero exit status.
"""

from __future__ import annotations

import asyncio
import signal
import time
from dataclasses import asdict

import asyncssh

from tutor.errors import TutorError
from tutor.serve.client_input import printable, session_environment, terminal_type, window_size
from tutor.serve.exec_words import Launch, Refused, launch_for
from tutor.serve.pty_link import PtyLink

_background: set[asyncio.Task] = set()  # asyncio keeps only weak references to tasks


def soon(coroutine) -> None:  # noqa: ANN001
    """Run `coroutine` in the background, holding on to it until it is done."""
    task = asyncio.ensure_future(coroutine)
    _background.add(task)
    task.add_done_callback(_background.discard)


NEEDS_PTY = "el tutor necesita una terminal: conéctate con 'ssh -t -p PUERTO NOMBRE@servidor'"


class StudentChannel(asyncssh.SSHServerSession):
    def __init__(self, context, name: str, peer: str, on_refused=None) -> None:  # noqa: ANN001 - a ServerContext
        self.context = context
        self.name = name
        self.peer = peer
        # what to do with a refused request: the connection counts them (see tutor.serve.server)
        self.on_refused = on_refused or (lambda what: context.log.write("rechaza", name, peer, what))
        self.loop = asyncio.get_running_loop()
        self.chan = None
        self.term: str | None = None  # set by a pty request
        self.size = (80, 24)
        self.launch: Launch | None = None
        self.refusal: str | None = None
        self.link: PtyLink | None = None
        self.pid: int | None = None
        self.exited: asyncio.Future[int] | None = None
        self.finished: asyncio.Future[int] = self.loop.create_future()
        self.gone = False  # the client left (or its channel closed)
        self.end_reason = "salió del tutor"
        self._ending = False
        self.notice: str | None = None  # the line the client gets when the server ends it
        self.last_activity = time.monotonic()
        self._output_done = asyncio.Event()
        self._idle_timer: asyncio.TimerHandle | None = None

    # -- what the client asks for ---------------------------------------------------------

    def connection_made(self, chan) -> None:  # noqa: ANN001 - asyncssh.SSHServerChannel
        self.chan = chan

    def pty_requested(self, term_type: str, term_size, term_modes) -> bool:  # noqa: ANN001
        self.term = terminal_type(term_type)
        self.size = window_size(*term_size[:2])
        return True

    def shell_requested(self) -> bool:
        self.launch = Launch()
        return True

    def exec_requested(self, command: str) -> bool:
        try:
            self.launch = launch_for(command, self.context.course)
        except Refused as refused:
            self.refusal = str(refused)
            self.on_refused(f"orden «{printable(command, 60)}»")
        return True  # accepted, so the client sees our line (not "exec request failed")

    def subsystem_requested(self, subsystem: str) -> bool:
        self.on_refused(f"subsistema «{printable(subsystem)}»")
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal: str) -> None:
        pass  # a client does not signal the tutor; q and Ctrl+C are keys on the pty

    def session_started(self) -> None:
        if self.refusal is not None:
            self.refuse(self.refusal, 2)
        elif self.term is None:
            self.refuse(NEEDS_PTY, 1)
        else:
            env = session_environment(dict(self.chan.get_environment()))
            soon(self.context.registry.run(self, env))

    # -- bytes both ways ------------------------------------------------------------------

    def data_received(self, data: bytes, datatype) -> None:  # noqa: ANN001
        self.last_activity = time.monotonic()
        if self.link is not None and not self.link.write(data) and self.chan is not None:
            self.chan.pause_reading()  # the app is not reading: stop the client (SSH window)

    def _input_drained(self) -> None:
        if self.chan is not None and not self.gone:
            self.chan.resume_reading()

    def _output(self, data: bytes) -> None:
        if self.chan is not None and not self.gone:
            self.chan.write(data)

    def pause_writing(self) -> None:
        if self.link is not None:
            self.link.pause()

    def resume_writing(self) -> None:
        if self.link is not None:
            self.link.resume()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self.size = window_size(width, height)
        self.last_activity = time.monotonic()
        if self.link is not None:
            self.link.resize(*self.size)

    def eof_received(self) -> bool:
        soon(self.end(None, "la terminal del estudiante se cerró"))
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self.client_left()

    def client_left(self) -> None:
        """The channel or the whole connection is gone (killed ssh, lost Wi-Fi, keepalive)."""
        if self.gone:
            return
        self.gone = True
        self.chan = None
        if self.link is not None:
            self.link.discard_output()
        if self.pid is not None:
            soon(self.end(None, "se cortó la conexión"))

    # -- the session's life ---------------------------------------------------------------

    def request(self, env: dict[str, str]) -> dict:
        launch = self.launch or Launch()
        return {"name": self.name, "progress_dir": str(self.context.class_dir.progress_dir(self.name)),
                "term": self.term, "env": env, "lesson_id": launch.lesson_id,
                "lab": asdict(launch.lab) if launch.lab else None, "ascii": launch.ascii}

    async def start(self, zygote, env: dict[str, str]) -> None:  # noqa: ANN001 - a ZygoteClient
        self.link = PtyLink(*self.size, on_output=self._output, on_end=self._output_done.set,
                            on_input_drained=self._input_drained)
        try:
            self.pid, self.exited = await zygote.spawn(self.request(env), self.link.slave)
        except BaseException:
            self.link.close()
            raise
        finally:
            self.link.release_slave()
        self.exited.add_done_callback(lambda future: soon(self._after_exit(future.result())))
        self.link.start()
        if self.gone or self._ending:  # left, or was ended, while its process was forked
            if self.gone:
                self.link.discard_output()
            soon(self.end(None, "se cortó la conexión"))
        self._arm_idle_timer(self.context.settings.idle_minutes * 60)

    def _arm_idle_timer(self, delay: float) -> None:
        if delay > 0:
            self._idle_timer = self.loop.call_later(delay, self._idle_check)

    def _idle_check(self) -> None:
        limit = self.context.settings.idle_minutes * 60
        quiet = time.monotonic() - self.last_activity
        if quiet < limit:
            self._arm_idle_timer(limit - quiet)
            return
        minutes = f"{self.context.settings.idle_minutes:g}"
        soon(self.end(f"sesión cerrada tras {minutes} min sin actividad; tu progreso está guardado",
                                       "inactividad"))

    @property
    def ending(self) -> bool:
        """Asked to end already (hung up, or about to be)."""
        return self._ending

    async def end(self, notice: str | None, reason: str) -> int:
        """Hang the session up (it saves), kill it after the grace period; its exit status."""
        if not self._ending:
            self._ending = True
            self.end_reason, self.notice = reason, notice
        if self.exited is None:  # not started yet: start() ends it as soon as it is
            return 1
        if not self.exited.done():
            zygote, grace = self.context.registry.zygote, self.context.settings.hangup_grace
            zygote.signal(self.pid, signal.SIGHUP)
            try:
                await asyncio.wait_for(asyncio.shield(self.exited), grace)
            except asyncio.TimeoutError:
                self.end_reason += " (no respondió: terminado)"
                zygote.signal(self.pid, signal.SIGKILL)
        return await self.finished

    async def _after_exit(self, status: int) -> None:
        try:
            await asyncio.wait_for(self._output_done.wait(), 1.0)  # what the app wrote last
        except asyncio.TimeoutError:
            pass
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self.link.close()
        code = status if status >= 0 else 128 - status
        if self.chan is not None and not self.gone:
            if self.notice:
                self.chan.write_stderr(f"\r\ntutor: {self.notice}\r\n".encode("utf-8"))
            self.chan.exit(code)
        if not self.finished.done():
            self.finished.set_result(code)

    def refuse(self, line: str, status: int) -> None:
        """One line on stderr and the channel closes (nothing was started)."""
        if self.chan is not None and not self.gone:
            self.chan.write_stderr(f"tutor: {line}\r\n".encode("utf-8"))
            self.chan.exit(status)
        if not self.finished.done():
            self.finished.set_result(status)

    def fail(self, error: TutorError) -> None:
        self.refuse(str(error), error.exit_code or 1)

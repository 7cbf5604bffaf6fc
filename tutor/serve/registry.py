"""The live sessions: at most `max_sessions`, one per student, and the server's shutdown.

A second login of a student who is already connected takes over: the old session is hung
up (it saves, its client gets a line), and only then does the new one start and load the
progress, so nothing the old one saved is lost. (A dropped Wi-Fi link may take seconds to
notice; refusing the student's reconnection meanwhile would lock them out.)
"""

from __future__ import annotations

import asyncio

from tutor.errors import TutorError
from tutor.progress.model import now_iso

TAKEN_OVER = "has entrado desde otra conexión: esta se cierra (tu progreso está guardado)"
SHUTTING_DOWN = "el servidor de la clase se detiene; tu progreso está guardado"


class Registry:
    def __init__(self, zygote, class_dir, log, max_sessions: int) -> None:  # noqa: ANN001
        self.zygote = zygote
        self.class_dir = class_dir
        self.log = log
        self.max_sessions = max_sessions
        self.by_name: dict = {}  # name -> its running StudentChannel
        self.since: dict[str, str] = {}
        self.closing = False
        self._locks: dict[str, asyncio.Lock] = {}
        self._runs: set[asyncio.Task] = set()

    async def run(self, channel, env: dict[str, str]) -> None:  # noqa: ANN001 - a StudentChannel
        """Start `channel`'s session, wait for its end, log both."""
        self._runs.add(asyncio.current_task())
        try:
            if await self._start(channel, env):
                status = await channel.finished
                self._forget(channel)
                self.log.write("sale", channel.name, channel.peer, f"{channel.end_reason} (pid {channel.pid}, "
                                                                    f"estado {status})")
        finally:
            self._runs.discard(asyncio.current_task())

    async def _start(self, channel, env: dict[str, str]) -> bool:  # noqa: ANN001
        name = channel.name
        async with self._locks.setdefault(name, asyncio.Lock()):
            old = self.by_name.get(name)
            if old is not None:
                self.log.write("relevo", name, channel.peer, "la sesión anterior se guarda y se cierra")
                await old.end(TAKEN_OVER, "entró desde otra conexión")
            if self.closing:
                channel.refuse("el servidor de la clase se está deteniendo", 1)
                return False
            if len(self.by_name) >= self.max_sessions:
                self.log.write("rechaza", name, channel.peer, f"clase llena ({self.max_sessions} sesiones)")
                channel.refuse(f"la clase está llena ({self.max_sessions} sesiones a la vez); "
                               "prueba de nuevo en unos minutos", 1)
                return False
            if channel.gone:
                return False
            try:
                await self.zygote.ready()
                await channel.start(self.zygote, env)
            except TutorError as error:
                self.log.write("error", name, channel.peer, str(error))
                channel.fail(error)
                return False
            self.by_name[name] = channel
            self.since[name] = now_iso()
            self._publish()
        launch = channel.launch
        what = (f"lab {launch.lab.lab_id}" if launch and launch.lab else
                f"lección {launch.lesson_id}" if launch and launch.lesson_id else "inicio")
        self.log.write("sesión", name, channel.peer, f"pid {channel.pid}, {what}, {channel.size[0]}x{channel.size[1]}")
        return True

    def _forget(self, channel) -> None:  # noqa: ANN001
        if self.by_name.get(channel.name) is channel:
            del self.by_name[channel.name]
            self.since.pop(channel.name, None)
            self._publish()

    def _publish(self) -> None:
        self.class_dir.write_sessions(dict(self.since))

    async def shutdown(self) -> int:
        """Hang up every session at once (each saves), wait for all; how many there were."""
        self.closing = True
        channels = list(self.by_name.values())
        await asyncio.gather(*(channel.end(SHUTTING_DOWN, "el servidor se detuvo") for channel in channels),
                             return_exceptions=True)
        if self._runs:
            await asyncio.wait(list(self._runs), timeout=5)
        self.class_dir.clear_sessions()
        return len(channels)

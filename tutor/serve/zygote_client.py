"""The server's side of the zygote's socket (see tutor.serve.zygote), on the event loop.

    zygote = ZygoteClient(pid, sock); await zygote.ready()
    pid, exited = await zygote.spawn(request, slave_fd)   # exited: a future of the exit status
    zygote.signal(pid, signal.SIGHUP)
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import socket
import time
from typing import Callable

from tutor.errors import TutorError
from tutor.serve.zygote import MAX_MESSAGE


class ZygoteClient:
    def __init__(self, pid: int, sock: socket.socket, on_lost: Callable[[], None]) -> None:
        self.pid = pid
        self.sock = sock
        self.on_lost = on_lost
        self.loop = asyncio.get_running_loop()
        self._ready: asyncio.Future[None] = self.loop.create_future()
        self._spawning: dict[int, asyncio.Future[tuple[int, asyncio.Future[int]]]] = {}
        self._exits: dict[int, asyncio.Future[int]] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self.loop.add_reader(sock.fileno(), self._readable)

    async def ready(self) -> None:
        await self._ready

    def _readable(self) -> None:
        try:
            data = self.sock.recv(MAX_MESSAGE)
        except OSError:
            data = b""
        if not data:
            self._lost()
            return
        message = json.loads(data)
        op = message.get("op")
        if op == "ready" and not self._ready.done():
            self._ready.set_result(None)
        elif op == "failed" and not self._ready.done():
            self._ready.set_exception(TutorError(f"no se pudo preparar el tutor: {message.get('error')}"))
        elif op == "spawned":
            exited = self._exits[message["pid"]] = self.loop.create_future()
            future = self._spawning.pop(message["id"], None)
            if future is not None and not future.done():
                future.set_result((message["pid"], exited))
        elif op == "exited":
            future = self._exits.pop(message["pid"], None)
            if future is not None and not future.done():
                future.set_result(int(message["status"]))

    def _lost(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.loop.remove_reader(self.sock.fileno())
        error = TutorError("el proceso que crea las sesiones terminó")
        for future in [self._ready, *self._spawning.values()]:
            if not future.done():
                future.set_exception(error)
        for future in self._exits.values():
            if not future.done():
                future.set_result(-9)  # its sessions are ended by the zygote's own shutdown
        self.on_lost()

    async def spawn(self, request: dict, slave_fd: int) -> tuple[int, asyncio.Future[int]]:
        """Fork a session on the pty `slave_fd`: (its pid, a future of its exit status)."""
        if self._closed:
            raise TutorError("el proceso que crea las sesiones terminó")
        request_id = next(self._ids)
        future = self._spawning[request_id] = self.loop.create_future()
        data = json.dumps({**request, "op": "spawn", "id": request_id}).encode("utf-8")
        if len(data) > MAX_MESSAGE:
            raise TutorError("petición de sesión demasiado grande")
        socket.send_fds(self.sock, [data], [slave_fd])
        return await future

    def signal(self, pid: int, signum: int) -> None:
        if not self._closed:
            try:
                self.sock.send(json.dumps({"op": "signal", "pid": pid, "signal": int(signum)}).encode())
            except OSError:
                pass

    def close(self) -> None:
        """Close our end: the zygote hangs up its sessions and exits."""
        if not self._closed:
            self._closed = True
            self.loop.remove_reader(self.sock.fileno())
        self.sock.close()


def reap(pid: int, timeout: float) -> None:
    """Wait for the zygote to exit (it hangs up its sessions first), then kill it if it has not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass

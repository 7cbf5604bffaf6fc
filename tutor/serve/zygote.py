"""The zygote: a small process forked before the server's event loop starts. It preloads
TensorFlow and the UI once (tutor.serve.preload), then forks one session per request.

Talks to the server over a SOCK_SEQPACKET socketpair, one JSON message per packet:

    server -> zygote  {"op": "spawn", "id": N, ...request}  + the pty's slave fd (SCM_RIGHTS)
                      {"op": "signal", "pid": P, "signal": 1}
    zygote -> server  {"op": "ready"} | {"op": "failed", "error": "..."}
                      {"op": "spawned", "id": N, "pid": P}
                      {"op": "exited", "pid": P, "status": S}

Only the zygote reaps its children, so only it signals them: a pid it has reaped is never
signalled again (no pid reuse races). When the server goes away (its end of the socket
closes), the zygote hangs up every session (each saves), then kills what is left.
"""

from __future__ import annotations

import gc
import json
import os
import select
import signal
import socket
import time

MAX_MESSAGE = 16 * 1024
ALLOWED_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL)


def start(course, settings: dict, hangup_grace: float) -> tuple[int, socket.socket]:  # noqa: ANN001
    """Fork the zygote; returns (its pid, the server's end of the socket). Call it before
    any thread or event loop exists in this process, and before opening the host key, the
    log or the listening socket: the zygote and every session inherit what is open."""
    server_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            server_end.close()
            status = _Zygote(zygote_end, course, settings, hangup_grace).run()
        except BaseException:  # noqa: BLE001 - a forked child must never return into the caller
            status = 1
        finally:
            os._exit(status)
    zygote_end.close()
    return pid, server_end


class _Zygote:
    def __init__(self, sock: socket.socket, course, settings: dict, hangup_grace: float) -> None:  # noqa: ANN001
        self.sock = sock
        self.course = course
        self.settings = settings
        self.hangup_grace = hangup_grace
        self.children: dict[int, int] = {}  # pid -> request id
        self.wake_r = self.wake_w = -1

    def send(self, message: dict) -> None:
        try:
            self.sock.send(json.dumps(message).encode("utf-8"))
        except OSError:
            pass  # the server is gone; the loop notices on its next read

    def run(self) -> int:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            from tutor.serve.preload import preload

            preload()
        except Exception as error:  # noqa: BLE001 - said to the server, which says it once
            self.send({"op": "failed", "error": str(error) or type(error).__name__})
            return 1
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes select() through wake_w
        self.send({"op": "ready"})
        try:
            self._serve()
        finally:
            self._end_all()
        return 0

    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self.sock, self.wake_r], [], [])
            if self.wake_r in ready:
                os.read(self.wake_r, 4096)
                self._reap()
            if self.sock in ready:
                try:
                    data, fds, _flags, _addr = socket.recv_fds(self.sock, MAX_MESSAGE, 1)
                except OSError:
                    return
                if not data:
                    return  # the server closed its end
                self._handle(data, fds)

    def _handle(self, data: bytes, fds: list[int]) -> None:
        try:
            message = json.loads(data)
            op = message["op"]
        except (ValueError, KeyError, TypeError):
            op = None
        if op == "spawn" and len(fds) == 1:
            self._spawn(message, fds[0])
            return
        for fd in fds:
            os.close(fd)
        if op == "signal":
            pid, signum = message.get("pid"), message.get("signal")
            if pid in self.children and signum in ALLOWED_SIGNALS:
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    pass

    def _spawn(self, request: dict, slave_fd: int) -> None:
        gc.freeze()  # whatever the zygote allocated since: shared, never scanned by the child's GC
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                self.sock.close()
                signal.set_wakeup_fd(-1)
                os.close(self.wake_r)
                os.close(self.wake_w)
                for signum in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(signum, signal.SIG_DFL)
                from tutor.serve.session_child import run

                status = run(slave_fd, request, self.course, self.settings)
            except BaseException:  # noqa: BLE001 - never back into the zygote's loop
                status = 1
            finally:
                os._exit(status)
        os.close(slave_fd)
        self.children[pid] = request.get("id")
        self.send({"op": "spawned", "id": request.get("id"), "pid": pid})

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.children.pop(pid, None)
            self.send({"op": "exited", "pid": pid, "status": os.waitstatus_to_exitcode(status)})

    def _end_all(self) -> None:
        """The server is gone: hang up every session (each saves), then kill the rest."""
        for signum, wait in ((signal.SIGHUP, self.hangup_grace), (signal.SIGKILL, 5.0)):
            for pid in list(self.children):
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + wait
            while self.children and time.monotonic() < deadline:
                self._reap()
                time.sleep(0.05)


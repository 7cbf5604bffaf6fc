"""A real `tutor serve` for the tests: a subprocess on 127.0.0.1 and a free port, a class
directory with keys made for the occasion, and asyncssh's own client to log in."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncssh

READY = "listo:"
PORT_LINE = re.compile(r"escuchando en 127\.0\.0\.1:(\d+)")


class ClassServer:
    def __init__(self, root: Path, students: tuple[str, ...] = ("ana", "beto"), *, extra: tuple[str, ...] = ()):
        self.root = root
        (root / "alumnos").mkdir(parents=True, exist_ok=True)
        self.keys = {}
        for name in students:
            key = asyncssh.generate_private_key("ssh-ed25519")
            (root / "alumnos" / f"{name}.pub").write_bytes(key.export_public_key())
            self.keys[name] = key
        self.stranger = asyncssh.generate_private_key("ssh-ed25519")
        argv = [str(Path(sys.executable).with_name("tutor")), "serve", "--class", str(root), "--port", "0", *extra]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output: list[str] = []
        self.port = self._wait_ready()

    def _wait_ready(self) -> int:
        port = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("tutor serve ended:\n" + "".join(self.output))
            self.output.append(line)
            match = PORT_LINE.search(line)
            if match:
                port = int(match.group(1))
            if line.startswith(READY) and port:
                return port
        raise TimeoutError("".join(self.output))

    def log(self) -> str:
        return (self.root / "tutor-serve.log").read_text(encoding="utf-8")

    def log_lines(self, event: str, name: str) -> list[str]:
        return [line for line in self.log().splitlines() if f" {event} {name} " in line]

    async def logged(self, event: str, name: str, text: str, timeout: float = 10) -> str:
        """The log line `event name ... text`, waiting for it: the server writes a refusal
        when the connection closes, which may be just after the client gave up."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.log_lines(event, name) if text in line]
            if lines:
                return lines[-1]
            if time.monotonic() > deadline:
                raise AssertionError(f"no '{event} {name} ... {text}' in the log:\n{self.log()}")
            await asyncio.sleep(0.05)

    def session_pid(self, name: str) -> int:
        lines = self.log_lines("sesión", name)
        return int(re.search(r"pid (\d+)", lines[-1]).group(1))

    def progress_file(self, name: str) -> Path:
        return self.root / "progreso" / name / "progress.json"

    async def connect(self, name: str, *, key=None, password: str | None = None, **options):  # noqa: ANN001
        keys = [key or self.keys[name]] if password is None else None
        return await asyncssh.connect("127.0.0.1", self.port, username=name, client_keys=keys, password=password,
                                      known_hosts=None, agent_path=None, config=None,
                                      preferred_auth="password" if password is not None else "publickey",
                                      **options)

    def stop(self, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.append(self.process.stdout.read())
        return self.process.returncode


class Screen:
    """One session's pty output, read as it arrives; `wait_for` a text the student would see."""

    def __init__(self, process) -> None:  # noqa: ANN001 - an asyncssh SSHClientProcess
        self.process = process
        self.data = bytearray()

    async def wait_for(self, text: str, timeout: float = 60) -> None:
        needle = text.encode()
        deadline = time.monotonic() + timeout
        while needle not in self.data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{text!r} not on screen; got {self.text()[-1500:]!r}")
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), left)
            except asyncio.TimeoutError:
                continue
            if not chunk:
                raise EOFError(f"session ended before {text!r}; got {self.text()[-1500:]!r}")
            self.data += chunk

    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    def send(self, keys: str) -> None:
        self.process.stdin.write(keys.encode())


async def open_screen(conn, command: str | None = None, size=(80, 24)) -> Screen:  # noqa: ANN001
    process = await conn.create_process(command, term_type="xterm-256color", term_size=size, encoding=None)
    return Screen(process)


def wait_until(condition, timeout: float = 30, what: str = "") -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive for us
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False

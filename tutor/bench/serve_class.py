"""A real `tutor serve` for the benchmark: a class of keys in a temp dir, asyncssh clients
opening `lab compuerta-and` on a pty, each watched by what it shows (as a student sees it)."""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

from tutor.bench.app_session import LAB, LAB_EPOCHS, LAB_READY_MARKER, _rollup_kb

PORT_LINE = re.compile(r"escuchando en 127\.0\.0\.1:(\d+)")


class ServedClass:
    def __init__(self, students: int) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tutor-bench-class-"))
        (self.root / "alumnos").mkdir()
        self.names = [f"alumno{number:02d}" for number in range(students)]
        self.keys = {}
        for name in self.names:
            self.keys[name] = asyncssh.generate_private_key("ssh-ed25519")
            (self.root / "alumnos" / f"{name}.pub").write_bytes(self.keys[name].export_public_key())
        argv = [str(Path(sys.executable).with_name("tutor")), "serve", "--class", str(self.root), "--port", "0",
                "--seed", "1", "--max-sessions", str(students + 1)]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.port = self._wait_ready()
        self.ready_s = time.perf_counter() - self.started  # server start until sessions can fork

    def _wait_ready(self) -> int:
        port = None
        for line in self.process.stdout:
            match = PORT_LINE.search(line)
            port = int(match.group(1)) if match else port
            if line.startswith("listo:") and port:
                return port
        raise RuntimeError("tutor serve did not start")

    def session_pid(self, name: str) -> int:
        lines = [line for line in (self.root / "tutor-serve.log").read_text().splitlines()
                 if f" sesión {name} " in line]
        return int(re.search(r"pid (\d+)", lines[-1]).group(1))

    def zygote_pid(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return int(children[0])

    def close(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


class ServedStudent:
    """One asyncssh client in the lab; `seen(text)` waits until the pty output shows it."""

    def __init__(self, served: ServedClass, name: str) -> None:
        self.served, self.name = served, name
        self.conn = self.process = None
        self.data = bytearray()

    async def open_lab(self, columns: int = 80, rows: int = 24) -> float:
        """Connect, open the lab, step one epoch: seconds from connect to that epoch on screen."""
        started = time.perf_counter()
        self.conn = await asyncssh.connect("127.0.0.1", self.served.port, username=self.name,
                                           client_keys=[self.served.keys[self.name]], known_hosts=None,
                                           agent_path=None, config=None)
        self.process = await self.conn.create_process(f"lab {LAB}", term_type="xterm-256color",
                                                      term_size=(columns, rows), encoding=None)
        await self.seen(LAB_READY_MARKER)
        mark = len(self.data)
        self.process.stdin.write(b"e")
        await self.seen(f"Época 0 (1/{LAB_EPOCHS})", since=mark)
        return time.perf_counter() - started

    async def run_to_end(self) -> None:
        mark = len(self.data)
        self.process.stdin.write(b"x")
        await asyncio.sleep(0.5)
        self.process.stdin.write(b"r")
        await self.seen(f"({LAB_EPOCHS}/{LAB_EPOCHS})", since=mark, timeout=600)
        await asyncio.sleep(1.0)  # the last frame and the progress save

    async def seen(self, text: str, since: int = 0, timeout: float = 120) -> None:
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while self.data.find(needle, since) < 0:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{text!r} not seen by {self.name}")
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), left)
            except asyncio.TimeoutError:
                continue
            if not chunk:
                raise EOFError(f"{self.name}'s session ended")
            self.data += chunk

    async def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            await self.conn.wait_closed()


def unique_mb(pid: int) -> float:
    return _rollup_kb(pid, ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:")) / 1024


def resident_mb(pid: int) -> float:
    return _rollup_kb(pid, ("Rss:",)) / 1024

"""A session past its memory limit is hung up (it saves, its student is told); the rest go on."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from serve_harness import ClassServer, alive, open_screen, wait_until

from tutor.serve.memory_watch import MemoryWatch, private_mb


class _Channel:
    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.ending = False
        self.ended: list[tuple[str, str]] = []

    async def end(self, notice: str, reason: str) -> int:
        self.ending = True
        self.ended.append((notice, reason))
        return 0


class _Registry:
    def __init__(self, **channels: _Channel) -> None:
        self.by_name = channels


def _process(megabytes: int) -> subprocess.Popen:
    """A python process holding `megabytes` of its own memory, written (so resident)."""
    code = f"import time; b = b'x' * ({megabytes} << 20); print(flush=True); time.sleep(60)"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    process.stdout.readline()
    return process


async def test_only_the_session_past_the_limit_is_hung_up():
    hungry, modest = _process(200), _process(0)
    try:
        big, small = _Channel(hungry.pid), _Channel(modest.pid)
        assert private_mb(hungry.pid) > 200 > 100 > private_mb(modest.pid)
        MemoryWatch(_Registry(ana=big, beto=small), limit_mb=100).check()
        await asyncio.sleep(0)
        assert len(big.ended) == 1 and "memoria" in big.ended[0][1] and small.ended == []
        assert "pasó de 100 MB" in big.ended[0][0] and "tu progreso está guardado" in big.ended[0][0]
    finally:
        for process in (hungry, modest):
            process.kill()
            process.wait()
    assert private_mb(hungry.pid) is None


async def test_a_served_session_over_its_memory_is_saved_and_closed(tmp_path):
    server = ClassServer(tmp_path / "clase", ("ana",), extra=("--session-memory", "1"))
    try:
        async with await server.connect("ana") as conn:
            screen = await open_screen(conn, "--lesson conceptos")
            notice = await asyncio.wait_for(screen.process.stderr.read(), 30)
            await screen.process.wait_closed()
        assert b"pas\xc3\xb3 de 1 MB de memoria" in notice
        await server.logged("sale", "ana", "(límite 1 MB)")
        pid = server.session_pid("ana")
        await asyncio.to_thread(wait_until, lambda: not alive(pid), 10, "the session did not end")
        assert server.progress_file("ana").exists()
    finally:
        server.stop()

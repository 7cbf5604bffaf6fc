"""A session past its memory limit is hung up (it saves, its student is told); the rest go on."""

from __future__ import annotations

import asyncio
import os
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


async def test_only_the_session_past_the_limit_is_hung_up():
    hungry = subprocess.Popen([sys.executable, "-c", "import sys, time; b = b'x' * (200 << 20); "
                               "print(flush=True); time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        hungry.stdout.readline()  # its 200 MB are written
        big, small = _Channel(hungry.pid), _Channel(os.getpid())
        assert private_mb(hungry.pid) > 200
        MemoryWatch(_Registry(ana=big, beto=small), limit_mb=max(150, int(private_mb(os.getpid()) + 30))).check()
        await asyncio.sleep(0)
        assert len(big.ended) == 1 and "memoria" in big.ended[0][1] and small.ended == []
        assert "pasó de" in big.ended[0][0] and "tu progreso está guardado" in big.ended[0][0]
    finally:
        hungry.kill()
        hungry.wait()
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

"""Hostile clients once logged in: environment floods, request floods. The server serves the
whole class from one process: no client may grow it or flood the teacher's log."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest
from serve_harness import Screen


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def test_environment_requests_cannot_grow_the_server(class_server):
    flood = {f"X{i}": "v" * 30000 for i in range(2000)}  # 60 MB of env requests
    before = _rss_mb(class_server.process.pid)
    async with await class_server.connect("ana") as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(80, 24), encoding=None,
                                            env={**flood, "LANG": "es_ES.UTF-8"})
        screen = Screen(process)
        await screen.wait_for("Tu progreso")  # every env request was read before the session started
        grown = _rss_mb(class_server.process.pid) - before
        screen.send("q")
        await process.wait_closed()
    assert grown < 20, f"the server grew {grown:.0f} MB"


async def _refused_many_times(request, times: int = 40) -> None:  # noqa: ANN001
    for _ in range(times):
        with pytest.raises((asyncssh.ChannelOpenError, asyncssh.ChannelListenError, asyncssh.ConnectionLost,
                            asyncssh.DisconnectError, OSError)):
            await asyncio.wait_for(request(), 10)


async def test_a_flood_of_refused_requests_closes_the_connection_and_the_log_stays_short(class_server):
    lines_before = len(class_server.log_lines("rechaza", "beto"))
    async with await class_server.connect("beto") as conn:
        await _refused_many_times(lambda: conn.open_connection("127.0.0.1", 9))
        await asyncio.wait_for(conn.wait_closed(), 10)  # the server closed it
    await class_server.logged("rechaza", "beto", "10 peticiones rechazadas: se cierra la conexión")
    assert len(class_server.log_lines("rechaza", "beto")) - lines_before == 11


async def test_subsystem_requests_count_as_refused_requests(class_server):
    async with await class_server.connect("carla") as conn:
        await _refused_many_times(lambda: conn.create_process(subsystem="sftp"))
        await asyncio.wait_for(conn.wait_closed(), 10)
    await class_server.logged("rechaza", "carla", "peticiones rechazadas: se cierra la conexión")

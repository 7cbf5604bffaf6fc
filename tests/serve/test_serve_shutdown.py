"""SIGTERM on the server: every session saves, every student is told, the server exits 0."""

from __future__ import annotations

import asyncio
import signal

from serve_harness import ClassServer, alive, open_screen, wait_until


async def test_sigterm_saves_every_session_and_exits(tmp_path):
    server = ClassServer(tmp_path / "clase", ("ana", "beto"))
    try:
        async with await server.connect("ana") as ana, await server.connect("beto") as beto:
            ana_screen = await open_screen(ana, "--lesson conceptos")
            beto_screen = await open_screen(beto, "lab neurona-lineal")
            await ana_screen.wait_for("paso 1/")
            await beto_screen.wait_for("(0/51)")
            assert (server.root / ".sesiones.json").exists()  # who is connected, for `tutor class`
            await asyncio.to_thread(wait_until, lambda: all(server.progress_file(n).exists() for n in ("ana", "beto")),
                                    20, "the sessions did not save their position")
            pids = [server.session_pid("ana"), server.session_pid("beto")]
            inodes = [server.progress_file(name).stat().st_ino for name in ("ana", "beto")]

            server.process.send_signal(signal.SIGTERM)
            notices = await asyncio.gather(*(asyncio.wait_for(screen.process.stderr.read(), 30)
                                             for screen in (ana_screen, beto_screen)))
            status = await asyncio.to_thread(server.process.wait, 30)
    finally:
        server.stop()
    assert status == 0
    assert all("el servidor de la clase se detiene; tu progreso está guardado" in n.decode() for n in notices)
    assert not any(alive(pid) for pid in pids)
    assert all(server.progress_file(n).stat().st_ino != i for n, i in zip(("ana", "beto"), inodes))
    assert "2 sesiones guardadas y cerradas" in server.log()
    assert not (server.root / ".sesiones.json").exists()

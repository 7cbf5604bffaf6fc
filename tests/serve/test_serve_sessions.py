"""Sessions: a dropped client ends its own session after saving, students stay apart, a
second login takes over, and the window size follows the client."""

from __future__ import annotations

import asyncio
import json

from serve_harness import alive, open_screen, wait_until


def _saved(class_server, name):  # noqa: ANN001
    return json.loads(class_server.progress_file(name).read_text(encoding="utf-8"))


async def test_a_dropped_connection_ends_its_session_and_saves(class_server):
    async with await class_server.connect("beto") as other:  # another student, who goes on
        other_screen = await open_screen(other)
        await other_screen.wait_for("Tu progreso")

        conn = await class_server.connect("ana")
        screen = await open_screen(conn, "lab compuerta-and --init notebook")
        await screen.wait_for("(0/2000) · lr 0.1")
        screen.send("e")
        await screen.wait_for("Época 0 (1/2000)")
        pid = class_server.session_pid("ana")
        # The lab reports its epochs to the app at most every 2 s; wait for that save, then drop.
        await asyncio.to_thread(wait_until, lambda: (_saved(class_server, "ana")["lessons"]["compuerta-and"]
                                                     .get("lab") or {}).get("epochs_run"), 20, "no lab save")
        before = class_server.progress_file("ana").stat().st_ino
        conn.abort()  # the TCP link just goes (killed ssh): no goodbye

        await asyncio.to_thread(wait_until, lambda: not alive(pid), 20, "the session process did not end")
        await asyncio.to_thread(wait_until, lambda: class_server.log_lines("sale", "ana"), 10, "no log line")
        assert "se cortó la conexión" in class_server.log_lines("sale", "ana")[-1]
        assert class_server.progress_file("ana").stat().st_ino != before  # written again on the way out
        assert _saved(class_server, "ana")["position"]["lesson"] == "compuerta-and"

        other_screen.send("g")  # the other student's session is still there
        await other_screen.wait_for("Glosario")
        assert alive(class_server.session_pid("beto"))
        other_screen.send("q")


async def test_two_students_progress_stay_apart(class_server):
    async with await class_server.connect("eva") as eva, await class_server.connect("dani") as dani:
        eva_screen = await open_screen(eva, "--lesson glosario")
        dani_screen = await open_screen(dani, "lab neurona-lineal")
        await eva_screen.wait_for("Glosario")
        await dani_screen.wait_for("(0/51)")
        for screen in (eva_screen, dani_screen):
            screen.send("q")
            await screen.process.wait_closed()
    eva_saved, dani_saved = _saved(class_server, "eva"), _saved(class_server, "dani")
    assert (eva_saved["student"], eva_saved["position"]["lesson"]) == ("eva", "glosario")
    assert (dani_saved["student"], dani_saved["position"]["lesson"]) == ("dani", "neurona-lineal")
    assert "neurona-lineal" not in eva_saved["lessons"]
    assert "glosario" not in dani_saved["lessons"]


async def test_a_second_login_takes_over_after_the_first_saved(class_server):
    async with await class_server.connect("carla") as first:
        first_screen = await open_screen(first, "--lesson conceptos")
        await first_screen.wait_for("paso 1/")
        first_pid = class_server.session_pid("carla")
        async with await class_server.connect("carla") as second:
            second_screen = await open_screen(second)
            await second_screen.wait_for("Tu progreso")
            notice = await asyncio.wait_for(first_screen.process.stderr.read(), 20)
            await first_screen.process.wait_closed()
            assert "has entrado desde otra conexión" in notice.decode()
            assert not alive(first_pid)
            assert class_server.session_pid("carla") != first_pid
            await second_screen.wait_for("Continuar")  # the first session's position was saved and loaded
            second_screen.send("q")
            await second_screen.process.wait_closed()
    assert class_server.log_lines("relevo", "carla")


async def test_the_window_size_follows_the_client(class_server):
    async with await class_server.connect("gabi") as conn:  # new: no "Continuar" row naming a lesson
        screen = await open_screen(conn, size=(60, 24))
        await screen.wait_for("Tu progreso")
        assert "(y = wx + b)" not in screen.text()  # the title wraps at 60 columns
        screen.process.change_terminal_size(130, 30)
        await screen.wait_for("Una neurona simple (y = wx + b)")
        screen.send("q")
        await screen.process.wait_closed()

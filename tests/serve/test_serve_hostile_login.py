"""Hostile clients before and during login: a student who changes user name mid-login, sockets
held open to fill the server, unreadable key files, and class-code guessing."""

from __future__ import annotations

import asyncio
import os
import socket

import asyncssh
import pytest
from serve_harness import open_screen

from tutor.serve.gate import IDLE_GRACE

STRANGER = asyncssh.generate_private_key("ssh-ed25519")


async def _login_switching_name(class_server, first: str, then: str, key):  # noqa: ANN001
    """Offer a stranger's key as `first` (the server reads first's keys), then `key` as `then`.
    RFC 4252 lets a client change its user name between attempts; asyncssh's client does not,
    so the test sets the name its next request carries."""

    class Switching(asyncssh.SSHClient):
        offered = 0

        def connection_made(self, conn) -> None:  # noqa: ANN001
            self.conn = conn

        def public_key_auth_requested(self):  # noqa: ANN201
            Switching.offered += 1
            if Switching.offered == 1:
                return STRANGER
            if Switching.offered == 2:
                self.conn._username = then  # noqa: SLF001 - a hostile client, on purpose
                return key
            return None

    return await asyncssh.connect("127.0.0.1", class_server.port, username=first, client_factory=Switching,
                                  known_hosts=None, agent_path=None, config=None, client_keys=None,
                                  preferred_auth="publickey")


async def test_a_student_cannot_become_another_by_changing_name_mid_login(class_server):
    with pytest.raises(asyncssh.PermissionDenied):
        await _login_switching_name(class_server, "ana", "beto", class_server.keys["ana"])
    ana_print = class_server.keys["ana"].get_fingerprint("sha256")
    assert not [line for line in class_server.log_lines("entra", "beto") if ana_print in line]
    # and the other way round a name changed to one's own still works: only keys decide
    async with await _login_switching_name(class_server, "beto", "ana", class_server.keys["ana"]) as conn:
        assert conn.get_extra_info("username") == "ana"


async def test_sockets_that_never_say_a_name_cannot_lock_the_class_out(class_server):
    lines_before = len(class_server.log().splitlines())
    idle = [socket.create_connection(("127.0.0.1", class_server.port)) for _ in range(80)]
    try:
        await asyncio.sleep(IDLE_GRACE + 0.5)  # a real client says its name long before
        async with await asyncio.wait_for(class_server.connect("ana"), 20) as conn:
            assert conn.get_extra_info("username") == "ana"
    finally:
        for sock in idle:
            sock.close()
    await asyncio.sleep(0.5)
    nameless = [line for line in class_server.log().splitlines()[lines_before:] if " rechaza - " in line]
    assert 1 <= len(nameless) <= 2  # not one line per socket: "(y N conexiones más así ...)"


def _fifo_key(class_server, name: str) -> None:  # noqa: ANN001
    os.mkfifo(class_server.root / "alumnos" / f"{name}.pub")


async def test_a_key_file_that_is_a_fifo_or_a_link_loop_is_refused_and_said(class_server):
    _fifo_key(class_server, "hugo")
    (class_server.root / "alumnos" / "iris.pub").symlink_to("iris.pub")
    for name in ("hugo", "iris"):
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncio.wait_for(class_server.connect(name, key=STRANGER), 20)
    await class_server.logged("rechaza", "hugo", "no se pudo leer alumnos/hugo.pub: no es un archivo normal")
    await class_server.logged("rechaza", "iris", "no se pudo leer alumnos/iris.pub: demasiados enlaces")
    async with await asyncio.wait_for(class_server.connect("ana"), 20):  # the server never blocked
        pass


async def test_the_code_does_not_open_a_name_whose_key_link_is_broken(class_server):
    (class_server.root / "alumnos" / "juan.pub").symlink_to("/nonexistent/juan.pub")
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect("juan", password="clase-secreta")
    await class_server.logged("rechaza", "juan", "entra con su clave")
    assert not (class_server.root / "progreso" / "juan").exists()


def _guesser(guesses: list[str]) -> type:
    class Guesser(asyncssh.SSHClient):
        def password_auth_requested(self):  # noqa: ANN201
            if len(guesses) >= 6:
                return None
            guesses.append(f"intento-{len(guesses)}")
            return guesses[-1]

    return Guesser


@pytest.mark.parametrize("name", ["beto", "nadie", "../x"])  # a key holder, a free name, a bad name
async def test_every_name_gets_the_same_three_wrong_codes(class_server, name):
    guesses: list[str] = []
    with pytest.raises((asyncssh.PermissionDenied, asyncssh.ConnectionLost, asyncssh.DisconnectError)):
        await asyncssh.connect("127.0.0.1", class_server.port, username=name, client_factory=_guesser(guesses),
                               known_hosts=None, agent_path=None, config=None, client_keys=None,
                               preferred_auth="password")
    assert len(guesses) == 3  # the third closes the connection, whoever the name is


async def test_a_session_runs_in_its_students_folder(class_server):
    async with await class_server.connect("carla") as conn:
        screen = await open_screen(conn)
        await screen.wait_for("Tu progreso")
        pid = class_server.session_pid("carla")
        assert os.readlink(f"/proc/{pid}/cwd") == str(class_server.root / "progreso" / "carla")
        screen.send("q")
        await screen.process.wait_closed()

"""Who gets in: a listed key, or the class code for a name without a key; nobody else."""

from __future__ import annotations

import asyncssh
import pytest
from serve_harness import open_screen

from tutor.serve.client_input import printable


async def test_a_listed_key_gets_the_home_screen(class_server):
    async with await class_server.connect("ana") as conn:
        screen = await open_screen(conn)
        await screen.wait_for("Tu progreso")
        await screen.wait_for("ana")  # the header names the student
        screen.send("q")
        assert await screen.process.wait_closed() is None
    assert class_server.log_lines("entra", "ana")[-1].endswith(
        class_server.keys["ana"].get_fingerprint("sha256"))


async def test_an_unknown_key_is_refused(class_server):
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect("ana", key=class_server.stranger)
    await class_server.logged("rechaza", "ana", "clave no autorizada")


async def test_a_name_with_no_key_file_is_refused(class_server):
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect("zoe", key=class_server.stranger)
    await class_server.logged("rechaza", "zoe", "sin clave")


@pytest.mark.parametrize("name", ["../ana", ".hidden", "-oProxyCommand", "a" * 40, "ana/beto", "añ"])
async def test_a_bad_name_is_refused_even_with_a_listed_key_and_the_code(class_server, name):
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect(name, key=class_server.keys["ana"])
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect(name, password="clase-secreta")
    await class_server.logged("rechaza", printable(name), "nombre no válido")
    assert not (class_server.root / "progreso" / name).exists()


async def test_a_wrong_code_is_refused(class_server):
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect("fede", password="clase-secret")
    await class_server.logged("rechaza", "fede", "código incorrecto")


async def test_the_code_lets_in_a_name_without_a_key(class_server):
    async with await class_server.connect("fede", password="clase-secreta") as conn:
        screen = await open_screen(conn)
        await screen.wait_for("Tu progreso")
        screen.send("q")
        await screen.process.wait_closed()
    assert class_server.log_lines("entra", "fede")[-1].endswith("código de clase")


async def test_the_code_does_not_open_a_student_who_has_a_key(class_server):
    with pytest.raises(asyncssh.PermissionDenied):
        await class_server.connect("beto", password="clase-secreta")
    await class_server.logged("rechaza", "beto", "entra con su clave")
